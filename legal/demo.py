"""Demo of the legal pages: the accessibility statement and the privacy notice, in every language.

Both sit under each home page. The English page is the source; the others are its translations,
written here string by string (each string maps to its Turkish, Turkmen and Russian text).
"""

import datetime

from .models import AccessibilityStatementPage, AssessmentMethod, ComplianceStatus, PrivacyNoticePage

OFFICE = "Covenant of Mayors network office"
OFFICE_ADDRESS = "Atatürk Bulvarı 227\n06680 Kavaklıdere, Ankara\nTürkiye"

#: English source text -> {language: translation}. Slugs are translated too.
STRINGS = {
    # Accessibility statement ----------------------------------------------------------------
    "accessibility": {"tr": "erisilebilirlik", "tk": "elyeterlilik", "ru": "dostupnost"},
    "Accessibility statement": {
        "tr": "Erişilebilirlik beyanı",
        "tk": "Elýeterlilik beýannamasy",
        "ru": "Заявление о доступности",
    },
    "The Covenant of Mayors network office": {
        "tr": "Belediye Başkanları Sözleşmesi ağ ofisi",
        "tk": "Häkimleriň Ylalaşygy arabaglanyşygynyň merkezi",
        "ru": "Офис сети Соглашения мэров",
    },
    "this website, in all its languages (English, Turkish, Turkmen and Russian).": {
        "tr": "bu web sitesi, tüm dilleriyle (İngilizce, Türkçe, Türkmence ve Rusça).",
        "tk": "bu web sahypa, ähli dillerinde (iňlis, türk, türkmen we rus dillerinde).",
        "ru": "этот веб-сайт на всех его языках (английском, турецком, туркменском и русском).",
    },
    "Every page type is checked automatically in every language; the exceptions below remain.": {
        "tr": "Her sayfa türü her dilde otomatik olarak denetlenir; aşağıdaki istisnalar devam etmektedir.",
        "tk": "Her bir sahypa görnüşi her dilde awtomatik barlanýar; aşakdaky kadadan çykmalar galýar.",
        "ru": "Каждый тип страниц автоматически проверяется на всех языках; остаются исключения, перечисленные ниже.",
    },
    "Map of the signatories": {
        "tr": "İmzacılar haritası",
        "tk": "Gol çekenleriň kartasy",
        "ru": "Карта подписантов",
    },
    (
        "The markers of the map cannot all be reached with the keyboard, and the map tiles come from an "
        "outside server that may not load (WCAG 2.1 success criteria 2.1.1 and 1.1.1)."
    ): {
        "tr": (
            "Haritadaki işaretlerin tümüne klavyeyle ulaşılamıyor ve harita karoları yüklenmeyebilecek harici bir "
            "sunucudan geliyor (WCAG 2.1 başarı ölçütleri 2.1.1 ve 1.1.1)."
        ),
        "tk": (
            "Kartadaky belgileriň hemmesine klawiatura bilen ýetip bolmaýar, kartanyň bölekleri bolsa ýüklenmän "
            "biljek daşky serwerden gelýär (WCAG 2.1 üstünlik ölçegleri 2.1.1 we 1.1.1)."
        ),
        "ru": (
            "Не до всех маркеров карты можно добраться с клавиатуры, а фрагменты карты загружаются со стороннего "
            "сервера и могут не загрузиться (критерии успеха WCAG 2.1: 2.1.1 и 1.1.1)."
        ),
    },
    "The directory lists every signatory of the map, with the same filters.": {
        "tr": "Rehber, haritadaki tüm imzacıları aynı filtrelerle listeler.",
        "tk": "Sanawda kartadaky ähli gol çekenler şol bir süzgüçler bilen görkezilýär.",
        "ru": "В каталоге перечислены все подписанты с карты, с теми же фильтрами.",
    },
    "Action plans submitted as scanned PDF files": {
        "tr": "Taranmış PDF dosyası olarak sunulan eylem planları",
        "tk": "Skanirlenen PDF faýllary görnüşinde tabşyrylan hereket meýilnamalary",
        "ru": "Планы действий, поданные в виде отсканированных PDF-файлов",
    },
    (
        "Some action plans sent by signatories before 2025 are scans without text or structure (WCAG 2.1 success "
        "criteria 1.1.1 and 1.3.1). Rewriting these documents of third parties would be a disproportionate burden."
    ): {
        "tr": (
            "İmzacıların 2025'ten önce gönderdiği bazı eylem planları metin ve yapı içermeyen taramalardır (WCAG 2.1 "
            "başarı ölçütleri 1.1.1 ve 1.3.1). Üçüncü kişilere ait bu belgeleri yeniden yazmak orantısız bir yük "
            "olacaktır."
        ),
        "tk": (
            "Gol çekenleriň 2025-nji ýyla çenli iberen käbir hereket meýilnamalary tekstsiz we gurluşsyz skanlardyr "
            "(WCAG 2.1 üstünlik ölçegleri 1.1.1 we 1.3.1). Üçünji taraplaryň bu resminamalaryny täzeden ýazmak "
            "deňagramsyz ýük bolar."
        ),
        "ru": (
            "Некоторые планы действий, присланные подписантами до 2025 года, представляют собой сканы без текста и "
            "структуры (критерии успеха WCAG 2.1: 1.1.1 и 1.3.1). Переработка этих документов третьих лиц была бы "
            "несоразмерной нагрузкой."
        ),
    },
    "The key figures of each plan (targets, baseline, progress) are on the signatory's profile page.": {
        "tr": "Her planın temel rakamları (hedefler, referans yılı, ilerleme) imzacının profil sayfasındadır.",
        "tk": "Her meýilnamanyň esasy görkezijileri (maksatlar, binýatlyk ýyl, öňegidişlik) gol çekeniň profil sahypasynda.",
        "ru": "Основные показатели каждого плана (цели, базовый год, прогресс) приведены на странице профиля подписанта.",
    },
    "Recordings of webinars hosted by video platforms": {
        "tr": "Video platformlarında barındırılan web semineri kayıtları",
        "tk": "Wideo platformalarynda ýerleşdirilen webinar ýazgylary",
        "ru": "Записи вебинаров, размещённые на видеоплатформах",
    },
    (
        "Some recordings embedded from YouTube or Vimeo have no captions. They are content of third parties that "
        "the network neither funds nor controls, outside the scope of Directive (EU) 2016/2102 (Article 1(4))."
    ): {
        "tr": (
            "YouTube veya Vimeo'dan yerleştirilen bazı kayıtların altyazısı yoktur. Bunlar ağın finanse etmediği ve "
            "denetlemediği üçüncü kişi içerikleridir ve 2016/2102 sayılı (AB) Direktifin kapsamı dışındadır "
            "(Madde 1(4))."
        ),
        "tk": (
            "YouTube ýa-da Vimeo-dan goýlan käbir ýazgylaryň subtitrleri ýok. Olar arabaglanyşygyň maliýeleşdirmeýän "
            "we dolandyrmaýan üçünji taraplaryň mazmunydyr we (ÝB) 2016/2102 Direktiwasynyň çäginden daşardadyr "
            "(1(4)-nji madda)."
        ),
        "ru": (
            "У некоторых записей, встроенных с YouTube или Vimeo, нет субтитров. Это материалы третьих лиц, которые "
            "сеть не финансирует и не контролирует; они не подпадают под действие Директивы (ЕС) 2016/2102 "
            "(статья 1(4))."
        ),
    },
    "Ask us for a transcript through the contact page.": {
        "tr": "İletişim sayfasından bize yazarak döküm isteyebilirsiniz.",
        "tk": "Habarlaşmak sahypasy arkaly bizden ýazuw görnüşini soraň.",
        "ru": "Запросите у нас расшифровку через страницу контактов.",
    },
    "the second quarter of 2027": {
        "tr": "2027'nin ikinci çeyreği",
        "tk": "2027-nji ýylyň ikinji çärýegi",
        "ru": "второй квартал 2027 года",
    },
    (
        "Every page type is tested in every language with axe-core (no serious or critical violation allowed) and "
        "the Nu HTML Checker, and checked by hand with the keyboard alone and with the NVDA and VoiceOver screen "
        "readers."
    ): {
        "tr": (
            "Her sayfa türü her dilde axe-core (ciddi veya kritik ihlale izin verilmez) ve Nu HTML Checker ile test "
            "edilir; ayrıca yalnızca klavyeyle ve NVDA ile VoiceOver ekran okuyucularıyla elle denetlenir."
        ),
        "tk": (
            "Her bir sahypa görnüşi her dilde axe-core (çynlakaý ýa-da möhüm bozulmalara ýol berilmeýär) we Nu HTML "
            "Checker bilen synagdan geçirilýär, şeýle hem diňe klawiatura bilen we NVDA hem-de VoiceOver ekran "
            "okaýjylary bilen el bilen barlanýar."
        ),
        "ru": (
            "Каждый тип страниц на каждом языке проверяется с помощью axe-core (серьёзные и критические нарушения не "
            "допускаются) и Nu HTML Checker, а также вручную — только с клавиатуры и с экранными дикторами NVDA и "
            "VoiceOver."
        ),
    },
    (
        "We are always looking to improve the accessibility of this website. If you find a barrier, or need "
        "information from it in another format, please tell us."
    ): {
        "tr": (
            "Bu web sitesinin erişilebilirliğini sürekli iyileştirmeye çalışıyoruz. Bir engelle karşılaşırsanız veya "
            "sitedeki bir bilgiye başka bir biçimde ihtiyaç duyarsanız lütfen bize bildirin."
        ),
        "tk": (
            "Bu web sahypanyň elýeterliligini hemişe gowulandyrmaga çalyşýarys. Päsgelçilige duşsaňyz ýa-da "
            "sahypadaky maglumat size başga görnüşde gerek bolsa, bize habar beriň."
        ),
        "ru": (
            "Мы постоянно работаем над доступностью этого сайта. Если вы столкнулись с барьером или вам нужна "
            "информация с сайта в другом формате, сообщите нам."
        ),
    },
    "within 10 working days": {
        "tr": "10 iş günü içinde",
        "tk": "10 iş gününiň dowamynda",
        "ru": "в течение 10 рабочих дней",
    },
    (
        "If our answer to your feedback or request does not satisfy you, you may refer the matter to the body "
        "in charge of enforcing the accessibility requirements."
    ): {
        "tr": (
            "Geri bildiriminize veya talebinize verdiğimiz yanıt sizi tatmin etmezse, konuyu erişilebilirlik "
            "gerekliliklerinin uygulanmasından sorumlu kuruma iletebilirsiniz."
        ),
        "tk": (
            "Eger pikiriňize ýa-da haýyşyňyza beren jogabymyz sizi kanagatlandyrmasa, meseläni elýeterlilik "
            "talaplarynyň ýerine ýetirilişine gözegçilik edýän edara ýüz tutup bilersiňiz."
        ),
        "ru": (
            "Если наш ответ на ваш отзыв или запрос вас не устроит, вы можете обратиться в орган, отвечающий за "
            "соблюдение требований доступности."
        ),
    },
    "European Ombudsman": {"tr": "Avrupa Ombudsmanı", "tk": "Ýewropa ombudsmeni", "ru": "Европейский омбудсмен"},
    # Privacy notice ---------------------------------------------------------------------------
    "privacy": {"tr": "gizlilik", "tk": "gizlinlik", "ru": "konfidencialnost"},
    "Privacy notice": {
        "tr": "Gizlilik bildirimi",
        "tk": "Gizlinlik bildirişi",
        "ru": "Уведомление о конфиденциальности",
    },
    (
        "How the network's office uses the personal data you give on this website, under the EU General Data "
        "Protection Regulation (GDPR) and the Turkish Law on the Protection of Personal Data No. 6698 (KVKK)."
    ): {
        "tr": (
            "Ağ ofisinin bu web sitesinde verdiğiniz kişisel verileri AB Genel Veri Koruma Tüzüğü (GDPR) ve 6698 "
            "sayılı Kişisel Verilerin Korunması Kanunu (KVKK) çerçevesinde nasıl kullandığı."
        ),
        "tk": (
            "Arabaglanyşygyň merkeziniň bu web sahypada beren şahsy maglumatlaryňyzy ÝB-niň Maglumatlary goramak "
            "baradaky umumy düzgünnamasyna (GDPR) we Türkiýäniň Şahsy maglumatlary goramak hakyndaky 6698 belgili "
            "Kanunyna (KVKK) laýyklykda nähili ulanýandygy."
        ),
        "ru": (
            "Как офис сети использует персональные данные, которые вы сообщаете на этом сайте, в соответствии с "
            "Общим регламентом ЕС по защите данных (GDPR) и Законом Турции № 6698 о защите персональных данных (KVKK)."
        ),
    },
    OFFICE: {
        "tr": "Belediye Başkanları Sözleşmesi ağ ofisi",
        "tk": "Häkimleriň Ylalaşygy arabaglanyşygynyň merkezi",
        "ru": "Офис сети Соглашения мэров",
    },
    "Aylin Kaya, data protection officer": {
        "tr": "Aylin Kaya, veri koruma görevlisi",
        "tk": "Aýlin Kaýa, maglumatlary goramak boýunça jogapkär",
        "ru": "Айлин Кая, ответственный за защиту данных",
    },
    "Expression of interest of a supporter": {
        "tr": "Destekçi ilgi beyanı",
        "tk": "Goldaýjynyň gyzyklanma maglumatnamasy",
        "ru": "Заявка сторонника о заинтересованности",
    },
    (
        "The organisation's name, kind, country and website; the name, position, email address and phone number "
        "of its contact person; what it plans to do as a supporter."
    ): {
        "tr": (
            "Kuruluşun adı, türü, ülkesi ve web sitesi; irtibat kişisinin adı, görevi, e-posta adresi ve telefon "
            "numarası; destekçi olarak yapmayı planladıkları."
        ),
        "tk": (
            "Guramanyň ady, görnüşi, ýurdy we web sahypasy; aragatnaşyk üçin jogapkär adamyň ady, wezipesi, e-poçta "
            "salgysy we telefon belgisi; goldaýjy hökmünde näme etmegi meýilleşdirýändigi."
        ),
        "ru": (
            "Название, тип, страна и сайт организации; имя, должность, адрес электронной почты и телефон контактного "
            "лица; что организация планирует делать как сторонник."
        ),
    },
    "To check the organisation's eligibility, send it the agreement and, once signed, create its profile.": {
        "tr": "Kuruluşun uygunluğunu kontrol etmek, sözleşmeyi göndermek ve imzalandıktan sonra profilini oluşturmak.",
        "tk": "Guramanyň laýyklygyny barlamak, oňa ylalaşygy ibermek we gol çekilenden soň profilini döretmek.",
        "ru": "Проверить соответствие организации, направить ей соглашение и после подписания создать её профиль.",
    },
    (
        "For the whole membership of the supporter; an application that is not accepted is deleted twelve months "
        "after the decision."
    ): {
        "tr": "Destekçilik süresince; kabul edilmeyen başvurular karardan on iki ay sonra silinir.",
        "tk": "Goldaýjy agzalygynyň tutuş dowamynda; kabul edilmedik arza karardan on iki aý soň pozulýar.",
        "ru": "В течение всего участия сторонника; неодобренная заявка удаляется через двенадцать месяцев после решения.",
    },
    "The staff of the network's office; the published profile shows only what the supporter chooses.": {
        "tr": "Ağ ofisinin çalışanları; yayımlanan profil yalnızca destekçinin seçtiği bilgileri gösterir.",
        "tk": "Arabaglanyşyk merkeziniň işgärleri; neşir edilen profil diňe goldaýjynyň saýlan maglumatlaryny görkezýär.",
        "ru": "Сотрудники офиса сети; опубликованный профиль показывает только то, что выбрал сторонник.",
    },
    "Newsletter": {"tr": "Bülten", "tk": "Habarnama", "ru": "Рассылка"},
    "Your email address, the language and topics you chose, and the record of your consent.": {
        "tr": "E-posta adresiniz, seçtiğiniz dil ve konular ile onayınızın kaydı.",
        "tk": "E-poçta salgyňyz, saýlan diliňiz we mowzuklaryňyz hem-de razylygyňyzyň ýazgysy.",
        "ru": "Ваш адрес электронной почты, выбранные язык и темы, а также запись о вашем согласии.",
    },
    "To send you the newsletter in your language.": {
        "tr": "Bülteni size kendi dilinizde göndermek.",
        "tk": "Size habarnamany öz diliňizde ibermek.",
        "ru": "Присылать вам рассылку на вашем языке.",
    },
    (
        "Until you unsubscribe (a link in every email); the record of your consent is kept three years longer, "
        "to show that you gave it. On request we delete everything at once."
    ): {
        "tr": (
            "Aboneliğinizi iptal edene kadar (her e-postada bir bağlantı vardır); onay kaydınız, onay verdiğinizi "
            "gösterebilmek için üç yıl daha saklanır. Talep üzerine her şeyi hemen sileriz."
        ),
        "tk": (
            "Ýazylmany ýatyrýançaňyz (her e-poçtada salgylanma bar); razylyk berendigiňizi subut etmek üçin "
            "razylygyňyzyň ýazgysy ýene üç ýyl saklanýar. Haýyş etseňiz, hemmesini derrew pozýarys."
        ),
        "ru": (
            "Пока вы не отпишетесь (ссылка есть в каждом письме); запись о согласии хранится ещё три года, чтобы "
            "подтвердить, что вы его дали. По запросу мы сразу удаляем всё."
        ),
    },
    "The staff of the network's office and the email service that delivers the newsletter.": {
        "tr": "Ağ ofisinin çalışanları ve bülteni ileten e-posta hizmeti.",
        "tk": "Arabaglanyşyk merkeziniň işgärleri we habarnamany eltýän e-poçta hyzmaty.",
        "ru": "Сотрудники офиса сети и почтовый сервис, доставляющий рассылку.",
    },
    "Partner finder": {"tr": "Ortak bulucu", "tk": "Hyzmatdaş gözleýji", "ru": "Поиск партнёров"},
    (
        "The local authority, its population and the themes of the request; the name, position and email "
        "address of its contact person; the messages exchanged through the site."
    ): {
        "tr": (
            "Yerel yönetim, nüfusu ve talebin konuları; irtibat kişisinin adı, görevi ve e-posta adresi; site "
            "üzerinden gönderilen mesajlar."
        ),
        "tk": (
            "Ýerli häkimiýet, onuň ilat sany we haýyşyň mowzuklary; aragatnaşyk üçin jogapkär adamyň ady, wezipesi "
            "we e-poçta salgysy; sahypa arkaly alyşylan hatlar."
        ),
        "ru": (
            "Местный орган власти, численность населения и темы запроса; имя, должность и адрес электронной почты "
            "контактного лица; сообщения, которыми обмениваются через сайт."
        ),
    },
    "To publish the request and pass on the messages of authorities that want to twin with yours.": {
        "tr": "Talebi yayımlamak ve sizinle eşleşmek isteyen yönetimlerin mesajlarını size iletmek.",
        "tk": "Haýyşy neşir etmek we siziňki bilen doganlaşmak isleýän häkimiýetleriň hatlaryny size ýetirmek.",
        "ru": "Опубликовать запрос и передавать вам сообщения органов власти, желающих побрататься с вашим.",
    },
    "Six months after the end of the request's validity, with its messages.": {
        "tr": "Talebin geçerlilik süresinin bitiminden altı ay sonrasına kadar, mesajlarıyla birlikte.",
        "tk": "Haýyşyň möhleti gutarandan alty aý soňa çenli, hatlary bilen bilelikde.",
        "ru": "Шесть месяцев после окончания срока действия запроса, вместе с сообщениями.",
    },
    (
        "The public sees the request without your email address; an authority that writes to you sees your "
        "address only in your answer."
    ): {
        "tr": (
            "Ziyaretçiler talebi e-posta adresiniz olmadan görür; size yazan bir yönetim adresinizi yalnızca "
            "yanıtınızda görür."
        ),
        "tk": (
            "Jemgyýetçilik haýyşy e-poçta salgyňyzsyz görýär; size ýazan häkimiýet salgyňyzy diňe jogabyňyzda görýär."
        ),
        "ru": (
            "Посетители видят запрос без вашего адреса электронной почты; орган власти, написавший вам, увидит ваш "
            "адрес только в вашем ответе."
        ),
    },
    "Contact form": {"tr": "İletişim formu", "tk": "Habarlaşmak formasy", "ru": "Форма обратной связи"},
    "Your name, email address, organisation (if you give it), the topic and your message.": {
        "tr": "Adınız, e-posta adresiniz, kuruluşunuz (belirtirseniz), konu ve mesajınız.",
        "tk": "Adyňyz, e-poçta salgyňyz, guramaňyz (görkezseňiz), mowzuk we hatyňyz.",
        "ru": "Ваше имя, адрес электронной почты, организация (если вы её указали), тема и сообщение.",
    },
    "To answer your message.": {
        "tr": "Mesajınızı yanıtlamak.",
        "tk": "Hatyňyza jogap bermek.",
        "ru": "Ответить на ваше сообщение.",
    },
    "Two years after the last exchange, then deleted.": {
        "tr": "Son yazışmadan iki yıl sonrasına kadar; ardından silinir.",
        "tk": "Soňky hat alyşmadan iki ýyl soňa çenli, soňra pozulýar.",
        "ru": "Два года после последнего обмена сообщениями, затем удаляется.",
    },
    "The staff in charge of the topic you chose.": {
        "tr": "Seçtiğiniz konudan sorumlu çalışanlar.",
        "tk": "Saýlan mowzugyňyz üçin jogapkär işgärler.",
        "ru": "Сотрудники, отвечающие за выбранную вами тему.",
    },
    (
        "The site and its data are hosted in the European Union. When the spam check of the forms is switched on, "
        "Google (reCAPTCHA) receives your IP address and browser data and may process them in the United States "
        "under the EU-U.S. Data Privacy Framework; for KVKK, the transfer rests on your explicit consent, given by "
        "ticking the box."
    ): {
        "tr": (
            "Site ve verileri Avrupa Birliği'nde barındırılır. Formların spam denetimi açık olduğunda Google "
            "(reCAPTCHA) IP adresinizi ve tarayıcı verilerinizi alır ve bunları AB-ABD Veri Gizliliği Çerçevesi "
            "kapsamında Amerika Birleşik Devletleri'nde işleyebilir; KVKK açısından aktarım, kutuyu işaretleyerek "
            "verdiğiniz açık rızaya dayanır."
        ),
        "tk": (
            "Sahypa we onuň maglumatlary Ýewropa Bileleşiginde ýerleşdirilýär. Formalaryň spam barlagy açyk "
            "bolanda, Google (reCAPTCHA) IP salgyňyzy we brauzer maglumatlaryňyzy alýar we olary ÝB-ABŞ "
            "maglumatlaryň gizlinligi çarçuwasy esasynda Amerikanyň Birleşen Ştatlarynda işläp biler; KVKK "
            "boýunça geçiriş gutyjygy belläp beren aýdyň razylygyňyza esaslanýar."
        ),
        "ru": (
            "Сайт и его данные размещены в Европейском союзе. Когда на формах включена защита от спама, Google "
            "(reCAPTCHA) получает ваш IP-адрес и данные браузера и может обрабатывать их в США в рамках Рамочной "
            "программы конфиденциальности данных ЕС — США; для KVKK передача основана на вашем явном согласии, "
            "выраженном отметкой в поле."
        ),
    },
    "You may at any time, free of charge:": {
        "tr": "Dilediğiniz zaman ve ücretsiz olarak:",
        "tk": "Islendik wagtyňyz we mugt:",
        "ru": "Вы можете в любое время и бесплатно:",
    },
    "ask whether we process data about you and get a copy of it (GDPR Art. 15; KVKK Art. 11);": {
        "tr": "hakkınızda veri işleyip işlemediğimizi sorabilir ve bir kopyasını alabilirsiniz (GDPR md. 15; KVKK md. 11);",
        "tk": "siz barada maglumat işleýändigimizi soraň we onuň nusgasyny alyň (GDPR 15-nji madda; KVKK 11-nji madda);",
        "ru": "узнать, обрабатываем ли мы ваши данные, и получить их копию (ст. 15 GDPR; ст. 11 KVKK);",
    },
    "have inaccurate data corrected (Art. 16) and data deleted (Art. 17);": {
        "tr": "yanlış verilerin düzeltilmesini (md. 16) ve verilerin silinmesini (md. 17) isteyebilirsiniz;",
        "tk": "nädogry maglumatlaryň düzedilmegini (16-njy madda) we maglumatlaryň pozulmagyny (17-nji madda) talap edip bilersiňiz;",
        "ru": "потребовать исправления неточных данных (ст. 16) и их удаления (ст. 17);",
    },
    "restrict or object to processing (Art. 18 and 21) and take your data with you (Art. 20);": {
        "tr": "işlemenin kısıtlanmasını isteyebilir veya itiraz edebilir (md. 18 ve 21), verilerinizi alabilirsiniz (md. 20);",
        "tk": "işlemegi çäklendirip ýa-da oňa garşy çykyp (18-nji we 21-nji maddalar), maglumatlaryňyzy alyp bilersiňiz (20-nji madda);",
        "ru": "ограничить обработку или возразить против неё (ст. 18 и 21) и получить свои данные для переноса (ст. 20);",
    },
    "withdraw a consent you gave, without affecting what was done before.": {
        "tr": "verdiğiniz bir onayı, daha önce yapılanları etkilemeden geri alabilirsiniz.",
        "tk": "beren razylygyňyzy, öň edilen işlere täsir etmezden yzyna alyp bilersiňiz.",
        "ru": "отозвать данное согласие, что не затрагивает ранее совершённую обработку.",
    },
    (
        "Write to the data protection officer; we answer within 30 days. You may also complain to the Turkish "
        "Personal Data Protection Authority (KVKK, www.kvkk.gov.tr) or to the data protection authority of the EU "
        "country where you live."
    ): {
        "tr": (
            "Veri koruma görevlisine yazın; 30 gün içinde yanıt veririz. Ayrıca Kişisel Verileri Koruma Kurumu'na "
            "(KVKK, www.kvkk.gov.tr) veya yaşadığınız AB ülkesinin veri koruma otoritesine şikâyette bulunabilirsiniz."
        ),
        "tk": (
            "Maglumatlary goramak boýunça jogapkäre ýazyň; 30 günüň dowamynda jogap berýäris. Şeýle hem Türkiýäniň "
            "Şahsy maglumatlary goramak edarasyna (KVKK, www.kvkk.gov.tr) ýa-da ýaşaýan ÝB ýurduňyzyň maglumatlary "
            "goramak edarasyna arz edip bilersiňiz."
        ),
        "ru": (
            "Напишите ответственному за защиту данных; мы ответим в течение 30 дней. Вы также можете подать жалобу в "
            "Управление по защите персональных данных Турции (KVKK, www.kvkk.gov.tr) или в надзорный орган по защите "
            "данных страны ЕС, в которой вы живёте."
        ),
    },
    (
        "This site sets only the cookies below; none measures your visits or follows you to other sites. Your "
        "language is not kept in a cookie: it is part of the address of every page."
    ): {
        "tr": (
            "Bu site yalnızca aşağıdaki çerezleri kullanır; hiçbiri ziyaretlerinizi ölçmez veya sizi başka sitelerde "
            "izlemez. Diliniz bir çerezde saklanmaz: her sayfanın adresinin bir parçasıdır."
        ),
        "tk": (
            "Bu sahypa diňe aşakdaky kukileri goýýar; olaryň hiç biri girişleriňizi ölçemeýär we sizi beýleki "
            "sahypalarda yzarlamaýar. Diliňiz kukide saklanmaýar: ol her sahypanyň salgysynyň bir bölegidir."
        ),
        "ru": (
            "Этот сайт устанавливает только перечисленные ниже файлы cookie; ни один из них не измеряет ваши "
            "посещения и не отслеживает вас на других сайтах. Язык не хранится в cookie: он указан в адресе каждой "
            "страницы."
        ),
    },
    "this site": {"tr": "bu site", "tk": "bu sahypa", "ru": "этот сайт"},
    "Protects the forms against requests forged by other sites.": {
        "tr": "Formları başka sitelerin sahte isteklerine karşı korur.",
        "tk": "Formalary beýleki sahypalaryň galp haýyşlaryndan goraýar.",
        "ru": "Защищает формы от запросов, подделанных другими сайтами.",
    },
    "one year": {"tr": "bir yıl", "tk": "bir ýyl", "ru": "один год"},
    ("Remembers the password of a protected page you opened, and keeps staff signed in to the administration."): {
        "tr": "Açtığınız korumalı bir sayfanın parolasını hatırlar ve çalışanların yönetim paneline girişini sürdürür.",
        "tk": "Açan goralýan sahypaňyzyň parolyny ýatda saklaýar we işgärleri dolandyryş bölüminde saklaýar.",
        "ru": "Запоминает пароль открытой вами защищённой страницы и сохраняет вход сотрудников в панель управления.",
    },
    "eight hours without a visit": {
        "tr": "ziyaret olmadan sekiz saat",
        "tk": "girilmezden sekiz sagat",
        "ru": "восемь часов без посещений",
    },
    "Shows staff the confirmation of what they just did in the administration.": {
        "tr": "Çalışanlara yönetim panelinde yaptıkları işlemin onayını gösterir.",
        "tk": "Işgärlere dolandyryş bölüminde eden işiniň tassyklamasyny görkezýär.",
        "ru": "Показывает сотрудникам подтверждение только что выполненного действия в панели управления.",
    },
    "until the next page": {
        "tr": "bir sonraki sayfaya kadar",
        "tk": "indiki sahypa çenli",
        "ru": "до следующей страницы",
    },
    "Remembers whether a member of staff folded the administration's menu.": {
        "tr": "Bir çalışanın yönetim panelinin menüsünü daraltıp daraltmadığını hatırlar.",
        "tk": "Işgäriň dolandyryş bölüminiň menýusyny ýygnandygyny ýatda saklaýar.",
        "ru": "Запоминает, свернул ли сотрудник меню панели управления.",
    },
    "until the browser is closed": {
        "tr": "tarayıcı kapanana kadar",
        "tk": "brauzer ýapylýança",
        "ru": "до закрытия браузера",
    },
    "Google (reCAPTCHA)": {"tr": "Google (reCAPTCHA)", "tk": "Google (reCAPTCHA)", "ru": "Google (reCAPTCHA)"},
    "Only on forms with the spam check switched on: tells people from robots.": {
        "tr": "Yalnızca spam denetimi açık formlarda: insanları robotlardan ayırır.",
        "tk": "Diňe spam barlagy açyk formalarda: adamlary robotlardan tapawutlandyrýar.",
        "ru": "Только на формах с включённой защитой от спама: отличает людей от роботов.",
    },
    "six months": {"tr": "altı ay", "tk": "alty aý", "ru": "шесть месяцев"},
}


def _strings(language_code):
    return {source: texts[language_code] for source, texts in STRINGS.items() if language_code in texts}


def _item(reason, content, description, alternative="", fix_planned=""):
    return (
        "item",
        {
            "reason": reason,
            "content": content,
            "description": description,
            "alternative": alternative,
            "fix_planned": fix_planned,
        },
    )


ACCESSIBILITY = {
    "title": "Accessibility statement",
    "organisation": "The Covenant of Mayors network office",
    "scope": "this website, in all its languages (English, Turkish, Turkmen and Russian).",
    "compliance_status": ComplianceStatus.PARTIAL,
    "compliance_details": "Every page type is checked automatically in every language; the exceptions below remain.",
    "non_accessible_content": [
        _item(
            "non_compliance",
            "Map of the signatories",
            "The markers of the map cannot all be reached with the keyboard, and the map tiles come from an outside "
            "server that may not load (WCAG 2.1 success criteria 2.1.1 and 1.1.1).",
            "The directory lists every signatory of the map, with the same filters.",
            "the second quarter of 2027",
        ),
        _item(
            "disproportionate_burden",
            "Action plans submitted as scanned PDF files",
            "Some action plans sent by signatories before 2025 are scans without text or structure (WCAG 2.1 success "
            "criteria 1.1.1 and 1.3.1). Rewriting these documents of third parties would be a disproportionate burden.",
            "The key figures of each plan (targets, baseline, progress) are on the signatory's profile page.",
        ),
        _item(
            "out_of_scope",
            "Recordings of webinars hosted by video platforms",
            "Some recordings embedded from YouTube or Vimeo have no captions. They are content of third parties that "
            "the network neither funds nor controls, outside the scope of Directive (EU) 2016/2102 (Article 1(4)).",
            "Ask us for a transcript through the contact page.",
        ),
    ],
    "prepared_on": datetime.date(2026, 11, 30),
    "last_reviewed_on": datetime.date(2026, 12, 7),
    "assessment_method": AssessmentMethod.SELF,
    "assessment_details": (
        "Every page type is tested in every language with axe-core (no serious or critical violation allowed) and "
        "the Nu HTML Checker, and checked by hand with the keyboard alone and with the NVDA and VoiceOver screen "
        "readers."
    ),
    "feedback_text": (
        "We are always looking to improve the accessibility of this website. If you find a barrier, or need "
        "information from it in another format, please tell us."
    ),
    "feedback_email": "accessibility@network.example",
    "feedback_phone": "+90 312 000 00 00",
    "response_time": "within 10 working days",
    "enforcement_text": (
        "If our answer to your feedback or request does not satisfy you, you may refer the matter to the body "
        "in charge of enforcing the accessibility requirements."
    ),
    "enforcement_body": "European Ombudsman",
    "enforcement_url": "https://www.ombudsman.europa.eu/",
}


def _purpose(form, title, data, purpose, legal_basis, retention, recipients):
    return (
        "purpose",
        {
            "form": form,
            "title": title,
            "data": data,
            "purpose": purpose,
            "legal_basis": legal_basis,
            "legal_basis_details": "",
            "retention": retention,
            "recipients": recipients,
        },
    )


def _cookie(name, provider, purpose, duration, essential=True):
    return (
        "cookie",
        {"name": name, "provider": provider, "purpose": purpose, "duration": duration, "essential": essential},
    )


PRIVACY = {
    "title": "Privacy notice",
    "introduction": (
        "How the network's office uses the personal data you give on this website, under the EU General Data "
        "Protection Regulation (GDPR) and the Turkish Law on the Protection of Personal Data No. 6698 (KVKK)."
    ),
    "controller_name": OFFICE,
    "controller_address": OFFICE_ADDRESS,
    "controller_email": "info@network.example",
    "dpo_name": "Aylin Kaya, data protection officer",
    "dpo_email": "privacy@network.example",
    "purposes": [
        _purpose(
            "expression_of_interest",
            "Expression of interest of a supporter",
            "The organisation's name, kind, country and website; the name, position, email address and phone number "
            "of its contact person; what it plans to do as a supporter.",
            "To check the organisation's eligibility, send it the agreement and, once signed, create its profile.",
            "contract",
            "For the whole membership of the supporter; an application that is not accepted is deleted twelve months "
            "after the decision.",
            "The staff of the network's office; the published profile shows only what the supporter chooses.",
        ),
        _purpose(
            "newsletter",
            "Newsletter",
            "Your email address, the language and topics you chose, and the record of your consent.",
            "To send you the newsletter in your language.",
            "consent",
            "Until you unsubscribe (a link in every email); the record of your consent is kept three years longer, "
            "to show that you gave it. On request we delete everything at once.",
            "The staff of the network's office and the email service that delivers the newsletter.",
        ),
        _purpose(
            "partner_finder",
            "Partner finder",
            "The local authority, its population and the themes of the request; the name, position and email "
            "address of its contact person; the messages exchanged through the site.",
            "To publish the request and pass on the messages of authorities that want to twin with yours.",
            "consent",
            "Six months after the end of the request's validity, with its messages.",
            "The public sees the request without your email address; an authority that writes to you sees your "
            "address only in your answer.",
        ),
        _purpose(
            "contact",
            "Contact form",
            "Your name, email address, organisation (if you give it), the topic and your message.",
            "To answer your message.",
            "consent",
            "Two years after the last exchange, then deleted.",
            "The staff in charge of the topic you chose.",
        ),
    ],
    "transfers": (
        "The site and its data are hosted in the European Union. When the spam check of the forms is switched on, "
        "Google (reCAPTCHA) receives your IP address and browser data and may process them in the United States "
        "under the EU-U.S. Data Privacy Framework; for KVKK, the transfer rests on your explicit consent, given by "
        "ticking the box."
    ),
    "rights_introduction": "You may at any time, free of charge:",
    "rights": [
        ("item", "ask whether we process data about you and get a copy of it (GDPR Art. 15; KVKK Art. 11);"),
        ("item", "have inaccurate data corrected (Art. 16) and data deleted (Art. 17);"),
        ("item", "restrict or object to processing (Art. 18 and 21) and take your data with you (Art. 20);"),
        ("item", "withdraw a consent you gave, without affecting what was done before."),
    ],
    "complaint_text": (
        "Write to the data protection officer; we answer within 30 days. You may also complain to the Turkish "
        "Personal Data Protection Authority (KVKK, www.kvkk.gov.tr) or to the data protection authority of the EU "
        "country where you live."
    ),
    "cookies_introduction": (
        "This site sets only the cookies below; none measures your visits or follows you to other sites. Your "
        "language is not kept in a cookie: it is part of the address of every page."
    ),
    # Every cookie the site's code and its libraries set (tests/test_legal_pages.py checks the list).
    "cookies": [
        _cookie("csrftoken", "this site", "Protects the forms against requests forged by other sites.", "one year"),
        _cookie(
            "sessionid",
            "this site",
            "Remembers the password of a protected page you opened, and keeps staff signed in to the administration.",
            "eight hours without a visit",
        ),
        _cookie(
            "messages",
            "this site",
            "Shows staff the confirmation of what they just did in the administration.",
            "until the next page",
        ),
        _cookie(
            "wagtail_sidebar_collapsed",
            "this site",
            "Remembers whether a member of staff folded the administration's menu.",
            "until the browser is closed",
        ),
        _cookie(
            "_GRECAPTCHA",
            "Google (reCAPTCHA)",
            "Only on forms with the spam check switched on: tells people from robots.",
            "six months",
        ),
    ],
    "updated_on": datetime.date(2026, 12, 7),
}


def load(demo):
    home = demo.homes[demo.source_language]
    statement = demo.page(home, AccessibilityStatementPage, "accessibility", **ACCESSIBILITY)
    notice = demo.page(home, PrivacyNoticePage, "privacy", **PRIVACY)
    for language_code in demo.locales:
        if language_code != demo.source_language:
            strings = _strings(language_code)
            demo.translate(statement, language_code, strings)
            demo.translate(notice, language_code, strings)
