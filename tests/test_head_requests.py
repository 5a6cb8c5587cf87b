"""HEAD works wherever GET does (link checkers, uptime monitors and caches send it): the same status
and Content-Type as GET, and no body."""

import pytest

from core.translation import synchronise_trees
from home.models import HomePage
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory
from tests.database import rolled_back
from tests.factories import StandardPageFactory
from tests.news_factories import NewsIndexPageFactory, NewsPageFactory
from tests.signatory_factories import SignatoryPageFactory, make_directory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_head_requests"),
]

FIXED = [
    "/robots.txt",
    "/sitemap.xml",
    "/en/",
    "/tr/",
    "/en/about/",
    "/en/news/",
    "/en/news/study-visit/",
    "/en/agenda/",
    "/en/signatories/",
    "/en/signatories/mugla/",
    "/en/feeds/news/rss/",
    "/en/feeds/news/atom/",
    "/en/feeds/agenda/rss/",
    "/en/feeds/agenda/agenda.ics",
    "/en/search/?q=climate",
    "/en/search/autocomplete/?q=cli",
    "/en/signatories/data/csv/",
    "/en/signatories/data/json/",
    "/en/signatories/data/geojson/",
]


@pytest.fixture(scope="module")
def event_calendar(shared_site_tree, django_db_blocker):
    """The site's public pages, built once for the module; the URL of the event's calendar file."""
    with rolled_back(django_db_blocker):
        homes = HomePage.objects.in_bulk(shared_site_tree.values())
        english = homes[shared_site_tree["en"]]
        StandardPageFactory(parent=english, title="About", slug="about")
        news = NewsIndexPageFactory(parent=english)
        NewsPageFactory(parent=news, title="Study visit", slug="study-visit")
        agenda = AgendaIndexPageFactory(parent=english)
        event = EventPageFactory(parent=agenda, title="Partner-finding day")
        directory = make_directory({code: homes[pk] for code, pk in shared_site_tree.items()})
        SignatoryPageFactory(parent=directory["en"], title="Muğla", slug="mugla")
        synchronise_trees()
        yield f"/en/feeds/agenda/events/{event.pk}.ics"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("url", [*FIXED, "event calendar"])
def test_head_answers_like_get_without_a_body(client, event_calendar, url):
    url = event_calendar if url == "event calendar" else url
    got = client.get(url)
    assert got.status_code == 200, (url, got.status_code)
    assert body(got), url
    head = client.head(url)
    assert head.status_code == 200, (url, head.status_code)
    assert body(head) == b"", url
    assert head["Content-Type"] == got["Content-Type"], url


@pytest.mark.parametrize(
    "url",
    [
        "/newsletter/subscribe/",
        "/newsletter/privacy/",
        "/newsletter/confirm/not-a-token/",
        "/newsletter/preferences/not-a-token/",
        "/newsletter/unsubscribe/not-a-token/",
        "/twinning/manage/not-a-token/",
        "/twinning/reply/not-a-token/",
        "/twinning/report/not-a-token/",
    ],
)
def test_head_on_the_language_free_pages_answers_as_get_does(client, event_calendar, url):
    """The same status as GET (a redirect, a page, or the expired-link answer), never 405."""
    got = client.get(url)
    head = client.head(url)
    assert head.status_code == got.status_code != 405, (url, got.status_code, head.status_code)
    assert body(head) == b"", url
