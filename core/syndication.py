"""What every feed of the site shares: the locale's language, absolute URLs, stable ids, conditional GET.

Used by the news feeds (RSS 2.0, Atom) and the agenda feeds (RSS, iCalendar); core/feeds.py
lists them for the RSS help page.
"""

import datetime
import hashlib
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page, Site

# Feeds list the latest items; older ones stay on the site's listings.
FEED_ITEMS = 30
EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_RELATIVE_URL = re.compile(r"""(\s(?:href|src)=)(["'])(/(?!/)[^"']*)\2""")


@dataclass(frozen=True)
class Freshness:
    """Validators of a feed response: computed from one aggregate query, before the feed is built."""

    etag: str
    last_modified: datetime.datetime

    @property
    def timestamp(self):
        return int(self.last_modified.timestamp())


def validators(latest, *parts):
    """Freshness of a response that changed last at `latest` and whose content depends on `parts`."""
    latest = latest or EPOCH
    key = "|".join([latest.isoformat(), str(settings.FEEDS_FULL_TEXT), *map(str, parts)])
    return Freshness(etag=quote_etag(hashlib.sha256(key.encode()).hexdigest()[:32]), last_modified=latest)


def freshness(queryset, *extra, since=None):
    """Validators from the latest publication and the number of pages of `queryset`, in one query.

    The count catches unpublished or deleted pages, which do not move the latest date; `extra`
    adds whatever else changes the output (the language...), `since` another date that counts
    (the section page's own publication: its title and introduction head the feed).
    """
    summary = queryset.order_by().aggregate(latest=Max("last_published_at"), count=Count("pk"))
    latest = max(filter(None, [summary["latest"], since]), default=None)
    return validators(latest, summary["count"], *extra)


#: Headers of a built feed that a copy from the cache must repeat.
KEPT_HEADERS = ("Content-Type", "Content-Disposition")


def conditional_response(request, fresh, build):
    """`304 Not Modified` when the client's copy is current, else the response `build()` makes.

    What `build()` makes is kept in the shared cache under the address and the validators:
    the same validators mean the same content, so a feed is built once per change, not per request.
    """
    response = get_conditional_response(request, etag=fresh.etag, last_modified=fresh.timestamp)
    if response is None:
        key = "feed:" + hashlib.sha256(f"{request.build_absolute_uri()}|{fresh.etag}".encode()).hexdigest()
        stored = cache.get(key)
        if stored is None:
            response = build()
            if response.status_code == 200 and not response.streaming:
                headers = {name: response.headers[name] for name in KEPT_HEADERS if name in response.headers}
                cache.set(key, (response.content, headers), settings.CONTENT_CACHE_TIMEOUT)
        else:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
    response.headers["ETag"] = fresh.etag
    response.headers["Last-Modified"] = http_date(fresh.timestamp)
    return response


def item_guid(page):
    """A URN that survives edits, moves and new slugs: the page's translation key and its language."""
    return uuid.uuid5(page.translation_key, page.locale.language_code).urn


def active_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist as error:
        raise Http404("No such language.") from error


def section_index(request, model, locale):
    """The live index page of `model` in `locale` on the request's site, or 404."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise Http404("No site.")
    home = Page.objects.filter(
        translation_key=Page.objects.filter(pk=site.root_page_id).values("translation_key")[:1], locale=locale
    ).first()
    index = model.objects.live().public().descendant_of(home).filter(locale=locale).first() if home else None
    if index is None:
        raise Http404("This language has no such section.")
    return index


def absolutize(html, base):
    """Make the site-relative links and images of an HTML fragment absolute (feed readers need them)."""
    return _RELATIVE_URL.sub(lambda m: f"{m[1]}{m[2]}{base}{m[3]}{m[2]}", html)


class LocalizedFeed(Feed):
    """A Django syndication feed of the active language, with validators and 304 answers.

    One instance serves one request (see `as_view`), so `self.request` and `self.scope` are safe.
    Subclasses implement `get_scope(request, **kwargs)` (raise Http404 for unknown objects) and
    `freshness(scope)`.
    """

    request = None
    scope = None

    @classmethod
    def as_view(cls):
        @require_safe
        def view(request, *args, **kwargs):
            return cls()(request, *args, **kwargs)

        view.feed_class = cls
        return view

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.scope = self.get_object(request, *args, **kwargs)
        return conditional_response(request, self.freshness(self.scope), lambda: self.render(self.scope, request))

    def render(self, scope, request):
        feed = self.get_feed(scope, request)
        response = HttpResponse(content_type=feed.content_type)
        feed.write(response, "utf-8")
        return response

    def get_object(self, request, *args, **kwargs):
        return self.get_scope(request, **kwargs)

    def absolute(self, url):
        return self.request.build_absolute_uri(url)

    @property
    def base_url(self):
        return self.request.build_absolute_uri("/")[:-1]

    def item_guid(self, item):
        return item_guid(item)

    def item_guid_is_permalink(self, item):
        return False

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_title(self, item):
        return item.title

    def item_updateddate(self, item):
        return item.last_published_at
