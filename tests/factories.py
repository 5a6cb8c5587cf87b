"""Factories for the pages and snippets of the site; tests build their data with these."""

import factory
import wagtail_factories
from wagtail.models import Locale

from home.models import FeedsPage, HomePage, SitemapPage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_title = "Cities and regions acting together for climate and energy"
    hero_text = "Local authorities commit to climate targets."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "An introduction."
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = StandardPage


class FeedsPageFactory(wagtail_factories.PageFactory):
    title = "RSS help"

    class Meta:
        model = FeedsPage


class SitemapPageFactory(wagtail_factories.PageFactory):
    title = "Sitemap"

    class Meta:
        model = SitemapPage


def locale(code):
    return Locale.objects.get(language_code=code)
