"""Performance: the query budget of every public page type, HTTP cache headers, the shared cache of
the page chrome and its invalidation, routing, and the front-cache purge on publish.

Query counts are those of a request after another one: the page chrome (menus, footer, settings,
languages, routes) is then in the shared cache, as it is between two visits of a real site.

The world of pages is built once for the module (in a transaction rolled back at its end); each
test runs in a savepoint of it and gets fresh instances of its rows.
"""

from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.conf import settings as django_settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from bench.data import scale_content
from core import cache as content_cache
from core import routing
from core.frontend_cache import RecordingBackend
from core.translation import synchronise_trees, translate
from home.models import Footer, HomePage, MainMenu, SiteSettings
from network.news.models import NewsPageRelatedEvent, NewsPageRelatedSignatory, NewsPageRelatedSupporter
from signatories.models import SignatoryNetworkLink, SignatoryPage
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory
from tests.application_factories import ExpressionOfInterestPageFactory
from tests.database import fresh, keys, rolled_back
from tests.factories import FeedsPageFactory, ImageFactory, SitemapPageFactory, StandardPageFactory, locale
from tests.news_factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory
from tests.newsletter_factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory
from tests.signatory_factories import MonitoringReportFactory, SignatoryIndexPageFactory, SignatoryPageFactory
from tests.supporter_factories import SupporterIndexPageFactory, SupporterPageFactory
from tests.twinning_factories import (
    PartnerFinderPageFactory,
    PartnershipRequestFactory,
    TwinningIndexPageFactory,
    TwinningPageFactory,
    add_partners,
    make_themes,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("performance"),
]

BUDGET = 12


def link(page, label=""):
    return ("link", {"page": page, "url": "", "label": label})


@pytest.fixture(scope="module")
def shared_world(shared_site_tree, django_db_blocker):
    """{name: (model, primary key)} of the world, built once for the module."""
    with rolled_back(django_db_blocker):
        yield keys(build_world(HomePage.objects.get(pk=shared_site_tree["en"])))


@pytest.fixture
def world(shared_world):
    """One page of every public type, with what each shows (image, categories, reports, partners...)."""
    return fresh(shared_world)


def build_world(home):
    about = StandardPageFactory(parent=home, title="About", slug="about")
    feeds = FeedsPageFactory(parent=home, title="RSS help", slug="rss-help")
    sitemap = SitemapPageFactory(parent=home, title="Sitemap", slug="sitemap")
    news_index = NewsIndexPageFactory(parent=home)
    agenda = AgendaIndexPageFactory(parent=home)
    directory = SignatoryIndexPageFactory(parent=home)
    twinnings = TwinningIndexPageFactory(parent=home)
    supporters = SupporterIndexPageFactory(parent=home)
    newsletter = NewsletterIndexPageFactory(parent=home)
    translate(news_index, locale("tr"), {"News": "Haberler", "news": "haberler"})

    event = EventPageFactory(parent=agenda, title="Partner-finding day")
    climate = NewsCategoryFactory(name="Climate", slug="climate")
    news = NewsPageFactory(
        parent=news_index, title="Study visit", categories=[climate], lead_image=ImageFactory(), lead_image_alt="Muğla"
    )
    NewsPageRelatedEvent.objects.create(page=news, event=event)
    news.save_revision().publish()

    supporter = SupporterPageFactory(parent=supporters, title="Union of Provinces", services=["training"])
    form = ExpressionOfInterestPageFactory(parent=supporters)
    konak = SignatoryPageFactory(
        parent=directory,
        title="Konak",
        commitment_2030=True,
        target_2030_percent=40,
        baseline_year=2012,
        baseline_emissions=Decimal("120000"),
    )
    for year in (2016, 2020):
        MonitoringReportFactory(page=konak, year=year)
    SignatoryNetworkLink.objects.create(page=konak, role="supporter", supporter_page=supporter)
    sinaia = SignatoryPageFactory(parent=directory, title="Sinaia", country="RO")
    twinning = add_partners(TwinningPageFactory(parent=twinnings, title="Konak and Sinaia"), konak, sinaia)
    issue = NewsletterIssuePageFactory(parent=newsletter, title="Spring 2019")
    make_themes(languages=("en",))
    finder = PartnerFinderPageFactory(parent=home)
    konak_request = PartnershipRequestFactory(signatory=konak, sought=["waste"], offered=["tourism"])

    news.related_signatories = [NewsPageRelatedSignatory(signatory=konak)]
    news.related_supporters = [NewsPageRelatedSupporter(supporter=supporter)]
    news.save_revision().publish()

    MainMenu.objects.create(locale=locale("en"), links=[link(about), link(news_index), link(directory)])
    Footer.objects.create(locale=locale("en"), links=[link(feeds), link(sitemap)], funding_disclaimer="With the EU")
    synchronise_trees()
    return {
        "home": home,
        "standard page": about,
        "RSS help": feeds,
        "sitemap page": sitemap,
        "news index": news_index,
        "news item": news,
        "agenda index": agenda,
        "event": event,
        "directory": directory,
        "signatory profile": konak,
        "twinning index": twinnings,
        "twinning": twinning,
        "supporter index": supporters,
        "supporter profile": supporter,
        "expression of interest": form,
        "newsletter index": newsletter,
        "newsletter issue": issue,
        "partner finder": finder,
        "partnership request": konak_request,
    }


def fill(world, count):
    """`count` more of every listed item, in every language (bulk, as the benchmark's data set)."""
    scale_content({"signatories": count, "news": count, "events": count, "supporters": count})
    bench_signatories = list(SignatoryPage.objects.filter(slug__startswith="bench-", alias_of__isnull=True))
    for number in range(count):
        NewsletterIssuePageFactory(parent=world["newsletter index"], slug=f"bulk-{number}")
        TwinningPageFactory(
            parent=world["twinning index"], slug=f"bulk-{number}", programme=world["twinning"].programme
        )
        PartnershipRequestFactory(
            signatory=bench_signatories[number] if number % 2 else None, sought=["waste"], offered=["culture"]
        )
        # Half of them supported by the same supporter as Konak.
        if number % 2:
            SignatoryNetworkLink.objects.create(
                page=bench_signatories[number], supporter_page=world["supporter profile"]
            )
    # The news item is about `count` more signatories.
    news = world["news item"]
    news.related_signatories.add(
        *[NewsPageRelatedSignatory(signatory=signatory) for signatory in bench_signatories[:count]]
    )
    news.save_revision().publish()


def urls(world):
    pages = {name: page.url for name, page in world.items() if name != "partnership request"}
    directory, news, finder = pages["directory"], pages["news index"], pages["partner finder"]
    return {
        **pages,
        "partner finder, filtered": finder + "?theme=waste&language=en",
        "partnership request": finder + f"requests/{world['partnership request'].pk}/",
        "partnership request form": finder + "new/",
        "directory, by supporter": directory + f"?supporter={world['supporter profile'].slug}&sort=-population",
        "news index, filtered": news + "?category=climate&type=news",
        "news index, Turkish": "/tr/haberler/",
        "agenda index, past": pages["agenda index"] + "?when=past",
        "directory, filtered": directory + "?country=TR&commitment=commitment_2030&sort=-population",
        "directory, page 2": directory + "?page=2",
        "search": "/en/search/?q=climate",
        "news RSS": "/en/feeds/news/rss/",
        "news Atom": "/en/feeds/news/atom/",
        "agenda RSS": "/en/feeds/agenda/rss/",
        "agenda iCalendar": "/en/feeds/agenda/agenda.ics",
        "news RSS, category": "/en/feeds/news/category/climate/rss/",
        "event iCalendar": f"/en/feeds/agenda/events/{world['event'].pk}.ics",
        "sitemap.xml": "/sitemap.xml",
        "404": "/en/no-such-page/",
    }


def queries_of(client, url):
    """Queries of the second of two requests to `url`."""
    first = client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == first.status_code
    assert response.status_code == (404 if url.endswith("no-such-page/") else 200), url
    return len(queries)


#: The queries of each page type, the same for 5 and for 50 listed items.
EXPECTED_QUERIES = {
    "home": 1,
    "standard page": 1,
    "RSS help": 5,
    "sitemap page": 2,
    "news index": 5,
    "news index, filtered": 5,
    "news index, Turkish": 5,
    "news item": 7,  # with linked signatories and supporters
    "agenda index": 2,
    "agenda index, past": 2,
    "event": 4,
    "directory": 2,
    "directory, filtered": 2,
    "directory, page 2": 2,
    "directory, by supporter": 2,
    "signatory profile": 10,
    "twinning index": 8,
    "twinning": 9,
    "supporter index": 7,
    "supporter profile": 7,
    "expression of interest": 1,
    "newsletter index": 2,
    "newsletter issue": 1,
    "partner finder": 8,
    "partner finder, filtered": 8,
    "partnership request": 10,
    "partnership request form": 5,
    "search": 11 if connection.vendor == "sqlite" else 9,  # full-text search differs
    "news RSS": 4,
    "news Atom": 4,
    "news RSS, category": 4,
    "agenda RSS": 4,
    "agenda iCalendar": 4,
    "event iCalendar": 4,
    "sitemap.xml": 7,
    "404": 4,
}
#: Pages whose count depends on what the data offers, not on how much of it there is: the
#: suggestions of a partnership request link other requests, directory profiles or both (a query each).
AT_MOST = {"partnership request"}


@pytest.mark.parametrize("count", [5, 50])
def test_every_public_page_type_renders_in_a_fixed_small_number_of_queries(client, world, count):
    fill(world, count)
    measured = {name: queries_of(client, url) for name, url in urls(world).items()}
    assert {name: n for name, n in measured.items() if name not in AT_MOST} == {
        name: n for name, n in EXPECTED_QUERIES.items() if name not in AT_MOST
    }
    assert all(measured[name] <= EXPECTED_QUERIES[name] for name in AT_MOST), measured
    assert max(measured.values()) <= BUDGET


def test_after_a_publish_the_chrome_costs_a_few_queries_once(client, world):
    client.get("/en/")
    NewsPageFactory(parent=world["news index"], title="Fresh news")  # a new generation of the shared cache
    with CaptureQueriesContext(connection) as cold:
        client.get("/en/")
    cold = len(cold)
    with CaptureQueriesContext(connection) as warm:
        client.get("/en/")
    assert (cold, len(warm)) == (15, 1)


# HTTP caching ------------------------------------------------------------------------------------


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


PUBLIC = {"public", "max-age=0", "s-maxage=600", "stale-while-revalidate=60"}
PRIVATE = {"private", "no-cache", "no-store", "must-revalidate", "max-age=0"}


#: Pages with a form whose CSRF token makes them the visitor's own.
FORMS = {"expression of interest", "partnership request form", "partnership request"}


def test_every_anonymous_page_may_be_kept_by_shared_caches(client, world):
    # Feeds and search have tests of their own below.
    pages = {name: url for name, url in urls(world).items() if name not in {*FORMS, "search"} and "/feeds/" not in url}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), name
        assert cache_control(response) == PUBLIC, name
        if not url.endswith(".xml"):
            assert response["Vary"] == "Cookie", name  # signed-in visitors see the user bar
        assert not response.cookies, name


@pytest.mark.parametrize(
    "url",
    [
        "/en/feeds/news/rss/",
        "/en/feeds/news/atom/",
        "/en/feeds/news/category/climate/rss/",
        "/en/feeds/news/type/city_story/atom/",
        "/en/feeds/agenda/rss/",
        "/en/feeds/agenda/agenda.ics",
        "event",
    ],
)
def test_feeds_may_be_kept_by_shared_caches(client, world, url):
    if url == "event":
        url = f"/en/feeds/agenda/events/{world['event'].pk}.ics"
    response = client.get(url)
    assert response.status_code == 200
    assert cache_control(response) == PUBLIC
    assert "Cookie" not in response.get("Vary", "")
    assert response["ETag"]


@pytest.mark.parametrize("route", ["data/csv/", "data/json/", "data/geojson/"])
def test_the_directory_downloads_are_public_and_purged_with_it(client, world, route):
    response = client.get(world["directory"].url + route + "?country=TR")
    assert response.status_code == 200
    assert cache_control(response) == PUBLIC


def test_a_missing_page_is_public_too_and_purged_when_a_page_takes_its_address(
    client, world, purged, django_capture_on_commit_callbacks
):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert cache_control(response) == PUBLIC
    with django_capture_on_commit_callbacks(execute=True):
        StandardPageFactory(parent=world["home"], title="No such page", slug="no-such-page").save_revision().publish()
    assert "http://testserver/en/no-such-page/" in purged


def test_the_sitemap_and_robots_are_public(client, world):
    assert cache_control(client.get("/sitemap.xml")) == PUBLIC
    assert cache_control(client.get("/robots.txt")) == {"public", "max-age=86400"}


def test_a_signed_in_visitor_is_never_served_a_shared_copy(client, world, admin_user):
    client.force_login(admin_user)
    response = client.get(world["news item"].url)
    assert response.status_code == 200
    assert cache_control(response) == PRIVATE


def test_a_visitor_with_a_session_gets_a_private_page(client, world):
    client.cookies[django_settings.SESSION_COOKIE_NAME] = "anything"
    assert cache_control(client.get(world["home"].url)) == PRIVATE


@pytest.mark.parametrize("form", sorted(FORMS))
def test_a_form_with_a_csrf_token_is_never_shared(client, world, form):
    response = client.get(urls(world)[form])
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "public" not in cache_control(response)
    assert "private" in cache_control(response)


def test_the_footer_signup_form_carries_no_token_so_pages_stay_cacheable(client, world):
    html = client.get(world["home"].url).content.decode()
    assert 'id="footer-newsletter-email"' in html
    assert "csrfmiddlewaretoken" not in html


def test_search_results_are_not_shared(client, world):
    # Every search is counted in the query log (search/views.py), so each one must reach the site.
    assert "no-store" in cache_control(client.get("/en/search/?q=climate"))


def test_previews_and_the_admin_are_never_cached(client, world, admin_user):
    client.force_login(admin_user)
    admin = client.get("/admin/")
    assert "no-cache" in cache_control(admin) and "public" not in cache_control(admin)
    preview = client.get(f"/admin/pages/{world['news item'].pk}/edit/preview/")
    assert preview.status_code == 200
    assert "public" not in cache_control(preview)
    assert "private" in cache_control(preview) or "no-cache" in cache_control(preview)


def test_post_answers_are_private(client, world):
    response = client.post("/newsletter/subscribe/", {"email": "reader@example.org", "language": "en"})
    assert "public" not in cache_control(response)


def test_a_restricted_page_asks_for_its_password_and_is_not_shared(client, world):
    page = world["standard page"]
    assert client.get(page.url).status_code == 200
    assert page.url in sitemap_links(client, world)
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret")
    # The page, and its aliases in the other languages, which share its restrictions.
    for url in [page.url, "/ru/about/", "/tk/about/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'name="password"' in response.content.decode(), url
        assert "public" not in cache_control(response), url
    assert 'name="password"' not in client.get(world["news item"].url).content.decode()
    # ...and restricted pages leave the listings that use .public()
    assert page.url not in sitemap_links(client, world)


def test_a_restricted_section_costs_no_query_per_listing(client, world):
    """`.public()` leaves restricted sections out; Wagtail reads the restrictions for each listing,
    here they come from the shared cache."""
    PageViewRestriction.objects.create(
        page=world["standard page"], restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    for name in ["news index", "news item", "directory", "signatory profile", "twinning index", "sitemap page"]:
        assert queries_of(client, urls(world)[name]) == EXPECTED_QUERIES[name], name


def sitemap_links(client, world):
    main = BeautifulSoup(client.get(world["sitemap page"].url).content, "html.parser").find("main")
    return {anchor["href"] for anchor in main.find_all("a")}


# The shared cache of the chrome ---------------------------------------------------------------------


def test_a_menu_change_shows_at_the_next_request(client, world):
    assert ">About</a>" in client.get("/en/").content.decode()
    menu = MainMenu.objects.get(locale=locale("en"))
    menu.links = [link(world["standard page"], "Who we are")]
    menu.save()
    html = client.get("/en/").content.decode()
    assert ">Who we are</a>" in html and ">About</a>" not in html


def test_a_published_title_shows_in_the_menus_of_every_page(client, world):
    client.get("/en/news/")
    about = world["standard page"]
    about.title = "About the network"
    about.save_revision().publish()
    assert ">About the network</a>" in client.get("/en/news/").content.decode()


def test_site_settings_show_in_the_footer_at_the_next_request(client, world):
    client.get("/en/")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.contact_email = "hello@network.example"
    site_settings.save()
    assert "mailto:hello@network.example" in client.get("/en/").content.decode()


def test_every_process_sees_a_change_made_by_another(client, world):
    """Processes share the generation (in the shared cache), each keeps its own copies in memory."""
    client.get("/en/")
    before = content_cache.generation()
    content_cache.clear_local()  # as if another process served the next request
    assert content_cache.generation() == before
    menu = MainMenu.objects.get(locale=locale("en"))
    menu.links = [link(world["standard page"], "Changed elsewhere")]
    menu.save()
    assert content_cache.generation() != before
    assert ">Changed elsewhere</a>" in client.get("/en/").content.decode()


# Routing -------------------------------------------------------------------------------------------


def wagtail_route(request, path):
    """What Wagtail's own routing finds, for comparison."""
    site = Site.objects.get(is_default_site=True)
    components = [component for component in path.split("/") if component]
    try:
        return site.root_page.localized.specific.route(request, components)
    except Exception as error:
        return type(error)


@pytest.mark.parametrize(
    ("language", "path"),
    [
        ("en", ""),
        ("en", "about/"),
        ("en", "news/"),
        ("en", "news/study-visit/"),
        ("tr", "haberler/study-visit/"),
        ("ru", "news/study-visit/"),
        ("en", "signatories/"),
        ("en", "signatories/konak/"),
        ("en", "signatories/data/csv/"),
        ("en", "signatories/data/"),
        ("en", "news/no-such-item/"),
        ("en", "no-such-page/"),
        ("tr", "news/"),
    ],
)
def test_routing_finds_what_wagtail_finds(world, language, path):
    request = RequestFactory().get(f"/{language}/{path}", HTTP_HOST="testserver")
    with translation.override(language):
        expected = wagtail_route(request, path)
        try:
            found = routing.route(request, path)
        except Exception as error:
            found = type(error)
        # twice: the second time from the cache of routes
        try:
            again = routing.route(request, path)
        except Exception as error:
            again = type(error)
    if isinstance(expected, type):
        assert found is expected and again is expected
        return
    for result in (found, again):
        page, args, _kwargs = result
        assert (page.pk, type(page)) == (expected[0].pk, type(expected[0]))
        assert page.locale.language_code == expected[0].locale.language_code
        assert [getattr(arg, "__name__", arg) for arg in args] == [getattr(arg, "__name__", arg) for arg in expected[1]]


def test_a_draft_is_not_served_and_its_publication_is(client, world):
    draft = StandardPageFactory(parent=world["home"], title="Soon", slug="soon", live=False)
    assert client.get("/en/soon/").status_code == 404
    draft.save_revision().publish()
    assert client.get("/en/soon/").status_code == 200


# Front-cache purge ----------------------------------------------------------------------------------


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "core.frontend_cache.RecordingBackend"}}
    RecordingBackend.purged.clear()
    yield RecordingBackend.purged
    RecordingBackend.purged.clear()


def feeds_of(language):
    base = f"http://testserver/{language}/feeds/"
    news = ["news/rss/", "news/atom/", "news/category/climate/rss/", "news/category/climate/atom/"]
    news += [
        f"news/type/{kind}/{form}/"
        for kind in ("news", "community", "city_story", "funding_call")
        for form in ("rss", "atom")
    ]
    return {base + path for path in [*news, "agenda/rss/", "agenda/agenda.ics"]}


LANGUAGES = ("en", "tr", "tk", "ru")
SITEMAP = "http://testserver/sitemap.xml"


def surroundings_of(language, *listings):
    """What every change in `language` purges: the home page, its feeds, the sitemap, and `listings`
    (paths of the index pages above the page, e.g. "news/")."""
    home = f"http://testserver/{language}/"
    return {home, *(home + path for path in listings), *feeds_of(language), SITEMAP}


def test_publishing_purges_the_page_its_index_the_home_and_the_feeds_in_every_language(
    world, purged, django_capture_on_commit_callbacks
):
    news = world["news item"]
    with django_capture_on_commit_callbacks(execute=True):
        news.title = "Study visit to Belgium"
        news.save_revision().publish()
        assert purged == []  # nothing before the commit: a cache refilled at once would get the old page
    expected = set()
    for language in LANGUAGES:
        index = "haberler/" if language == "tr" else "news/"
        expected |= surroundings_of(language, index, index + "study-visit/")
    # and the event and profiles that list it "In the news", in every language
    for profile in (world["event"], world["signatory profile"], world["supporter profile"]):
        versions = Page.objects.filter(translation_key=profile.translation_key)
        assert versions.count() == len(LANGUAGES)
        expected |= {"http://testserver" + version.url for version in versions}
    assert set(purged) == expected
    assert len(purged) == len(expected)  # each once


def test_publishing_a_translation_purges_its_own_language_only(world, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        translate(world["news item"], locale("tr"), {"Study visit": "Çalışma ziyareti"})
    linked = [world["event"], world["signatory profile"], world["supporter profile"]]
    turkish_versions = {"http://testserver" + page.get_translation(locale("tr")).url for page in linked}
    assert set(purged) == surroundings_of("tr", "haberler/", "haberler/study-visit/") | turkish_versions


def test_publishing_a_signatory_purges_the_directory_with_its_downloads_and_map_in_every_language(
    world, purged, django_capture_on_commit_callbacks
):
    konak = world["signatory profile"]
    with django_capture_on_commit_callbacks(execute=True):
        konak.population = 360_000
        konak.save_revision().publish()
    directory = ["signatories/", *(f"signatories/data/{name}/" for name in ("csv", "json", "geojson"))]
    expected = set()
    for language in LANGUAGES:
        expected |= surroundings_of(language, *directory, "signatories/konak/")
    assert set(purged) == expected


def test_unpublishing_purges_the_same_addresses_in_every_language(world, purged, django_capture_on_commit_callbacks):
    event = world["event"]
    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()
    expected = set()
    for language in LANGUAGES:
        expected |= surroundings_of(language, "agenda/", "agenda/partner-finding-day/")
    assert set(purged) == expected


def test_moving_a_page_purges_its_old_and_new_addresses_and_listings(world, purged, django_capture_on_commit_callbacks):
    """The English page moves; its aliases in the other languages stay where they are (wagtail-localize
    moves no translation), but show the page, so their addresses and listings are purged too."""
    about = world["standard page"]
    target = StandardPageFactory(parent=world["home"], title="Network", slug="network")
    with django_capture_on_commit_callbacks(execute=True):
        about.move(target, pos="last-child")
    expected = surroundings_of("en", "about/", "network/", "network/about/")
    for language in LANGUAGES[1:]:
        expected |= surroundings_of(language, "about/")
    assert set(purged) == expected
    about.refresh_from_db()
    assert about.url == "/en/network/about/"


def test_a_new_slug_purges_the_old_address(world, purged, django_capture_on_commit_callbacks):
    about = world["standard page"]
    with django_capture_on_commit_callbacks(execute=True):
        about.slug = "who-we-are"
        about.save_revision().publish()
    assert "http://testserver/en/about/" in purged
    assert "http://testserver/en/who-we-are/" in purged


def test_nothing_is_purged_without_a_front_cache(world, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    RecordingBackend.purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        world["news item"].save_revision().publish()
    assert RecordingBackend.purged == []


# The benchmark's data set ---------------------------------------------------------------------------


def test_the_benchmark_scales_every_listed_type_in_every_language(world, languages):
    from network.agenda.models import EventPage
    from network.supporters.models import SupporterPage

    added = scale_content({"signatories": 3, "news": 2, "events": 4, "supporters": 5})
    assert added == {"signatories": 3, "news": 2, "events": 4, "supporters": 5}
    generated = SupporterPage.objects.filter(slug__startswith="bench-")
    assert generated.count() == 5 * len(languages)
    assert generated.values("translation_key").distinct().count() == 5
    assert EventPage.objects.filter(slug__startswith="bench-", locale=locale("tr")).count() == 4
    assert scale_content({"signatories": 3, "news": 2, "events": 4, "supporters": 5}) == dict.fromkeys(added, 0)
    assert Page.find_problems() == ([], [], [], [], [])


WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/en/
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    24.95ms    6.12ms  70.31ms   81.20%
    Req/Sec   160.71     20.31   210.00     68.00%
  Latency Distribution
     50%   23.84ms
     75%   27.01ms
     90%   31.98ms
     99%    1.05s
  3212 requests in 10.01s, 22.01MB read
  Socket errors: connect 0, read 0, write 0, timeout 2
Requests/sec:    320.88
Transfer/sec:      2.20MB
"""


def test_the_benchmark_reads_wrk_and_prints_one_table():
    from bench.run import parse_wrk, table

    result = parse_wrk(WRK_OUTPUT)
    assert result == {
        "rps": 320.9,
        "p50_ms": 23.84,
        "p99_ms": 1050.0,
        "errors": "connect 0, read 0, write 0, timeout 2",
        "non_2xx": 0,
    }
    row = {"name": "home", "url": "/en/", **result, "queries": 1, "bytes": 6964, "ratio": 0.21}
    lines = table([row], "Uncached").splitlines()
    assert lines[0] == "Uncached"
    assert lines[1].split() == ["URL", "req/s", "p50", "ms", "p99", "ms", "queries", "bytes", "ratio"]
    assert lines[2].split() == ["home:", "/en/", "321", "23.8", "1050.0", "1", "6964", "0.21"]


def test_the_benchmark_says_when_answers_were_not_the_page():
    """A 429 or a 500 answers fast: figures made of them must not pass for the page's."""
    from bench.run import parse_wrk, table

    result = parse_wrk(WRK_OUTPUT.replace("Requests/sec:", "  Non-2xx or 3xx responses: 17\nRequests/sec:"))
    assert result["non_2xx"] == 17
    page = {"name": "search", "url": "/en/search/?q=a", **result, "queries": 12, "bytes": 1, "ratio": 1, "status": 200}
    assert "17 responses were not 2xx or 3xx" in table([page], "Uncached")
    missing = {**page, "name": "404", "status": 404}
    assert "responses were not" not in table([missing], "Uncached")  # every answer of a 404 is one
