"""Demo content of the signatories app: the directory and its local authorities.

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
    home = demo.homes[demo.source_language]

    directory = demo.page(home, SignatoryIndexPage, DIRECTORY["slug"], title=DIRECTORY["title"],
                          introduction=DIRECTORY["introduction"], show_in_menus=True)  # fmt: skip
    for language_code, strings in DIRECTORY_TRANSLATIONS.items():
        demo.translate(directory, language_code, strings)

    for entry in SIGNATORIES:
        page = demo.page(directory, SignatoryPage, ascii_slug(entry["name"]), **signatory_fields(demo, entry))
        demo.translate(page, "tr", signatory_translation(entry))
