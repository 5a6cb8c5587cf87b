"""Factories for the agenda: published event pages under the English agenda."""

import datetime
import zoneinfo

import factory
from django.utils import timezone

from network.agenda.models import AgendaIndexPage, EventPage, EventType
from tests.factories import PublishedPageFactory, english_home, index_of


class AgendaIndexPageFactory(PublishedPageFactory):
    parent = factory.LazyFunction(english_home)
    title = "Agenda"
    slug = "agenda"
    intro = "Meetings, trainings and study visits of the network."

    class Meta:
        model = AgendaIndexPage


def in_days(days, hour=10, zone="Europe/Istanbul"):
    """An aware datetime `days` from today at `hour` o'clock in `zone`."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(zone))


class EventPageFactory(PublishedPageFactory):
    parent = index_of(AgendaIndexPageFactory)
    title = factory.Sequence(lambda n: f"Event {n}")
    event_type = EventType.WORKSHOP
    time_zone = "Europe/Istanbul"
    start = factory.LazyAttribute(lambda obj: in_days(30, 10, obj.time_zone))
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=6))
    venue = "Congress centre"
    city = "Muğla"
    country = "TR"
    organiser = "Muğla Metropolitan Municipality"
    intro = "A twinning workshop on climate neutrality."
    description = factory.LazyFunction(lambda: [("paragraph", "<p>Site visits and joint workshops.</p>")])

    class Meta:
        model = EventPage
