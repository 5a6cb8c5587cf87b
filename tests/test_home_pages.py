"""Home, standard, RSS help and sitemap pages: the page tree rules and rendering in every locale,
and the home's front door: the blocks of its body, in every locale, within the query budget."""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext
from wagtail.models import Page

from core.frontend_cache import RecordingBackend
from core.translation import synchronise_trees, translate
from home.blocks import HomeBodyBlock
from home.models import FeedsPage, HomePage, SitemapPage, StandardPage
from network.newsletter.models import NewsletterIndexPage
from network.twinning.models import PartnerFinderPage
from signatories.blocks import dot_map
from signatories.models import SignatoryIndexPage
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory, in_days
from tests.database import fresh, keys, rolled_back
from tests.factories import FeedsPageFactory, SitemapPageFactory, StandardPageFactory, locale
from tests.news_factories import NewsIndexPageFactory, NewsPageFactory
from tests.newsletter_factories import NewsletterIndexPageFactory
from tests.signatory_factories import SignatoryIndexPageFactory, SignatoryPageFactory
from tests.supporter_factories import SupporterIndexPageFactory, SupporterPageFactory
from tests.twinning_factories import PartnerFinderPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_home_pages"),
]

QUERY_BUDGET = 12


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "core.frontend_cache.RecordingBackend"}}
    RecordingBackend.purged.clear()
    yield RecordingBackend.purged
    RecordingBackend.purged.clear()


class TestPageTreeRules:
    def test_home_page_lives_only_under_the_root(self):
        assert HomePage.allowed_parent_page_models() == [Page]
        assert set(HomePage.allowed_subpage_models()) >= {StandardPage, FeedsPage, SitemapPage}

    def test_standard_pages_nest_under_home_and_each_other(self):
        assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}
        assert StandardPage.allowed_subpage_models() == [StandardPage]

    @pytest.mark.parametrize("model", [FeedsPage, SitemapPage])
    def test_singletons_are_leaves_under_home(self, model):
        assert model.allowed_parent_page_models() == [HomePage]
        assert model.allowed_subpage_models() == []
        assert model.max_count_per_parent == 1

    def test_second_feeds_page_cannot_be_created_under_the_same_home(self, site_tree):
        home = site_tree["en"]
        assert FeedsPage.can_create_at(home)
        FeedsPageFactory(parent=home)
        assert not FeedsPage.can_create_at(home)


def test_every_locale_home_renders_in_its_language(client, site_tree):
    for code, home in site_tree.items():
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{code}"' in html
        assert f"<title>{home.title} ·" in html


@pytest.mark.parametrize("factory", [StandardPageFactory, FeedsPageFactory, SitemapPageFactory])
def test_page_types_render_in_every_locale(client, site_tree, factory):
    from core.translation import translate
    from tests.factories import locale

    page = factory(parent=site_tree["en"], title="Legal notice", slug="legal")
    for code in site_tree:
        if code != "en":
            translate(page, locale(code), {"Legal notice": f"Legal notice ({code})", "legal": f"legal-{code}"})
    for code in site_tree:
        target = page if code == "en" else page.get_translation(locale(code))
        response = client.get(target.url)
        assert response.status_code == 200, (code, target.url)
        assert f"<h1>{target.title}</h1>" in response.content.decode()


# The front door ----------------------------------------------------------------------------------

FRONT_DOOR_BLOCKS = ["latest_news", "upcoming_events", "key_figures", "map_teaser", "partner_finder", "newsletter"]


def front_door_body(pinned_news=(), pinned_events=()):
    return [
        ("latest_news", {"heading": "", "count": 2, "news_type": "", "pinned": list(pinned_news)}),
        ("upcoming_events", {"heading": "", "count": 3, "pinned": list(pinned_events)}),
        ("key_figures", {"heading": ""}),
        ("map_teaser", {"heading": "", "text": "", "countries_shown": 5}),
        ("partner_finder", {"title": "", "text": "", "label": ""}),
        ("newsletter", {"title": "", "text": "", "label": ""}),
    ]


def build_front_door(homes):
    """What every block of the home shows, in every locale; the English home's body is translated."""
    news_index = NewsIndexPageFactory(parent=homes["en"])
    translate(news_index, locale("tr"), {"News": "Haberler", "news": "haberler"})
    old_story = NewsPageFactory(parent=news_index, title="Old story", date=datetime.date(2018, 1, 5))
    NewsPageFactory(parent=news_index, title="Middle story", date=datetime.date(2019, 6, 1))
    newest = NewsPageFactory(parent=news_index, title="Newest story", date=datetime.date(2020, 3, 9))
    agenda = AgendaIndexPageFactory(parent=homes["en"])
    past_visit = EventPageFactory(parent=agenda, title="Past visit", start=in_days(-10), end=in_days(-9))
    workshop = EventPageFactory(parent=agenda, title="Workshop soon", start=in_days(10))
    conference = EventPageFactory(parent=agenda, title="Conference later", start=in_days(40))
    directory = SignatoryIndexPageFactory(parent=homes["en"])
    SignatoryPageFactory(parent=directory, title="Konak", population=330_000, action_plan_status="submitted")
    SignatoryPageFactory(
        parent=directory,
        title="Sinaia",
        country="RO",
        population=10_000,
        latitude=Decimal("45.350000"),
        longitude=Decimal("25.550000"),
    )
    supporters = SupporterIndexPageFactory(parent=homes["en"])
    SupporterPageFactory(parent=supporters, title="Union of Provinces")
    PartnerFinderPageFactory(parent=homes["en"])
    NewsletterIndexPageFactory(parent=homes["en"])
    synchronise_trees()
    translate(newest, locale("tr"), {"Newest story": "En yeni haber"})

    home = homes["en"]
    home.body = front_door_body(pinned_news=[old_story], pinned_events=[past_visit, conference])
    home.save_revision().publish()
    for code in homes:
        if code != "en":
            translate(home, locale(code), {})
    return {"old story": old_story, "newest": newest, "workshop": workshop, "conference": conference}


@pytest.fixture(scope="module")
def shared_front_door(shared_site_tree, django_db_blocker):
    with rolled_back(django_db_blocker):
        homes = HomePage.objects.in_bulk(shared_site_tree.values())
        yield keys(build_front_door({code: homes[pk] for code, pk in shared_site_tree.items()}))


@pytest.fixture
def front_door(shared_front_door):
    return fresh(shared_front_door)


def home_html(client, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section_titles(soup, css_class):
    section = soup.select_one(f"section.{css_class}")
    assert section is not None, css_class
    return [link.get_text(strip=True) for link in section.select("h3 a")]


class TestFrontDoorBlocks:
    def test_editors_may_choose_and_order_every_block(self, client, admin_user, site_tree):
        assert set(FRONT_DOOR_BLOCKS) <= set(HomeBodyBlock().child_blocks)
        assert "call_to_action" in HomeBodyBlock().child_blocks  # the highlights stay possible
        client.force_login(admin_user)
        response = client.get(f"/admin/pages/{site_tree['en'].pk}/edit/")
        assert response.status_code == 200
        html = response.content.decode()
        for label in ["Latest news", "Upcoming events", "Key figures", "Map of the signatories", "Partner finder"]:
            assert label in html, label

    @pytest.mark.parametrize("code", ["en", "tr", "tk", "ru"])
    def test_every_locale_home_shows_every_block_in_its_language(self, client, front_door, code):
        soup = home_html(client, code)
        with translation.override(code):
            headings = [gettext("Latest news"), gettext("Upcoming events"), gettext("The network in figures")]
            headings += [
                gettext("Where the signatories are"),
                gettext("Find a twinning partner"),
                gettext("Newsletter"),
            ]
        shown = [heading.get_text(strip=True) for heading in soup.select("main h2")]
        assert all(heading in shown for heading in headings), shown
        figures = dict(
            zip(
                [dt.get_text(strip=True) for dt in soup.select(".home-figures__item dt")],
                [dd.get_text(strip=True) for dd in soup.select(".home-figures__item dd")],
                strict=True,
            )
        )
        with translation.override(code):
            assert figures[gettext("Signatories")] == "2"
            assert figures[gettext("Action plans")] == "1"
            assert figures[gettext("Supporters")] == "1"
            assert figures[gettext("Population covered")] == number_format(340_000, force_grouping=True)
        assert len(soup.select(".map-teaser svg circle")) == 2
        finder = PartnerFinderPage.objects.get(locale__language_code=code)
        newsletter = NewsletterIndexPage.objects.get(locale__language_code=code)
        links = [link["href"] for link in soup.select("main .cta a.button")]
        assert links == [finder.url, newsletter.url]

    def test_pinned_news_come_first_then_the_newest_fill_the_list(self, client, front_door):
        assert section_titles(home_html(client, "en"), "home-news") == ["Old story", "Newest story"]

    def test_a_news_item_shows_in_the_visitors_language_where_translated_else_marked(self, client, front_door):
        soup = home_html(client, "tr")
        assert section_titles(soup, "home-news") == ["Old story", "En yeni haber"]
        pinned, translated = soup.select("section.home-news li.card")
        assert pinned["lang"] == "en"
        with translation.override("tr"):
            assert gettext("In %(language)s") % {"language": "English"} in pinned.get_text(" ", strip=True)
        assert not translated.has_attr("lang")

    def test_a_pin_that_is_also_the_newest_is_listed_once(self, client, front_door, site_tree):
        home = site_tree["en"]
        home.body = front_door_body(pinned_news=[front_door["newest"], front_door["newest"]])
        home.save_revision().publish()
        assert section_titles(home_html(client, "en"), "home-news") == ["Newest story", "Middle story"]

    def test_pinned_events_come_first_until_they_end(self, client, front_door):
        # The past visit is pinned too, but it is no longer upcoming.
        titles = section_titles(home_html(client, "en"), "home-events")
        assert titles == ["Conference later", "Workshop soon"]

    def test_the_map_teaser_links_into_the_directory(self, client, front_door):
        soup = home_html(client, "en")
        directory = SignatoryIndexPage.objects.get(locale__language_code="en")
        countries = [link["href"] for link in soup.select(".map-teaser__countries a")]
        assert countries == [f"{directory.url}?country=RO", f"{directory.url}?country=TR"]
        assert soup.select_one(".map-teaser__picture")["href"] == f"{directory.url}#signatory-map"

    def test_the_home_with_every_block_stays_within_the_query_budget(self, client, front_door):
        client.get("/en/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/")
        assert response.status_code == 200
        assert len(queries) <= QUERY_BUDGET, [query["sql"] for query in queries]

    @pytest.mark.parametrize("factory", ["news", "event"])
    def test_publishing_news_or_an_event_purges_the_home_pages(
        self, factory, front_door, purged, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            if factory == "news":
                NewsPageFactory(parent=front_door["newest"].get_parent(), title="Breaking")
            else:
                EventPageFactory(parent=front_door["workshop"].get_parent(), title="Next meeting")
        # Its aliases in the other languages are made after it is published: their homes are purged too.
        assert {f"http://testserver/{code}/" for code in ("en", "tr", "tk", "ru")} <= set(purged)

    def test_publishing_a_translation_purges_the_home_of_its_own_language_only(
        self, front_door, purged, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            translate(front_door["newest"], locale("tr"), {"Newest story": "En yeni haberimiz"})
        homes = {url for url in purged if url.count("/") == 4}
        assert homes == {"http://testserver/tr/"}


def test_the_map_teaser_draws_nearby_signatories_as_one_larger_dot_inside_the_picture():
    konak, karsiyaka, sinaia = (37.86, 27.26), (37.88, 27.3), (45.35, 25.55)
    picture = dot_map([tuple(map(Decimal, map(str, point))) for point in (konak, karsiyaka, sinaia)])
    dots = sorted(picture["dots"], key=lambda dot: dot[3])
    assert [count for *_position, count in dots] == [1, 2]
    assert dots[1][2] > dots[0][2]  # two signatories, a larger dot
    assert all(0 <= x <= picture["width"] and 0 <= y <= picture["height"] for x, y, _r, _n in dots)
    assert dot_map([]) is None
