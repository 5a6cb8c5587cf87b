"""Factories for the news and agenda: pages are published (revision, first and last publication dates)."""

import datetime
import zoneinfo

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from network.agenda.models import AgendaIndexPage, EventPage, EventType
from network.news.models import NewsCategory, NewsIndexPage, NewsPage, NewsType
from tests.factories import english_home, index_of


def default_locale():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page saved, then published through a revision as an editor would."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            obj.save_revision().publish()
            obj.refresh_from_db()


class ImageFactory(DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(width=64, height=36, color="navy")
    collection = factory.LazyFunction(Collection.get_first_root_node)

    class Meta:
        model = get_image_model()


class NewsCategoryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = NewsCategory


class NewsIndexPageFactory(PublishedPageFactory):
    parent = factory.LazyFunction(english_home)
    title = "News"
    slug = "news"
    intro = "What the network's cities and regions are doing."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(PublishedPageFactory):
    parent = index_of(NewsIndexPageFactory)
    title = factory.Sequence(lambda n: f"News item {n}")
    date = datetime.date(2019, 5, 3)
    news_type = NewsType.NEWS
    intro = "The mid-term evaluation workshop took place in Ankara."
    body = factory.LazyFunction(
        lambda: [
            ("heading", {"text": "Performance indicators", "level": "h2"}),
            ("paragraph", "<p>Twenty-three projects worked in seven groups.</p>"),
        ]
    )

    class Meta:
        model = NewsPage


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
