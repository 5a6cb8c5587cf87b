"""Demo content of twinning: the themes, the programmes and projects, the finder page, a few requests.

From the seeds: the TWIN newsletter (town-twinning-newsletter.tr.txt) announces a town twinning
tool "to build lasting partnerships between local governments", and the Muğla brief
(netzerocities-twinning.tr.txt) describes cities paired with pioneer Mission Cities on
sustainable energy, green transport, disaster resilience, water management and nature-based
solutions, with Menteşe paired with Elbasan. The requests below are written in the languages
their authors would use (Turkish or English); contacts are invented, at example domains.
Runs after the signatories demo (INSTALLED_APPS order), whose authorities the projects and requests name.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from signatories.demo import SIGNATORIES
from signatories.models import SignatoryPage

from .choices import DEFAULT_THEMES, RequestStatus
from .models import (
    Conversation,
    PartnerFinderPage,
    PartnershipRequest,
    PartnershipTheme,
    RelayMessage,
    RequestEvent,
    TwinningIndexPage,
    TwinningPage,
    TwinningPartner,
    TwinningProgramme,
)


def entry(**fields):
    """One row of REQUESTS (keyword arguments read better than dictionary literals here)."""
    return fields


THEME_TRANSLATIONS = {
    "ru": {
        "climate-mitigation": "Смягчение изменения климата",
        "adaptation": "Адаптация и устойчивость к бедствиям",
        "energy": "Устойчивая энергетика",
        "mobility": "Зелёный транспорт и мобильность",
        "waste": "Отходы и переработка",
        "water": "Управление водными ресурсами",
        "nature": "Природные решения",
        "tourism": "Устойчивый туризм",
        "culture": "Культура",
        "youth-employment": "Молодёжь и занятость",
        "migration": "Миграция",
        "smart-city": "Умный город",
        "rural-development": "Развитие сельских территорий",
        "participation": "Участие граждан",
        "climate-energy": "Климат и энергия",
        "environment": "Окружающая среда",
    },
}

TWINNING_INDEX = {
    "slug": "twinning",
    "title": "Twinning",
    "introduction": (
        "Local authorities working in pairs or small groups across borders, within programmes such as the "
        "Turkey-EU Town Twinning project (TWIN) and the NetZeroCities Twinning Learning Programme."
    ),
}
TWINNING_INDEX_TRANSLATIONS = {
    "tr": {
        "twinning": "sehir-eslestirme",
        "Twinning": "Şehir eşleştirme",
        TWINNING_INDEX["introduction"]: (
            "Türkiye ve Avrupa Birliği Arasında Şehir Eşleştirme Projesi (TWIN) ve NetZeroCities Twinning Learning "
            "Programme gibi programlar kapsamında sınır ötesinde ikili ya da küçük gruplar halinde çalışan yerel "
            "yönetimler."
        ),
    },
    "tk": {
        "twinning": "jubutlesdirme",
        "Twinning": "Jübütleşdirme",
        TWINNING_INDEX["introduction"]: (
            "TWIN we NetZeroCities ýaly maksatnamalaryň çäginde serhetleriň üstünden jübüt ýa-da kiçi toparlar "
            "bolup işleýän ýerli häkimiýetler."
        ),
    },
    "ru": {
        "twinning": "pobratimstvo",
        "Twinning": "Побратимство",
        TWINNING_INDEX["introduction"]: (
            "Местные власти, работающие парами или небольшими группами поверх границ в рамках программ "
            "побратимства Турции и ЕС (TWIN) и NetZeroCities Twinning Learning Programme."
        ),
    },
}

PROGRAMMES = [
    {
        "slug": "twin",
        "acronym": "TWIN",
        "name": "Turkey-EU Town Twinning project",
        "website": "",
        "description": (
            "A grant scheme of the European Union that paired Turkish municipalities with partners in EU member "
            "states for joint projects on the environment, smart cities, migration, culture and participation."
        ),
        "tr": {
            "Turkey-EU Town Twinning project": "Türkiye ve Avrupa Birliği Arasında Şehir Eşleştirme Projesi",
            "A grant scheme of the European Union that paired Turkish municipalities with partners in EU member "
            "states for joint projects on the environment, smart cities, migration, culture and participation.": (
                "Türk belediyelerini AB üye devletlerindeki ortaklarla çevre, akıllı şehirler, göç, kültür ve "
                "katılım alanlarında ortak projeler için eşleştiren bir Avrupa Birliği hibe programı."
            ),
        },
    },
    {
        "slug": "netzerocities",
        "acronym": "NetZeroCities",
        "name": "NetZeroCities Twinning Learning Programme",
        "website": "https://netzerocities.eu/",
        "description": (
            "An EU-supported programme that pairs cities with pioneering Mission Cities for technical visits, joint "
            "workshops and action plans on climate neutrality."
        ),
        "tr": {
            "An EU-supported programme that pairs cities with pioneering Mission Cities for technical visits, joint "
            "workshops and action plans on climate neutrality.": (
                "Şehirleri öncü Misyon Şehirleri ile teknik ziyaretler, ortak atölyeler ve iklim nötrlüğü eylem "
                "planları için eşleştiren, Avrupa Birliği tarafından desteklenen bir program."
            ),
        },
    },
]

# The TWIN projects of the newsletter, and Menteşe-Elbasan from the Muğla brief; partners by organisation ID.
TWINNINGS = [
    entry(slug="espiye-gondomar", programme="twin", theme="waste", years=(2019, 2020), status="completed",
          partners=["TR-ESPIYE", "PT-GONDOMAR"],
          project=("Green Schools for a Recycling Economy", "Geri Dönüşüm Ekonomisi İçin Yeşil Okullar"),
          text=("On 19 February 2019 Espiye held a Green Schools workshop with João Constâncio and Ana Torres of its "
               "partner municipality in Portugal (spelled Condomar in the newsletter). Every school gets a Green Flag "
               "information desk and a waste-sorting club of at least ten pupils.",
               "Espiye Belediyesi 19 Şubat 2019'da, proje ortağı Portekiz Condomar Belediyesi'nden Jaao Constancio ve "
               "Ana Torres'in de katıldığı Yeşil Okullar Çalıştayı'nı düzenledi. Her okulda en az bir Yeşil Bayrak "
               "Bilgi Masası ve en az 10 öğrenciden oluşan bir Atık Ayrıştırma Kulübü kurulacak.")),
    entry(slug="kusadasi-sinaia", programme="twin", theme="tourism", years=(2019, 2020), status="completed",
          partners=["TR-KUSADASI", "RO-SINAIA"],
          project=("Participatory Approach for Sustainable Tourism", "Sürdürülebilir Turizm için Katılımcı Yaklaşım"),
          text=("The first information meeting took place on 1 March 2019 with civil society organisations. The "
               "project strengthens the sister-city relationship between the two towns.",
               "Projenin bilgilendirme toplantılarının birincisi 1 Mart 2019'da sivil toplum örgütlerinin "
               "temsilcileriyle yapıldı. Proje, iki şehir arasındaki kardeş şehir ilişkilerini geliştiriyor.")),
    entry(slug="suluova-daugavpils", programme="twin", theme="environment", years=(2019, 2020), status="completed",
          partners=["TR-SULUOVA", "LV-DAUGAVPILS"],
          project=("Inter-city Cooperation for Environmental Protection", "Çevre Koruma için Kentler Arası İşbirliği"),
          text=("A delegation from Suluova visited Daugavpils on 3-6 April 2019 to discuss technical cooperation on the "
               "environment and to see waste recycling facilities.",
               "Suluova heyeti 3-6 Nisan 2019'da eş faydalanıcı Daugavpils Belediyesini ziyaret etti; çevre "
               "alanındaki teknik işbirliği görüşüldü ve atık geri dönüşüm tesisleri yerinde incelendi.")),
    entry(slug="konak-bucharest-district-2", programme="twin", theme="participation", years=(2019, 2020),
          status="completed", partners=["TR-KONAK", "RO-BUCHAREST-S2"],
          project=("Bridges for Democratic Participation", "Demokratik Katılım Köprüleri"),
          text=("A ten-person delegation from Konak worked with the City Council of Bucharest District 2 and the Ilfov "
               "Regional Development Agency on 11-14 March 2019.",
               "Konak Belediyesinden 10 kişilik bir heyet 11-14 Mart 2019'da Bükreş 2. Bölge Kent Konseyi ve Ilfov "
               "Bölgesel Kalkınma Ajansı ile ortak çalışmalar yaptı.")),
    entry(slug="mersin-leszno", programme="twin", theme="environment", years=(2019, 2020), status="completed",
          partners=["TR-MERSIN", "PL-LESZNO"],
          project=("Environmental Partnership between Turkey and Poland", "Türkiye ve Polonya Arasında Çevre Ortaklığı"),
          text=("Delegations from Mersin (11-15 March 2019) and Leszno (13-17 May 2019) visited each other and "
               "inspected the waste-water treatment plants of both cities.",
               "Mersin Büyükşehir Belediyesi (11-15 Mart 2019) ve Leszno Belediyesi (13-17 Mayıs 2019) heyetleri "
               "karşılıklı çalışma ziyaretleri düzenledi ve iki kentteki atık su arıtma tesislerini inceledi.")),
    entry(slug="canakkale-tarragona", programme="twin", theme="smart-city", years=(2019, 2020), status="completed",
          partners=["TR-CANAKKALE", "ES-TARRAGONA"],
          project=("Partnership for the Smart Cities of the Future", "Geleceğin Akıllı Şehirleri için Ortaklık"),
          text=("The opening and strategy meeting took place on 12 March 2019 with the mayor of Çanakkale and the "
               "deputy mayor of Tarragona.",
               "Projenin açılış ve strateji geliştirme toplantısı 12 Mart 2019'da Çanakkale Belediye Başkanı ve "
               "Tarragona Belediye Başkan Yardımcısının katılımıyla yapıldı.")),
    entry(slug="gaziantep-sopot", programme="twin", theme="migration", years=(2019, 2020), status="completed",
          partners=["TR-GAZIANTEP", "PL-SOPOT"],
          project=("Experience Sharing and Capacity Building on Migration",
                  "Göç Alanında Deneyim Paylaşımı ve Kapasite Geliştirme"),
          text=("With the İpekyolu Development Agency, the partners held a search conference on 25-26 April 2019 and "
               "drew up a road map for work on migration.",
               "Proje ortakları İpekyolu Kalkınma Ajansı ile 25-26 Nisan 2019'da bir arama konferansı düzenledi ve "
               "göç alanında yapılacak çalışmalar için bir yol haritası oluşturdu.")),
    entry(slug="corum-telsiai-szarvas", programme="twin", theme="smart-city", years=(2019, 2020),
          status="completed", partners=["TR-CORUM", "LT-TELSIAI", "HU-SZARVAS"],
          project=("Roadmap for Smart Cities", "Akıllı Şehirler için Yol Haritası"),
          text=("Staff of the three municipalities followed a smart-city training in Antalya on 16-20 April 2019.",
               "Üç belediyenin personeline 16-20 Nisan 2019'da Antalya'da Akıllı Şehir Uygulamaları Eğitimi verildi.")),
    entry(slug="luleburgaz-rezekne", programme="twin", theme="culture", years=(2019, 2020), status="completed",
          partners=["TR-LULEBURGAZ", "LV-REZEKNE"],
          project=("Cultures United by Art", "Sanatla Birleşen Kültürler"),
          text=("Trainers in painting, ceramics and music met in Lüleburgaz (16-24 April) and in Rēzekne (25 May - "
               "2 June 2019).",
               "Resim, seramik ve müzik eğitmenleri 16-24 Nisan'da Lüleburgaz'da ve 25 Mayıs - 2 Haziran 2019'da "
               "Rezekne'de bir araya geldi.")),
    entry(slug="nilufer-chios-trakai", programme="twin", theme="rural-development", years=(2019, 2020),
          status="completed", partners=["TR-NILUFER", "GR-CHIOS", "LT-TRAKAI"],
          project=("Innovative Approaches for Rural Development", "Kırsal Kalkınma için Yenilikçi Yaklaşımlar"),
          text=("A delegation from Chios and Trakai visited Nilüfer on 10-14 June 2019 and saw rural tourism in the "
               "villages of Gölyazı and Misi.",
               "Chios (Sakız) ve Trakai belediyelerinden bir heyet 10-14 Haziran 2019'da Nilüfer'i ziyaret etti; "
               "Gölyazı ve Misi köylerinde kırsal turizm örneklerini inceledi.")),
    entry(slug="kutahya-pecs", programme="twin", theme="culture", years=(2019, 2020), status="completed",
          partners=["TR-KUTAHYA", "HU-PECS"],
          project=("Culture and Creativity for Stronger Cooperation",
                  "İşbirliğinin Güçlendirilmesi için Kültür ve Yaratıcılık"),
          text=("A delegation from Kütahya visited Pécs to work on culture strategies, a mobile application and a "
               "website for the two cities' cultural industries and tourism.",
               "Kütahya heyeti proje ortağı Pecs Belediyesi'ni ziyaret etti; iki şehrin kültür stratejileri, mobil "
               "uygulama ve web sitesi üzerine görüş alışverişinde bulunuldu.")),
    entry(slug="eregli-youth-employment", programme="twin", theme="youth-employment", years=(2019, 2020),
          status="completed", partners=["TR-EREGLI-KONYA"],
          project=("More Employment for Young People", "Gençler İçin Daha Fazla İstihdam"),
          text=("The launch meeting took place on 18 June 2019. The newsletter does not name the EU partner.",
               "Projenin tanıtım ve bilgilendirme toplantısı 18 Haziran 2019'da yapıldı. Bültende AB ortağının adı "
               "geçmiyor.")),
    entry(slug="cankaya-resilient-cities", programme="twin", theme="adaptation", years=(2019, 2020),
          status="completed", partners=["TR-CANKAYA"],
          project=("Resilient Cities with Women's Power", "Kadın Gücüyle Dirençli Kentler"),
          text=("On 7 May 2019 Çankaya held the seminar \u201cWomen's Climate Action in Çankaya\u201d on adapting to "
               "climate change in urban public spaces. The newsletter does not name the EU partner.",
               "Çankaya Belediyesi 7 Mayıs 2019'da \u201cÇankaya'da Kadınların İklim Eylemi\u201d semineri düzenledi. "
               "Bültende AB ortağının adı geçmiyor.")),
    entry(slug="mentese-elbasan", programme="netzerocities", theme="climate-energy", years=(2024, None),
          status="ongoing", partners=["TR-MENTESE", "AL-ELBASAN"],
          project=("Sharing good practice on the way to climate neutrality", "İklim nötrlüğü yolunda iyi uygulama paylaşımı"),
          text=("Menteşe applied to the programme and was paired with the city of Elbasan in Albania. Good practice "
               "and experience are being shared between the two municipalities, and the programme continues.",
               "Menteşe Belediyesi bu programa başvuruda bulunmuş ve Arnavutluk'un Elbasan şehriyle eşleşmiştir. İki "
               "belediye arasında iyi uygulama ve deneyim paylaşımı sağlanmış ve program süreci devam etmektedir.")),
]  # fmt: skip

#: {organisation ID: Turkish name, if the demo gives one} of the signatories demo's authorities.
SIGNATORY_NAMES = {item["id"]: item.get("tr") for item in SIGNATORIES}

FINDER = {
    "slug": "partner-finder",
    "title": "Find a twinning partner",
    "introduction": (
        "The town twinning tool of the network: local authorities say what partnership they seek, find the "
        "best-matched partners on shared priorities such as energy, green transport, disaster resilience, water "
        "and nature-based solutions, and write to them through the site."
    ),
    "form_introduction": (
        "Describe your authority and the partnership you seek. The network's staff read every request before it is "
        "published; the contact's address is never shown, messages reach it through the site."
    ),
}
FINDER_TRANSLATIONS = {
    "tr": {
        "partner-finder": "eslestirme-ortagi",
        "Find a twinning partner": "Eşleştirme ortağı bulun",
        FINDER["introduction"]: (
            "Ağın şehir eşleştirme aracı: yerel yönetimler aradıkları ortaklığı anlatır; enerji, yeşil ulaşım, afet "
            "dayanıklılığı, su ve doğa temelli çözümler gibi ortak önceliklere göre en uygun ortakları bulur ve site "
            "üzerinden onlara yazar."
        ),
        FINDER["form_introduction"]: (
            "Yönetiminizi ve aradığınız ortaklığı anlatın. Ağın çalışanları her talebi yayımlanmadan önce okur; "
            "iletişim kişisinin adresi hiçbir zaman gösterilmez, mesajlar ona site üzerinden ulaşır."
        ),
    },
    "ru": {
        "partner-finder": "poisk-partnerov",
        "Find a twinning partner": "Найти партнёра для побратимства",
        FINDER["introduction"]: (
            "Инструмент побратимства сети: местные власти описывают, какое партнёрство они ищут, находят наиболее "
            "подходящих партнёров по общим приоритетам и пишут им через сайт."
        ),
    },
}

REQUESTS = [
    entry(
        key="mugla-netzerocities",
        language="tr",
        authority_name="Muğla Büyükşehir Belediyesi",
        country="TR",
        population=1_066_000,
        latitude=37.2153,
        longitude=28.3636,
        title="Muğla, iklim nötrlüğü yolunda öncü bir Misyon Şehri ile eşleşmek istiyor",
        description=(
            "Muğla Büyükşehir Belediyesi Dış İlişkiler Dairesi Başkanlığı, NetZeroCities Twinning Learning Programme "
            "kapsamında kendi öncelikleriyle örtüşen iyi uygulamaları yerinde incelemek istiyor: sürdürülebilir "
            "enerji, yeşil ulaşım, afet dayanıklılığı, su yönetimi ve doğa temelli çözümler.\n\n"
            "Teknik ziyaretler, ortak atölyeler ve eylem planı geliştirme çalışmaları için deneyimli bir ortak "
            "arıyoruz. Karşılığında kıyı turizmi ve ziyaretçi yönetimi konusundaki deneyimimizi paylaşabiliriz."
        ),
        sought=["energy", "mobility", "adaptation", "water", "nature"],
        offered=["tourism"],
        programme="netzerocities",
        languages=["tr", "en"],
        contact_name="Elif Demir",
        contact_position="Fon ve Projeler Şube Müdürlüğü",
        contact_email="dis-iliskiler@mugla.example",
    ),
    entry(
        key="espiye-green-schools",
        language="tr",
        signatory="TR-ESPIYE",
        authority_name="Espiye Belediyesi",
        title="Espiye, Yeşil Okullar deneyimini paylaşacak ve gençlik değişimi yapacak yeni bir ortak arıyor",
        description=(
            "Gondomar ile yürüttüğümüz “Geri Dönüşüm Ekonomisi İçin Yeşil Okullar” projesinde her okulda bir Yeşil "
            "Bayrak Bilgi Masası ve en az 10 öğrenciden oluşan bir Atık Ayrıştırma Kulübü kurduk.\n\n"
            "Bu deneyimi paylaşmak, gençlerin istihdamına yönelik değişim programları düzenlemek ve Karadeniz "
            "kıyısında sürdürülebilir turizmi geliştirmek için benzer büyüklükte bir Avrupa belediyesi arıyoruz."
        ),
        sought=["youth-employment", "tourism"],
        offered=["waste"],
        programme="twin",
        languages=["tr", "en"],
        contact_name="Mehmet Kaya",
        contact_position="Proje koordinatörü",
        contact_email="projeler@espiye.example",
    ),
    entry(
        key="kusadasi-water",
        language="en",
        signatory="TR-KUSADASI",
        authority_name="Kuşadası",
        title="Aegean resort town seeks a partner for water management and climate adaptation",
        description=(
            "Kuşadası receives many more people in summer than it has inhabitants. After our TWIN project with "
            "Sinaia on participatory sustainable tourism, we want to learn how other coastal towns keep water "
            "supply and wastewater treatment up with the season, and how they adapt public spaces to heat waves.\n\n"
            "We can share our experience of involving civil society in tourism planning."
        ),
        sought=["water", "adaptation"],
        offered=["tourism", "participation"],
        programme="other",
        other_programme="Bilateral sister-city agreement",
        languages=["en", "tr"],
        contact_name="Deniz Aydın",
        contact_position="EU projects office",
        contact_email="eu-projects@kusadasi.example",
    ),
    entry(
        key="daugavpils-smart-waste",
        language="en",
        signatory="LV-DAUGAVPILS",
        authority_name="Daugavpils",
        title="Daugavpils offers its waste recycling know-how and seeks smart-city partners",
        description=(
            "Delegations have visited our waste recycling facilities since our cooperation with Suluova in 2019. "
            "We would like to host more study visits, and in return learn from towns that use sensors and open "
            "data to run public services."
        ),
        sought=["smart-city", "energy"],
        offered=["waste"],
        programme="twin",
        languages=["en", "lv", "ru"],
        contact_name="Inese Ozola",
        contact_position="Development department",
        contact_email="development@daugavpils.example",
    ),
    entry(
        key="mentese-elbasan",
        language="tr",
        signatory="TR-MENTESE",
        authority_name="Menteşe Belediyesi",
        status=RequestStatus.MATCHED,
        title="Menteşe, iklim nötrlüğü için iyi uygulama paylaşacak bir Misyon Şehri arıyor",
        description=(
            "Menteşe Belediyesi NetZeroCities Twinning Learning Programme'a başvurdu ve iyi uygulama ile deneyim "
            "paylaşımı için bir öncü şehirle eşleşmek istiyor."
        ),
        sought=["climate-mitigation", "energy"],
        offered=["adaptation"],
        programme="netzerocities",
        languages=["tr", "en"],
        contact_name="Zeynep Çelik",
        contact_email="iklim@mentese.example",
        outcome="Arnavutluk'un Elbasan şehriyle eşleşti; program süreci devam ediyor.",
    ),
    entry(
        key="luleburgaz-culture",
        language="en",
        signatory="TR-LULEBURGAZ",
        authority_name="Lüleburgaz",
        status=RequestStatus.PENDING,
        title="Lüleburgaz seeks partners for art and culture exchanges between young people",
        description=(
            "After “Cultures United by Art” with Rēzekne, our painting, ceramics and music trainers want to meet "
            "colleagues in other towns, and to open the exchanges to young people looking for work in culture."
        ),
        sought=["culture", "youth-employment"],
        offered=["culture"],
        programme="twin",
        languages=["en", "tr"],
        contact_name="Ahmet Şahin",
        contact_email="kultur@luleburgaz.example",
    ),
]


def ensure_themes(demo):
    """The default taxonomy in the source language, translated where the demo has the words."""
    source = demo.locales[demo.source_language]
    themes = {}
    for position, (slug, english, turkish) in enumerate(DEFAULT_THEMES):
        theme = PartnershipTheme.objects.filter(slug=slug, locale=source).first()
        if theme is None:
            theme = PartnershipTheme.objects.create(locale=source, slug=slug, name=english, sort_order=position)
            demo.created.append(f"PartnershipTheme {english}")
        demo.translate(theme, "tr", {english: turkish})
        for language_code, names in THEME_TRANSLATIONS.items():
            demo.translate(theme, language_code, {english: names[slug]})
        themes[slug] = theme
    return themes


def ensure_programmes(demo):
    """{slug: programme} in the source language, translated into Turkish."""
    source = demo.locales[demo.source_language]
    programmes = {}
    for entry in PROGRAMMES:
        programme = TwinningProgramme.objects.filter(slug=entry["slug"], locale=source).first()
        if programme is None:
            programme = TwinningProgramme.objects.create(
                locale=source,
                slug=entry["slug"],
                acronym=entry["acronym"],
                name=entry["name"],
                website=entry["website"],
                description=entry["description"],
            )
            demo.created.append(f"TwinningProgramme {programme.name}")
        demo.translate(programme, "tr", entry["tr"])
        programmes[entry["slug"]] = programme
    return programmes


def load_projects(demo, themes):
    """The twinning index and its projects, between the signatories of the signatories demo."""
    source = demo.locales[demo.source_language]
    home = demo.homes[demo.source_language]
    programmes = ensure_programmes(demo)
    twinning_index = demo.page(home, TwinningIndexPage, TWINNING_INDEX["slug"], title=TWINNING_INDEX["title"],
                               introduction=TWINNING_INDEX["introduction"], show_in_menus=True)  # fmt: skip
    for language_code, strings in TWINNING_INDEX_TRANSLATIONS.items():
        demo.translate(twinning_index, language_code, strings)

    signatories = {
        page.organisation_id: page
        for page in SignatoryPage.objects.filter(locale=source, organisation_id__in=SIGNATORY_NAMES)
    }
    for entry in TWINNINGS:
        partners = [signatories.get(key) for key in entry["partners"]]
        if None in partners:
            continue  # the signatories demo is not installed
        start, end = entry["years"]
        twinning = demo.page(
            twinning_index,
            TwinningPage,
            entry["slug"],
            title=" – ".join(partner.title for partner in partners),
            project_title=entry["project"][0],
            programme=programmes[entry["programme"]],
            theme=themes[entry["theme"]],
            start_year=start,
            end_year=end,
            status=entry["status"],
            description=f"<p>{entry['text'][0]}</p>",
            partners=[
                TwinningPartner(signatory=partner, is_lead=position == 0, sort_order=position)
                for position, partner in enumerate(partners)
            ],
        )
        strings = {
            entry["project"][0]: entry["project"][1],
            entry["text"][0]: entry["text"][1],
            twinning.title: " – ".join(
                SIGNATORY_NAMES[key] or partner.title for key, partner in zip(entry["partners"], partners, strict=True)
            ),
        }
        demo.translate(twinning, "tr", strings)


def load(demo):
    themes = ensure_themes(demo)
    load_projects(demo, themes)
    home = demo.homes[demo.source_language]
    privacy = Page.objects.filter(slug="privacy", locale=home.locale).first()
    finder = demo.page(
        home,
        PartnerFinderPage,
        FINDER["slug"],
        title=FINDER["title"],
        introduction=FINDER["introduction"],
        form_introduction=FINDER["form_introduction"],
        privacy_page=privacy,
        show_in_menus=True,
    )
    for language_code, strings in FINDER_TRANSLATIONS.items():
        demo.translate(finder, language_code, strings)

    today = timezone.localdate()
    for entry in REQUESTS:
        entry = dict(entry)
        key = entry.pop("key")
        if PartnershipRequest.objects.filter(contact_email=entry["contact_email"], title=entry["title"]).exists():
            continue
        sought, offered = entry.pop("sought"), entry.pop("offered")
        languages = entry.pop("languages")
        signatory_id = entry.pop("signatory", None)
        status = entry.pop("status", RequestStatus.OPEN)
        signatory = None
        if signatory_id:
            signatory = SignatoryPage.objects.filter(
                organisation_id=signatory_id, locale__language_code=settings.LANGUAGE_CODE
            ).first()
            if signatory is None:
                continue  # the signatories demo is not installed
        item = PartnershipRequest(
            status=status,
            signatory=signatory,
            valid_from=today - timedelta(days=20),
            valid_until=today + timedelta(days=345),
            consented_at=timezone.now(),
            published_at=None if status == RequestStatus.PENDING else timezone.now(),
            **entry,
        )
        item.working_language_codes = languages
        item.copy_authority_facts()
        item.save()
        item.themes_sought.set([themes[slug] for slug in sought])
        item.themes_offered.set([themes[slug] for slug in offered])
        RequestEvent.objects.create(
            partnership_request=item, to_status=RequestStatus.PENDING, actor=RequestEvent.Actor.CONTACT
        )
        if status != RequestStatus.PENDING:
            RequestEvent.objects.create(
                partnership_request=item,
                from_status=RequestStatus.PENDING,
                to_status=RequestStatus.OPEN,
                actor=RequestEvent.Actor.STAFF,
                user=demo.user,
            )
        if status == RequestStatus.MATCHED:
            RequestEvent.objects.create(
                partnership_request=item,
                from_status=RequestStatus.OPEN,
                to_status=RequestStatus.MATCHED,
                actor=RequestEvent.Actor.CONTACT,
                note=item.outcome,
            )
        if key == "kusadasi-water":
            # One conversation for the admin to show (stored as relayed; the demo sends no email).
            conversation = Conversation.objects.create(
                partnership_request=item,
                sender_name="Ana Torres",
                sender_organisation="Câmara Municipal de Gondomar",
                sender_email="ana.torres@gondomar.example",
                sender_language="en",
            )
            RelayMessage.objects.create(
                conversation=conversation,
                direction=RelayMessage.Direction.TO_CONTACT,
                author_email=conversation.sender_email,
                body=(
                    "Dear colleagues, Gondomar has redesigned two riverside squares against summer heat and we "
                    "would be glad to show you our water reuse scheme. Could we talk in English next month?"
                ),
                share_address=False,
                status=RelayMessage.Status.RELAYED,
            )
        demo.created.append(f"PartnershipRequest {item.title}")
