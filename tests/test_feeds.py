"""Feeds: news RSS and Atom, agenda RSS and iCalendar, conditional GET, the RSS help page, query counts."""

import datetime
import re
import zoneinfo

import feedparser
import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date
from icalendar import Calendar

from core.feeds import feed_links
from core.translation import synchronise_trees, translate
from network.agenda.models import EventPage
from network.news.models import NewsType
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory, in_days
from tests.factories import FeedsPageFactory, ImageFactory, locale
from tests.news_factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site_tree"), pytest.mark.xdist_group("test_feeds")]

TIRANA = zoneinfo.ZoneInfo("Europe/Tirane")
NEWS_FEEDS = ["/en/feeds/news/rss/", "/en/feeds/news/atom/"]


@pytest.fixture
def news_index(site_tree):
    index = NewsIndexPageFactory(parent=site_tree["en"])
    translate(index, locale("tr"), {"News": "Haberler", "news": "haberler"})
    return index


@pytest.fixture
def agenda(site_tree):
    index = AgendaIndexPageFactory(parent=site_tree["en"])
    translate(index, locale("tr"), {"Agenda": "Etkinlikler", "agenda": "etkinlikler"})
    return index


def parse(client, url):
    """The feed at `url`, parsed by feedparser, checked to be well-formed."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


def calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


class TestNewsFeeds:
    @pytest.mark.parametrize("url", NEWS_FEEDS)
    def test_all_news_newest_first_with_absolute_links(self, client, news_index, url):
        NewsPageFactory(parent=news_index, title="Study visit", date=datetime.date(2019, 4, 19))
        NewsPageFactory(parent=news_index, title="Training in Istanbul", date=datetime.date(2019, 6, 21))
        feed = parse(client, url)
        assert feed.feed.title == "News · Covenant of Mayors network"
        assert feed.feed.language == "en"
        assert feed.feed.link == "http://testserver/en/news/"
        assert [entry.title for entry in feed.entries] == ["Training in Istanbul", "Study visit"]
        assert feed.entries[0].link == "http://testserver/en/news/training-in-istanbul/"
        assert feed.entries[0].published_parsed[:3] == (2019, 6, 20) or feed.entries[0].published_parsed[:3] == (
            2019,
            6,
            21,
        )

    @pytest.mark.parametrize("url", ["/tr/feeds/news/rss/", "/tr/feeds/news/atom/"])
    def test_each_language_has_its_feed_with_translations_and_untranslated_items(self, client, news_index, url):
        translated = NewsPageFactory(parent=news_index, title="Study visit", date=datetime.date(2019, 4, 19))
        NewsPageFactory(parent=news_index, title="Internship in Barcelona", date=datetime.date(2019, 5, 17))
        synchronise_trees()
        translate(translated, locale("tr"), {"Study visit": "Çalışma ziyareti", "study-visit": "calisma-ziyareti"})
        feed = parse(client, url)
        assert feed.feed.language == "tr"
        assert feed.feed.title.startswith("Haberler · ")
        assert [entry.title for entry in feed.entries] == ["Internship in Barcelona", "Çalışma ziyareti"]
        assert feed.entries[1].link == "http://testserver/tr/haberler/calisma-ziyareti/"

    @pytest.mark.parametrize("kind", ["rss", "atom"])
    def test_category_feed(self, client, news_index, kind):
        climate = NewsCategoryFactory(name="Climate", slug="climate")
        translate(climate, locale("tr"), {"Climate": "İklim"})
        NewsPageFactory(parent=news_index, title="Women's climate action", categories=[climate])
        NewsPageFactory(parent=news_index, title="Smart city vision")
        synchronise_trees()
        feed = parse(client, f"/en/feeds/news/category/climate/{kind}/")
        assert [entry.title for entry in feed.entries] == ["Women's climate action"]
        assert "Climate" in feed.feed.title
        turkish = parse(client, f"/tr/feeds/news/category/climate/{kind}/")
        assert [entry.title for entry in turkish.entries] == ["Women's climate action"]
        assert "İklim" in turkish.feed.title
        assert {tag.term for tag in turkish.entries[0].tags} >= {"İklim"}

    @pytest.mark.parametrize("kind", ["rss", "atom"])
    def test_type_feed(self, client, news_index, kind):
        NewsPageFactory(parent=news_index, title="An article")
        NewsPageFactory(
            parent=news_index,
            title="Call for cities",
            news_type=NewsType.FUNDING_CALL,
            funding_entity="NetZeroCities",
            application_deadline=datetime.date(2027, 3, 31),
        )
        feed = parse(client, f"/en/feeds/news/type/funding_call/{kind}/")
        assert [entry.title for entry in feed.entries] == ["Call for cities"]
        assert "NetZeroCities" in feed.entries[0].summary
        assert "2027-03-31" in feed.entries[0].summary

    @pytest.mark.parametrize(
        "url",
        [
            "/en/feeds/news/category/no-such-category/rss/",
            "/en/feeds/news/category/no-such-category/atom/",
            "/en/feeds/news/type/gossip/rss/",
            "/en/feeds/news/type/gossip/atom/",
            "/en/feeds/news/category/%3Cscript%3E/rss/",
        ],
    )
    def test_unknown_category_or_type_is_not_found(self, client, news_index, url):
        assert client.get(url).status_code == 404

    def test_no_news_section_no_feed(self, client, site_tree):
        assert client.get("/en/feeds/news/rss/").status_code == 404

    def test_only_safe_methods(self, client, news_index):
        assert client.post("/en/feeds/news/rss/").status_code == 405
        assert client.head("/en/feeds/news/rss/").status_code == 200

    @pytest.mark.parametrize("url", NEWS_FEEDS)
    def test_guid_is_stable_across_edits_and_unique_per_language(self, client, news_index, url):
        page = NewsPageFactory(parent=news_index, title="Monitoring visits")
        synchronise_trees()
        before = parse(client, url).entries[0].id
        page.title, page.slug = "Monitoring visits continue", "monitoring-visits-continue"
        page.save_revision().publish()
        after = parse(client, url).entries[0]
        assert after.title == "Monitoring visits continue"
        assert after.id == before
        assert before.startswith("urn:uuid:")
        turkish = parse(client, url.replace("/en/", "/tr/")).entries[0].id
        assert turkish != before

    def test_full_text_or_summary_as_configured(self, client, news_index, settings):
        NewsPageFactory(
            parent=news_index,
            intro="The workshop took place in Ankara.",
            lead_image=ImageFactory(),
            lead_image_alt="Participants",
            body=[("paragraph", '<p>See <a href="/en/news/">all news</a>.</p>')],
        )
        settings.FEEDS_FULL_TEXT = True
        full = parse(client, "/en/feeds/news/rss/").entries[0].summary
        assert "The workshop took place in Ankara." in full
        assert '<a href="http://testserver/en/news/">all news</a>' in full
        assert re.search(r'<img alt="Participants" src="http://testserver/[^"]+"', full) or re.search(
            r'<img src="http://testserver/[^"]+" alt="Participants"', full
        )
        settings.FEEDS_FULL_TEXT = False
        summary = parse(client, "/en/feeds/news/atom/").entries[0].summary
        assert summary == "<p>The workshop took place in Ankara.</p>"


class TestAgendaFeeds:
    def test_rss_lists_upcoming_events_soonest_first(self, client, agenda):
        EventPageFactory(parent=agenda, title="Later", start=in_days(60), end=in_days(60, 17))
        EventPageFactory(parent=agenda, title="Sooner", start=in_days(5), end=in_days(5, 17))
        EventPageFactory(parent=agenda, title="Over", start=in_days(-5), end=in_days(-5, 17))
        feed = parse(client, "/en/feeds/agenda/rss/")
        assert feed.feed.language == "en"
        assert [entry.title.rsplit(" (", 1)[0] for entry in feed.entries] == ["Sooner", "Later"]
        assert feed.entries[0].link.startswith("http://testserver/en/agenda/")
        assert "Muğla" in feed.entries[0].summary
        assert "(Europe/Istanbul)" in feed.entries[0].summary

    def test_rss_in_turkish(self, client, agenda):
        event = EventPageFactory(parent=agenda, title="Partner-finding day")
        synchronise_trees()
        translate(event, locale("tr"), {"Partner-finding day": "Ortak bulma günü"})
        feed = parse(client, "/tr/feeds/agenda/rss/")
        assert feed.feed.language == "tr"
        assert feed.entries[0].title.startswith("Ortak bulma günü (")
        assert feed.entries[0].link.startswith("http://testserver/tr/etkinlikler/")

    def test_ics_of_the_whole_agenda_with_time_zones(self, client, agenda):
        EventPageFactory(
            parent=agenda,
            title="Peer visit to Elbasan",
            time_zone="Europe/Tirane",
            start=datetime.datetime(2027, 5, 11, 10, tzinfo=TIRANA),
            end=datetime.datetime(2027, 5, 12, 16, 30, tzinfo=TIRANA),
            city="Elbasan",
            country="AL",
            contact_email="twinning@example.org",
        )
        EventPageFactory(
            parent=agenda,
            title="Study visit",
            time_zone="Europe/Brussels",
            start=datetime.datetime(2019, 4, 15, 9, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels")),
            end=datetime.datetime(2019, 4, 19, 17, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels")),
            city="Brussels",
            country="BE",
        )
        cal = calendar(client, "/en/feeds/agenda/agenda.ics")
        events = {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}
        assert set(events) == {"Peer visit to Elbasan", "Study visit"}
        elbasan = events["Peer visit to Elbasan"]
        assert elbasan.decoded("DTSTART") == datetime.datetime(2027, 5, 11, 10, tzinfo=TIRANA)
        assert elbasan.decoded("DTSTART").tzinfo.key == "Europe/Tirane"
        assert elbasan["DTSTART"].params["TZID"] == "Europe/Tirane"
        assert elbasan.decoded("DTEND") == datetime.datetime(2027, 5, 12, 16, 30, tzinfo=TIRANA)
        assert str(elbasan["LOCATION"]) == "Congress centre, Elbasan, Albania"
        assert str(elbasan["URL"]).startswith("http://testserver/en/agenda/")
        assert str(elbasan["ORGANIZER"]) == "mailto:twinning@example.org"
        assert {tz["TZID"] for tz in cal.walk("VTIMEZONE")} == {"Europe/Tirane", "Europe/Brussels"}
        assert events["Study visit"].decoded("DTSTART").utcoffset() == datetime.timedelta(hours=2)

    def test_ics_uid_is_stable_across_edits_and_per_language(self, client, agenda):
        event = EventPageFactory(parent=agenda, title="Workshop")
        synchronise_trees()
        (before,) = calendar(client, "/en/feeds/agenda/agenda.ics").walk("VEVENT")
        event.title, event.slug = "Twinning workshop", "twinning-workshop"
        event.start += datetime.timedelta(hours=1)
        event.save_revision().publish()
        (after,) = calendar(client, "/en/feeds/agenda/agenda.ics").walk("VEVENT")
        assert str(after["SUMMARY"]) == "Twinning workshop"
        assert str(after["UID"]) == str(before["UID"]) == f"event-{event.translation_key}-en"
        (single,) = calendar(client, f"/en/feeds/agenda/events/{event.pk}.ics").walk("VEVENT")
        assert str(single["UID"]) == str(before["UID"])
        (turkish,) = calendar(client, "/tr/feeds/agenda/agenda.ics").walk("VEVENT")
        assert str(turkish["UID"]) == f"event-{event.translation_key}-tr"

    def test_ics_of_one_event_is_a_download(self, client, agenda):
        event = EventPageFactory(parent=agenda, title="Webinar", slug="webinar")
        response = client.get(f"/en/feeds/agenda/events/{event.pk}.ics")
        assert response.status_code == 200
        assert response["Content-Disposition"] == 'attachment; filename="webinar.ics"'
        cal = Calendar.from_ical(response.content)
        assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Webinar"]
        assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Istanbul"]

    def test_ics_of_an_unknown_event_is_not_found(self, client, agenda, news_index):
        event = EventPageFactory(parent=agenda)
        synchronise_trees()
        draft = EventPageFactory(parent=agenda, publish=False)
        draft.unpublish()
        assert client.get("/en/feeds/agenda/events/999999.ics").status_code == 404
        assert client.get(f"/tr/feeds/agenda/events/{event.pk}.ics").status_code == 404  # the English page
        assert client.get(f"/en/feeds/agenda/events/{news_index.pk}.ics").status_code == 404  # not an event
        assert client.get(f"/en/feeds/agenda/events/{draft.pk}.ics").status_code == 404
        tr_event = EventPage.objects.get(locale=locale("tr"), translation_key=event.translation_key)
        assert client.get(f"/tr/feeds/agenda/events/{tr_event.pk}.ics").status_code == 200


class TestConditionalGet:
    @pytest.mark.parametrize(
        "url",
        [*NEWS_FEEDS, "/en/feeds/news/type/news/rss/", "/en/feeds/agenda/rss/", "/en/feeds/agenda/agenda.ics"],
    )
    def test_not_modified_until_something_is_published(self, client, news_index, agenda, url):
        NewsPageFactory(parent=news_index)
        EventPageFactory(parent=agenda)
        first = client.get(url)
        etag, last_modified = first["ETag"], first["Last-Modified"]
        assert etag.startswith('"') and last_modified.endswith("GMT")

        not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert not_modified.status_code == 304
        assert not_modified.content == b""
        assert not_modified["ETag"] == etag
        assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304

        if "agenda" in url:
            EventPageFactory(parent=agenda)
        else:
            NewsPageFactory(parent=news_index)
        changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert changed.status_code == 200
        assert changed["ETag"] != etag

    def test_unpublishing_changes_the_etag(self, client, news_index):
        NewsPageFactory(parent=news_index)
        second = NewsPageFactory(parent=news_index)
        etag = client.get("/en/feeds/news/rss/")["ETag"]
        second.unpublish()
        assert client.get("/en/feeds/news/rss/", HTTP_IF_NONE_MATCH=etag).status_code == 200

    def test_an_event_that_ends_leaves_the_upcoming_feed_and_changes_it(self, client, agenda):
        EventPageFactory(parent=agenda)
        ending = EventPageFactory(parent=agenda)
        first = client.get("/en/feeds/agenda/rss/")
        EventPage.objects.filter(pk=ending.pk).update(end=in_days(-1), start=in_days(-2))
        response = client.get(
            "/en/feeds/agenda/rss/",
            HTTP_IF_NONE_MATCH=first["ETag"],
        )
        assert response.status_code == 200
        assert len(feedparser.parse(response.content).entries) == 1
        # and a client that only knows the date is told too: the event ended after its copy
        assert client.get("/en/feeds/agenda/rss/", HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200

    def test_one_event_ics(self, client, agenda):
        event = EventPageFactory(parent=agenda)
        url = f"/en/feeds/agenda/events/{event.pk}.ics"
        etag = client.get(url)["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        event.title = "Renamed"
        event.save_revision().publish()
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


class TestRssHelpPage:
    def test_lists_exactly_the_registered_feeds_of_its_language(self, client, site_tree, news_index, agenda):
        NewsCategoryFactory(name="Climate", slug="climate")
        help_page = FeedsPageFactory(parent=site_tree["en"], slug="rss-help")
        synchronise_trees()
        for code in ["en", "tr"]:
            page = help_page if code == "en" else help_page.get_translation(locale(code))
            html = client.get(page.url).content.decode()
            listed = re.findall(r'<br><a href="([^"]+)">http://testserver', html)
            registered = [link.url for link in feed_links(code)]
            assert listed == registered
            mine = {url for url in listed if "/feeds/news/" in url or "/feeds/agenda/" in url}
            expected = {
                f"/{code}/feeds/news/rss/",
                f"/{code}/feeds/news/atom/",
                f"/{code}/feeds/news/category/climate/rss/",
                f"/{code}/feeds/news/category/climate/atom/",
                f"/{code}/feeds/agenda/rss/",
                f"/{code}/feeds/agenda/agenda.ics",
            } | {f"/{code}/feeds/news/type/{value}/{kind}/" for value in NewsType.values for kind in ("rss", "atom")}
            assert mine == expected
            for url in mine:  # and every one of them answers
                assert client.get(url).status_code == 200, url

    def test_a_language_without_the_sections_lists_none_of_their_feeds(self, site_tree):
        assert not [link for link in feed_links("en") if "/feeds/news/" in link.url or "/feeds/agenda/" in link.url]


class TestQueryCounts:
    """Each feed costs the same number of queries for 5 items as for 50."""

    URLS = [
        "/en/feeds/news/rss/",
        "/en/feeds/news/atom/",
        "/tr/feeds/news/category/climate/atom/",
        "/en/feeds/news/type/city_story/rss/",
        "/en/feeds/agenda/rss/",
        "/tr/feeds/agenda/agenda.ics",
    ]

    def add(self, news_index, agenda, count, climate, image):
        for number in range(count):
            NewsPageFactory(
                parent=news_index,
                news_type=NewsType.CITY_STORY,
                categories=[climate],
                lead_image=image,
                date=datetime.date(2019, 1, 1) + datetime.timedelta(days=number),
            )
            EventPageFactory(parent=agenda, start=in_days(number + 1), end=in_days(number + 1, 18))
        synchronise_trees()

    def test_feed_queries_do_not_grow_with_items(self, client, news_index, agenda, django_assert_num_queries):
        climate = NewsCategoryFactory(name="Climate", slug="climate")
        image = ImageFactory()
        self.add(news_index, agenda, 5, climate, image)
        counts = {}
        for url in self.URLS:
            client.get(url)  # renditions are made on the first request
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts[url] = len(queries)
        self.add(news_index, agenda, 45, climate, image)
        for url in self.URLS:
            client.get(url)
            reset_queries()
            with django_assert_num_queries(counts[url]):
                assert client.get(url).status_code == 200
