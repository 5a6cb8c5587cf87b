"""Pages for the search tests: one helper per page type, each a real page of its locale.

Built with the apps' own factories, with only the text each test gives (no default body that
a query could find), and live without a published revision (search reads the live pages).
"""

import datetime

from django.utils import timezone

from network.agenda.models import AgendaIndexPage
from network.news.models import NewsIndexPage
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory
from tests.factories import StandardPageFactory
from tests.news_factories import NewsIndexPageFactory, NewsPageFactory

QUIET = {"publish": False}


def page(home, title, text="", **fields):
    """A standard page of `home`'s locale whose introduction is `text`."""
    return StandardPageFactory(parent=home, title=title, introduction=text, **fields)


def _index(home, model, factory, slug, title):
    existing = model.objects.child_of(home).first()
    return existing or factory(parent=home, slug=slug, title=title, intro="", **QUIET)


def news(home, title, text="", **fields):
    parent = _index(home, NewsIndexPage, NewsIndexPageFactory, "news", "News")
    fields = {"date": datetime.date(2025, 3, 14), "body": [], **fields}
    return NewsPageFactory(parent=parent, title=title, intro=text or title, **QUIET, **fields)


def event(home, title, text="", **fields):
    parent = _index(home, AgendaIndexPage, AgendaIndexPageFactory, "agenda", "Agenda")
    start = timezone.make_aware(datetime.datetime(2025, 6, 3, 10))
    fields = {
        "start": start,
        "end": start + datetime.timedelta(hours=7),
        "country": "TR",
        "venue": "",
        "city": "",
        "organiser": "",
        "description": [],
        **fields,
    }
    return EventPageFactory(parent=parent, title=title, intro=text, **QUIET, **fields)
