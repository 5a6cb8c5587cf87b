"""Demo supporters: the Union of Provinces and the Union of Municipalities of Turkey.

The profile of the Union of Provinces (Vilayetler Birliği) is the "who's who" of the TWIN
newsletter (town-twinning-newsletter.tr.txt, end of file), kept in its Turkish original and
translated into English (the source locale). The Union of Municipalities of Turkey (Türkiye
Belediyeler Birliği) is described from what the same newsletter says of its part in the
programme: the study visit to Brussels and the Netherlands, the mid-term evaluation workshop and
the monitoring visits of the grant projects.
"""

import datetime

from wagtail.models import Page

from .choices import ServiceCategory, SupporterKind, SupporterRole, SupporterStatus
from .models import FeedbackReport, SupporterIndexPage, SupporterPage, SupporterService
from .owners import assign_profile_workflow

INDEX = {
    "slug": "supporters",
    "title": "Supporters",
    "introduction": (
        "Networks and associations of local authorities, regions and energy agencies that promote the Covenant "
        "among their members and support the signatories with their services."
    ),
}
INDEX_TRANSLATIONS = {
    "tr": {
        "supporters": "destekciler",
        "Supporters": "Destekçiler",
        INDEX["introduction"]: (
            "Sözleşmeyi üyeleri arasında tanıtan ve hizmetleriyle imzacıları destekleyen yerel yönetim ağları ve "
            "birlikleri, bölgeler ve enerji ajansları."
        ),
    },
    "tk": {
        "supporters": "goldayjylar",
        "Supporters": "Goldaýjylar",
        INDEX["introduction"]: (
            "Bileleşigi öz agzalarynyň arasynda wagyz edýän we hyzmatlary bilen gol çekenlere goldaw berýän ýerli "
            "häkimiýetleriň arabaglanyşyklary we birleşmeleri, sebitler we energiýa agentlikleri."
        ),
    },
    "ru": {
        "supporters": "storonniki",
        "Supporters": "Сторонники",
        INDEX["introduction"]: (
            "Сети и ассоциации местных властей, регионы и энергетические агентства, которые продвигают Соглашение "
            "среди своих членов и поддерживают подписантов своими услугами."
        ),
    },
}

# "Şehir Eşleştirme Alanında Kim Kimdir?": the Turkish original, and its English version.
PROVINCES_TR = [
    "Merkezi Ankara’da bulunan Vilayetler Birliği, 31.12.1985’de kurulmuştur. Birliğin 51 İl Özel İdaresi üyesi "
    "bulunmaktadır. 18.10.2018 tarihli 7144 sayılı kanunla Yatırım İzleme ve Koordinasyon Başkanlıkları da aynı "
    "hak, yetki ve yükümlülüklerle Vilayetler Birliğine üye olmuşlardır.",
    "Vilayetler Birliği’nin il özel idareleri ile yatırım izleme ve koordinasyon başkanlıklarına rehberlik etmek ve "
    "başkanlıklarının faaliyet alanlarında yardımlaşma ve işbirliğini, teknik ve idari deneyim bilgi değişimini "
    "teşvik etmek gibi üyelerinin gelişmelerine yardımcı olmaya yönelik hedeflerinin yanı sıra üyesi olan yerel "
    "yönetimlerin kapasitelerinin geliştirmesine destek vermeyi de amaçlamaktadır.",
    "Vilayetler Birliği bu amaç doğrultusunda mahalli idarelerin menfaatlerinin korunması, gelişmelerine yardımcı "
    "olunması, personelinin eğitilmesi, mahalli idarelerle ilgili kanun hazırlıklarında görüş bildirilmesi "
    "amacıyla, mahalli idarelere rehberlik etmek, yardımlaşma ve işbirliğini, teknik ve idari deneyim bilgi "
    "değişimini teşvik etmek, iyi uygulama örneklerinin yaygınlaşmasına yardım etmek konularında çeşitli "
    "faaliyetler gerçekleştirmektedir.",
    "Tüm bunların yanında, yerel yönetim konusunda ve yatırım izleme ve koordinasyon başkanlıklarının faaliyet "
    "alanlarında çalışmalar yapan kamu kurum ve kuruluşları, üniversiteler, kamu kurumu niteliğindeki meslek "
    "kuruluşları, sivil toplum kuruluşları, uluslararası kuruluşlar ve yabancı ülke yerel yönetim birlikleri ve "
    "dernekleri ile işbirliği yaparak ortak hizmet projeleri yürütmektedir.",
    "Bu bağlamda Vilayetler Birliği şu projelerin ana paydaşları arasında yer almaktadır:",
    "Mahalli idarelerde kamu mali yönetimi ve kontrol sistemlerinin, uluslararası standartlarla uyumlu bir biçimde "
    "güçlendirilmesi için bir ihtiyaç analizi ve aksiyon dokümanının hazırlanmasının amaçlandığı “Mahalli "
    "İdarelerde Mali Yönetim ve Kontrol Sistemi Projesi”;",
    "Merkezi ve yerel düzeyde sivil toplum ile iletişim ve işbirliğine yönelik olarak kilit rol oynayan kamu "
    "kurumlarının kapasitelerini güçlendirmeyi amaçlayan “Kamu - STK İşbirliği Projesi”;",
    "Türkiye ve AB üyesi ülkelerin yerel yönetimleri arasında bilgi ve deneyim paylaşımı için sürdürülebilir "
    "yapılar oluşturmayı amaçlayan “Türkiye ve Avrupa Birliği Arasında Şehir Eşleştirme Projesi”.",
]
PROVINCES_EN = [
    "Headquartered in Ankara, the Union of Provinces was founded on 31 December 1985. Its members are the 51 "
    "special provincial administrations. Under Law No. 7144 of 18 October 2018, the Investment Monitoring and "
    "Coordination Directorates also became members, with the same rights, powers and obligations.",
    "Besides guiding the special provincial administrations and the investment monitoring and coordination "
    "directorates, and encouraging mutual assistance, cooperation and the exchange of technical and administrative "
    "experience in their fields of activity, the Union aims to help its member local authorities develop their "
    "capacities.",
    "To this end it protects the interests of local administrations, helps them develop, trains their staff, gives "
    "its opinion on draft laws that concern them, guides them, encourages cooperation and the exchange of technical "
    "and administrative experience, and helps good practice spread.",
    "It also runs joint service projects with public institutions, universities, professional bodies, civil "
    "society organisations, international organisations and local government associations of other countries.",
    "The Union of Provinces is one of the main stakeholders of these projects:",
    "the Financial Management and Control System in Local Administrations Project, which prepares a needs analysis "
    "and an action document to strengthen public financial management and control in line with international "
    "standards;",
    "the Public Sector–CSO Cooperation Project, which strengthens the public institutions that play a key role in "
    "communication and cooperation with civil society at central and local level;",
    "the Turkey–EU Town Twinning Project (TWIN), which builds lasting structures for sharing knowledge and "
    "experience between local authorities of Turkey and of EU Member States.",
]

MUNICIPALITIES_EN = [
    "The Union of Municipalities of Turkey is the national association of Turkish municipalities, based in Ankara; "
    "every municipality of the country is a member.",
    "In the Turkey–EU Town Twinning Project (TWIN) it took part in the study visit to Brussels and the Netherlands "
    "in April 2019, in the mid-term evaluation workshop of the grant projects in Ankara, and, with the Directorate "
    "for EU Affairs and the Union of Provinces, in the monitoring visits of the 23 grant projects.",
]
MUNICIPALITIES_TR = [
    "Türkiye Belediyeler Birliği, merkezi Ankara’da bulunan Türk belediyelerinin ulusal birliğidir; ülkedeki tüm "
    "belediyeler birliğin üyesidir.",
    "Türkiye ve Avrupa Birliği Arasında Şehir Eşleştirme Projesi (TWIN) kapsamında Nisan 2019’daki Brüksel ve "
    "Hollanda çalışma ziyaretine, hibe projelerinin Ankara’daki ara değerlendirme çalıştayına ve Avrupa Birliği "
    "Başkanlığı ve Vilayetler Birliği ile birlikte 23 hibe projesinin izleme ziyaretlerine katılmıştır.",
]

SUPPORTERS = [
    {
        "slug": "union-of-provinces",
        "fields": {
            "title": "Union of Provinces",
            "original_name": "Vilayetler Birliği",
            "kind": SupporterKind.NATIONAL_ASSOCIATION,
            "role": SupporterRole.SUPPORTER,
            "status": SupporterStatus.ACTIVE,
            "country": "TR",
            "countries_covered": ["TR"],
            "member_authorities": 51,
            "website": "https://www.vilayetlerbirligi.gov.tr",
            "listing_summary": "The association of Turkey's 51 special provincial administrations, founded in 1985.",
            "services_introduction": (
                "The Union guides its members, trains their staff and helps them share experience with local "
                "authorities in Turkey and in the European Union."
            ),
            "contact_name": "Foreign Relations Department",
            "contact_position": "Town twinning desk",
            "contact_email": "twinning@vilayetler.example",
            "contact_is_public": True,
        },
        "paragraphs": PROVINCES_EN,
        "list_from": 5,
        "services": [
            (ServiceCategory.TRAINING, "Training of the staff of provincial administrations."),
            (ServiceCategory.EXPERIENCE_SHARING, "Exchange of technical and administrative experience; good practice."),
            (ServiceCategory.ADVOCACY, "Opinions on draft laws concerning local administrations."),
            (ServiceCategory.TECHNICAL_SUPPORT, "Guidance to provinces preparing and running joint projects."),
        ],
        "report": {
            "date": datetime.date(2019, 7, 19),
            "title": "Monitoring visits of the TWIN grant projects, 2019",
            "summary": "Second round of monitoring visits to the 23 grant projects, completed on 19 July 2019.",
        },
        "translations": {
            "tr": {
                "union-of-provinces": "vilayetler-birligi",
                "Union of Provinces": "Vilayetler Birliği",
                "The association of Turkey's 51 special provincial administrations, founded in 1985.": (
                    "1985’te kurulan, Türkiye’nin 51 il özel idaresinin birliği."
                ),
                "The Union guides its members, trains their staff and helps them share experience with local "
                "authorities in Turkey and in the European Union.": (
                    "Birlik üyelerine rehberlik eder, personelini eğitir ve Türkiye ile Avrupa Birliği’ndeki yerel "
                    "yönetimlerle deneyim paylaşmalarına yardımcı olur."
                ),
                "Town twinning desk": "Şehir eşleştirme masası",
                "Training of the staff of provincial administrations.": "İl özel idareleri personelinin eğitimi.",
                "Exchange of technical and administrative experience; good practice.": (
                    "Teknik ve idari deneyim bilgi değişimi; iyi uygulama örnekleri."
                ),
                "Opinions on draft laws concerning local administrations.": (
                    "Mahalli idarelerle ilgili kanun hazırlıklarında görüş bildirilmesi."
                ),
                "Guidance to provinces preparing and running joint projects.": (
                    "Ortak projeler hazırlayan ve yürüten illere rehberlik."
                ),
                "Monitoring visits of the TWIN grant projects, 2019": "TWIN hibe projeleri izleme ziyaretleri, 2019",
                "Second round of monitoring visits to the 23 grant projects, completed on 19 July 2019.": (
                    "23 hibe projesine yönelik izleme ziyaretlerinin ikinci etabı 19 Temmuz 2019’da tamamlandı."
                ),
                **dict(zip(PROVINCES_EN, PROVINCES_TR, strict=True)),
            },
        },
    },
    {
        "slug": "union-of-municipalities-of-turkey",
        "fields": {
            "title": "Union of Municipalities of Turkey",
            "original_name": "Türkiye Belediyeler Birliği",
            "acronym": "TBB",
            "kind": SupporterKind.NATIONAL_ASSOCIATION,
            "role": SupporterRole.SUPPORTER,
            "status": SupporterStatus.ACTIVE,
            "country": "TR",
            "countries_covered": ["TR"],
            "website": "https://www.tbb.gov.tr",
            "listing_summary": "The national association of the municipalities of Turkey.",
            "services_introduction": (
                "The Union brings Turkish municipalities together with their European partners and follows the "
                "projects they run."
            ),
        },
        "paragraphs": MUNICIPALITIES_EN,
        "services": [
            (ServiceCategory.EXPERIENCE_SHARING, "Partner search and study visits with European municipalities."),
            (ServiceCategory.MONITORING, "Monitoring visits of municipal grant projects."),
            (ServiceCategory.TRAINING, "Capacity-building training for municipal staff."),
        ],
        "translations": {
            "tr": {
                "union-of-municipalities-of-turkey": "turkiye-belediyeler-birligi",
                "Union of Municipalities of Turkey": "Türkiye Belediyeler Birliği",
                "The national association of the municipalities of Turkey.": "Türkiye belediyelerinin ulusal birliği.",
                "The Union brings Turkish municipalities together with their European partners and follows the "
                "projects they run.": (
                    "Birlik, Türk belediyelerini Avrupalı ortaklarıyla buluşturur ve yürüttükleri projeleri izler."
                ),
                "Partner search and study visits with European municipalities.": (
                    "Avrupalı belediyelerle ortak arama ve çalışma ziyaretleri."
                ),
                "Monitoring visits of municipal grant projects.": "Belediye hibe projelerinin izleme ziyaretleri.",
                "Capacity-building training for municipal staff.": "Belediye personeline kapasite geliştirme eğitimi.",
                **dict(zip(MUNICIPALITIES_EN, MUNICIPALITIES_TR, strict=True)),
            },
        },
    },
]


def description(paragraphs, list_from=None):
    """Rich text: paragraphs, then (from `list_from`) a list of items; no inline markup, so each is a segment."""
    if list_from is None:
        return "".join(f"<p>{text}</p>" for text in paragraphs)
    items = "".join(f"<li>{text}</li>" for text in paragraphs[list_from:])
    return "".join(f"<p>{text}</p>" for text in paragraphs[:list_from]) + f"<ul>{items}</ul>"


def load(demo):
    source = demo.locales[demo.source_language]
    home = demo.homes[demo.source_language]
    index = demo.page(
        home,
        SupporterIndexPage,
        INDEX["slug"],
        title=INDEX["title"],
        introduction=INDEX["introduction"],
        show_in_menus=True,
    )
    for language_code, strings in INDEX_TRANSLATIONS.items():
        demo.translate(index, language_code, strings)

    for entry in SUPPORTERS:
        fields = dict(entry["fields"])
        fields["description"] = description(entry["paragraphs"], entry.get("list_from"))
        fields["logo"] = demo.image(f"{fields['original_name']} logo", colour=(31, 122, 77), size=(480, 240))
        fields["services"] = [
            SupporterService(category=category, description=text, locale=source) for category, text in entry["services"]
        ]
        report = entry.get("report")
        if report:
            document = demo.document(report["title"], report["summary"])
            fields["feedback_reports"] = [FeedbackReport(locale=source, document=document, **report)]
        page = demo.page(index, SupporterPage, entry["slug"], **fields)
        assign_profile_workflow(page)
        for language_code, strings in entry["translations"].items():
            demo.translate(page, language_code, strings)


def finish(demo):
    """Point the signatories' links that name a demo supporter (by name or website) at its profile."""
    from django.apps import apps
    from django.db.models import Q

    try:
        link_model = apps.get_model("signatories", "SignatoryNetworkLink")
    except LookupError:
        return
    source = demo.locales[demo.source_language]
    for profile in SupporterPage.objects.filter(
        locale=source, alias_of__isnull=True, slug__in=[s["slug"] for s in SUPPORTERS]
    ):
        names = Q(name__iexact=profile.title) | Q(name__iexact=profile.original_name)
        if profile.website:
            names |= Q(website__startswith=profile.website.rstrip("/"))
        pending = link_model.objects.filter(names, supporter_page__isnull=True, page__alias_of__isnull=True)
        for signatory_id in sorted(set(pending.values_list("page_id", flat=True))):
            signatory = Page.objects.get(pk=signatory_id).specific
            draft = signatory.get_latest_revision_as_object()
            links = list(draft.network_links.all())
            for link in links:
                if link.supporter_page_id is None and _names(link, profile):
                    link.supporter_page = profile
            draft.network_links = links
            draft.save_revision(user=demo.user).publish(user=demo.user)
            demo.created.append(f"link {signatory} -> {profile}")


def _names(link, profile):
    website = profile.website.rstrip("/")
    return link.name.casefold() in {profile.title.casefold(), profile.original_name.casefold()} or (
        website and link.website.rstrip("/").startswith(website)
    )
