"""Demo agenda: the events of the TWIN newsletter (2019) and upcoming events on the seeds' themes (2027).

English is the source; Turkish comes from the newsletter (town-twinning-newsletter.tr.txt) and the
Muğla brief (netzerocities-twinning.tr.txt). The upcoming events continue those stories: a TWIN
partner-finding day, a NetZeroCities workshop in Muğla, the Menteşe–Elbasan pairing.
"""

import datetime
import zoneinfo

from .models import AgendaIndexPage, EventPage, EventType

AGENDA = {
    "slug": "agenda",
    "title": "Agenda",
    "intro": "Study visits, trainings, workshops and conferences of the network and its partners.",
}
AGENDA_TRANSLATIONS = {
    "tr": {
        "agenda": "etkinlikler",
        "Agenda": "Etkinlikler",
        AGENDA["intro"]: "Ağın ve ortaklarının çalışma ziyaretleri, eğitimleri, atölyeleri ve konferansları.",
    },
    "tk": {
        "agenda": "gun-tertibi",
        "Agenda": "Gün tertibi",
        AGENDA[
            "intro"
        ]: "Arabaglanyşygyň we onuň hyzmatdaşlarynyň iş saparlary, okuwlary, maslahatlary we konferensiýalary.",
    },
    "ru": {
        "agenda": "meropriyatiya",
        "Agenda": "Мероприятия",
        AGENDA["intro"]: "Учебные визиты, тренинги, семинары и конференции сети и её партнёров.",
    },
}

TWIN_ORGANISER = "Directorate for EU Affairs, Ministry of Foreign Affairs"
TWIN_ORGANISER_TR = "Dışişleri Bakanlığı Avrupa Birliği Başkanlığı"

# Each event: its fields (times are local to its time zone), body paragraphs, documents, and Turkish.
EVENTS = [
    {
        "slug": "twin-study-visit-belgium-netherlands",
        "title": "TWIN study visit to Belgium and the Netherlands",
        "event_type": EventType.STUDY_VISIT,
        "start": "2019-04-15 09:00",
        "end": "2019-04-19 17:00",
        "time_zone": "Europe/Brussels",
        "venue": "Permanent Delegation of Turkey to the EU",
        "city": "Brussels",
        "country": "BE",
        "organiser": TWIN_ORGANISER,
        "intro": "Five days of exchange with European institutions and Dutch municipalities on town twinning and "
        "the EU's climate and energy goals.",
        "paragraphs": [
            "Brussels (15–17 April): the Permanent Delegation of Turkey to the EU, the Council of European "
            "Municipalities and Regions (CEMR), the Covenant of Mayors for Climate & Energy office, the European "
            "Committee of the Regions and POLIS.",
            "The Netherlands (17–19 April): The Hague, Schiedam, Den Bosch and VNG International.",
        ],
        "report": ("TWIN study visit report", "Study visit to Brussels, The Hague, Schiedam and Den Bosch."),
        "tr": {
            "twin-study-visit-belgium-netherlands": "twin-belcika-hollanda-calisma-ziyareti",
            "TWIN study visit to Belgium and the Netherlands": "TWIN Belçika ve Hollanda çalışma ziyareti",
            "Permanent Delegation of Turkey to the EU": "AB Nezdinde Türkiye Daimi Temsilciliği",
            "Brussels": "Brüksel",
            TWIN_ORGANISER: TWIN_ORGANISER_TR,
            "Five days of exchange with European institutions and Dutch municipalities on town twinning and the "
            "EU's climate and energy goals.": "Şehir eşleştirme ve AB'nin iklim ve enerji hedefleri üzerine Avrupa "
            "kurumları ve Hollanda belediyeleriyle beş günlük bilgi alışverişi.",
            "Brussels (15–17 April): the Permanent Delegation of Turkey to the EU, the Council of European "
            "Municipalities and Regions (CEMR), the Covenant of Mayors for Climate & Energy office, the European "
            "Committee of the Regions and POLIS.": "Brüksel (15-17 Nisan): AB Nezdinde Türkiye Daimi Temsilciliği, "
            "Avrupa Belediyeler ve Bölgeler Konseyi (CEMR), İklim ve Enerji için Belediye Başkanları Sözleşmesi "
            "Koordinatörlüğü, Avrupa Birliği Bölgeler Komitesi ve POLIS.",
            "The Netherlands (17–19 April): The Hague, Schiedam, Den Bosch and VNG International.": "Hollanda "
            "(17-19 Nisan): Lahey, Schiedam, Den Bosch ve VNG International.",
        },
    },
    {
        "slug": "twin-mid-term-evaluation-workshop",
        "title": "TWIN mid-term evaluation workshop",
        "event_type": EventType.WORKSHOP,
        "start": "2019-05-02 09:30",
        "end": "2019-05-03 17:00",
        "time_zone": "Europe/Istanbul",
        "city": "Ankara",
        "country": "TR",
        "organiser": "Central Finance and Contracts Unit",
        "intro": "Performance indicators, sustainability and effectiveness, with the coordinating beneficiaries of "
        "the 23 grant projects.",
        "paragraphs": [
            "Day one: performance indicators, verifiable indicators and targets, then round tables of the 23 "
            "projects in seven groups. Day two: “The future of the town twinning programme”, an online survey, "
            "and a workshop on sustainability and effectiveness, closed by a certificate ceremony."
        ],
        "programme": ("Mid-term evaluation workshop programme", "2 May: indicators. 3 May: the future of twinning."),
        "report": ("Mid-term evaluation workshop report", "98% of participants asked for a second programme."),
        "tr": {
            "twin-mid-term-evaluation-workshop": "twin-ara-donem-degerlendirme-calistayi",
            "TWIN mid-term evaluation workshop": "TWIN ara dönem değerlendirme çalıştayı",
            "Central Finance and Contracts Unit": "Merkezi Finans ve İhale Birimi",
            "Performance indicators, sustainability and effectiveness, with the coordinating beneficiaries of the "
            "23 grant projects.": "23 hibe projesinin koordinatör faydalanıcılarıyla performans göstergeleri, "
            "sürdürülebilirlik ve etkililik.",
            "Day one: performance indicators, verifiable indicators and targets, then round tables of the 23 "
            "projects in seven groups. Day two: “The future of the town twinning programme”, an online survey, and "
            "a workshop on sustainability and effectiveness, closed by a certificate ceremony.": "Birinci gün: "
            "performans göstergeleri, doğrulanabilir göstergeler ve hedefler, ardından 7 gruba ayrılan 23 projeyle "
            "yuvarlak masa çalışmaları. İkinci gün: “Şehir Eşleştirme Programının Geleceği” sunumu, çevrimiçi "
            "beklenti anketi ve sürdürülebilirlik ve etkililik çalıştayı; program sertifika töreniyle sona erdi.",
        },
    },
    {
        "slug": "town-twinning-internship-barcelona",
        "title": "Town twinning internship programme",
        "event_type": EventType.TRAINING,
        "start": "2019-05-06 09:00",
        "end": "2019-05-17 17:00",
        "time_zone": "Europe/Madrid",
        "venue": "European Institute of Public Administration (EIPA)",
        "city": "Barcelona",
        "country": "ES",
        "organiser": "European Institute of Public Administration (EIPA)",
        "intro": "Two weeks on the role of local governments in EU policies, for ten representatives of "
        "beneficiaries and key stakeholders.",
        "paragraphs": [
            "Visits to CIDOB, United Cities and Local Governments (UCLG), CEMR, METROPOLIS, Barcelona City Council "
            "and the Association of Catalan Municipalities."
        ],
        "tr": {
            "town-twinning-internship-barcelona": "sehir-eslestirme-staj-programi-barselona",
            "Town twinning internship programme": "Şehir eşleştirme staj programı",
            "European Institute of Public Administration (EIPA)": "Avrupa Kamu Yönetimi Enstitüsü (EIPA)",
            "Barcelona": "Barselona",
            "Two weeks on the role of local governments in EU policies, for ten representatives of beneficiaries "
            "and key stakeholders.": "Faydalanıcı kurum ve kilit paydaşların 10 temsilcisi için yerel yönetimlerin "
            "AB politikalarındaki rolü üzerine iki hafta.",
            "Visits to CIDOB, United Cities and Local Governments (UCLG), CEMR, METROPOLIS, Barcelona City Council "
            "and the Association of Catalan Municipalities.": "CIDOB, Birleşmiş Kentler ve Yerel Yönetimler Dünya "
            "Teşkilatı (UCLG), CEMR, METROPOLIS, Barselona Şehir Yönetimi ve Katalan Belediyeler Birliği "
            "ziyaretleri.",
        },
    },
    {
        "slug": "womens-climate-action-cankaya",
        "title": "Women's climate action in Çankaya",
        "event_type": EventType.WORKSHOP,
        "start": "2019-05-07 10:00",
        "end": "2019-05-07 13:00",
        "time_zone": "Europe/Istanbul",
        "city": "Çankaya, Ankara",
        "country": "TR",
        "organiser": "Çankaya Municipality",
        "intro": "A seminar on adapting to climate change and tackling it in urban public spaces.",
        "paragraphs": [],
        "tr": {
            "womens-climate-action-cankaya": "cankayada-kadinlarin-iklim-eylemi",
            "Women's climate action in Çankaya": "Çankaya'da kadınların iklim eylemi",
            "Çankaya Municipality": "Çankaya Belediyesi",
            "A seminar on adapting to climate change and tackling it in urban public spaces.": "İklim "
            "değişikliğine uyum ve kentsel kamu alanlarında iklim değişikliği ile mücadele üzerine seminer.",
        },
    },
    {
        "slug": "monitoring-visits-second-round",
        "title": "Monitoring visits to grant projects, second round",
        "event_type": EventType.MEETING,
        "start": "2019-06-13 09:00",
        "end": "2019-07-19 17:00",
        "time_zone": "Europe/Istanbul",
        "country": "TR",
        "organiser": "Directorate for EU Affairs, Union of Municipalities of Turkey and Union of Provinces",
        "intro": "Visits to the 23 projects of the Town Twinning Grant Programme between Turkey and the EU.",
        "paragraphs": [],
        "tr": {
            "monitoring-visits-second-round": "izleme-ziyaretleri-ikinci-etap",
            "Monitoring visits to grant projects, second round": "Hibe projeleri izleme ziyaretleri, ikinci etap",
            "Directorate for EU Affairs, Union of Municipalities of Turkey and Union of Provinces": "Avrupa Birliği "
            "Başkanlığı, Türkiye Belediyeler Birliği ve Vilayetler Birliği",
            "Visits to the 23 projects of the Town Twinning Grant Programme between Turkey and the EU.": "Türkiye ve "
            "Avrupa Birliği Arasında Şehir Eşleştirme Hibe Programının 23 projesine izleme ziyaretleri.",
        },
    },
    {
        "slug": "capacity-building-training-istanbul",
        "title": "Capacity-building training on town twinning",
        "event_type": EventType.TRAINING,
        "start": "2019-06-18 09:30",
        "end": "2019-06-21 17:00",
        "time_zone": "Europe/Istanbul",
        "city": "Istanbul",
        "country": "TR",
        "organiser": TWIN_ORGANISER,
        "intro": "The third training of the series: institutional framework, thematic approach, key stakeholders and "
        "funding sources.",
        "paragraphs": [],
        "tr": {
            "capacity-building-training-istanbul": "kapasite-gelistirme-egitimi-istanbul",
            "Capacity-building training on town twinning": "Şehir eşleştirme alanında kapasite geliştirme eğitimi",
            "Istanbul": "İstanbul",
            TWIN_ORGANISER: TWIN_ORGANISER_TR,
            "The third training of the series: institutional framework, thematic approach, key stakeholders and "
            "funding sources.": "Serinin üçüncü eğitimi: kurumsal çerçeve, tematik yaklaşım, kilit paydaşlar ve "
            "fon kaynakları.",
        },
    },
    {
        "slug": "european-week-of-regions-and-cities-2019",
        "title": "European Week of Regions and Cities 2019",
        "event_type": EventType.CONFERENCE,
        "start": "2019-10-07 09:00",
        "end": "2019-10-10 18:00",
        "time_zone": "Europe/Brussels",
        "city": "Brussels",
        "country": "BE",
        "organiser": "European Committee of the Regions",
        "intro": "The 17th European Week of Regions and Cities; TWIN takes part with its stand “Town Twinning: "
        "Connecting Europe and Turkey”.",
        "paragraphs": [
            "6,000 participants from more than 70 countries and 600 speakers are expected. This year's slogan: "
            "“Regions and Cities: the building blocks of the EU's future”."
        ],
        "tr": {
            "european-week-of-regions-and-cities-2019": "avrupa-bolgeler-ve-sehirler-haftasi-2019",
            "European Week of Regions and Cities 2019": "2019 Avrupa Bölgeler ve Şehirler Haftası",
            "Brussels": "Brüksel",
            "European Committee of the Regions": "Avrupa Birliği Bölgeler Komitesi",
            "The 17th European Week of Regions and Cities; TWIN takes part with its stand “Town Twinning: "
            "Connecting Europe and Turkey”.": "17. Avrupa Bölgeler ve Şehirler Haftası; TWIN “Town Twinning: "
            "Connecting Europe and Turkey” standı ile yer alıyor.",
            "6,000 participants from more than 70 countries and 600 speakers are expected. This year's slogan: "
            "“Regions and Cities: the building blocks of the EU's future”.": "70'ten fazla ülkeden 6.000 katılımcı "
            "ve 600 konuşmacı bekleniyor. Bu yılki slogan: “Bölgeler ve Şehirler: AB'nin Geleceğinin Yapıtaşları”.",
        },
    },
    # Upcoming: the seeds' stories, continued.
    {
        "slug": "webinar-funding-sources-for-town-twinning",
        "title": "Webinar: funding sources for town twinning",
        "event_type": EventType.WEBINAR,
        "start": "2027-02-16 11:00",
        "end": "2027-02-16 12:30",
        "time_zone": "Europe/Istanbul",
        "online_url": "https://twinning.example.org/webinar",
        "organiser": TWIN_ORGANISER,
        "registration_url": "https://twinning.example.org/webinar/register",
        "registration_deadline": "2027-02-15",
        "intro": "An hour and a half on the EU programmes that fund town twinning, and on preparing an application.",
        "paragraphs": [],
        "tr": {
            "webinar-funding-sources-for-town-twinning": "web-semineri-sehir-eslestirme-fon-kaynaklari",
            "Webinar: funding sources for town twinning": "Web semineri: şehir eşleştirme için fon kaynakları",
            TWIN_ORGANISER: TWIN_ORGANISER_TR,
            "An hour and a half on the EU programmes that fund town twinning, and on preparing an application.": (
                "Şehir eşleştirmeyi finanse eden AB programları ve başvuru hazırlığı üzerine bir buçuk saat."
            ),
        },
    },
    {
        "slug": "twin-partner-finding-day",
        "title": "TWIN partner-finding day",
        "event_type": EventType.MATCHMAKING,
        "start": "2027-03-10 09:30",
        "end": "2027-03-10 17:30",
        "time_zone": "Europe/Istanbul",
        "venue": "Union of Municipalities of Turkey",
        "city": "Ankara",
        "country": "TR",
        "online_url": "https://twinning.example.org/live",
        "organiser": "Union of Municipalities of Turkey and Union of Provinces",
        "registration_url": "https://twinning.example.org/partner-day",
        "registration_deadline": "2027-02-26",
        "contact_name": "TWIN technical assistance team",
        "contact_email": "twin@network.example",
        "intro": "Turkish municipalities and provinces meet EU local governments looking for town twinning "
        "partners, with the town twinning partner tool.",
        "paragraphs": [
            "Morning: the grant projects of the first programme and the new call. Afternoon: one-to-one meetings "
            "booked in advance through the partner tool."
        ],
        "programme": ("Partner-finding day programme", "09:30 projects; 11:00 the new call; 14:00 meetings."),
        "tr": {
            "twin-partner-finding-day": "twin-ortak-bulma-gunu",
            "TWIN partner-finding day": "TWIN ortak bulma günü",
            "Union of Municipalities of Turkey": "Türkiye Belediyeler Birliği",
            "Union of Municipalities of Turkey and Union of Provinces": "Türkiye Belediyeler Birliği ve Vilayetler "
            "Birliği",
            "TWIN technical assistance team": "TWIN Teknik Destek Ekibi",
            "Turkish municipalities and provinces meet EU local governments looking for town twinning partners, "
            "with the town twinning partner tool.": "Türk belediyeleri ve il özel idareleri, Şehir Eşleştirme "
            "Aracı ile ortak arayan AB yerel yönetimleriyle buluşuyor.",
            "Morning: the grant projects of the first programme and the new call. Afternoon: one-to-one meetings "
            "booked in advance through the partner tool.": "Sabah: ilk programın hibe projeleri ve yeni çağrı. "
            "Öğleden sonra: Eşleştirme Aracı üzerinden önceden ayarlanan ikili görüşmeler.",
        },
    },
    {
        "slug": "netzerocities-twinning-workshop-mugla",
        "title": "NetZeroCities twinning workshop in Muğla",
        "event_type": EventType.WORKSHOP,
        "start": "2027-04-20 09:00",
        "end": "2027-04-22 16:00",
        "time_zone": "Europe/Istanbul",
        "venue": "Muğla Metropolitan Municipality",
        "city": "Muğla",
        "country": "TR",
        "organiser": "Muğla Metropolitan Municipality, Department of Foreign Relations",
        "registration_url": "https://twinning.example.org/mugla",
        "registration_deadline": "2027-04-06",
        "contact_name": "Funds and Projects Branch",
        "contact_email": "projeler@mugla.example",
        "intro": "A joint workshop with a pioneering Mission City on sustainable energy, green transport, disaster "
        "resilience, water management and nature-based solutions.",
        "paragraphs": [
            "Municipal staff and local stakeholders work with international experts on Muğla's action plan; the "
            "costs of the programme's activities are covered by the European Union."
        ],
        "tr": {
            "netzerocities-twinning-workshop-mugla": "muglada-netzerocities-eslestirme-atolyesi",
            "NetZeroCities twinning workshop in Muğla": "Muğla'da NetZeroCities eşleştirme atölyesi",
            "Muğla Metropolitan Municipality": "Muğla Büyükşehir Belediyesi",
            "Muğla Metropolitan Municipality, Department of Foreign Relations": "Muğla Büyükşehir Belediyesi Dış "
            "İlişkiler Dairesi Başkanlığı",
            "Funds and Projects Branch": "Fon ve Projeler Şube Müdürlüğü",
            "A joint workshop with a pioneering Mission City on sustainable energy, green transport, disaster "
            "resilience, water management and nature-based solutions.": "Sürdürülebilir enerji, yeşil ulaşım, afet "
            "dayanıklılığı, su yönetimi ve doğa temelli çözümler üzerine öncü bir Misyon Şehri ile ortak atölye.",
            "Municipal staff and local stakeholders work with international experts on Muğla's action plan; the "
            "costs of the programme's activities are covered by the European Union.": "Belediye çalışanları ve "
            "yerel paydaşlar, uluslararası uzmanlarla birlikte Muğla'nın eylem planı üzerinde çalışıyor; program "
            "faaliyetlerinin masrafları Avrupa Birliği tarafından karşılanıyor.",
        },
    },
    {
        "slug": "mentese-elbasan-peer-visit",
        "title": "Menteşe–Elbasan peer visit",
        "event_type": EventType.STUDY_VISIT,
        "start": "2027-05-11 10:00",
        "end": "2027-05-13 16:00",
        "time_zone": "Europe/Tirane",
        "city": "Elbasan",
        "country": "AL",
        "organiser": "Menteşe Municipality",
        "intro": "Menteşe and Elbasan continue the exchange of good practice begun in the NetZeroCities Twinning "
        "Learning Programme.",
        "paragraphs": [],
        "tr": {
            "mentese-elbasan-peer-visit": "mentese-elbasan-karsilikli-ziyareti",
            "Menteşe–Elbasan peer visit": "Menteşe–Elbasan karşılıklı ziyareti",
            "Menteşe Municipality": "Menteşe Belediyesi",
            "Menteşe and Elbasan continue the exchange of good practice begun in the NetZeroCities Twinning "
            "Learning Programme.": "Menteşe ve Elbasan, NetZeroCities Twinning Learning Programme kapsamında "
            "başlayan iyi uygulama ve deneyim paylaşımını sürdürüyor.",
        },
    },
    {
        "slug": "european-week-of-regions-and-cities-2027",
        "title": "European Week of Regions and Cities 2027",
        "event_type": EventType.CONFERENCE,
        "start": "2027-10-11 09:00",
        "end": "2027-10-14 18:00",
        "time_zone": "Europe/Brussels",
        "city": "Brussels",
        "country": "BE",
        "organiser": "European Committee of the Regions",
        "intro": "The yearly meeting of Europe's regions and cities; the network presents its twinning pairs.",
        "paragraphs": [],
        "tr": {
            "european-week-of-regions-and-cities-2027": "avrupa-bolgeler-ve-sehirler-haftasi-2027",
            "European Week of Regions and Cities 2027": "2027 Avrupa Bölgeler ve Şehirler Haftası",
            "Brussels": "Brüksel",
            "European Committee of the Regions": "Avrupa Birliği Bölgeler Komitesi",
            "The yearly meeting of Europe's regions and cities; the network presents its twinning pairs.": (
                "Avrupa'nın bölge ve şehirlerinin yıllık buluşması; ağ eşleştirme çiftlerini tanıtıyor."
            ),
        },
    },
]


def event_fields(demo, spec):
    zone = zoneinfo.ZoneInfo(spec["time_zone"])
    fields = {
        key: spec[key]
        for key in (
            "title",
            "event_type",
            "time_zone",
            "venue",
            "city",
            "country",
            "online_url",
            "organiser",
            "registration_url",
            "contact_name",
            "contact_email",
            "intro",
        )
        if key in spec
    }
    fields["start"] = datetime.datetime.fromisoformat(spec["start"]).replace(tzinfo=zone)
    fields["end"] = datetime.datetime.fromisoformat(spec["end"]).replace(tzinfo=zone)
    if "registration_deadline" in spec:
        fields["registration_deadline"] = datetime.date.fromisoformat(spec["registration_deadline"])
    fields["description"] = [("paragraph", f"<p>{text}</p>") for text in spec["paragraphs"]]
    for kind in ("programme", "report"):
        if kind in spec:
            title, text = spec[kind]
            fields[kind] = demo.document(title, text)
    return fields


def load(demo):
    """The agenda and its events, in English and Turkish; returns {slug: EventPage} of the source tree.

    The news loader calls this first (its items link to events); a second call changes nothing.
    """
    home = demo.homes[demo.source_language]
    agenda = demo.page(home, AgendaIndexPage, AGENDA["slug"], title=AGENDA["title"], intro=AGENDA["intro"])
    for language_code, strings in AGENDA_TRANSLATIONS.items():
        demo.translate(agenda, language_code, strings)
    events = {}
    for spec in EVENTS:
        event = demo.page(agenda, EventPage, spec["slug"], **event_fields(demo, spec))
        demo.translate(event, "tr", spec["tr"])
        events[spec["slug"]] = event
    return events
