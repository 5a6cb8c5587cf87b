"""Demo content of the newsletter: the archive page in every language and one issue.

The issue is the TWIN project's newsletter of 2019 (seed town-twinning-newsletter.tr.txt): an
English version (the source locale) and the Turkish original. It pulls in the news items and the
event that the news and agenda demos made from the same newsletter, when they exist. The Turkish
translation is made in finish(), once every locale has its tree, because the news items it
points at must exist there (as translations or aliases). Four demo subscribers, one per language,
let staff try the send page; nothing is sent by the demo.
"""

import datetime

from django.utils import timezone
from wagtail.models import Site

from .models import CONSENT_VERSION, NewsletterIndexPage, NewsletterIssuePage, NewsletterSettings, Subscriber

INDEX = {
    "slug": "newsletter",
    "title": "Newsletter",
    "introduction": (
        "Twice a year, the news of the network's cities and regions, their events and their progress, in your "
        "language. Subscribe below, or read the past issues online."
    ),
}
INDEX_TRANSLATIONS = {
    "tr": {
        "newsletter": "bulten",
        "Newsletter": "Bülten",
        INDEX["introduction"]: (
            "Yılda iki kez, ağın şehir ve bölgelerinden haberler, etkinlikleri ve ilerlemeleri, kendi dilinizde. "
            "Aşağıdan abone olun ya da geçmiş sayıları çevrimiçi okuyun."
        ),
    },
    "tk": {
        "newsletter": "habarnama",
        "Newsletter": "Habarnama",
        INDEX["introduction"]: (
            "Ýylda iki gezek, arabaglanyşygyň şäherleriniň we sebitleriniň täzelikleri, çäreleri we ösüşi, öz "
            "diliňizde. Aşakda ýazylyň ýa-da öňki sanlary onlaýn okaň."
        ),
    },
    "ru": {
        "newsletter": "rassylka",
        "Newsletter": "Рассылка",
        INDEX["introduction"]: (
            "Дважды в год — новости городов и регионов сети, их мероприятия и достижения на вашем языке. "
            "Подпишитесь ниже или читайте прошлые выпуски онлайн."
        ),
    },
}

ISSUE = {
    "slug": "twin-newsletter-2019",
    "title": "Turkey-EU Town Twinning newsletter, 2019",
    "issue_date": datetime.date(2019, 9, 30),
    "listing_summary": "Study visit to Belgium and the Netherlands, evaluation in Ankara, the European Week.",
    "introduction": (
        "Exchange of knowledge in Belgium and the Netherlands, the grant beneficiaries' evaluation of TWIN, an "
        "internship in Barcelona, training in Istanbul, and TWIN at the European Week of Regions and Cities."
    ),
    "paragraphs": [
        "The study visit of the Turkey-EU Town Twinning project (TWIN) to Belgium and the Netherlands took place on "
        "15-19 April 2019. The delegation met the Covenant of Mayors for Climate and Energy office in Brussels, the "
        "Committee of the Regions and the POLIS network, then the municipalities of Schiedam and Den Bosch.",
        "The twenty-three grant projects continue: the second round of monitoring visits started on 13 June 2019, "
        "with the EU Presidency, the Union of Municipalities of Turkey, the Union of Provinces and the technical "
        "assistance team.",
    ],
    "news": [
        "exchange-of-knowledge-in-belgium-and-the-netherlands",
        "grant-beneficiaries-evaluated-twin",
        "two-week-town-twinning-internship-in-barcelona",
        "town-twinning-training-held-in-istanbul",
    ],
    "event": "european-week-of-regions-and-cities-2019",
}
ISSUE_TRANSLATIONS = {
    "tr": {
        "twin-newsletter-2019": "twin-bulteni-2019",
        ISSUE["title"]: "Türkiye ve Avrupa Birliği Arasında Şehir Eşleştirme Projesi Bülteni, 2019",
        ISSUE["listing_summary"]: (
            "Belçika ve Hollanda'da çalışma ziyareti, Ankara'da değerlendirme, Avrupa Bölgeler ve Şehirler Haftası."
        ),
        ISSUE["introduction"]: (
            "Belçika ve Hollanda'da bilgi alışverişi, hibe faydalanıcıları TWIN'i değerlendirdi, Barselona'da "
            "staj programı, İstanbul'da şehir eşleştirme eğitimi ve Avrupa Bölgeler ve Şehirler Haftası'nda TWIN."
        ),
        ISSUE["paragraphs"][0]: (
            "Türkiye ve Avrupa Birliği Arasında Şehir Eşleştirme Projesi (TWIN) Belçika ve Hollanda Çalışma "
            "Ziyareti 15-19 Nisan 2019'da gerçekleşti. Heyet Brüksel'de İklim ve Enerji için Belediye Başkanları "
            "Sözleşmesi Koordinatörlüğü'nü, Avrupa Birliği Bölgeler Komitesi'ni ve POLIS ağını, ardından Schiedam "
            "ve Den Bosch belediyelerini ziyaret etti."
        ),
        ISSUE["paragraphs"][1]: (
            "Yirmi üç hibe projesi devam ediyor: izleme ziyaretlerinin ikinci etabı 13 Haziran 2019'da Avrupa "
            "Birliği Başkanlığı, Türkiye Belediyeler Birliği, Vilayetler Birliği ve Teknik Destek Ekibi "
            "uzmanlarının katılımıyla başladı."
        ),
        "In the news": "Haberler",
        "On the agenda": "Gündem",
    },
}

DEMO_SUBSCRIBERS = [
    ("reader.en@example.org", "en"),
    ("okur.tr@example.org", "tr"),
    ("okyjy.tk@example.org", "tk"),
    ("chitatel.ru@example.org", "ru"),
]


def issue_body(home):
    from network.agenda.models import EventPage
    from network.news.models import NewsPage

    body = [("paragraph", f"<p>{text}</p>") for text in ISSUE["paragraphs"]]
    news = {page.slug: page for page in NewsPage.objects.filter(slug__in=ISSUE["news"], locale=home.locale)}
    if news:
        body.append(("heading", {"text": "In the news", "level": "h2"}))
        body += [("news_item", {"page": news[slug], "summary": ""}) for slug in ISSUE["news"] if slug in news]
    event = EventPage.objects.filter(slug=ISSUE["event"], locale=home.locale).first()
    if event:
        body.append(("heading", {"text": "On the agenda", "level": "h2"}))
        body.append(("event", {"page": event, "summary": ""}))
    return body


def load(demo):
    home = demo.homes[demo.source_language]
    index = demo.page(
        home, NewsletterIndexPage, INDEX["slug"], title=INDEX["title"], introduction=INDEX["introduction"]
    )
    for language_code, strings in INDEX_TRANSLATIONS.items():
        demo.translate(index, language_code, strings)
    demo.page(
        index,
        NewsletterIssuePage,
        ISSUE["slug"],
        title=ISSUE["title"],
        issue_date=ISSUE["issue_date"],
        listing_summary=ISSUE["listing_summary"],
        introduction=ISSUE["introduction"],
        body=issue_body(home),
    )

    site = Site.objects.get(is_default_site=True)
    settings = NewsletterSettings.for_site(site)
    if settings.privacy_page_id is None:
        notice = home.get_children().filter(slug="privacy").first()
        if notice is not None:
            settings.privacy_page = notice
            settings.save()

    now = timezone.now()
    for email, language in DEMO_SUBSCRIBERS:
        _subscriber, created = Subscriber.objects.get_or_create(
            email_key=email,
            defaults={
                "email": email,
                "language": language,
                "status": Subscriber.Status.CONFIRMED,
                "confirmed_at": now,
                "consent_at": now,
                "consent_version": CONSENT_VERSION,
                "consent_language": language,
                "consent_form": Subscriber.Form.PAGE,
            },
        )
        if created:
            demo.created.append(f"Subscriber ({language})")


def finish(demo):
    """Translate the issue once the news items it pulls in exist in every locale."""
    home = demo.homes[demo.source_language]
    index = home.get_children().filter(slug=INDEX["slug"]).first()
    issue = index and index.get_children().filter(slug=ISSUE["slug"]).first()
    if issue is None:
        return
    for language_code, strings in ISSUE_TRANSLATIONS.items():
        demo.translate(issue.specific, language_code, strings)
