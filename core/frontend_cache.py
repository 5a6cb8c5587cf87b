"""Purging the front cache (Varnish, a CDN) when content changes, through wagtail.contrib.frontend_cache.

Publishing, unpublishing, moving or deleting a page changes more than the page: the index
pages above it list it (and may offer it for download, as the signatory directory does), the
home page may show it, the feeds of its language carry it and the sitemap lists it.
For the page and each of its aliases (the locales that show it untranslated), every one of
those URLs is purged. Moving a page also purges its old address and those of the pages below
it; a new slug purges the old address.

URLs are gathered while the transaction runs and purged once it has committed, so a cache
refilled at once gets the new content, never the old. Purging goes through Wagtail's
frontend-cache task and backends (settings.WAGTAILFRONTENDCACHE, e.g. VARNISH_URL).
"""

import copy
import threading

from django.db import transaction
from django.urls import reverse
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Page

from .feeds import feed_links

_pending = threading.local()


def enabled():
    return bool(get_backends())


def _full_url(page, cache_object):
    return page.get_full_url(cache_object)


def page_urls(page, cache_object=None, *, url_path=None):
    """The addresses of `page` itself (its routable sub-paths included), or of where it was (`url_path`)."""
    if url_path is not None and url_path != page.url_path:
        page = copy.copy(page)
        page.url_path = url_path
    url = _full_url(page, cache_object)
    if url is None:
        return set()
    try:
        paths = page.specific_deferred.get_cached_paths()
    except AttributeError:  # a page type removed from the code: its own address is enough
        paths = ["/"]
    return {url + path.lstrip("/") for path in paths}


def _root_url(page, cache_object):
    parts = page.get_url_parts(cache_object)
    return parts[1] if parts else None


def surroundings(page, cache_object=None):
    """The listings above `page` (index pages up to the home page, with their routes, such as the
    directory's downloads), the feeds of its language and the sitemap."""
    urls = set()
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        urls |= page_urls(ancestor, cache_object)
    root_url = _root_url(page, cache_object)
    if root_url:
        language = page.locale.language_code
        urls.update(root_url.rstrip("/") + link.url for link in feed_links(language))
        urls.add(root_url.rstrip("/") + reverse("sitemap"))
    return urls


def affected_pages(page):
    """`page` and its aliases: the versions whose content a change of `page` changes."""
    return [page, *Page.objects.filter(alias_of_id=page.pk).select_related("locale")]


def pages_showing(page, cache_object=None):
    """The addresses of the pages that show `page` outside its listings, in its language (a news
    item on the events and profiles it is about): models say which with `pages_showing_it()`."""
    pages_showing_it = getattr(page.specific_deferred, "pages_showing_it", None)
    urls = set()
    for other in pages_showing_it() if pages_showing_it else []:
        urls |= page_urls(other, cache_object)
    return urls


def urls_for_change(page, cache_object=None):
    urls = set()
    for version in affected_pages(page):
        urls |= page_urls(version, cache_object)
        urls |= surroundings(version, cache_object)
        urls |= pages_showing(version, cache_object)
    return urls


def schedule(urls):
    """Purge `urls` once the current transaction commits (at once outside a transaction)."""
    urls = {url for url in urls if url}
    if not urls:
        return
    pending = getattr(_pending, "urls", None)
    if pending is not None:
        pending.update(urls)
        return
    _pending.urls = set(urls)

    def purge():
        batch, _pending.urls = _pending.urls, None
        purge_urls_from_cache(sorted(batch))

    transaction.on_commit(purge)


# Signal receivers --------------------------------------------------------------------------


def page_changed(sender, instance, **kwargs):
    """page_published / page_unpublished."""
    if enabled():
        schedule(urls_for_change(instance))


def page_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    if not enabled():
        return
    urls = urls_for_change(instance)
    if url_path_before and url_path_before != url_path_after:
        urls |= page_urls(instance, url_path=url_path_before)
        for descendant in instance.get_descendants():
            old_path = url_path_before + descendant.url_path[len(url_path_after) :]
            urls |= page_urls(descendant, url_path=old_path)
        parent_before = kwargs.get("parent_page_before")
        if parent_before is not None:
            urls.add(_full_url(parent_before, None))
            urls |= surroundings(parent_before)
    schedule(urls)


def slug_changed(sender, instance, instance_before=None, **kwargs):
    if enabled() and instance_before is not None:
        schedule(page_urls(instance, url_path=instance_before.url_path))


def page_deleted(sender, instance, **kwargs):
    """pre_delete of a page: its addresses must be read while it still exists."""
    if isinstance(instance, Page) and instance.pk and enabled():
        schedule(urls_for_change(instance))


class RecordingBackend(BaseBackend):
    """A frontend-cache backend that remembers what it was asked to purge (for tests and checks)."""

    purged = []

    def purge(self, url):
        RecordingBackend.purged.append(url)
