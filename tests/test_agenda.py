"""Agenda: page tree rules, time zones, the listing (upcoming/past, filters, bad input) and event pages."""

import datetime
import json
import re
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.translation import synchronise_trees, translate
from home.models import HomePage
from network.agenda.models import AgendaIndexPage, EventPage, EventType
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory, in_days
from tests.factories import locale

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_agenda"),
]

LANGUAGES = ["en", "tr", "tk", "ru"]
TIRANA = zoneinfo.ZoneInfo("Europe/Tirane")


@pytest.fixture
def agenda(site_tree):
    """The English agenda, translated into Turkish ("etkinlikler"); other locales get aliases on sync."""
    index = AgendaIndexPageFactory(parent=site_tree["en"])
    translate(index, locale("tr"), {"Agenda": "Etkinlikler", "agenda": "etkinlikler"})
    return index


def titles(html):
    return re.findall(r'<h2 class="event-item__title"><a href="[^"]*">([^<]*)</a></h2>', html)


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return response.content.decode()


class TestPageTreeRules:
    def test_agenda_lives_once_under_each_home(self, site_tree):
        assert AgendaIndexPage.allowed_parent_page_models() == [HomePage]
        assert AgendaIndexPage.allowed_subpage_models() == [EventPage]
        AgendaIndexPageFactory(parent=site_tree["en"])
        assert not AgendaIndexPage.can_create_at(site_tree["en"])

    def test_events_are_leaves_of_the_agenda_only(self, agenda, site_tree):
        assert EventPage.allowed_parent_page_models() == [AgendaIndexPage]
        assert EventPage.allowed_subpage_models() == []
        assert EventPage.can_create_at(agenda)
        assert not EventPage.can_create_at(site_tree["en"])


class TestEventRules:
    def make(self, **fields):
        values = {
            "title": "Workshop",
            "slug": "workshop",
            "start": in_days(10),
            "end": in_days(10, 17),
            "country": "TR",
        }
        return EventPage(**{**values, **fields})

    def test_cannot_end_before_it_starts(self):
        with pytest.raises(ValidationError) as error:
            self.make(end=in_days(9)).full_clean()
        assert "end" in error.value.message_dict

    def test_needs_a_country_or_an_online_link(self):
        with pytest.raises(ValidationError) as error:
            self.make(country="").full_clean()
        assert "country" in error.value.message_dict
        self.make(country="", online_url="https://meet.example.org/twin").full_clean(exclude=["path", "depth"])

    def test_registration_deadline_is_not_after_the_event(self):
        with pytest.raises(ValidationError) as error:
            self.make(registration_deadline=timezone.localdate() + datetime.timedelta(days=20)).full_clean()
        assert "registration_deadline" in error.value.message_dict

    def test_time_zone_must_exist(self):
        with pytest.raises(ValidationError) as error:
            self.make(time_zone="Mars/Olympus").full_clean()
        assert "time_zone" in error.value.message_dict


class TestTimeZones:
    def test_editor_enters_times_in_the_event_time_zone(self, agenda, settings):
        """An editor in Istanbul typing 10:00 for an event in Tirana means 10:00 in Tirana."""
        form_class = EventPage.get_edit_handler().get_form_class()
        data = {
            "title": "Peer visit to Elbasan",
            "slug": "peer-visit",
            "event_type": "study_visit",
            "start": "2027-05-11 10:00",
            "end": "2027-05-11 16:30",
            "time_zone": "Europe/Tirane",
            "country": "AL",
            "city": "Elbasan",
            "description": "[]",
            "description-count": "0",
        }
        with timezone.override("Europe/Istanbul"):
            form = form_class(data=data, instance=EventPage(), parent_page=agenda, for_user=None)
            assert form.is_valid(), form.errors
        start = form.cleaned_data["start"]
        assert start.astimezone(TIRANA) == datetime.datetime(2027, 5, 11, 10, 0, tzinfo=TIRANA)
        assert start.astimezone(datetime.UTC).hour == 8

    def test_editing_shows_the_times_in_the_event_time_zone(self, agenda):
        event = EventPageFactory(
            parent=agenda, time_zone="Europe/Tirane", start=datetime.datetime(2027, 5, 11, 10, tzinfo=TIRANA)
        )
        form_class = EventPage.get_edit_handler().get_form_class()
        with timezone.override("Asia/Ashgabat"):
            form = form_class(instance=event, parent_page=agenda, for_user=None)
            assert form.initial["start"] == datetime.datetime(2027, 5, 11, 10, 0)

    def test_event_page_shows_its_own_time_zone(self, client, agenda):
        event = EventPageFactory(
            parent=agenda,
            time_zone="Europe/Tirane",
            start=datetime.datetime(2027, 5, 11, 10, tzinfo=TIRANA),
            end=datetime.datetime(2027, 5, 11, 16, 30, tzinfo=TIRANA),
            city="Elbasan",
            country="AL",
        )
        html = get(client, event.url)
        assert '<time datetime="2027-05-11T10:00:00+02:00">May 11, 2027, 10 a.m.</time>' in html
        assert "4:30 p.m." in html
        assert "Europe/Tirane time, UTC+0200" in html
        listing = get(client, "/en/agenda/")
        assert '<time datetime="2027-05-11T10:00:00+02:00">May 11, 2027</time>' in listing


class TestListing:
    def test_upcoming_by_default_soonest_first(self, client, agenda):
        EventPageFactory(parent=agenda, title="Later", start=in_days(60), end=in_days(60, 18))
        EventPageFactory(parent=agenda, title="Sooner", start=in_days(5), end=in_days(5, 18))
        EventPageFactory(parent=agenda, title="Ongoing", start=in_days(-1), end=in_days(1))
        EventPageFactory(parent=agenda, title="Over", start=in_days(-30), end=in_days(-29))
        html = get(client, "/en/agenda/")
        assert titles(html) == ["Ongoing", "Sooner", "Later"]
        assert '<a href="/en/agenda/" aria-current="page">Upcoming events</a>' in html

    def test_past_events_on_request_latest_first(self, client, agenda):
        EventPageFactory(
            parent=agenda,
            title="Study visit",
            start=datetime.datetime(2019, 4, 15, 9, tzinfo=datetime.UTC),
            end=datetime.datetime(2019, 4, 19, 17, tzinfo=datetime.UTC),
        )
        EventPageFactory(
            parent=agenda,
            title="Week of Regions",
            start=datetime.datetime(2019, 10, 7, 9, tzinfo=datetime.UTC),
            end=datetime.datetime(2019, 10, 10, 17, tzinfo=datetime.UTC),
        )
        EventPageFactory(parent=agenda, title="Upcoming")
        html = get(client, "/en/agenda/", when="past")
        assert titles(html) == ["Week of Regions", "Study visit"]
        assert '<input type="hidden" name="when" value="past">' in html

    def test_filter_by_month_country_and_type(self, client, agenda):
        EventPageFactory(parent=agenda, title="Muğla workshop", start=in_days(40), end=in_days(40, 17))
        EventPageFactory(
            parent=agenda,
            title="Brussels conference",
            event_type=EventType.CONFERENCE,
            country="BE",
            city="Brussels",
            time_zone="Europe/Brussels",
            start=in_days(100, zone="Europe/Brussels"),
            end=in_days(102, zone="Europe/Brussels"),
        )
        month = in_days(100).strftime("%Y-%m")
        assert titles(get(client, "/en/agenda/", month=month)) == ["Brussels conference"]
        assert titles(get(client, "/en/agenda/", country="TR")) == ["Muğla workshop"]
        assert titles(get(client, "/en/agenda/", country="be")) == ["Brussels conference"]
        assert titles(get(client, "/en/agenda/", type="conference")) == ["Brussels conference"]
        html = get(client, "/en/agenda/")
        assert '<option value="BE">Belgium</option>' in html
        assert '<option value="TR">Turkey</option>' in html or '<option value="TR">Türkiye</option>' in html

    def test_pagination_keeps_the_filters(self, client, agenda):
        for day in range(14):
            EventPageFactory(parent=agenda, start=in_days(day + 1), end=in_days(day + 1, 18))
        html = get(client, "/en/agenda/", country="TR")
        assert len(titles(html)) == 12
        assert 'href="?country=TR&amp;page=2"' in html
        assert len(titles(get(client, "/en/agenda/", country="TR", page="2"))) == 2

    @pytest.mark.parametrize(
        "params",
        [
            {"when": "tomorrow"},
            {"month": "2027-13"},
            {"month": "2027-00"},
            {"month": "May 2027"},
            {"month": "0000-01"},
            {"month": "2027-05-01"},
            {"month": "1999-01"},
            {"country": "XX"},
            {"country": "Turkey"},
            {"type": "party"},
            {"type": "<b>"},
        ],
    )
    def test_bad_filters_are_ignored(self, client, agenda, params):
        EventPageFactory(parent=agenda, title="Only event")
        assert titles(get(client, "/en/agenda/", **params)) == ["Only event"]

    @pytest.mark.parametrize("page", ["2", "0", "x", "-3", "99999999999999999999"])
    def test_pages_that_do_not_exist_are_not_found(self, client, agenda, page):
        EventPageFactory(parent=agenda)
        assert client.get("/en/agenda/", {"page": page}).status_code == 404

    def test_no_upcoming_event_says_so(self, client, agenda):
        assert "No upcoming event matches these filters." in get(client, "/en/agenda/")

    def test_each_locale_lists_its_events_once_alias_marked(self, client, agenda):
        event = EventPageFactory(parent=agenda, title="Partner-finding day", start=in_days(3), end=in_days(3, 17))
        EventPageFactory(
            parent=agenda,
            title="Webinar",
            start=in_days(4),
            end=in_days(4, 12),
            online_url="https://meet.example.org/w",
        )
        synchronise_trees()
        translate(event, locale("tr"), {"Partner-finding day": "Ortak bulma günü"})
        html = get(client, "/tr/etkinlikler/")
        assert titles(html) == ["Ortak bulma günü", "Webinar"]
        assert re.findall(r'<li class="event-item"([^>]*)>', html) == ["", ' lang="en"']
        for code in ["tk", "ru"]:
            assert titles(get(client, f"/{code}/agenda/")) == ["Partner-finding day", "Webinar"]

    def test_feed_discovery_on_the_agenda_and_events(self, client, agenda):
        event = EventPageFactory(parent=agenda)
        for url in ["/en/agenda/", event.url]:
            head = get(client, url).split("</head>")[0]
            assert (
                '<link rel="alternate" type="application/rss+xml" title="Upcoming events (RSS)" href="/en/feeds/agenda/rss/">'
                in head
            )
            assert 'type="text/calendar" title="Agenda (iCalendar)" href="/en/feeds/agenda/agenda.ics">' in head
        assert f'href="/en/feeds/agenda/events/{event.pk}.ics"' in get(client, event.url)


class TestQueryCounts:
    def make_events(self, agenda, count):
        for number in range(count):
            EventPageFactory(parent=agenda, start=in_days(number % 20 + 1), end=in_days(number % 20 + 1, 18))
        synchronise_trees()

    URLS = ["/en/agenda/", "/tr/etkinlikler/", "/en/agenda/?country=TR&type=workshop"]

    def test_listing_queries_do_not_grow_with_items(self, client, agenda, django_assert_num_queries):
        self.make_events(agenda, 5)
        counts = {}
        for url in self.URLS:
            client.get(url)
            reset_queries()
            with CaptureQueriesContext(connection) as five:
                assert client.get(url).status_code == 200
            counts[url] = len(five)
        self.make_events(agenda, 45)
        for url in self.URLS:
            client.get(url)  # publishing renews the shared cache of the page chrome, read again once
            reset_queries()
            with django_assert_num_queries(counts[url], info=url):
                assert client.get(url).status_code == 200


class TestEventPage:
    def test_shows_facts_documents_and_registration(self, client, agenda):
        from django.core.files.base import ContentFile
        from wagtail.documents import get_document_model

        programme = get_document_model().objects.create(
            title="Programme", file=ContentFile(b"day 1", name="programme.pdf")
        )
        event = EventPageFactory(
            parent=agenda,
            title="NetZeroCities twinning workshop",
            venue="Muğla Congress Centre",
            city="Muğla",
            country="TR",
            online_url="https://meet.example.org/nzc",
            organiser="Muğla Metropolitan Municipality",
            registration_url="https://forms.example.org/nzc",
            registration_deadline=timezone.localdate() + datetime.timedelta(days=20),
            contact_name="Fon ve Projeler Şube Müdürlüğü",
            contact_email="projeler@mugla.example",
            programme=programme,
        )
        html = get(client, event.url)
        assert (
            "<dd>Muğla Congress Centre, Muğla, Turkey</dd>" in html
            or "<dd>Muğla Congress Centre, Muğla, Türkiye</dd>" in html
        )
        assert '<a href="https://forms.example.org/nzc">Register</a>' in html
        assert '<a href="mailto:projeler@mugla.example">projeler@mugla.example</a>' in html
        assert f'<a href="{programme.url}">Programme</a>' in html
        assert "This event has ended." not in html

    def test_past_event_says_it_has_ended_and_closes_registration(self, client, agenda):
        event = EventPageFactory(
            parent=agenda, start=in_days(-10), end=in_days(-9), registration_url="https://forms.example.org/x"
        )
        html = get(client, event.url)
        assert "This event has ended." in html
        assert "Registration is closed." in html

    def test_structured_data_is_an_event_in_its_time_zone(self, client, agenda):
        event = EventPageFactory(
            parent=agenda,
            title="Peer visit </script>",
            time_zone="Europe/Tirane",
            start=datetime.datetime(2027, 5, 11, 10, tzinfo=TIRANA),
            end=datetime.datetime(2027, 5, 12, 16, tzinfo=TIRANA),
            venue="Town hall",
            city="Elbasan",
            country="AL",
            online_url="https://meet.example.org/elbasan",
        )
        html = get(client, event.url)
        assert "Peer visit </script>" not in html.split("<body")[0]
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
        assert data["@type"] == "Event"
        assert data["name"] == "Peer visit </script>"
        assert data["startDate"] == "2027-05-11T10:00:00+02:00"
        assert data["endDate"] == "2027-05-12T16:00:00+02:00"
        assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
        assert data["location"][0]["address"] == {
            "@type": "PostalAddress",
            "addressLocality": "Elbasan",
            "addressCountry": "AL",
        }
        assert data["location"][1] == {"@type": "VirtualLocation", "url": "https://meet.example.org/elbasan"}


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_agenda_page_type_renders_in_every_locale(client, agenda, code):
    event = EventPageFactory(parent=agenda, title="Partner-finding day")
    synchronise_trees()
    translate(event, locale("tr"), {"Partner-finding day": "Ortak bulma günü"})
    for source in (agenda, event):
        target = source.get_translation(locale(code)).specific
        response = client.get(target.url)
        assert response.status_code == 200, (code, target.url)
        html = response.content.decode()
        assert f'<html lang="{code}"' in html
        assert f"<h1>{target.title}</h1>" in html
        assert (f'<p class="notice" lang="{code}">' in html) == target.is_untranslated


class TestAdmin:
    def test_editors_can_open_the_agenda_forms(self, client, admin_user, agenda):
        from django.urls import reverse

        client.force_login(admin_user)
        event = EventPageFactory(
            parent=agenda, time_zone="Europe/Tirane", start=datetime.datetime(2027, 5, 11, 10, tzinfo=TIRANA)
        )
        for url in [
            reverse("wagtailadmin_pages:add", args=("agenda", "eventpage", agenda.pk)),
            reverse("wagtailadmin_pages:edit", args=(agenda.pk,)),
        ]:
            assert client.get(url).status_code == 200, url
        html = client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,))).content.decode()
        assert 'value="2027-05-11 10:00"' in html  # in Tirana's time, not the editor's
        assert '<option value="Europe/Tirane" selected>Europe/Tirane</option>' in html
