"""Demo content of the partner finder: the themes, the finder page, and a few requests.

From the seeds: the TWIN newsletter (town-twinning-newsletter.tr.txt) announces a town twinning
tool "to build lasting partnerships between local governments", and the Muğla brief
(netzerocities-twinning.tr.txt) describes cities paired with pioneer Mission Cities on
sustainable energy, green transport, disaster resilience, water management and nature-based
solutions, with Menteşe paired with Elbasan. The requests below are written in the languages
their authors would use (Turkish or English); contacts are invented, at example domains.
Runs after the signatories demo (INSTALLED_APPS order), whose authorities the requests name.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from signatories.models import SignatoryPage

from .choices import DEFAULT_THEMES, RequestStatus
from .models import Conversation, PartnerFinderPage, PartnershipRequest, PartnershipTheme, RelayMessage, RequestEvent


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
    },
}

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


def load(demo):
    themes = ensure_themes(demo)
    home = demo.homes[demo.source_language]
    privacy = Page.objects.filter(slug="legal", locale=home.locale).first()
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
