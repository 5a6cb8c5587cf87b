"""Pages for the search tests: one helper per page type, each a real published page of its locale."""

import datetime

import wagtail_factories
from django.utils import timezone

from network.agenda.models import AgendaIndexPage, EventPage
from network.news.models import NewsIndexPage, NewsPage
from tests.factories import StandardPageFactory


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "News"

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = "News item"
    intro = "An introduction."
    date = datetime.date(2025, 3, 14)

    class Meta:
        model = NewsPage


class AgendaIndexPageFactory(wagtail_factories.PageFactory):
    title = "Agenda"

    class Meta:
        model = AgendaIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = "Event"
    start = timezone.make_aware(datetime.datetime(2025, 6, 3, 10))
    end = timezone.make_aware(datetime.datetime(2025, 6, 3, 17))
    country = "TR"

    class Meta:
        model = EventPage


def page(home, title, text="", **fields):
    """A standard page of `home`'s locale whose introduction is `text`."""
    return StandardPageFactory(parent=home, title=title, introduction=text, **fields)


def _index(home, model, factory, slug):
    existing = model.objects.child_of(home).first()
    return existing or factory(parent=home, slug=slug)


def news(home, title, text="", **fields):
    parent = _index(home, NewsIndexPage, NewsIndexPageFactory, "news")
    return NewsPageFactory(parent=parent, title=title, intro=text or title, **fields)


def event(home, title, text="", **fields):
    parent = _index(home, AgendaIndexPage, AgendaIndexPageFactory, "agenda")
    return EventPageFactory(parent=parent, title=title, intro=text, **fields)
