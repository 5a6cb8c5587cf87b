"""Factories for the news: pages are published (revision, first and last publication dates)."""

import datetime

import factory
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from network.news.models import NewsCategory, NewsIndexPage, NewsPage, NewsType
from tests.factories import PublishedPageFactory, default_locale, english_home, index_of


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
