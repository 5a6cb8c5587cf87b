"""Factories for the pages and snippets of the site; tests build their data with these.

A page factory called without `parent` builds its page where the site has it: an index under the
default site's English home, an item under its index, each made first if it is not there yet
(`english_home`, `index_of`). `build_site_tree` is the smallest real site, behind the `site_tree` fixture.
Each app's factories are in tests/<app>_factories.py; this module holds the home pages and what
they all share (`PublishedPageFactory`, `ImageFactory`).
"""

import factory
import wagtail_factories
from django.conf import settings
from factory.django import DjangoModelFactory
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from core.translation import translate
from home.models import FeedsPage, HomePage, SitemapPage, StandardPage

HOME_TITLES = {"en": "Home", "tr": "Ana sayfa", "tk": "Baş sahypa", "ru": "Главная"}


def locale(code):
    return Locale.objects.get(language_code=code)


def build_site_tree():
    """{language code: HomePage}: a home in every language, the English one the default site's root."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()  # Wagtail's welcome page
    home = HomePageFactory(parent=root, slug="home", locale=locale(settings.LANGUAGE_CODE))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test")
    homes = {settings.LANGUAGE_CODE: home}
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            homes[code] = translate(home, locale(code), {"Home": HOME_TITLES.get(code, "Home")})
    return homes


def english_home():
    """The default site's home in the default language, the smallest site built first if there is none."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and site.root_page.specific_class is HomePage:
        return site.root_page.specific
    return build_site_tree()[settings.LANGUAGE_CODE]


def index_of(index_factory):
    """A parent for an item: the English index that `index_factory` makes, made first if there is none."""

    def parent():
        model = index_factory._meta.model
        return model.objects.filter(locale=locale(settings.LANGUAGE_CODE)).first() or index_factory()

    return factory.LazyFunction(parent)


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


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_title = "Cities and regions acting together for climate and energy"
    hero_text = "Local authorities commit to climate targets."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    parent = factory.LazyFunction(english_home)
    title = factory.Sequence(lambda n: f"Standard page {n}")
    introduction = "An introduction."
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = StandardPage


class FeedsPageFactory(wagtail_factories.PageFactory):
    parent = factory.LazyFunction(english_home)
    title = "RSS help"

    class Meta:
        model = FeedsPage


class SitemapPageFactory(wagtail_factories.PageFactory):
    parent = factory.LazyFunction(english_home)
    title = "Sitemap"

    class Meta:
        model = SitemapPage
