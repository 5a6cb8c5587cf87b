"""Demo content of the signatories app: the directory, its local authorities and their twinnings.

The authorities are those named in the seed documents: the Turkish municipalities and their EU
partner cities of the TWIN town-twinning newsletter (town-twinning-newsletter.tr.txt), and
Menteşe and Elbasan from the Muğla brief on the NetZeroCities Twinning Learning Programme
(netzerocities-twinning.tr.txt). Places, coordinates and populations are real (rounded, from
national statistics); commitments, emissions and plans are invented, plausible figures, and
every profile says so (is_demo_data). Descriptive text is given in English and Turkish.
"""

from datetime import date
from decimal import Decimal

from wagtail.models import Page

from .models import (
    BaselineSectorEmission,
    MonitoringReport,
    SignatoryIndexPage,
    SignatoryNetworkLink,
    SignatoryPage,
    SignatoryStatusChange,
    TwinningIndexPage,
    TwinningPage,
    TwinningPartner,
    TwinningProgramme,
)
from .text import ascii_slug

DIRECTORY = {
    "slug": "signatories",
    "title": "Signatories",
    "introduction": (
        "The local authorities of the network: what each one committed to, how far it has come, and the data "
        "to take away."
    ),
}
DIRECTORY_TRANSLATIONS = {
    "tr": {
        "signatories": "imzacilar",
        "Signatories": "İmzacılar",
        DIRECTORY["introduction"]: (
            "Ağın yerel yönetimleri: her birinin neyi taahhüt ettiği, ne kadar yol aldığı ve indirilebilir veriler."
        ),
    },
    "tk": {
        "signatories": "gol-cekenler",
        "Signatories": "Gol çekenler",
        DIRECTORY["introduction"]: (
            "Arabaglanyşygyň ýerli häkimiýetleri: her biriniň näme borçlanandygy, näçe öňe gidendigi we göçürip "
            "alyp bolýan maglumatlar."
        ),
    },
    "ru": {
        "signatories": "podpisanty",
        "Signatories": "Подписанты",
        DIRECTORY["introduction"]: (
            "Местные власти сети: какие обязательства взял каждый, каких успехов достиг, и открытые данные для "
            "скачивания."
        ),
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

TBB = ("Union of Municipalities of Turkey", "https://www.tbb.gov.tr/")
TBB_SLUG = "union-of-municipalities-of-turkey"  # its profile in the supporters app's demo


def entry(**fields):
    """One row of the tables below (keyword arguments read better than dictionary literals here)."""
    return fields


# Each authority: English name, Turkish name (if different), country, region (English, Turkish),
# population and its year, latitude, longitude, kind (English, Turkish), and the invented figures.
SIGNATORIES = [
    # Turkish municipalities of the TWIN newsletter and the Muğla brief.
    entry(id="TR-ESPIYE", name="Espiye", country="TR", region=("Giresun", "Giresun"), population=(39_000, 2023),
          at=("40.948600", "38.708600"), kind=("District municipality on the Black Sea coast", "Karadeniz kıyısında bir ilçe belediyesi"),
          joined=date(2018, 11, 5), status="adhesion", commitments=("2030",), target=40, baseline=(2017, "98000")),
    entry(id="TR-KUSADASI", name="Kuşadası", country="TR", region=("Aydın", "Aydın"), population=(134_000, 2023),
          at=("37.857900", "27.261000"), kind=("Aegean resort town and district municipality", "Ege kıyısında turizm kenti ve ilçe belediyesi"),
          joined=date(2016, 3, 14), status="action_plan_submitted", commitments=("2030", "adaptation"), target=40,
          baseline=(2015, "410000"), plan=date(2018, 6, 20), plan_covers=("adaptation",), risk=True),
    entry(id="TR-SULUOVA", name="Suluova", country="TR", region=("Amasya", "Amasya"), population=(47_000, 2023),
          at=("40.831900", "35.647800"), kind=("District of Amasya province", "Amasya iline bağlı bir ilçe"),
          joined=date(2019, 2, 11), status="adhesion", commitments=("2030",), target=40),
    entry(id="TR-KONAK", name="Konak", country="TR", region=("İzmir", "İzmir"), population=(336_000, 2023),
          at=("38.418900", "27.128700"), kind=("Central district municipality of İzmir", "İzmir'in merkez ilçe belediyesi"),
          joined=date(2014, 10, 8), status="monitoring", commitments=("2030", "adaptation", "energy_poverty"), target=40,
          baseline=(2012, "1350000"), plan=date(2016, 12, 1), plan_covers=("adaptation",), risk=True, poverty=True,
          reports=[(2017, "1290000", 12, 9, 6), (2021, "1180000", 21, 8, 3)]),
    entry(id="TR-MERSIN", name="Mersin Metropolitan Municipality", tr="Mersin Büyükşehir Belediyesi", country="TR",
          region=("Mersin", "Mersin"), population=(1_920_000, 2023), at=("36.812100", "34.641500"),
          kind=("Metropolitan municipality on the Mediterranean coast", "Akdeniz kıyısında bir büyükşehir belediyesi"),
          joined=date(2015, 5, 20), status="action_plan_submitted", commitments=("2030",), target=40,
          baseline=(2014, "6900000"), plan=date(2019, 3, 15)),
    entry(id="TR-CANAKKALE", name="Çanakkale", country="TR", region=("Çanakkale", "Çanakkale"), population=(200_000, 2023),
          at=("40.155300", "26.414200"), kind=("Provincial centre on the Dardanelles", "Çanakkale Boğazı kıyısında il merkezi"),
          joined=date(2017, 9, 26), status="action_plan_submitted", commitments=("2030", "2050"), target=55,
          baseline=(2016, "820000"), plan=date(2020, 2, 10)),
    entry(id="TR-GAZIANTEP", name="Gaziantep Metropolitan Municipality", tr="Gaziantep Büyükşehir Belediyesi", country="TR",
          region=("Gaziantep", "Gaziantep"), population=(2_160_000, 2023), at=("37.066200", "37.383300"),
          kind=("Metropolitan municipality in south-eastern Türkiye", "Güneydoğu Anadolu'da bir büyükşehir belediyesi"),
          joined=date(2014, 4, 2), status="monitoring", commitments=("2030", "2050", "adaptation"), target=40,
          baseline=(2017, "8100000"), plan=date(2019, 11, 18), plan_covers=("adaptation",), risk=True,
          reports=[(2021, "7700000", 18, 14, 9)]),
    entry(id="TR-CORUM", name="Çorum", country="TR", region=("Çorum", "Çorum"), population=(297_000, 2023),
          at=("40.550600", "34.955600"), kind=("Provincial centre in central Anatolia", "İç Anadolu'da bir il merkezi"),
          joined=date(2018, 6, 4), status="adhesion", commitments=("2030",), target=40),
    entry(id="TR-LULEBURGAZ", name="Lüleburgaz", country="TR", region=("Kırklareli", "Kırklareli"), population=(159_000, 2023),
          at=("41.403600", "27.356900"), kind=("District municipality in Thrace", "Trakya'da bir ilçe belediyesi"),
          joined=date(2020, 1, 15), status="action_plan_submitted", commitments=("2030", "2050", "adaptation"), target=55,
          baseline=(2019, "640000"), plan=date(2022, 4, 22), plan_covers=("adaptation",), risk=True),
    entry(id="TR-NILUFER", name="Nilüfer", country="TR", region=("Bursa", "Bursa"), population=(530_000, 2023),
          at=("40.213300", "28.983600"), kind=("District municipality of Bursa", "Bursa'nın ilçe belediyesi"),
          joined=date(2010, 11, 19), status="monitoring", commitments=("2020", "2030", "adaptation", "energy_poverty"),
          target=40, baseline=(2012, "1610000"), plan=date(2014, 5, 30), plan_covers=("adaptation", "energy_poverty"),
          risk=True, poverty=True, reports=[(2016, "1540000", 14, 11, 5), (2020, "1410000", 26, 9, 2)],
          sectors=[("residential", "560000"), ("tertiary", "240000"), ("transport", "510000"), ("municipal", "60000"),
                  ("industry", "160000"), ("waste", "80000")]),
    entry(id="TR-KUTAHYA", name="Kütahya", country="TR", region=("Kütahya", "Kütahya"), population=(278_000, 2023),
          at=("39.424200", "29.983300"), kind=("Provincial centre in western Anatolia", "Batı Anadolu'da bir il merkezi"),
          joined=date(2019, 4, 9), status="on_hold", commitments=("2030",), target=40, baseline=(2018, "1020000")),
    entry(id="TR-EREGLI-KONYA", name="Ereğli", country="TR", region=("Konya", "Konya"), population=(150_000, 2023),
          at=("37.513300", "34.046700"), kind=("District municipality of Konya province", "Konya iline bağlı bir ilçe belediyesi"),
          joined=date(2019, 7, 1), status="adhesion", commitments=("2030",), target=40),
    entry(id="TR-CANKAYA", name="Çankaya", country="TR", region=("Ankara", "Ankara"), population=(920_000, 2023),
          at=("39.917900", "32.862700"), kind=("Central district municipality of Ankara", "Ankara'nın merkez ilçe belediyesi"),
          joined=date(2011, 3, 8), status="monitoring", commitments=("2020", "2030", "2050", "adaptation", "energy_poverty"),
          target=55, baseline=(2015, "2900000"), plan=date(2017, 10, 2), plan_covers=("adaptation", "energy_poverty"),
          risk=True, poverty=True, reports=[(2019, "2750000", 31, 17, 8), (2022, "2540000", 44, 12, 4)]),
    entry(id="TR-MENTESE", name="Menteşe", country="TR", region=("Muğla", "Muğla"), population=(120_000, 2023),
          at=("37.215300", "28.363600"), kind=("Central district municipality of Muğla", "Muğla'nın merkez ilçe belediyesi"),
          joined=date(2021, 5, 12), status="action_plan_submitted", commitments=("2030", "2050", "adaptation"), target=55,
          baseline=(2019, "520000"), plan=date(2023, 9, 1), plan_covers=("adaptation",), risk=True),
    # EU partner cities of the TWIN newsletter, and Elbasan.
    entry(id="PT-GONDOMAR", name="Gondomar", country="PT", region=("Porto", "Porto"), population=(164_000, 2021),
          at=("41.144400", "-8.532200"), kind=("Municipality of the Porto metropolitan area", "Porto metropol alanında bir belediye"),
          joined=date(2009, 2, 10), status="monitoring", commitments=("2020", "2030"), target=40,
          baseline=(2008, "520000"), plan=date(2010, 12, 20), reports=[(2014, "470000", 20, 10, 4), (2019, "430000", 29, 8, 2)]),
    entry(id="RO-SINAIA", name="Sinaia", country="RO", region=("Prahova", "Prahova"), population=(9_000, 2021),
          at=("45.350000", "25.551400"), kind=("Mountain resort town in the Carpathians", "Karpatlar'da bir dağ turizmi kenti"),
          joined=date(2013, 6, 18), status="action_plan_submitted", commitments=("2020", "2030"), target=40,
          baseline=(2010, "52000"), plan=date(2015, 3, 2)),
    entry(id="LV-DAUGAVPILS", name="Daugavpils", country="LV", region=("Latgale", "Latgale"), population=(78_000, 2023),
          at=("55.871400", "26.516100"), kind=("Second city of Latvia", "Letonya'nın ikinci büyük şehri"),
          joined=date(2010, 9, 1), status="monitoring", commitments=("2020", "2030", "adaptation"), target=40,
          baseline=(2008, "410000"), plan=date(2011, 11, 1), plan_covers=("adaptation",), risk=True,
          reports=[(2015, "360000", 17, 6, 5), (2020, "320000", 24, 6, 2)]),
    entry(id="RO-BUCHAREST-S2", name="Bucharest District 2", tr="Bükreş 2. Bölge", country="RO",
          region=("Bucharest", "Bükreş"), population=(290_000, 2021), at=("44.452800", "26.133600"),
          kind=("District (sector) of the Romanian capital", "Romanya başkentinin bir bölgesi"),
          joined=date(2012, 4, 25), status="action_plan_submitted", commitments=("2020", "2030"), target=40,
          baseline=(2008, "1150000"), plan=date(2014, 7, 7)),
    entry(id="PL-LESZNO", name="Leszno", country="PL", region=("Greater Poland", "Büyük Polonya"), population=(61_000, 2021),
          at=("51.840300", "16.574900"), kind=("Town in western Poland", "Batı Polonya'da bir şehir"),
          joined=date(2014, 2, 3), status="monitoring", commitments=("2020", "2030"), target=40,
          baseline=(2012, "330000"), plan=date(2015, 10, 5), reports=[(2019, "300000", 15, 7, 3)]),
    entry(id="ES-TARRAGONA", name="Tarragona", country="ES", region=("Catalonia", "Katalonya"), population=(138_000, 2023),
          at=("41.118900", "1.244500"), kind=("Mediterranean port city", "Akdeniz'de bir liman kenti"),
          joined=date(2009, 2, 10), status="monitoring", commitments=("2020", "2030", "2050", "adaptation", "energy_poverty"),
          target=55, baseline=(2005, "790000"), plan=date(2010, 7, 12), plan_covers=("adaptation", "energy_poverty"),
          risk=True, poverty=True, reports=[(2012, "700000", 22, 15, 9), (2018, "640000", 38, 14, 5)]),
    entry(id="PL-SOPOT", name="Sopot", country="PL", region=("Pomerania", "Pomeranya"), population=(34_000, 2021),
          at=("54.441800", "18.560100"), kind=("Seaside town on the Baltic", "Baltık kıyısında bir sahil kenti"),
          joined=date(2015, 11, 23), status="action_plan_submitted", commitments=("2030",), target=40,
          baseline=(2013, "190000"), plan=date(2017, 1, 30)),
    entry(id="LT-TELSIAI", name="Telšiai", country="LT", region=("Samogitia", "Žemaitija"), population=(40_000, 2021),
          at=("55.981700", "22.247200"), kind=("District municipality in north-western Lithuania", "Kuzeybatı Litvanya'da bir ilçe belediyesi"),
          joined=date(2016, 5, 17), status="adhesion", commitments=("2030",), target=40),
    entry(id="HU-SZARVAS", name="Szarvas", country="HU", region=("Békés", "Békés"), population=(16_000, 2022),
          at=("46.866700", "20.550000"), kind=("Town on the Great Hungarian Plain", "Büyük Macar Ovası'nda bir kasaba"),
          joined=date(2017, 3, 6), status="action_plan_submitted", commitments=("2030",), target=40,
          baseline=(2015, "72000"), plan=date(2019, 6, 3)),
    entry(id="LV-REZEKNE", name="Rēzekne", tr="Rezekne", country="LV", region=("Latgale", "Latgale"), population=(26_000, 2023),
          at=("56.509900", "27.333200"), kind=("Town in eastern Latvia", "Doğu Letonya'da bir şehir"),
          joined=date(2013, 9, 30), status="monitoring", commitments=("2020", "2030"), target=40,
          baseline=(2010, "150000"), plan=date(2014, 12, 1), reports=[(2018, "128000", 11, 4, 2)]),
    entry(id="GR-CHIOS", name="Chios", tr="Sakız (Chios)", country="GR", region=("North Aegean", "Kuzey Ege"),
          population=(51_000, 2021), at=("38.368000", "26.135800"), kind=("Island municipality in the Aegean", "Ege'de bir ada belediyesi"),
          joined=date(2012, 1, 16), status="action_plan_submitted", commitments=("2020", "2030"), target=40,
          baseline=(2009, "330000"), plan=date(2013, 9, 9)),
    entry(id="LT-TRAKAI", name="Trakai", country="LT", region=("Vilnius County", "Vilnius ili"), population=(31_000, 2021),
          at=("54.637800", "24.934200"), kind=("District municipality with a historic lake castle", "Tarihi göl kalesiyle tanınan ilçe belediyesi"),
          joined=date(2014, 6, 12), status="adhesion", commitments=("2030",), target=40),
    entry(id="HU-PECS", name="Pécs", tr="Peçuy (Pécs)", country="HU", region=("Baranya", "Baranya"), population=(139_000, 2022),
          at=("46.072700", "18.232300"), kind=("University city in southern Hungary", "Güney Macaristan'da bir üniversite kenti"),
          joined=date(2011, 10, 3), status="monitoring", commitments=("2020", "2030", "adaptation"), target=40,
          baseline=(2008, "700000"), plan=date(2012, 11, 26), plan_covers=("adaptation",), risk=True,
          reports=[(2016, "610000", 19, 12, 6)]),
    entry(id="AL-ELBASAN", name="Elbasan", country="AL", region=("Elbasan County", "Elbasan ili"), population=(141_000, 2023),
          at=("41.112500", "20.082200"), kind=("City in central Albania", "Orta Arnavutluk'ta bir şehir"),
          joined=date(2019, 10, 21), status="action_plan_submitted", commitments=("2030", "adaptation"), target=40,
          baseline=(2016, "360000"), plan=date(2021, 2, 15), plan_covers=("adaptation",), risk=True),
]  # fmt: skip

DEMO_NOTE = ("Demo profile: commitments, emissions and plans are invented examples.",
             "Örnek profil: taahhütler, emisyonlar ve planlar uydurma örneklerdir.")  # fmt: skip

# The TWIN projects of the newsletter, and Menteşe-Elbasan from the Muğla brief.
TWINNINGS = [
    entry(slug="espiye-gondomar", programme="twin", theme="circular_economy", years=(2019, 2020), status="completed",
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
    entry(slug="konak-bucharest-district-2", programme="twin", theme="democracy", years=(2019, 2020),
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
    entry(slug="canakkale-tarragona", programme="twin", theme="smart_cities", years=(2019, 2020), status="completed",
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
    entry(slug="corum-telsiai-szarvas", programme="twin", theme="smart_cities", years=(2019, 2020),
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
    entry(slug="nilufer-chios-trakai", programme="twin", theme="rural_development", years=(2019, 2020),
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
    entry(slug="eregli-youth-employment", programme="twin", theme="employment", years=(2019, 2020),
          status="completed", partners=["TR-EREGLI-KONYA"],
          project=("More Employment for Young People", "Gençler İçin Daha Fazla İstihdam"),
          text=("The launch meeting took place on 18 June 2019. The newsletter does not name the EU partner.",
               "Projenin tanıtım ve bilgilendirme toplantısı 18 Haziran 2019'da yapıldı. Bültende AB ortağının adı "
               "geçmiyor.")),
    entry(slug="cankaya-resilient-cities", programme="twin", theme="climate_adaptation", years=(2019, 2020),
          status="completed", partners=["TR-CANKAYA"],
          project=("Resilient Cities with Women's Power", "Kadın Gücüyle Dirençli Kentler"),
          text=("On 7 May 2019 Çankaya held the seminar \u201cWomen's Climate Action in Çankaya\u201d on adapting to "
               "climate change in urban public spaces. The newsletter does not name the EU partner.",
               "Çankaya Belediyesi 7 Mayıs 2019'da \u201cÇankaya'da Kadınların İklim Eylemi\u201d semineri düzenledi. "
               "Bültende AB ortağının adı geçmiyor.")),
    entry(slug="mentese-elbasan", programme="netzerocities", theme="climate_energy", years=(2024, None),
          status="ongoing", partners=["TR-MENTESE", "AL-ELBASAN"],
          project=("Sharing good practice on the way to climate neutrality", "İklim nötrlüğü yolunda iyi uygulama paylaşımı"),
          text=("Menteşe applied to the programme and was paired with the city of Elbasan in Albania. Good practice "
               "and experience are being shared between the two municipalities, and the programme continues.",
               "Menteşe Belediyesi bu programa başvuruda bulunmuş ve Arnavutluk'un Elbasan şehriyle eşleşmiştir. İki "
               "belediye arasında iyi uygulama ve deneyim paylaşımı sağlanmış ve program süreci devam etmektedir.")),
]  # fmt: skip

COMMITMENT_FIELDS = {
    "2020": "commitment_2020",
    "2030": "commitment_2030",
    "2050": "commitment_2050",
    "adaptation": "commitment_adaptation",
    "energy_poverty": "commitment_energy_poverty",
}


def signatory_fields(demo, entry):
    """The SignatoryPage field values (and child objects) of one entry of SIGNATORIES."""
    population, population_year = entry["population"]
    latitude, longitude = entry["at"]
    fields = {
        "title": entry["name"],
        "organisation_id": entry["id"],
        "country": entry["country"],
        "region": entry["region"][0],
        "population": population,
        "population_year": population_year,
        "latitude": Decimal(latitude),
        "longitude": Decimal(longitude),
        "adhesion_date": entry["joined"],
        "status": entry["status"],
        "target_2030_percent": entry.get("target") if "2030" in entry["commitments"] else None,
        "risk_assessment_done": entry.get("risk", False),
        "energy_poverty_assessment_done": entry.get("poverty", False),
        "introduction": f"{entry['kind'][0]}. {DEMO_NOTE[0]}",
        "is_demo_data": True,
    }
    for commitment in entry["commitments"]:
        fields[COMMITMENT_FIELDS[commitment]] = True
    history = [SignatoryStatusChange(status="adhesion", date=entry["joined"])]
    if entry.get("baseline"):
        fields["baseline_year"], emissions = entry["baseline"]
        fields["baseline_emissions"] = Decimal(emissions)
    if entry.get("plan"):
        fields["action_plan_submitted_on"] = entry["plan"]
        fields["action_plan_status"] = "accepted" if entry["status"] == "monitoring" else "submitted"
        fields["action_plan_covers_adaptation"] = "adaptation" in entry.get("plan_covers", ())
        fields["action_plan_covers_energy_poverty"] = "energy_poverty" in entry.get("plan_covers", ())
        fields["action_plan_document"] = demo.document(
            f"Action plan of {entry['name']} (demo)",
            f"Sustainable Energy and Climate Action Plan of {entry['name']}.\n{DEMO_NOTE[0]}\n",
        )
        history.append(SignatoryStatusChange(status="action_plan_submitted", date=entry["plan"]))
    reports = []
    for year, emissions, completed, ongoing, not_started in entry.get("reports", []):
        reports.append(
            MonitoringReport(
                year=year,
                emissions=Decimal(emissions),
                actions_completed=completed,
                actions_ongoing=ongoing,
                actions_not_started=not_started,
                document=demo.document(
                    f"Monitoring report {year} of {entry['name']} (demo)",
                    f"Monitoring report {year} of {entry['name']}.\n{DEMO_NOTE[0]}\n",
                ),
            )
        )
    if reports:
        history.append(SignatoryStatusChange(status="monitoring", date=date(reports[0].year + 1, 3, 1)))
    if entry["status"] == "on_hold":
        history.append(SignatoryStatusChange(status="on_hold", date=date(2022, 1, 10)))
    fields["status_history"] = history
    fields["monitoring_reports"] = reports
    fields["baseline_sectors"] = [
        BaselineSectorEmission(sector=sector, emissions=Decimal(emissions))
        for sector, emissions in entry.get("sectors", [])
    ]
    if entry["country"] == "TR":
        fields["network_links"] = [
            SignatoryNetworkLink(role="supporter", name=TBB[0], website=TBB[1], supporter_page=supporter_profile(demo))
        ]
    return fields


def supporter_profile(demo):
    """The supporters app's profile of the Union of Municipalities of Turkey, if its demo made one.

    Found by slug as a plain page, so that this app does not depend on the supporters app.
    """
    return Page.objects.filter(slug=TBB_SLUG, locale=demo.locales[demo.source_language], alias_of__isnull=True).first()


def signatory_translation(entry):
    strings = {
        entry["region"][0]: entry["region"][1],
        f"{entry['kind'][0]}. {DEMO_NOTE[0]}": f"{entry['kind'][1]}. {DEMO_NOTE[1]}",
    }
    if entry.get("tr"):
        strings[entry["name"]] = entry["tr"]
    return strings


def load(demo):
    source = demo.locales[demo.source_language]
    home = demo.homes[demo.source_language]

    directory = demo.page(home, SignatoryIndexPage, DIRECTORY["slug"], title=DIRECTORY["title"],
                          introduction=DIRECTORY["introduction"], show_in_menus=True)  # fmt: skip
    for language_code, strings in DIRECTORY_TRANSLATIONS.items():
        demo.translate(directory, language_code, strings)

    signatories = {}
    for entry in SIGNATORIES:
        page = demo.page(directory, SignatoryPage, ascii_slug(entry["name"]), **signatory_fields(demo, entry))
        demo.translate(page, "tr", signatory_translation(entry))
        signatories[entry["id"]] = page

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

    twinning_index = demo.page(home, TwinningIndexPage, TWINNING_INDEX["slug"], title=TWINNING_INDEX["title"],
                               introduction=TWINNING_INDEX["introduction"], show_in_menus=True)  # fmt: skip
    for language_code, strings in TWINNING_INDEX_TRANSLATIONS.items():
        demo.translate(twinning_index, language_code, strings)

    for entry in TWINNINGS:
        partners = [signatories[key] for key in entry["partners"]]
        start, end = entry["years"]
        twinning = demo.page(
            twinning_index,
            TwinningPage,
            entry["slug"],
            title=" – ".join(partner.title for partner in partners),
            project_title=entry["project"][0],
            programme=programmes[entry["programme"]],
            theme=entry["theme"],
            start_year=start,
            end_year=end,
            status=entry["status"],
            description=f"<p>{entry['text'][0]}</p>",
            partners=[
                TwinningPartner(signatory=partner, is_lead=position == 0, sort_order=position)
                for position, partner in enumerate(partners)
            ],
        )
        titles = {partner.title: partner.title for partner in partners}
        strings = {
            entry["project"][0]: entry["project"][1],
            entry["text"][0]: entry["text"][1],
            " – ".join(titles): " – ".join(
                next((item.get("tr") for item in SIGNATORIES if item["id"] == key), None) or partner.title
                for key, partner in zip(entry["partners"], partners, strict=True)
            ),
        }
        demo.translate(twinning, "tr", strings)
