"""The home pages show the latest news and the upcoming events: publishing or unpublishing one
purges the homes that list it from the front cache (core.frontend_cache).

core.frontend_cache already purges the home above the page and above its aliases, but the aliases
of a new page appear in the other languages only after it is published (wagtail-localize makes
them in the admin's after_create_page hook), so the homes of those languages would keep their old
lists. They are the languages that follow the page's own (wagtail-localize's synchronisation) and
have no translation of it: a translation is listed instead, and purged when it is published."""

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished
from wagtail_localize.models import LocaleSynchronization

from core import frontend_cache
from network.agenda.models import EventPage
from network.news.models import NewsPage

from .models import HomePage

SHOWN_ON_THE_HOME = (NewsPage, EventPage)


def locales_listing(page):
    """Ids of the locales whose home lists `page` (itself, or an alias of it that shows its content)."""
    following = LocaleSynchronization.objects.filter(sync_from_id=page.locale_id).values_list("locale_id", flat=True)
    translated = Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True).exclude(pk=page.pk)
    return {page.locale_id, *following} - set(translated.values_list("locale_id", flat=True))


def purge_home_pages(sender, instance, **kwargs):
    if not frontend_cache.enabled():
        return
    own_homes = HomePage.objects.ancestor_of(instance).values("translation_key")
    homes = HomePage.objects.filter(translation_key__in=own_homes, locale_id__in=locales_listing(instance))
    urls = set()
    for home in homes.select_related("locale"):
        urls |= frontend_cache.page_urls(home)
    frontend_cache.schedule(urls)


def connect():
    for model in SHOWN_ON_THE_HOME:
        for signal in (page_published, page_unpublished):
            signal.connect(purge_home_pages, sender=model, dispatch_uid=f"home.purge.{signal}.{model.__name__}")
