"""The public journeys that matter, in headless Chromium, in English and in Turkish.

Each test walks one journey the way a visitor does (following links, choosing filters, typing),
checks what the visitor sees in their language, and leaves a screenshot of the last step in
test-results/screenshots/ (see tests/browser/screenshots.py).
"""

import re
import time

import pytest

from core.translation import synchronise_trees, translate
from network.applications.models import Application
from network.newsletter.models import Subscriber
from network.supporters.choices import ServiceCategory, SupporterKind
from network.supporters.models import SupporterService
from tests.application_factories import TR_FORM, ExpressionOfInterestPageFactory
from tests.browser.screenshots import screenshot
from tests.factories import StandardPageFactory, locale
from tests.news_factories import NewsIndexPageFactory, NewsPageFactory
from tests.newsletter_factories import NewsletterIndexPageFactory
from tests.signatory_factories import SignatoryPageFactory, make_directory
from tests.smtp_sink import smtp_sink_fixture  # noqa: F401 - fixture
from tests.supporter_factories import SupporterPageFactory, supporter_index_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.backend_independent]

LANGUAGES = ["en", "tr"]
OTHER = {"en": "tr", "tr": "en"}


def lang_of(page):
    return page.locator("html").get_attribute("lang")


# 1. Switch language on a news item ------------------------------------------------------------

NEWS_TR = {
    "News": "Haberler",
    "news": "haberler",
    "Mid-term evaluation workshop in Ankara": "Ankara'da ara değerlendirme çalıştayı",
    "mid-term-evaluation-workshop": "ara-degerlendirme-calistayi",
    "The mid-term evaluation workshop took place in Ankara.": "Ara değerlendirme çalıştayı Ankara'da yapıldı.",
    "Performance indicators": "Performans göstergeleri",
    "Twenty-three projects worked in seven groups.": "Yirmi üç proje yedi grupta çalıştı.",
}


@pytest.fixture
def news_item(transactional_db, site_tree):
    index = NewsIndexPageFactory(parent=site_tree["en"])
    translate(index, locale("tr"), NEWS_TR)
    item = NewsPageFactory(
        parent=index, title="Mid-term evaluation workshop in Ankara", slug="mid-term-evaluation-workshop"
    )
    translated = translate(item, locale("tr"), NEWS_TR)
    synchronise_trees()
    return {"en": item, "tr": translated}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reader_switches_the_language_of_a_news_item(page, news_item, language):
    other = OTHER[language]
    page.goto(f"/{language}/{'haberler' if language == 'tr' else 'news'}/")
    page.get_by_role("link", name=news_item[language].title).click()
    page.wait_for_url(f"**{news_item[language].url}")
    assert lang_of(page) == language
    switcher = page.get_by_role("navigation", name="Dil" if language == "tr" else "Language")
    assert switcher.locator("a[aria-current=true]").get_attribute("hreflang") == language

    switcher.locator(f"a[hreflang={other}]").click()

    page.wait_for_url(f"**{news_item[other].url}")
    assert page.url.endswith(
        {"en": "/en/news/mid-term-evaluation-workshop/", "tr": "/tr/haberler/ara-degerlendirme-calistayi/"}[other]
    )
    assert lang_of(page) == other
    assert page.locator("main").get_attribute("lang") is None  # a real translation, not the source shown as is
    assert page.locator("h1").inner_text() == news_item[other].title
    paragraph = {"en": "Twenty-three projects worked in seven groups.", "tr": "Yirmi üç proje yedi grupta çalıştı."}
    assert paragraph[other] in page.locator("main").inner_text()
    switcher = page.get_by_role("navigation", name="Dil" if other == "tr" else "Language")
    assert switcher.locator("a[aria-current=true]").get_attribute("hreflang") == other
    assert (
        page.locator(f"link[rel=alternate][hreflang={language}]")
        .get_attribute("href")
        .endswith(news_item[language].url)
    )
    screenshot(page, f"news-language-switch-{language}-to-{other}")


# 2. Filter the signatory directory and open a profile -----------------------------------------

DIRECTORY_UI = {
    "en": {"commitment": "2030 mitigation", "submit": "Show results", "count": "2 signatories"},
    "tr": {"commitment": "2030 azaltım", "submit": "Sonuçları göster", "count": "2 imzacı"},
}


@pytest.fixture
def directory(transactional_db, site_tree):
    directories = make_directory(site_tree)
    towns = {}
    for title, slug, country, commitments in [
        ("Kuşadası", "kusadasi", "TR", ["commitment_2030", "commitment_adaptation"]),
        ("Konak", "konak", "TR", ["commitment_2030"]),
        ("Mersin", "mersin", "TR", ["commitment_2050"]),
        ("Daugavpils", "daugavpils", "LV", ["commitment_2030"]),
        ("Sinaia", "sinaia", "RO", ["commitment_2020"]),
    ]:
        fields = dict.fromkeys(commitments, True)
        if "commitment_2030" in commitments:
            fields["target_2030_percent"] = 40
        towns[title] = SignatoryPageFactory(parent=directories["en"], title=title, slug=slug, country=country, **fields)
    kusadasi = towns["Kuşadası"]
    kusadasi.introduction = "A coastal town that cut its emissions with solar power."
    kusadasi.save_revision().publish()
    translate(
        kusadasi,
        locale("tr"),
        {
            "A coastal town that cut its emissions with solar power.": "Güneş enerjisiyle emisyonlarını azaltan bir kıyı kenti."
        },
    )
    synchronise_trees()
    return directories


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_journalist_filters_the_signatory_directory_and_opens_a_profile(page, directory, language):
    ui = DIRECTORY_UI[language]
    page.goto(directory[language].url)
    assert lang_of(page) == language
    filters = page.locator("form.directory-filters")
    filters.locator("select[name=country]").select_option("TR")
    filters.get_by_label(ui["commitment"], exact=True).check()
    filters.get_by_role("button", name=ui["submit"]).click()

    page.wait_for_url(re.compile(r".*country=TR.*commitment=commitment_2030.*"))
    assert page.locator("#results-heading").inner_text().strip() == ui["count"]
    cards = page.locator(".signatory-card__name a")
    assert sorted(cards.all_inner_texts()) == ["Konak", "Kuşadası"]
    assert filters.locator("select[name=country]").input_value() == "TR"  # the form shows what is applied
    assert filters.get_by_label(ui["commitment"], exact=True).is_checked()

    cards.filter(has_text="Kuşadası").click()
    page.wait_for_url(f"**/{language}/{'imzacilar' if language == 'tr' else 'signatories'}/kusadasi/")
    assert lang_of(page) == language
    assert page.locator("h1").inner_text() == "Kuşadası"
    introduction = {
        "en": "A coastal town that cut its emissions with solar power.",
        "tr": "Güneş enerjisiyle emisyonlarını azaltan bir kıyı kenti.",
    }
    assert page.locator(".signatory-profile .lead").inner_text() == introduction[language]
    assert page.locator("main").get_attribute("lang") is None
    screenshot(page, f"signatory-directory-{language}")


# 3. Find a supporter ---------------------------------------------------------------------------

SUPPORTERS_UI = {
    "en": {"country": "Country", "service": "Service to signatories", "filter": "Filter", "count": "1 supporter"},
    "tr": {"country": "Ülke", "service": "İmzacılara sunulan hizmet", "filter": "Filtrele", "count": "1 destekçi"},
}
PROVINCES_TR = {
    "Union of Provinces": "Vilayetler Birliği",
    "union-of-provinces": "vilayetler-birligi",
    "<p>Founded in Ankara on 31 December 1985.</p>": "<p>31 Aralık 1985'te Ankara'da kuruldu.</p>",
    "Founded in Ankara on 31 December 1985.": "31 Aralık 1985'te Ankara'da kuruldu.",
}


def supporter(index, title, slug, services, **fields):
    page = SupporterPageFactory(parent=index, title=title, slug=slug, **fields)
    for category in services:
        SupporterService.objects.create(page=page, category=category, locale_id=page.locale_id)
    page.save_revision().publish()
    return page


@pytest.fixture
def supporters(transactional_db, supporter_index):
    index = supporter_index["en"]
    provinces = supporter(
        index, "Union of Provinces", "union-of-provinces", [ServiceCategory.TRAINING, ServiceCategory.ADVOCACY]
    )
    supporter(
        index,
        "Union of Municipalities of Marmara",
        "marmara",
        [ServiceCategory.FUNDING_ADVICE],
        kind=SupporterKind.REGIONAL_NETWORK,
    )
    supporter(
        index,
        "Latvian Association of Local Governments",
        "lps",
        [ServiceCategory.TRAINING],
        country="LV",
        original_name="Latvijas Pašvaldību savienība",
    )
    translate(provinces, locale("tr"), PROVINCES_TR)
    synchronise_trees()
    return supporter_index


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_mayor_finds_a_supporter_that_trains_in_their_country(page, supporters, language):
    ui = SUPPORTERS_UI[language]
    page.goto(supporters[language].url)
    assert lang_of(page) == language
    assert page.locator(".supporter-card").count() == 3
    filters = page.locator("form.supporter-filters")
    filters.get_by_label(ui["country"], exact=True).select_option("TR")
    filters.get_by_label(ui["service"], exact=True).select_option(ServiceCategory.TRAINING.value)
    filters.get_by_role("button", name=ui["filter"], exact=True).click()

    page.wait_for_url(re.compile(r".*country=TR.*service=training.*"))
    assert page.locator(".supporter-count").inner_text().strip() == ui["count"]
    title = PROVINCES_TR["Union of Provinces"] if language == "tr" else "Union of Provinces"
    assert page.locator(".supporter-card__title").all_inner_texts() == [title]

    page.get_by_role("link", name=title, exact=True).click()
    page.wait_for_url(
        f"**{'/tr/destekciler/vilayetler-birligi/' if language == 'tr' else '/en/supporters/union-of-provinces/'}"
    )
    assert lang_of(page) == language
    assert page.locator("h1").inner_text() == title
    founded = {"en": "Founded in Ankara on 31 December 1985.", "tr": "31 Aralık 1985'te Ankara'da kuruldu."}
    assert founded[language] in page.locator("main").inner_text()
    screenshot(page, f"supporter-finder-{language}")


# 4. The expression-of-interest form: a mistake, fixed, then sent --------------------------------

EOI_UI = {
    "en": {
        "become": "Become a supporter",
        "send": "Send the expression of interest",
        "summary": "Please correct the following fields",
        "bad_email": "Enter a valid email address.",
        "thanks": "Thank you",
    },
    "tr": {
        "become": "Destekçi olun",
        "send": "İlgi beyanını gönder",
        "summary": "Lütfen aşağıdaki alanları düzeltin",
        "bad_email": "Geçerli bir e-posta adresi girin.",
        "thanks": "Teşekkürler",
    },
}
MOTIVATION = {
    "en": "We want to help our members reach their climate and energy targets.",
    "tr": "Üyelerimizin iklim ve enerji hedeflerine ulaşmalarına destek olmak istiyoruz.",
}


@pytest.fixture
def form_page(transactional_db, supporter_index):
    form = ExpressionOfInterestPageFactory(parent=supporter_index["en"])
    translate(form, locale("tr"), TR_FORM)
    synchronise_trees()
    return supporter_index


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_association_corrects_a_mistake_in_the_expression_of_interest_and_sends_it(page, form_page, language):
    ui = EOI_UI[language]
    page.goto(form_page[language].url)
    page.get_by_role("link", name=ui["become"]).click()
    page.wait_for_url(f"**/{'ilgi-beyani' if language == 'tr' else 'expression-of-interest'}/")
    form = page.locator("form.eoi-form")
    form.locator("#id_organisation").fill("Marmara Belediyeler Birliği")
    form.locator("#id_kind").select_option(SupporterKind.REGIONAL_NETWORK.value)
    form.locator("#id_country").select_option("TR")
    form.locator("#id_member_authorities").fill("190")
    form.locator("#id_contact_name").fill("Elif Demir")
    form.locator("#id_position").fill("Dış ilişkiler uzmanı")
    form.locator("#id_email").fill("elif.demir@marmara")  # the mistake: no top-level domain
    form.locator("#id_motivation").fill(MOTIVATION[language])
    form.locator("input[name=planned_services][value=training]").check()
    form.locator("#id_consent").check()
    form.get_by_role("button", name=ui["send"]).click()
    page.wait_for_load_state()

    # The error is next to the field, in the page's language; everything typed is still there.
    assert lang_of(page) == language
    assert page.locator("#form-errors h2").inner_text() == ui["summary"]
    assert page.locator("#form-errors li").count() == 1
    email = page.locator("#id_email")
    assert email.get_attribute("aria-invalid") == "true"
    assert page.locator("#id_email_error").inner_text() == ui["bad_email"]
    assert "id_email_error" in email.get_attribute("aria-describedby").split()
    assert page.locator("#id_organisation").input_value() == "Marmara Belediyeler Birliği"
    assert page.locator("#id_kind").input_value() == "regional_network"
    assert page.locator("#id_motivation").input_value() == MOTIVATION[language]
    assert page.locator("input[name=planned_services][value=training]").is_checked()
    assert email.input_value() == "elif.demir@marmara"
    assert not Application.objects.exists()

    page.locator("#form-errors a[href='#id_email']").click()
    email.fill("elif.demir@marmara.example")
    if not page.locator("#id_consent").is_checked():
        page.locator("#id_consent").check()
    page.get_by_role("button", name=ui["send"]).click()

    page.wait_for_url("**/thanks/")
    assert lang_of(page) == language
    assert page.locator("h1").inner_text() == ui["thanks"]
    application = Application.objects.get()
    assert (application.email, application.language, application.status) == (
        "elif.demir@marmara.example",
        language,
        "received",
    )
    assert application.planned_services == ["training"]
    screenshot(page, f"expression-of-interest-{language}")


# 5. Subscribe to the newsletter ----------------------------------------------------------------

NEWSLETTER_UI = {
    "en": {"inbox": "Check your inbox", "subject": "Confirm your subscription to the newsletter",
           "confirm": "Confirm my subscription", "confirmed": "Your subscription is confirmed"},
    "tr": {"inbox": "Gelen kutunuzu kontrol edin", "subject": "Bülten aboneliğinizi onaylayın",
           "confirm": "Aboneliğimi onayla", "confirmed": "Aboneliğiniz onaylandı"},
}  # fmt: skip
CONFIRM_LINK = re.compile(r"https?://[^/\s]+(/newsletter/confirm/[^/\s]+/)")


@pytest.fixture
def newsletter(transactional_db, site_tree, smtp_sink):
    page = NewsletterIndexPageFactory(parent=site_tree["en"])
    translate(page, locale("tr"), {"Newsletter": "Bülten", "newsletter": "bulten"})
    synchronise_trees()
    return smtp_sink


def delivered_to(sink, address, seconds=10):
    """The messages the SMTP sink received for `address`, waiting for the first one to arrive."""
    deadline = time.monotonic() + seconds
    while not sink.to(address) and time.monotonic() < deadline:
        time.sleep(0.1)
    return sink.to(address)


@pytest.mark.parametrize(
    ("language", "where"), [("en", "newsletter page"), ("tr", "footer")], ids=["en-page-form", "tr-footer-form"]
)
def test_a_reader_subscribes_and_confirms_through_the_emailed_link(page, newsletter, language, where):
    ui = NEWSLETTER_UI[language]
    address = f"reader.{language}@example.org"
    if where == "footer":
        page.goto(f"/{language}/")
        form = page.locator("footer.site-footer form.newsletter-form")
        form.locator("#footer-newsletter-email").fill(address)
        form.locator("#footer-newsletter-consent").check()
    else:
        page.goto(f"/{language}/newsletter/")
        form = page.locator("main form.newsletter-form")
        form.locator("#newsletter-email").fill(address)
        form.locator("#newsletter-consent").check()
    form.locator("button[type=submit]").click()

    page.wait_for_url("**/newsletter/subscribe/")
    assert lang_of(page) == language
    assert page.locator("h1").inner_text() == ui["inbox"]
    assert address in page.locator("main").inner_text()
    assert Subscriber.objects.get(email=address).status == "pending"

    [received] = delivered_to(newsletter, address)
    assert received.message["Subject"] == ui["subject"]
    page.goto(CONFIRM_LINK.search(received.text).group(1))
    assert lang_of(page) == language
    page.get_by_role("button", name=ui["confirm"]).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == ui["confirmed"]
    subscriber = Subscriber.objects.get(email=address)
    assert (subscriber.status, subscriber.language) == ("confirmed", language)
    screenshot(page, f"newsletter-{language}-{where.replace(' ', '-')}")


# 6. Search with a Turkish query ----------------------------------------------------------------

SEARCHES = {
    # language: (query, the titles it finds)
    "tr": ("belediyeler", {"İstanbul iklim eylem planı", "Riga enerji haftası"}),
    "en": ("İstanbul", {"Istanbul climate action plan"}),
}
SEARCH_UI = {
    "en": {"field": "Search", "summary": "1 result for “İstanbul”"},
    "tr": {"field": "Arama", "summary": "“belediyeler” için 2 sonuç"},
}


@pytest.fixture
def searchable(transactional_db, site_tree, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.LanguageDatabaseSearchBackend"}}
    settings.SEARCH_FALLBACK_BACKEND = None
    for title, introduction, turkish in [
        (
            "Istanbul climate action plan",
            "The metropolitan municipality adopted its plan.",
            {"Istanbul climate action plan": "İstanbul iklim eylem planı",
             "The metropolitan municipality adopted its plan.": "Büyükşehir belediyesi planını kabul etti."},
        ),
        (
            "Riga energy week",
            "Latvian municipalities met in Riga.",
            {"Riga energy week": "Riga enerji haftası",
             "Latvian municipalities met in Riga.": "Letonya belediyeleri Riga'da buluştu."},
        ),
    ]:  # fmt: skip
        page = StandardPageFactory(parent=site_tree["en"], title=title, introduction=introduction)
        translate(page, locale("tr"), turkish)
    synchronise_trees()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_searches_with_turkish_letters_and_gets_results_in_their_language(page, searchable, language):
    query, titles = SEARCHES[language]
    ui = SEARCH_UI[language]
    page.goto(f"/{language}/")
    header_search = page.locator("header form[role=search]")
    field = header_search.get_by_role("combobox", name=ui["field"], exact=True)
    field.fill(query)
    field.press("Enter")

    page.wait_for_url(f"**/{language}/search/?q=*")
    assert lang_of(page) == language
    assert page.locator(".search-summary").inner_text().strip() == ui["summary"]
    results = page.locator(".search-result")
    assert set(results.locator(".search-result__title").all_inner_texts()) == titles
    # Each result is a page of the visitor's language: none is marked as written in another one.
    assert results.evaluate_all("items => items.map(item => item.lang)") == [""] * len(titles)
    screenshot(page, f"search-{language}")  # the results are what this journey is about

    results.first.locator("a").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() in titles
    assert lang_of(page) == language
