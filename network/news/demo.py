"""Demo news: the TWIN newsletter's articles and grant-project stories (2019), and a NetZeroCities call.

English is the source; the Turkish is the newsletter's own text (town-twinning-newsletter.tr.txt) and the
Muğla brief (netzerocities-twinning.tr.txt), lightly shortened. Items link to the agenda's events, so the
agenda is loaded first (its loader is idempotent), and to the signatories and supporters they name, which
are loaded after the news: `finish` adds those links.
"""

import datetime

from core.translation import translate
from network.agenda import demo as agenda_demo

from .models import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedEvent,
    NewsPageRelatedSignatory,
    NewsPageRelatedSupporter,
    NewsType,
)

NEWS_INDEX = {
    "slug": "news",
    "title": "News",
    "intro": "News of the network, of its cities and regions, and calls for funding.",
}
NEWS_INDEX_TRANSLATIONS = {
    "tr": {
        "news": "haberler",
        "News": "Haberler",
        NEWS_INDEX["intro"]: "Ağdan, şehirlerinden ve bölgelerinden haberler ve hibe çağrıları.",
    },
    "tk": {
        "news": "tazelikler",
        "News": "Täzelikler",
        NEWS_INDEX["intro"]: "Arabaglanyşykdan, onuň şäherlerinden we sebitlerinden täzelikler we maliýe çagyryşlary.",
    },
    "ru": {
        "news": "novosti",
        "News": "Новости",
        NEWS_INDEX["intro"]: "Новости сети, её городов и регионов, а также конкурсы на финансирование.",
    },
}

# slug: (English, {language: name})
CATEGORIES = {
    "town-twinning": (
        "Town twinning",
        {"tr": "Şehir eşleştirme", "tk": "Şäherleriň jübütleşmegi", "ru": "Побратимство городов"},
    ),
    "climate-energy": (
        "Climate and energy",
        {"tr": "İklim ve enerji", "tk": "Howa we energiýa", "ru": "Климат и энергия"},
    ),
    "capacity-building": (
        "Capacity building",
        {"tr": "Kapasite geliştirme", "tk": "Mümkinçilikleri ösdürmek", "ru": "Развитие потенциала"},
    ),
    "eu-funding": ("EU funding", {"tr": "AB fonları", "tk": "ÝB maliýeleşdirmesi", "ru": "Финансирование ЕС"}),
    "smart-cities": ("Smart cities", {"tr": "Akıllı şehirler", "tk": "Akylly şäherler", "ru": "Умные города"}),
}

NEWS = [
    {
        "slug": "exchange-of-knowledge-in-belgium-and-the-netherlands",
        "title": "Exchange of knowledge in Belgium and the Netherlands",
        "date": "2019-04-22",
        "type": NewsType.NEWS,
        "categories": ["town-twinning", "capacity-building"],
        "events": ["twin-study-visit-belgium-netherlands"],
        "colour": (11, 79, 138),
        "image_alt": "Delegation of Turkish local governments in Brussels",
        "intro": "The Turkey-EU Town Twinning Project (TWIN) study visit to Belgium and the Netherlands took place "
        "on 15–19 April 2019.",
        "paragraphs": [
            "The Directorate for EU Affairs of the Ministry of Foreign Affairs, the Union of Municipalities of "
            "Turkey, the Union of Provinces, the Ministry of Environment and Urbanisation and local government "
            "representatives from several provinces took part in the visit, held in Brussels (15–17 April) and in "
            "the Netherlands (17–19 April).",
            "In Brussels the delegation visited the Permanent Delegation of Turkey to the EU, the Council of "
            "European Municipalities and Regions (CEMR), the Covenant of Mayors for Climate & Energy office, the "
            "European Committee of the Regions and POLIS, the network of cities and regions for transport "
            "innovation.",
            "In the Netherlands it met Schiedam, whose “Schiedam in Motion” project won the URBACT Good Practice "
            "City title, Den Bosch, with its long experience of European networks, and VNG International, the "
            "international agency of the Association of Netherlands Municipalities.",
        ],
        "tr": [
            "belcika-ve-hollandada-bilgi-alisverisi",
            "Belçika ve Hollanda'da bilgi alışverişi",
            "Brüksel'deki Türk yerel yönetim heyeti",
            "Türkiye ve Avrupa Birliği Arasında Şehir Eşleştirme Projesi (TWIN) Belçika ve Hollanda Çalışma "
            "Ziyareti 15-19 Nisan 2019'da gerçekleşti.",
            "Dışişleri Bakanlığı AB Başkanlığı, Türkiye Belediyeler Birliği, Vilayetler Birliği, Çevre ve "
            "Şehircilik Bakanlığı Yerel Yönetimler Genel Müdürlüğü ve Türkiye'nin çeşitli illerinden gelen yerel "
            "yönetim temsilcilerinin katıldığı çalışma ziyareti Brüksel (15-17 Nisan 2019) ve Hollanda'da (17-19 "
            "Nisan 2019) olmak üzere iki bölümde gerçekleşti.",
            "Heyet Brüksel'de AB Nezdinde Türkiye Daimi Temsilciliği'ni, Avrupa Belediyeler ve Bölgeler Konseyi'ni "
            "(CEMR), İklim ve Enerji için Belediye Başkanları Sözleşmesi Koordinatörlüğü'nü, Avrupa Birliği "
            "Bölgeler Komitesi'ni ve ulaştırma alanında iyi uygulamaların paylaşımını destekleyen POLIS ağını "
            "ziyaret etti.",
            "Hollanda'da heyet, “Schiedam in Motion” projesiyle URBACT İyi Uygulama Kenti unvanını kazanan "
            "Schiedam Belediyesi'ni, Avrupa ağları konusunda köklü bir geçmişe sahip Den Bosch Belediyesi'ni ve "
            "Hollanda Belediyeler Birliği Uluslararası Ajansı VNG International'ı ziyaret etti.",
        ],
    },
    {
        "slug": "now-is-the-time-for-town-twinning",
        "title": "Now is the time for town twinning!",
        "date": "2019-04-30",
        "type": NewsType.NEWS,
        "categories": ["town-twinning"],
        "colour": (31, 122, 77),
        "image_alt": "",
        "intro": "The April 2019 issue of the Economic Development Foundation (IKV) magazine featured the TWIN "
        "project under the title “Now is the time for town twinning”.",
        "paragraphs": [
            "Describing the project in detail, the magazine called the coordinating beneficiaries of the programme "
            "“new actors in the Turkey-EU dialogue”."
        ],
        "tr": [
            "simdi-sehir-eslestirme-zamani",
            "Şimdi şehir eşleştirme zamanı!",
            "",
            "İktisadi Kalkınma Vakfı Dergisi (IKV) Nisan 2019 sayısında “Şimdi Şehir Eşleştirme Zamanı” başlığıyla "
            "TWIN projesine yer verdi.",
            "Projeyi detaylı bir şekilde anlatan IKV Dergisi, Türkiye ve AB Arasında Şehir Eşleştirme Programı "
            "koordinatör faydalanıcılarını “Türkiye-AB Diyaloğunda Yeni Aktörler” olarak nitelendirdi.",
        ],
    },
    {
        "slug": "grant-beneficiaries-evaluated-twin",
        "title": "Grant beneficiaries evaluated TWIN",
        "date": "2019-05-06",
        "type": NewsType.NEWS,
        "categories": ["town-twinning", "eu-funding"],
        "events": ["twin-mid-term-evaluation-workshop"],
        "colour": (7, 55, 98),
        "image_alt": "Round tables of the mid-term evaluation workshop in Ankara",
        "intro": "The TWIN mid-term evaluation workshop for coordinating beneficiaries took place in Ankara on 2–3 "
        "May 2019.",
        "paragraphs": [
            "The workshop aimed to raise the coordinating beneficiaries' knowledge of performance indicators, "
            "verifiable indicators, sustainability and effectiveness. The 23 projects were divided into seven groups "
            "by field and, with experts of the technical assistance team, finalised their indicators.",
            "In an online survey on the second day, 98% of participants answered “yes” to the question “Should "
            "there be a second Town Twinning Grant Programme between Turkey and the EU?”",
        ],
        "tr": [
            "hibe-faydalanicilari-twini-degerlendirdi",
            "Hibe faydalanıcıları TWIN'i değerlendirdi",
            "Ankara'daki ara dönem değerlendirme çalıştayında yuvarlak masa çalışmaları",
            "Türkiye ve Avrupa Birliği Arasında Şehir Eşleştirme Projesi (TWIN) Ara Dönem Değerlendirme Çalıştayı "
            "2-3 Mayıs 2019'da Ankara'da düzenlendi.",
            "Çalıştay, performans göstergeleri, doğrulanabilir göstergeler, sürdürülebilirlik ve etkililik "
            "kavramlarına ilişkin koordinatör faydalanıcıların bilgi ve farkındalık düzeylerinin artırılmasını "
            "amaçladı. 23 proje çalışma alanlarına göre 7 gruba ayrıldı ve Teknik Destek Ekibi uzmanlarının "
            "eşliğinde proje göstergelerini nihai hale getirdi.",
            "İkinci gün düzenlenen çevrimiçi ankette katılımcılar “Türkiye ve AB arasında Şehir Eşleştirme Hibe "
            "Programının ikincisi olmalı mı?” sorusunu %98 oranında “Evet” olarak cevapladı.",
        ],
    },
    {
        "slug": "two-week-town-twinning-internship-in-barcelona",
        "title": "Two-week town twinning internship in Barcelona",
        "date": "2019-05-20",
        "type": NewsType.NEWS,
        "categories": ["capacity-building"],
        "events": ["town-twinning-internship-barcelona"],
        "colour": (120, 60, 20),
        "image_alt": "Participants of the internship programme at EIPA Barcelona",
        "intro": "A ten-member delegation of beneficiary institutions and key stakeholders took part in the TWIN "
        "town twinning internship programme in Barcelona on 6–17 May 2019.",
        "paragraphs": [
            "Hosted by the European Institute of Public Administration (EIPA), the programme covered the role of "
            "local governments in EU policies and town twinning practice. The delegation also visited CIDOB, United "
            "Cities and Local Governments (UCLG), CEMR, METROPOLIS, Barcelona City Council and the Association of "
            "Catalan Municipalities."
        ],
        "tr": [
            "barselonada-iki-haftalik-staj-programi",
            "Barselona'da iki haftalık şehir eşleştirme staj programı",
            "EIPA Barselona'da staj programının katılımcıları",
            "TWIN Şehir Eşleştirme Staj Programı, faydalanıcı kurum ve kilit paydaş temsilcilerinden oluşan 10 "
            "kişilik bir heyetin katılımıyla 6-17 Mayıs 2019'da Barselona'da gerçekleşti.",
            "Avrupa Kamu Yönetimi Enstitüsü'nün (EIPA) ev sahipliği yaptığı program, yerel yönetimlerin AB "
            "politikalarındaki rolünü ve şehir eşleştirme uygulamalarını ele aldı. Heyet ayrıca CIDOB, UCLG, CEMR, "
            "METROPOLIS, Barselona Şehir Yönetimi ve Katalan Belediyeler Birliği'ni ziyaret etti.",
        ],
    },
    {
        "slug": "monitoring-visits-to-grant-projects-continue",
        "title": "Monitoring visits to grant projects continue",
        "date": "2019-06-13",
        "type": NewsType.NEWS,
        "categories": ["eu-funding"],
        "events": ["monitoring-visits-second-round"],
        "colour": (60, 60, 90),
        "image_alt": "",
        "intro": "The second round of monitoring visits to the projects of the Town Twinning Grant Programme "
        "between Turkey and the EU started on 13 June 2019.",
        "paragraphs": [
            "Experts of the Directorate for EU Affairs, the Union of Municipalities of Turkey, the Union of "
            "Provinces and the technical assistance team follow the implementation, progress, possible problems "
            "and needs of the 23 projects. The visits end on 19 July 2019; the first round ended on 28 February "
            "2019."
        ],
        "tr": [
            "hibe-projelerine-izleme-ziyaretleri-devam-ediyor",
            "Hibe projelerine izleme ziyaretleri devam ediyor",
            "",
            "Türkiye ve Avrupa Birliği Arasında Şehir Eşleştirme Hibe Programı kapsamında yürütülen projelerin "
            "izleme ziyaretlerinin ikinci etabı 13 Haziran 2019'da başladı.",
            "Avrupa Birliği Başkanlığı, Türkiye Belediyeler Birliği, Vilayetler Birliği ve Teknik Destek Ekibi "
            "uzmanları 23 projenin uygulama süreçlerini, ilerlemelerini, olası sorunlarını ve ihtiyaçlarını "
            "izliyor. Ziyaretler 19 Temmuz 2019'da tamamlanacak; izleme ziyaretlerinin 1. etabı 28 Şubat 2019'da "
            "tamamlanmıştı.",
        ],
    },
    {
        "slug": "town-twinning-training-held-in-istanbul",
        "title": "Town twinning training held in Istanbul",
        "date": "2019-06-24",
        "type": NewsType.NEWS,
        "categories": ["capacity-building", "town-twinning"],
        "events": ["capacity-building-training-istanbul"],
        "colour": (150, 30, 50),
        "image_alt": "Participants receiving their certificates in Istanbul",
        "intro": "The third capacity-building training on town twinning took place in Istanbul on 18–21 June 2019.",
        "paragraphs": [
            "Sessions covered the institutional framework of town twinning and learning from each other, twinning "
            "focused on the EU accession process, thematic approaches, involving key stakeholders and funding "
            "sources. Participants received their certificates at the end of the four-day programme; the first two "
            "trainings took place in Ankara in August and December 2018."
        ],
        "tr": [
            "sehir-eslestirme-egitimi-istanbulda-yapildi",
            "Şehir eşleştirme eğitimi bu kez İstanbul'da yapıldı",
            "İstanbul'da sertifikalarını alan katılımcılar",
            "Şehir Eşleştirme Alanında Kapasite Geliştirme Eğitimleri'nin üçüncüsü 18-21 Haziran 2019 tarihinde "
            "İstanbul'da yapıldı.",
            "Eğitimde şehir eşleştirmenin kurumsal çerçevesi ve birbirinden öğrenme, AB'ye katılım sürecine "
            "odaklanan şehir eşleştirme, tematik yaklaşım, kilit paydaşların dahil edilmesi ve fon kaynakları "
            "konuları ele alındı. Dört gün süren programın sonunda katılımcılara sertifikaları verildi; eğitimlerin "
            "ilk ikisi 2018 yılının Ağustos ve Aralık aylarında Ankara'da gerçekleştirilmişti.",
        ],
    },
    {
        "slug": "twin-at-the-european-week-of-regions-and-cities",
        "title": "TWIN at the European Week of Regions and Cities",
        "date": "2019-07-01",
        "type": NewsType.NEWS,
        "categories": ["town-twinning"],
        "events": ["european-week-of-regions-and-cities-2019"],
        "colour": (0, 51, 153),
        "image_alt": "",
        "intro": "The Town Twinning Project between Turkey and the EU will be at the European Week of Regions and "
        "Cities in Brussels on 7–10 October 2019 with its stand “Town Twinning: Connecting Europe and Turkey”.",
        "paragraphs": [
            "The stand will present the projects of the Town Twinning Grant Programme and launch the town twinning "
            "partner tool, helping local governments meet and build lasting partnerships. The 17th edition expects "
            "6,000 participants from more than 70 countries."
        ],
        "tr": [
            "twin-avrupa-bolgeler-ve-sehirler-haftasinda",
            "TWIN Projesi Avrupa Bölgeler ve Şehirler Haftası'nda",
            "",
            "Türkiye ve Avrupa Birliği Arasında Şehir Eşleştirme Projesi 7-10 Ekim 2019 tarihleri arasında "
            "Brüksel'de gerçekleştirilecek Avrupa Bölgeler ve Şehirler Haftası'nda “Town Twinning: Connecting "
            "Europe and Turkey” adlı standı ile yer alacak.",
            "Proje standında Şehir Eşleştirme Hibe Programı projelerinin tanıtımları ve Şehir Eşleştirme Aracının "
            "lansmanı yapılacak, yerel yönetimler arasında sürdürülebilir ortaklıkların kurulması için "
            "tanışıklıklar arttırılacak. 17. Avrupa Bölgeler ve Şehirler Haftası'na 70'ten fazla ülkeden 6.000 "
            "katılımcı bekleniyor.",
        ],
    },
    {
        "slug": "whos-who-union-of-provinces",
        "title": "Who's who in town twinning: the Union of Provinces",
        "date": "2019-07-02",
        "type": NewsType.COMMUNITY,
        "categories": ["town-twinning"],
        "colour": (90, 40, 110),
        "image_alt": "",
        "intro": "Founded on 31 December 1985 and based in Ankara, the Union of Provinces has 51 special provincial "
        "administrations as members.",
        "paragraphs": [
            "It guides its members, encourages cooperation and the exchange of technical and administrative "
            "experience, helps spread good practice and supports the capacity of the local governments it "
            "represents. It is one of the main stakeholders of the Town Twinning Project between Turkey and the EU."
        ],
        "tr": [
            "kim-kimdir-vilayetler-birligi",
            "Şehir eşleştirme alanında kim kimdir: Vilayetler Birliği",
            "",
            "Merkezi Ankara'da bulunan Vilayetler Birliği 31.12.1985'te kurulmuştur. Birliğin 51 İl Özel İdaresi "
            "üyesi bulunmaktadır.",
            "Birlik üyelerine rehberlik etmekte, yardımlaşma ve işbirliğini, teknik ve idari deneyim bilgi "
            "değişimini teşvik etmekte, iyi uygulama örneklerinin yaygınlaşmasına yardım etmekte ve üyesi olan "
            "yerel yönetimlerin kapasitelerinin geliştirilmesine destek vermektedir. Türkiye ve Avrupa Birliği "
            "Arasında Şehir Eşleştirme Projesi'nin ana paydaşları arasında yer almaktadır.",
        ],
    },
    # Stories of the grant projects ("Hibe projelerinden haberler").
    {
        "slug": "green-flag-information-desk-in-every-school",
        "title": "At least one Green Flag information desk in every school",
        "date": "2019-02-19",
        "type": NewsType.CITY_STORY,
        "categories": ["climate-energy"],
        "colour": (31, 122, 77),
        "image_alt": "",
        "intro": "Espiye Municipality held a “Green Schools Workshop” on 19 February 2019 within its Green "
        "Schools for a Recycling Economy project, with its partner Condomar from Portugal.",
        "paragraphs": [
            "Mayor Mustafa Karadere announced a Green Flag information desk and a waste separation club of at least "
            "ten pupils in every school; each club will run peer education for at least 150 pupils of its school."
        ],
        "tr": [
            "her-okulda-yesil-bayrak-bilgi-masasi",
            "Her okulda en az bir Yeşil Bayrak Bilgi Masası",
            "",
            "Espiye Belediyesi 19 Şubat 2019'da, Geri Dönüşüm Ekonomisi İçin Yeşil Okullar Projesi kapsamında proje "
            "ortağı Portekiz Condomar Belediyesi'nin de katıldığı “Yeşil Okullar Çalıştayı” düzenledi.",
            "Espiye Belediye Başkanı Mustafa Karadere okullarda Yeşil Bayrak Bilgi Masası ile okul başına en az 10 "
            "öğrenciden oluşan bir Atık Ayrıştırma Kulübü kurulacağını ve kulüplerin her birinin kendi okullarında "
            "en az 150 öğrenciye yönelik akran eğitimi yürüteceğini söyledi.",
        ],
    },
    {
        "slug": "city-to-city-cooperation-between-kusadasi-and-sinaia",
        "title": "City-to-city cooperation between Kuşadası and Sinaia",
        "date": "2019-03-01",
        "type": NewsType.CITY_STORY,
        "categories": ["town-twinning"],
        "colour": (0, 110, 140),
        "image_alt": "",
        "intro": "The first information meeting of the Participatory Approach for Sustainable Tourism project took "
        "place in Kuşadası on 1 March 2019.",
        "paragraphs": [
            "Deputy Mayor Ayşe Şerifoğlu said the project would strengthen the sister-city relationship between the "
            "two cities and open the way to lasting cooperation."
        ],
        "tr": [
            "kusadasi-ile-sinaia-arasinda-isbirligi",
            "Kuşadası ile Sinaia arasında şehirden şehre işbirliği",
            "",
            "Sürdürülebilir Turizm için Katılımcı Yaklaşım Projesi'nin bilgilendirme toplantılarının birincisi 1 "
            "Mart 2019'da Kuşadası'nda yapıldı.",
            "Toplantının açılışında konuşan Kuşadası Belediye Başkan Yardımcısı Ayşe Şerifoğlu, projenin iki şehir "
            "arasındaki kardeş şehir ilişkilerinin geliştirilmesine önemli bir katkı sunacağını ve kalıcı "
            "işbirliklerinin ortaya çıkmasına olanak sağlayacağını belirtti.",
        ],
    },
    {
        "slug": "smart-city-vision-in-canakkale",
        "title": "Smart city vision in Çanakkale",
        "date": "2019-03-12",
        "type": NewsType.CITY_STORY,
        "categories": ["smart-cities"],
        "colour": (40, 40, 40),
        "image_alt": "",
        "intro": "The opening and strategy meeting of the Partnership for Smart Cities of the Future project took "
        "place in Çanakkale on 12 March 2019, with Deputy Mayor Begoña Floría of Tarragona.",
        "paragraphs": [
            "Public institutions and NGOs exchanged ideas on making life in Çanakkale easier and on producing "
            "projects and innovative methods with today's technology."
        ],
        "tr": [
            "canakkalede-akilli-kent-vizyonu",
            "Çanakkale'de akıllı kent vizyonu",
            "",
            "Geleceğin Akıllı Şehirleri için Ortaklık Projesinin Açılış ve Strateji Geliştirme Toplantısı, "
            "Tarragona Belediye Başkan Yardımcısı Begoña Floría'nın katılımıyla 12 Mart 2019'da yapıldı.",
            "Kamu kurumlarının ve STK'ların temsilcileri, Çanakkale şehrinin yaşamını kolaylaştırmak, günümüz "
            "teknolojisinin kullanılarak proje ve yenilikçi yöntemlerin üretilmesi için görüş alışverişinde "
            "bulundu.",
        ],
    },
    {
        "slug": "migration-on-the-table-in-gaziantep",
        "title": "Migration on the table in Gaziantep",
        "date": "2019-04-26",
        "type": NewsType.CITY_STORY,
        "categories": ["capacity-building"],
        "colour": (140, 90, 20),
        "image_alt": "",
        "intro": "Gaziantep Metropolitan Municipality, Sopot (Poland) and the İpekyolu Development Agency held a "
        "search conference on the problems that come with migration, and their solutions, on 25–26 April 2019.",
        "paragraphs": ["The conference drew up a road map for future work on migration."],
        "tr": [
            "gaziantepte-goc-konusu-masaya-yatirildi",
            "Gaziantep'te göç konusu masaya yatırıldı",
            "",
            "Gaziantep Büyükşehir Belediyesi, Polonya Sopot Belediyesi ve İpekyolu Kalkınma Ajansı, 25-26 Nisan "
            "2019 tarihlerinde göçle birlikte baş gösteren problemlerin ele alındığı ve çözüm yollarının arandığı "
            "bir arama konferansı gerçekleştirdi.",
            "Arama konferansında göç alanında yapılacak çalışmalar için bir yol haritası da oluşturuldu.",
        ],
    },
    {
        "slug": "womens-climate-action-in-cankaya",
        "title": "Women's climate action in Çankaya",
        "date": "2019-05-08",
        "type": NewsType.CITY_STORY,
        "categories": ["climate-energy"],
        "events": ["womens-climate-action-cankaya"],
        "colour": (31, 122, 77),
        "image_alt": "",
        "intro": "Within the Resilient Cities with Women's Power project, Çankaya Municipality held the seminar "
        "“Women's Climate Action in Çankaya” on 7 May 2019.",
        "paragraphs": [
            "Environmental and political scientist Dr Nuran Talu stressed that women and men are affected "
            "differently by the consequences of global climate change."
        ],
        "tr": [
            "cankayada-kadinlarin-iklim-eylemi",
            "Çankaya'da kadınların iklim eylemi",
            "",
            "Kadın Gücüyle Dirençli Kentler Projesi kapsamında Çankaya Belediyesi 7 Mayıs 2019'da “Çankaya'da "
            "Kadınların İklim Eylemi” adıyla bir seminer düzenledi.",
            "Çevre ve Siyaset Bilimci Dr. Nuran Talu konuşmasında kadınların ve erkeklerin küresel iklim "
            "değişikliğinin sonuçlarından farklı şekilde etkilendiğini vurguladı.",
        ],
    },
    {
        "slug": "study-visit-to-nilufer-from-greece-and-lithuania",
        "title": "Study visit to Nilüfer from Greece and Lithuania",
        "date": "2019-06-14",
        "type": NewsType.CITY_STORY,
        "categories": ["town-twinning"],
        "colour": (0, 90, 60),
        "image_alt": "",
        "intro": "A delegation from Chios (Greece) and Trakai (Lithuania) visited Nilüfer Municipality on 10–14 June "
        "2019 within the Innovative Approaches for Rural Development project.",
        "paragraphs": [
            "The delegation learnt about setting up an innovation centre in a local government and protecting "
            "natural and historical heritage, and saw good examples of rural tourism in the villages of Gölyazı and "
            "Misi."
        ],
        "tr": [
            "nilufere-yunanistan-ve-litvanyadan-calisma-ziyareti",
            "Nilüfer'e Yunanistan ve Litvanya'dan çalışma ziyareti",
            "",
            "Kırsal Kalkınma için Yenilikçi Yaklaşımlar Projesi kapsamında Yunanistan Chios (Sakız) ve Litvanya "
            "Trakai Belediyelerinden bir heyet 10-14 Haziran 2019'da Nilüfer Belediyesi'ni ziyaret etti.",
            "Heyete yerel yönetimlerde inovasyon merkezi kurma, doğal ve tarihi mirasın korunması üzerine bilgiler "
            "verildi; Gölyazı ve Misi köylerinde kırsal turizm konusundaki iyi örnekler sunuldu.",
        ],
    },
    # Today's news, on the seeds' themes.
    {
        "slug": "call-for-cities-netzerocities-twinning-learning-programme",
        "title": "Call for cities: NetZeroCities Twinning Learning Programme",
        "date": "2026-11-02",
        "type": NewsType.FUNDING_CALL,
        "categories": ["climate-energy", "eu-funding"],
        "events": ["netzerocities-twinning-workshop-mugla"],
        "funding_entity": "NetZeroCities consortium, EU Mission for Climate-Neutral and Smart Cities",
        "application_deadline": "2027-02-26",
        "colour": (11, 79, 138),
        "image_alt": "",
        "intro": "Cities can apply to be paired with pioneering “Mission Cities” for technical visits, joint "
        "workshops and action plan development. The costs of all activities are covered by the European Union.",
        "paragraphs": [
            "Action plans, technical visits and workshops launch innovative practice in sustainable energy, green "
            "transport, disaster resilience, water management and nature-based solutions. Menteşe, paired with "
            "Elbasan in Albania, shows what the programme brings."
        ],
        "tr": [
            "netzerocities-eslestirme-programi-cagrisi",
            "Şehirler için çağrı: NetZeroCities Twinning Learning Programme",
            "",
            "Şehirler, teknik ziyaretler, ortak atölyeler ve eylem planı geliştirme çalışmaları için öncü “Misyon "
            "Şehirleri” ile eşleştirilmek üzere başvurabilir. Tüm faaliyetlerin masrafları Avrupa Birliği "
            "tarafından karşılanmaktadır.",
            "Eylem planları, teknik ziyaretler ve atölye çalışmalarıyla sürdürülebilir enerji, yeşil ulaşım, afet "
            "dayanıklılığı, su yönetimi ve doğa temelli çözümler gibi konularda yenilikçi uygulamalar "
            "başlatılmaktadır. Arnavutluk'un Elbasan şehriyle eşleşen Menteşe, programın neler kazandırdığını "
            "gösteriyor.",
        ],
        "tr_extra": {
            "NetZeroCities consortium, EU Mission for Climate-Neutral and Smart Cities": "NetZeroCities "
            "konsorsiyumu, İklim Nötr ve Akıllı Şehirler AB Misyonu"
        },
    },
    {
        "slug": "registration-open-for-the-twin-partner-finding-day",
        "title": "Registration open for the TWIN partner-finding day",
        "date": "2026-11-16",
        "type": NewsType.NEWS,
        "categories": ["town-twinning"],
        "events": ["twin-partner-finding-day", "webinar-funding-sources-for-town-twinning"],
        "colour": (7, 55, 98),
        "image_alt": "",
        "intro": "Municipalities and provinces looking for EU partners can register until 26 February 2027 for the "
        "partner-finding day in Ankara on 10 March.",
        "paragraphs": [
            "A webinar on funding sources for town twinning on 16 February helps prepare applications before the day."
        ],
        "tr": [
            "twin-ortak-bulma-gunu-kayitlari-acildi",
            "TWIN ortak bulma günü için kayıtlar açıldı",
            "",
            "AB'den ortak arayan belediyeler ve il özel idareleri, 10 Mart'ta Ankara'da düzenlenecek ortak bulma "
            "günü için 26 Şubat 2027'ye kadar kayıt yaptırabilir.",
            "16 Şubat'taki şehir eşleştirme için fon kaynakları web semineri, başvuruların o günden önce "
            "hazırlanmasına yardımcı oluyor.",
        ],
    },
]


def categories(demo):
    """The news categories in the source language, translated into the others; {slug: category}."""
    source = demo.locales[demo.source_language]
    found = {}
    for slug, (name, names) in CATEGORIES.items():
        category = NewsCategory.objects.filter(locale=source, slug=slug).first()
        if category is None:
            category = NewsCategory.objects.create(locale=source, slug=slug, name=name)
            demo.created.append(f"NewsCategory {name}")
        for language_code, translated in names.items():
            demo.translate(category, language_code, {name: translated})
        found[slug] = category
    return found


def turkish_strings(item):
    slug, title, image_alt, intro, *paragraphs = item["tr"]
    strings = {item["slug"]: slug, item["title"]: title, item["intro"]: intro, **item.get("tr_extra", {})}
    if image_alt:
        strings[item["image_alt"]] = image_alt
    strings.update(zip(item["paragraphs"], paragraphs, strict=True))
    return strings


def load(demo):
    events = agenda_demo.load(demo)
    home = demo.homes[demo.source_language]
    index = demo.page(home, NewsIndexPage, NEWS_INDEX["slug"], title=NEWS_INDEX["title"], intro=NEWS_INDEX["intro"])
    for language_code, strings in NEWS_INDEX_TRANSLATIONS.items():
        demo.translate(index, language_code, strings)
    found = categories(demo)
    for item in NEWS:
        fields = {
            "title": item["title"],
            "date": datetime.date.fromisoformat(item["date"]),
            "news_type": item["type"],
            "intro": item["intro"],
            "body": [("paragraph", f"<p>{text}</p>") for text in item["paragraphs"]],
            "categories": [found[slug] for slug in item["categories"]],
            "related_events": [NewsPageRelatedEvent(event=events[slug]) for slug in item.get("events", [])],
            "funding_entity": item.get("funding_entity", ""),
        }
        if "application_deadline" in item:
            fields["application_deadline"] = datetime.date.fromisoformat(item["application_deadline"])
        if item["image_alt"]:
            fields["lead_image"] = demo.image(item["title"], colour=item["colour"])
            fields["lead_image_alt"] = item["image_alt"]
        page = demo.page(index, NewsPage, item["slug"], **fields)
        demo.translate(page, "tr", turkish_strings(item))


# The signatories and supporters each item names: {news slug: ([signatory slugs], [supporter slugs])}.
NETWORK_LINKS = {
    "exchange-of-knowledge-in-belgium-and-the-netherlands": (
        [],
        ["union-of-provinces", "union-of-municipalities-of-turkey"],
    ),
    "monitoring-visits-to-grant-projects-continue": ([], ["union-of-provinces", "union-of-municipalities-of-turkey"]),
    "whos-who-union-of-provinces": ([], ["union-of-provinces"]),
    "green-flag-information-desk-in-every-school": (["espiye"], []),
    "city-to-city-cooperation-between-kusadasi-and-sinaia": (["kusadasi", "sinaia"], []),
    "smart-city-vision-in-canakkale": (["canakkale", "tarragona"], []),
    "migration-on-the-table-in-gaziantep": (["gaziantep-metropolitan-municipality", "sopot"], []),
    "womens-climate-action-in-cankaya": (["cankaya"], []),
    "study-visit-to-nilufer-from-greece-and-lithuania": (["nilufer", "chios", "trakai"], []),
    "call-for-cities-netzerocities-twinning-learning-programme": (["mentese", "elbasan"], []),
}


def in_order(model, locale, slugs):
    found = {page.slug: page for page in model.objects.filter(locale=locale, slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def finish(demo):
    """Link the news to the signatories and supporters they name, once, and bring the Turkish along."""
    from network.supporters.models import SupporterPage
    from signatories.models import SignatoryPage

    source = demo.locales[demo.source_language]
    items = {item["slug"]: item for item in NEWS}
    for slug, (signatory_slugs, supporter_slugs) in NETWORK_LINKS.items():
        page = NewsPage.objects.filter(locale=source, slug=slug).first()
        if page is None or page.related_signatories.exists() or page.related_supporters.exists():
            continue
        signatories = in_order(SignatoryPage, source, signatory_slugs)
        supporters = in_order(SupporterPage, source, supporter_slugs)
        if not signatories and not supporters:
            continue
        page.related_signatories = [NewsPageRelatedSignatory(signatory=signatory) for signatory in signatories]
        page.related_supporters = [NewsPageRelatedSupporter(supporter=supporter) for supporter in supporters]
        page.save_revision(user=demo.user).publish(user=demo.user)  # aliases in other languages follow
        demo.created.append(f"links of {page.title}")
        turkish = demo.locales.get("tr")
        if turkish is not None and page.get_translation_or_none(turkish) is not None:
            translate(page, turkish, turkish_strings(items[slug]), user=demo.user)  # synchronised facts
