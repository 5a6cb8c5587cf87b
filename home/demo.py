"""Demo content of the home app: home pages, About, Supporters, Legal, Acknowledgements, RSS help.

Texts come from the seed documents: the Turkmen Covenant supporters page, the Muğla brief on the
NetZeroCities Twinning Learning Programme and the TWIN newsletter's funding notice, each with an
English version (the source locale) and translations through wagtail-localize.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Page, Site

from core.translation import translate

from .models import FeedsPage, Footer, HomePage, MainMenu, SitemapPage, SiteSettings, StandardPage

HOME = {
    "title": "Home",
    "hero_title": "Cities and regions acting together for climate and energy",
    "hero_text": (
        "Local authorities commit to climate targets; associations, regions and agencies help them get there. "
        "Follow their news, their agenda and their progress."
    ),
}
HOME_TRANSLATIONS = {
    "tr": {
        "Home": "Ana sayfa",
        HOME["hero_title"]: "İklim ve enerji için birlikte hareket eden şehirler ve bölgeler",
        HOME["hero_text"]: (
            "Yerel yönetimler iklim hedeflerine bağlanır; birlikler, bölgeler ve ajanslar bu hedeflere ulaşmalarına "
            "yardım eder. Haberlerini, etkinliklerini ve ilerlemelerini takip edin."
        ),
    },
    "tk": {
        "Home": "Baş sahypa",
        HOME["hero_title"]: "Howa we energiýa üçin bilelikde hereket edýän şäherler we sebitler",
        HOME["hero_text"]: (
            "Ýerli häkimiýetler howa maksatlaryna borçlanýarlar; birleşmeler, sebitler we agentlikler olara kömek "
            "edýärler. Olaryň täzeliklerini, gün tertibini we ösüşini yzarlaň."
        ),
    },
    "ru": {
        "Home": "Главная",
        HOME["hero_title"]: "Города и регионы вместе действуют ради климата и энергии",
        HOME["hero_text"]: (
            "Местные власти берут на себя климатические обязательства; ассоциации, регионы и агентства помогают им "
            "их выполнить. Следите за их новостями, мероприятиями и прогрессом."
        ),
    },
}

ABOUT = {
    "slug": "about",
    "title": "About the network",
    "introduction": (
        "The network brings together local authorities that commit to climate and energy targets, and the "
        "associations, regions and agencies that support them."
    ),
    "paragraphs": [
        "Signatories are municipalities and provinces that adopt a target, prepare an action plan and report on "
        "their progress.",
        "Supporters are networks and associations of local authorities. Their knowledge of local and national "
        "issues makes them intermediaries between the network's office and the signatories.",
    ],
}
ABOUT_TRANSLATIONS = {
    "tr": {
        "about": "hakkimizda",
        "About the network": "Ağ hakkında",
        ABOUT["introduction"]: (
            "Ağ, iklim ve enerji hedeflerine bağlanan yerel yönetimleri ve onları destekleyen birlikleri, bölgeleri "
            "ve ajansları bir araya getirir."
        ),
        ABOUT["paragraphs"][0]: (
            "İmzacılar, bir hedef benimseyen, eylem planı hazırlayan ve ilerlemelerini raporlayan belediyeler ve "
            "il özel idareleridir."
        ),
        ABOUT["paragraphs"][1]: (
            "Destekçiler, yerel yönetim ağları ve birlikleridir. Yerel ve ulusal konulardaki bilgileri onları ağın "
            "ofisi ile imzacılar arasında aracı yapar."
        ),
    },
    "tk": {
        "about": "barada",
        "About the network": "Arabaglanyşyk barada",
        ABOUT["introduction"]: (
            "Arabaglanyşyk howa we energiýa maksatlaryna borçlanýan ýerli häkimiýetleri we olary goldaýan "
            "birleşmeleri, sebitleri we agentlikleri birleşdirýär."
        ),
        ABOUT["paragraphs"][0]: (
            "Gol çekenler maksat kabul edýän, hereket meýilnamasyny taýýarlaýan we ösüşi barada hasabat berýän "
            "şäherler we welaýatlardyr."
        ),
        ABOUT["paragraphs"][1]: (
            "Goldaýjylar ýerli häkimiýetleriň arabaglanyşyklary we birleşmeleridir. Ýerli we döwlet derejesindäki "
            "meseleler barada maglumatlary olary dolandyryş merkezi bilen gol çekenleriň arasynda araçy edýär."
        ),
    },
    "ru": {
        "about": "o-seti",
        "About the network": "О сети",
        ABOUT["introduction"]: (
            "Сеть объединяет местные власти, взявшие на себя обязательства в области климата и энергии, а также "
            "поддерживающие их ассоциации, регионы и агентства."
        ),
        ABOUT["paragraphs"][0]: (
            "Подписанты — это муниципалитеты и провинции, которые принимают цель, готовят план действий и "
            "отчитываются о прогрессе."
        ),
        ABOUT["paragraphs"][1]: (
            "Сторонники — это сети и ассоциации местных властей. Знание местных и национальных вопросов делает их "
            "посредниками между офисом сети и подписантами."
        ),
    },
}

# The seed page covenant-supporters.tk.txt, in English (source) and in its original Turkmen.
SUPPORTERS = {
    "slug": "becoming-a-supporter",
    "title": "Becoming a supporter",
    "introduction": (
        "Networks and associations of local authorities are key supporters of the growth and promotion of the "
        "Covenant. Their detailed knowledge of local and national issues makes them intermediaries between the "
        "Covenant office and the signatories."
    ),
    "sections": [
        (
            "Who can join?",
            [
                "Networks and associations of local and regional authorities take part as Covenant supporters. They "
                "commit to promote the Covenant among their members, guide them in joining it and facilitate the "
                "sharing of experience."
            ],
        ),
        (
            "What are their commitments?",
            [
                "<ul><li>Promote the Covenant and support the members that sign it;</li>"
                "<li>Make public that they have adopted the Covenant as an important part of their policy;</li>"
                "<li>Facilitate the sharing of experience between signatories and candidate cities;</li>"
                "<li>Act as intermediary between their members, the Covenant office and the national or regional "
                "press;</li>"
                "<li>Identify synergies with relevant activities and initiatives at national or regional level;</li>"
                "<li>Give periodic feedback on their members that joined the Covenant and on the services they "
                "offer as supporters.</li></ul>",
                "If there is no action or the commitments are not met, the European Commission has the right to "
                "withdraw the supporter status of the region or province.",
            ],
        ),
        (
            "How to apply?",
            [
                "<ul><li>Fill in the online expression-of-interest form;</li>"
                "<li>Once eligibility is confirmed, fill in the agreement form, to be signed by the European "
                "Commission;</li>"
                "<li>Once it is created by the Covenant office, update the new online profile with detailed "
                "information on the services and support offered to signatories.</li></ul>"
            ],
        ),
        (
            "Why join?",
            [
                "<ul><li>Promote the best practices of their members;</li>"
                "<li>Support their members' activities on sustainable energy;</li>"
                "<li>Show their services to a wide public;</li>"
                "<li>Share experience with other groupings and find new partners;</li>"
                "<li>Encouragement and recognition by the European Commission;</li>"
                "<li>Wide visibility of their major Covenant-related events;</li>"
                "<li>Grow their membership;</li>"
                "<li>Take part in dedicated consultation groups, working centres and other experience-sharing "
                "platforms.</li></ul>"
            ],
        ),
    ],
}
SUPPORTERS_TRANSLATIONS = {
    "tk": {
        "becoming-a-supporter": "goldayjy-bolmak",
        "Becoming a supporter": "Bileleşigi goldaýjy bolmak",
        SUPPORTERS["introduction"]: (
            "Ýerli häkimiýetleriň arabaglanyşyklary we birleşmeleri Şäher häkimleriniň bileleşiginiň ösmeginiň we "
            "wagyz edilmeginiň esasy goldaýjylarydyr. Ýerli we döwlet derejesindäki meseleler barada giňişleýin "
            "maglumata eýe bolmaklary olary Şäher häkimleriniň bileleşiginiň dolandyryş merkezi bilen bileleşige "
            "gol çekenleriň arasynda araçy edip goýýar."
        ),
        "Who can join?": "Kim goşulyp biler?",
        SUPPORTERS["sections"][0][1][0]: (
            "Ýerli we sebit häkimiýetleriniň arabaglanyşyklary we birleşmeleri Bileleşigi goldaýjylar hökmünde "
            "gatnaşýarlar. Şeýlelik bilen, olar öz agzalarynyň arasynda Şäher häkimleriniň bileleşigini wagyz "
            "etmäge, bileleşige goşulmakda olara ýol görkezmäge we tejribeleri paýlaşmagy ýeňilleşdirmäge "
            "borçlanýarlar."
        ),
        "What are their commitments?": "Borçnamalary nämeler?",
        "Promote the Covenant and support the members that sign it;": (
            "Şäher häkimleriniň bileleşigini wagyz etmek we bileleşige gol çekýän agzalaryna goldaw bermek;"
        ),
        "Make public that they have adopted the Covenant as an important part of their policy;": (
            "Şäher häkimleriniň bileleşigini öz syýasatlarynyň möhüm bölegi hökmünde kabul edýändigini halk "
            "köpçüligine mälim etmek;"
        ),
        "Facilitate the sharing of experience between signatories and candidate cities;": (
            "Bileleşige gol çekenler we dalaşgär şäherler arasynda tejribe paýlaşylmagyny ýeňilleşdirmek;"
        ),
        "Act as intermediary between their members, the Covenant office and the national or regional press;": (
            "Öz agzalary, CoMO we döwlet/sebit metbugaty arasynda araçy bolmak;"
        ),
        "Identify synergies with relevant activities and initiatives at national or regional level;": (
            "Döwlet ýa-da sebit derejelerinde degişli çäreler we başlangyçlar bilen ugurdaşlyklary kesgitlemek;"
        ),
        "Give periodic feedback on their members that joined the Covenant and on the services they offer as "
        "supporters.": (
            "Şäher häkimleriniň bileleşigine goşulan agzalary hakda, şeýle hem, Bileleşigi goldaýjy hökmünde "
            "berýän hyzmatlary hakda belli wagtlarda seslenme bermek."
        ),
        SUPPORTERS["sections"][1][1][1]: (
            "Herekete geçilmese ýa-da borçnamalara amal edilmese, Ýewropa Topary sebitiň ýa-da welaýatyň "
            "Bileleşigi goldaýjy derejesini saklamaga hukugy bardyr."
        ),
        "How to apply?": "Nädip ýüz tutmaly?",
        "Fill in the online expression-of-interest form;": "Onlaýn gyzyklanma maglumatnamasyny doldurmaly;",
        "Once eligibility is confirmed, fill in the agreement form, to be signed by the European Commission;": (
            "Goşulyp biljekdigi tassyklanandan soň Ýewropa Topary tarapyndan gol çekiljek ylalaşyk "
            "maglumatnamasyny doldurmaly;"
        ),
        "Once it is created by the Covenant office, update the new online profile with detailed information on "
        "the services and support offered to signatories.": (
            "Şäher häkimleriniň bileleşiginiň dolandyryş merkezi tarapyndan döredilensoň, gol çekenlere bermegi "
            "maksat edinýän hyzmatlary we goldawy barada giňişleýin maglumat bermek bilen täze döredilen onlaýn "
            "profillerini täzelemeli."
        ),
        "Why join?": "Näme üçin gatnaşmaly?",
        "Promote the best practices of their members;": "Agzalarynyň iň oňat amallaryny wagyz etmek;",
        "Support their members' activities on sustainable energy;": (
            "Durnukly energiýa boýunça agzalarynyň işjeňliklerine ýaran bolmak;"
        ),
        "Show their services to a wide public;": "Hyzmatlaryny giň halk köpçüligine görkezmek;",
        "Share experience with other groupings and find new partners;": (
            "Tejribelerini başga toparlanyşyklar bilen paýlaşmak we täze hyzmatdaşlar edinmek;"
        ),
        "Encouragement and recognition by the European Commission;": (
            "Ýewropa Topary tarapyndan höweslendirme we kabul edilmek;"
        ),
        "Wide visibility of their major Covenant-related events;": (
            "Bileleşik bilen baglanyşykly iri çäreleriniň giňden tanalmagyny gazanmak;"
        ),
        "Grow their membership;": "Agzalarynyň sanyny köpeltmek;",
        "Take part in dedicated consultation groups, working centres and other experience-sharing platforms.": (
            "Ýörite maslahatlaşma toparlaryna, iş merkezlerine we beýleki tejribe paýlaşmak platformalaryna gatnaşmak."
        ),
    },
}

LEGAL = {
    "slug": "legal",
    "title": "Legal notice",
    "introduction": "Who publishes this site, how we handle personal data, and the terms of reuse of its content.",
    "paragraphs": [
        "Personal data sent through the forms of this site (expressions of interest, newsletter subscriptions) is "
        "used only for the purpose stated on each form and is deleted on request.",
        "Texts may be reused with attribution. Images and documents may carry their own licences.",
    ],
}
LEGAL_TRANSLATIONS = {
    "tr": {
        "legal": "yasal-uyari",
        "Legal notice": "Yasal uyarı",
        LEGAL["introduction"]: (
            "Bu siteyi kimin yayımladığı, kişisel verileri nasıl işlediğimiz ve içeriğin yeniden kullanım koşulları."
        ),
        LEGAL["paragraphs"][0]: (
            "Bu sitenin formlarıyla gönderilen kişisel veriler (ilgi beyanları, bülten abonelikleri) yalnızca her "
            "formda belirtilen amaçla kullanılır ve talep üzerine silinir."
        ),
        LEGAL["paragraphs"][1]: (
            "Metinler kaynak gösterilerek yeniden kullanılabilir. Görseller ve belgeler kendi lisanslarına tabi olabilir."
        ),
    },
    "tk": {
        "legal": "kanuny",
        "Legal notice": "Kanuny",
        LEGAL["introduction"]: (
            "Bu sahypany kim neşir edýär, şahsy maglumatlary nähili işleýäris we mazmuny gaýtadan ulanmagyň şertleri."
        ),
        LEGAL["paragraphs"][0]: (
            "Bu sahypanyň formalary arkaly iberilen şahsy maglumatlar diňe her formada görkezilen maksat üçin "
            "ulanylýar we haýyş boýunça pozulýar."
        ),
        LEGAL["paragraphs"][1]: (
            "Tekstler çeşmesi görkezilip gaýtadan ulanylyp bilner. Suratlaryň we resminamalaryň öz ygtyýarnamalary "
            "bolup biler."
        ),
    },
    "ru": {
        "legal": "pravovaya-informaciya",
        "Legal notice": "Правовая информация",
        LEGAL["introduction"]: (
            "Кто публикует этот сайт, как мы обращаемся с персональными данными и на каких условиях можно повторно "
            "использовать материалы."
        ),
        LEGAL["paragraphs"][0]: (
            "Персональные данные, отправленные через формы сайта (заявки, подписка на рассылку), используются "
            "только для цели, указанной в каждой форме, и удаляются по запросу."
        ),
        LEGAL["paragraphs"][1]: (
            "Тексты можно использовать повторно со ссылкой на источник. Изображения и документы могут иметь "
            "собственные лицензии."
        ),
    },
}

ACKNOWLEDGEMENTS = {
    "slug": "acknowledgements",
    "title": "Acknowledgements",
    "introduction": "This site carries the work of many partners.",
    "paragraphs": [
        "Project news is taken from the TWIN management information system. The Turkey-EU Town Twinning project "
        "(TWIN) and the NetZeroCities Twinning Learning Programme are supported by the European Union.",
        "We thank the Union of Provinces (Vilayetler Birliği), the Union of Municipalities of Turkey (Türkiye "
        "Belediyeler Birliği) and Muğla Metropolitan Municipality for their texts.",
    ],
}
ACKNOWLEDGEMENTS_TRANSLATIONS = {
    "tr": {
        "acknowledgements": "tesekkurler",
        "Acknowledgements": "Teşekkürler",
        ACKNOWLEDGEMENTS["introduction"]: "Bu site birçok ortağın emeğini taşır.",
        ACKNOWLEDGEMENTS["paragraphs"][0]: (
            "Proje haberleri TWIN MIS sisteminden alınmıştır. Türkiye ve Avrupa Birliği Arasında Şehir Eşleştirme "
            "Projesi (TWIN) ve NetZeroCities Twinning Learning Programme Avrupa Birliği tarafından desteklenmektedir."
        ),
        ACKNOWLEDGEMENTS["paragraphs"][1]: (
            "Metinleri için Vilayetler Birliği'ne, Türkiye Belediyeler Birliği'ne ve Muğla Büyükşehir Belediyesi'ne "
            "teşekkür ederiz."
        ),
    },
    "tk": {
        "acknowledgements": "minnetdarlyk",
        "Acknowledgements": "Minnetdarlyk",
        ACKNOWLEDGEMENTS["introduction"]: "Bu sahypa köp hyzmatdaşyň zähmetini öz içine alýar.",
        ACKNOWLEDGEMENTS["paragraphs"][0]: (
            "Taslama täzelikleri TWIN dolandyryş maglumat ulgamyndan alyndy. Türkiýe we Ýewropa Bileleşigi "
            "arasynda şäherleri jübütleşdirmek taslamasy (TWIN) we NetZeroCities jübütleşdirme okuw maksatnamasy "
            "Ýewropa Bileleşigi tarapyndan goldanylýar."
        ),
        ACKNOWLEDGEMENTS["paragraphs"][1]: (
            "Tekstleri üçin Welaýatlar birleşigine (Vilayetler Birliği), Türkiýäniň Häkimlikler birleşigine "
            "(Türkiye Belediyeler Birliği) we Muğla uly şäher häkimligine minnetdarlyk bildirýäris."
        ),
    },
    "ru": {
        "acknowledgements": "blagodarnosti",
        "Acknowledgements": "Благодарности",
        ACKNOWLEDGEMENTS["introduction"]: "Этот сайт отражает работу многих партнёров.",
        ACKNOWLEDGEMENTS["paragraphs"][0]: (
            "Новости проектов взяты из информационной системы управления TWIN. Проект побратимства городов Турции "
            "и ЕС (TWIN) и программа NetZeroCities Twinning Learning Programme поддерживаются Европейским союзом."
        ),
        ACKNOWLEDGEMENTS["paragraphs"][1]: (
            "Благодарим Союз провинций (Vilayetler Birliği), Союз муниципалитетов Турции (Türkiye Belediyeler "
            "Birliği) и муниципалитет Муглы за их тексты."
        ),
    },
}

# The Muğla brief (netzerocities-twinning.tr.txt): Turkish original, English source version.
NETZEROCITIES = {
    "slug": "netzerocities-twinning",
    "title": "NetZeroCities Twinning Learning Programme",
    "introduction": (
        "An EU-supported programme that encourages cities to share knowledge and experience on fighting climate "
        "change, sustainability and climate neutrality."
    ),
    "paragraphs": [
        "Selected cities are paired with pioneering \u201cMission Cities\u201d; technical visits, joint workshops "
        "and action plan development are carried out. The costs of all activities throughout the programme are "
        "covered by the European Union.",
        "Action plans, technical visits and workshops will launch innovative practices in sustainable energy, "
        "green transport, disaster resilience, water management and nature-based solutions.",
        "Example: Menteşe Municipality applied to the programme and was paired with the city of Elbasan in "
        "Albania. Good practice and experience have been shared between the two municipalities, and the "
        "programme continues.",
    ],
}
NETZEROCITIES_TRANSLATIONS = {
    "tr": {
        "netzerocities-twinning": "netzerocities-eslestirme",
        "NetZeroCities Twinning Learning Programme": "NetZeroCities Twinning Learning Programme Hakkında",
        NETZEROCITIES["introduction"]: (
            "NetZeroCities Twinning Learning Programme, Avrupa Birliği tarafından desteklenen ve şehirler arasında "
            "iklim değişikliğiyle mücadele, sürdürülebilirlik ve iklim nötrlüğüne yönelik bilgi ve deneyim "
            "paylaşımını teşvik eden bir programdır."
        ),
        NETZEROCITIES["paragraphs"][0]: (
            "Seçilen şehirler, öncü \u201cMisyon Şehirleri\u201d ile eşleştirilmekte; teknik ziyaretler, ortak "
            "atölyeler ve eylem planı geliştirme çalışmaları yürütülmektedir. Tüm program süresince yapılacak "
            "faaliyetlerin masrafları Avrupa Birliği tarafından karşılanmaktadır."
        ),
        NETZEROCITIES["paragraphs"][1]: (
            "Program kapsamında geliştirilecek eylem planları, teknik ziyaretler ve atölye çalışmalarıyla, "
            "sürdürülebilir enerji, yeşil ulaşım, afet dayanıklılığı, su yönetimi, doğa temelli çözümler gibi "
            "konularda yenilikçi uygulamalar başlatılacaktır."
        ),
        NETZEROCITIES["paragraphs"][2]: (
            "Örnek uygulama: Geçtiğimiz dönemde Menteşe Belediyesi bu programa başvuruda bulunmuş ve Arnavutluk'un "
            "Elbasan şehriyle eşleşmiştir. Program kapsamında iki belediye arasında iyi uygulama ve deneyim "
            "paylaşımı sağlanmış ve program süreci devam etmektedir."
        ),
    },
}

FEEDS = {"slug": "rss-help", "title": "RSS help", "introduction": "Follow the network in your feed reader or calendar."}
FEEDS_TRANSLATIONS = {
    "tr": {
        "rss-help": "rss-yardim",
        "RSS help": "RSS yardım",
        FEEDS["introduction"]: "Ağı haber okuyucunuzdan veya takviminizden takip edin.",
    },
    "tk": {
        "rss-help": "rss-komek",
        "RSS help": "RSS kömek",
        FEEDS["introduction"]: "Täzelikleri göni wagtynda almak üçin RSS beýanlaryny ulanyň.",
    },
    "ru": {
        "rss-help": "rss-pomoshch",
        "RSS help": "Помощь по RSS",
        FEEDS["introduction"]: "Следите за сетью в программе чтения лент или в календаре.",
    },
}

SITEMAP = {"slug": "sitemap", "title": "Sitemap"}
SITEMAP_TRANSLATIONS = {
    "tr": {"sitemap": "site-haritasi", "Sitemap": "Site haritası"},
    "tk": {"sitemap": "sahypanyn-kartasy", "Sitemap": "Sahypanyň kartasy"},
    "ru": {"sitemap": "karta-saita", "Sitemap": "Карта сайта"},
}

FUNDING_DISCLAIMER = (
    "This publication was produced with the financial support of the European Union. Its contents are the sole "
    "responsibility of the network and do not necessarily reflect the views of the European Union."
)
FOOTER_TRANSLATIONS = {
    "tr": {
        FUNDING_DISCLAIMER: (
            "Bu yayın Avrupa Birliği'nin mali desteğiyle hazırlanmıştır. Yayının içeriğinden yalnızca ağ sorumlu "
            "olup hiçbir şekilde Avrupa Birliği'nin görüşlerini yansıtmamaktadır."
        )
    },
    "tk": {
        FUNDING_DISCLAIMER: (
            "Ýewropa Toparynyň maliýe goldawy bilen taýýarlandy. Web sahypasy Şäher häkimleriniň bileleşigi "
            "dolandyryş merkezleri tarapyndan utgaşdyrylýar."
        )
    },
    "ru": {
        FUNDING_DISCLAIMER: (
            "Эта публикация подготовлена при финансовой поддержке Европейского союза. Ответственность за её "
            "содержание несёт исключительно сеть, и оно не обязательно отражает позицию Европейского союза."
        )
    },
}

# The home page's body: the front door (key figures, news, events, the map, calls to action), then
# the ways into the network that no block covers, linked once every section exists.
HOME_HIGHLIGHTS = [
    {
        "slug": "signatories",
        "title": "Signatories",
        "text": (
            "Municipalities and provinces that commit to climate targets: their action plans, their emissions and "
            "their progress."
        ),
        "label": "Explore the signatories",
    },
    {
        "slug": "partner-finder",
        "title": "Find a twinning partner",
        "text": (
            "Local authorities looking for partners to share know-how on energy, transport, water and resilience."
        ),
        "label": "Find a partner",
    },
    {
        "slug": "becoming-a-supporter",
        "title": "Become a supporter",
        "text": (
            "Associations, regions and agencies that help their members join the network and meet their commitments."
        ),
        "label": "How to become a supporter",
    },
]
HOME_HIGHLIGHT_TRANSLATIONS = {
    "tr": {
        "Signatories": "İmzacılar",
        HOME_HIGHLIGHTS[0]["text"]: (
            "İklim hedeflerine bağlanan belediyeler ve iller: eylem planları, emisyonları ve ilerlemeleri."
        ),
        "Explore the signatories": "İmzacıları keşfedin",
        "Find a twinning partner": "Eşleştirme ortağı bulun",
        HOME_HIGHLIGHTS[1]["text"]: (
            "Enerji, ulaşım, su ve afet dayanıklılığı konularında bilgi paylaşacak ortak arayan yerel yönetimler."
        ),
        "Find a partner": "Ortak bulun",
        "Become a supporter": "Destekçi olun",
        HOME_HIGHLIGHTS[2]["text"]: (
            "Üyelerinin ağa katılmasına ve taahhütlerini yerine getirmesine yardım eden birlikler, bölgeler ve "
            "ajanslar."
        ),
        "How to become a supporter": "Nasıl destekçi olunur?",
    },
    "tk": {
        "Signatories": "Gol çekenler",
        HOME_HIGHLIGHTS[0]["text"]: (
            "Howa maksatlaryna borçlanýan şäherler we welaýatlar: olaryň hereket meýilnamalary, zyňyndylary we ösüşi."
        ),
        "Explore the signatories": "Gol çekenleri görmek",
        "Find a twinning partner": "Jübütleşme hyzmatdaşyny tapyň",
        HOME_HIGHLIGHTS[1]["text"]: (
            "Energiýa, ulag, suw we durnuklylyk boýunça tejribe paýlaşmak üçin hyzmatdaş gözleýän ýerli häkimiýetler."
        ),
        "Find a partner": "Hyzmatdaş tapmak",
        "Become a supporter": "Goldaýjy boluň",
        HOME_HIGHLIGHTS[2]["text"]: (
            "Agzalaryna arabaglanyşyga goşulmaga we borçnamalaryny ýerine ýetirmäge kömek edýän birleşmeler, "
            "sebitler we agentlikler."
        ),
        "How to become a supporter": "Nädip goldaýjy bolmaly",
    },
    "ru": {
        "Signatories": "Подписанты",
        HOME_HIGHLIGHTS[0]["text"]: (
            "Муниципалитеты и провинции, взявшие на себя климатические обязательства: их планы действий, выбросы "
            "и прогресс."
        ),
        "Explore the signatories": "Все подписанты",
        "Find a twinning partner": "Найти партнёра по побратимству",
        HOME_HIGHLIGHTS[1]["text"]: (
            "Местные власти, которые ищут партнёров для обмена опытом в области энергетики, транспорта, водных "
            "ресурсов и устойчивости."
        ),
        "Find a partner": "Найти партнёра",
        "Become a supporter": "Стать сторонником",
        HOME_HIGHLIGHTS[2]["text"]: (
            "Ассоциации, регионы и агентства, которые помогают своим членам присоединиться к сети и выполнить "
            "обязательства."
        ),
        "How to become a supporter": "Как стать сторонником",
    },
}

#: The news item pinned first on every home: the open call, until the editors choose another.
PINNED_NEWS_SLUG = "call-for-cities-netzerocities-twinning-learning-programme"
MAP_TEXT = (
    "Municipalities and provinces from Türkiye and across Europe have joined the network. Choose a country to see "
    "its signatories, or open the map to find the ones near you."
)
NEWSLETTER_TEXT = "Twice a year: the network's news, events and calls for cities, in your language."
FRONT_DOOR_TRANSLATIONS = {
    "tr": {
        MAP_TEXT: (
            "Türkiye'den ve Avrupa'nın dört bir yanından belediyeler ve iller ağa katıldı. İmzacılarını görmek için "
            "bir ülke seçin ya da size yakın olanları bulmak için haritayı açın."
        ),
        NEWSLETTER_TEXT: "Yılda iki kez: ağın haberleri, etkinlikleri ve şehirlere yönelik çağrılar, kendi dilinizde.",
    },
    "tk": {
        MAP_TEXT: (
            "Türkiýeden we bütin Ýewropadan şäherler we welaýatlar arabaglanyşyga goşuldy. Gol çekenleri görmek üçin "
            "bir ýurdy saýlaň ýa-da size ýakyn bolanlary tapmak üçin kartany açyň."
        ),
        NEWSLETTER_TEXT: (
            "Ýylda iki gezek: arabaglanyşygyň täzelikleri, çäreleri we şäherler üçin çagyryşlar, öz diliňizde."
        ),
    },
    "ru": {
        MAP_TEXT: (
            "К сети присоединились муниципалитеты и провинции Турции и всей Европы. Выберите страну, чтобы увидеть "
            "её подписантов, или откройте карту, чтобы найти тех, кто рядом с вами."
        ),
        NEWSLETTER_TEXT: "Дважды в год: новости сети, мероприятия и призывы для городов — на вашем языке.",
    },
}
#: The highlights the front door's own blocks replace (the partner finder has its block).
HIGHLIGHTS_KEPT = ["signatories", "becoming-a-supporter"]


# Menus are built after every app has loaded its pages; links are found by slug in the source tree.
MAIN_MENU_SLUGS = ["about", "signatories", "supporters", "news", "agenda", "twinning", "newsletter"]
FOOTER_SLUGS = [
    "news",
    "from-the-network",
    "agenda",
    "sitemap",
    "rss-help",
    "acknowledgements",
    "contact",
    "accessibility",
    "privacy",
    "legal",
]


def paragraphs_body(paragraphs, sections=()):
    body = [("paragraph", f"<p>{text}</p>" if not text.startswith("<") else text) for text in paragraphs]
    for heading, texts in sections:
        body.append(("heading", {"text": heading, "level": "h2"}))
        body += [("paragraph", text if text.startswith("<") else f"<p>{text}</p>") for text in texts]
    return body


def standard_page(demo, parent, content, translations):
    page = demo.page(
        parent,
        StandardPage,
        content["slug"],
        title=content["title"],
        introduction=content.get("introduction", ""),
        body=paragraphs_body(content.get("paragraphs", []), content.get("sections", ())),
        show_in_menus=content["slug"] in MAIN_MENU_SLUGS,
    )
    for language_code, strings in translations.items():
        demo.translate(page, language_code, strings)
    return page


def load(demo):
    source = demo.locales[demo.source_language]
    home = install_home_page(demo, source)
    demo.homes[demo.source_language] = home
    for language_code, strings in HOME_TRANSLATIONS.items():
        translated = demo.translate(home, language_code, strings)
        if translated is not None:
            demo.homes[language_code] = translated

    standard_page(demo, home, ABOUT, ABOUT_TRANSLATIONS)
    about = home.get_children().get(slug="about").specific
    standard_page(demo, about, SUPPORTERS, SUPPORTERS_TRANSLATIONS)
    standard_page(demo, about, NETZEROCITIES, NETZEROCITIES_TRANSLATIONS)
    standard_page(demo, home, LEGAL, LEGAL_TRANSLATIONS)
    standard_page(demo, home, ACKNOWLEDGEMENTS, ACKNOWLEDGEMENTS_TRANSLATIONS)

    feeds = demo.page(home, FeedsPage, FEEDS["slug"], title=FEEDS["title"], introduction=FEEDS["introduction"])
    for language_code, strings in FEEDS_TRANSLATIONS.items():
        demo.translate(feeds, language_code, strings)
    sitemap = demo.page(home, SitemapPage, SITEMAP["slug"], title=SITEMAP["title"])
    for language_code, strings in SITEMAP_TRANSLATIONS.items():
        demo.translate(sitemap, language_code, strings)

    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if not site_settings.contact_email:
        site_settings.contact_email = "info@network.example"
        site_settings.twitter_url = "https://twitter.com/eumayors"
        site_settings.facebook_url = "https://www.facebook.com/covenantofmayors"
        site_settings.save()


def install_home_page(demo, source_locale):
    """Replace Wagtail's welcome page with the HomePage, once."""
    site = Site.objects.get(is_default_site=True)
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(locale=source_locale, depth=2).first()
    if home is None:
        # Wagtail's welcome page holds the slug "home" until it is replaced below.
        root.get_children().filter(slug="home").update(slug="welcome")
        home = HomePage(locale=source_locale, slug="home", **HOME)
        root.add_child(instance=home)
        home.save_revision(user=demo.user).publish(user=demo.user)
        demo.created.append("HomePage")
    if site.root_page_id != home.pk:
        welcome = site.root_page
        site.root_page = home
        site.site_name = "Covenant of Mayors network"
        site.save()
        if not isinstance(welcome.specific, HomePage):
            welcome.delete()
    follow_base_url(site)
    return home


def follow_base_url(site):
    """Give the site the address of BASE_URL (`make run PORT=8001` sets it), at every run.

    Pages build their absolute links (canonical, hreflang, feeds, sitemap) from the Site record and
    emails theirs from BASE_URL: both must name the address the site is served at.
    """
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])


def finish(demo):
    """Menus and footer, once every section exists and every locale has its tree."""
    home = demo.homes[demo.source_language]
    children = {page.slug: page for page in home.get_descendants().filter(depth__lte=home.depth + 2)}

    def links(slugs):
        return [("link", {"page": children[slug], "url": "", "label": ""}) for slug in slugs if slug in children]

    source = demo.locales[demo.source_language]
    menu = MainMenu.objects.filter(locale=source).first()
    if menu is None:
        menu = MainMenu.objects.create(locale=source, links=links(MAIN_MENU_SLUGS))
        demo.created.append("MainMenu")
    footer = Footer.objects.filter(locale=source).first()
    if footer is None:
        footer = Footer.objects.create(locale=source, links=links(FOOTER_SLUGS), funding_disclaimer=FUNDING_DISCLAIMER)
        demo.created.append("Footer")
    for language_code in demo.locales:
        if language_code == demo.source_language:
            continue
        demo.translate(menu, language_code, {})
        demo.translate(footer, language_code, FOOTER_TRANSLATIONS.get(language_code, {}))
    add_home_highlights(demo, home, children)


def front_door_body(children, pinned_news):
    highlights = [
        (
            "call_to_action",
            {
                "title": item["title"],
                "text": item["text"],
                "link": {"page": children[item["slug"]], "url": "", "label": item["label"]},
            },
        )
        for item in HOME_HIGHLIGHTS
        if item["slug"] in children and item["slug"] in HIGHLIGHTS_KEPT
    ]
    return [
        ("key_figures", {"heading": ""}),
        ("latest_news", {"heading": "", "count": 3, "news_type": "", "pinned": pinned_news}),
        ("upcoming_events", {"heading": "", "count": 3, "pinned": []}),
        ("map_teaser", {"heading": "", "text": MAP_TEXT, "countries_shown": 5}),
        ("partner_finder", {"title": "", "text": HOME_HIGHLIGHTS[1]["text"], "label": ""}),
        ("newsletter", {"title": "", "text": NEWSLETTER_TEXT, "label": ""}),
        *highlights,
    ]


def add_home_highlights(demo, home, children):
    """Give the home page its front door, in every language, once (also over the earlier body of
    highlights only)."""
    from network.news.models import NewsPage

    home = home.specific
    if any(block.block_type == "latest_news" for block in home.body):
        return
    pinned = NewsPage.objects.filter(locale=home.locale, slug=PINNED_NEWS_SLUG).first()
    home.body = front_door_body(children, [pinned] if pinned else [])
    home.save_revision(user=demo.user).publish(user=demo.user)
    demo.created.append("home page front door")
    for language_code in demo.locales:
        if language_code != demo.source_language:
            strings = {
                **HOME_TRANSLATIONS.get(language_code, {}),
                **HOME_HIGHLIGHT_TRANSLATIONS.get(language_code, {}),
                **FRONT_DOOR_TRANSLATIONS.get(language_code, {}),
            }
            translate(home, demo.locales[language_code], strings, user=demo.user)
