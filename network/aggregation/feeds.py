"""The network's news as feeds of each locale: RSS 2.0 and Atom of the published items.

Every locale's feed lists the same items (they are not translated), titled and linked by that
locale's network news page. Items link to the original on their owner's site; the source is
their author and one of their categories. Feeds carry the summary only: the text is the
owner's, and stays on the owner's site.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core import cache as content_cache
from core.feeds import ATOM, RSS, FeedLink
from core.syndication import FEED_ITEMS, LocalizedFeed, active_locale, section_index, validators

from .listing import published_items
from .models import NetworkNewsIndexPage


@dataclass
class NetworkNewsScope:
    locale: Locale
    index: NetworkNewsIndexPage


class NetworkNewsRssFeed(LocalizedFeed):
    feed_type = Rss201rev2Feed

    def get_scope(self, request):
        locale = active_locale()
        return NetworkNewsScope(locale=locale, index=section_index(request, NetworkNewsIndexPage, locale))

    def freshness(self, scope):
        # What the feed shows of its items, in one query: a hidden item, an edited one or a
        # renamed source changes the validators as surely as a new item does.
        rows = list(
            published_items().values_list("pk", "updated_at", "source__name", "source__owner_kind")[:FEED_ITEMS]
        )
        latest = max(filter(None, [scope.index.last_published_at, *(row[1] for row in rows)]), default=None)
        return validators(latest, scope.locale.language_code, *(part for row in rows for part in row))

    def items(self, scope):
        return published_items()[:FEED_ITEMS]

    def title(self, scope):
        return f"{scope.index.title} · {settings.WAGTAIL_SITE_NAME}"

    def link(self, scope):
        return scope.index.get_full_url(self.request)

    def description(self, scope):
        return scope.index.intro or scope.index.listing_summary or scope.index.title

    def item_guid(self, item):
        return item.uid.urn

    def item_link(self, item):
        # An item without an address of its own is read on the network news page.
        return item.link or self.link(self.scope)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.source.name

    def item_categories(self, item):
        return [item.source.name, str(item.source.get_owner_kind_display())]

    def item_description(self, item):
        return format_html("<p>{}</p>", item.summary or item.title)


class NetworkNewsAtomFeed(NetworkNewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, scope):
        return self.description(scope)


def network_feed_links(language_code):
    """The network news feeds of a language, for the RSS help page (from the shared cache)."""
    locale_id = next((pk for pk, code in content_cache.locales().items() if code == language_code), None)
    if locale_id is None:
        return []
    has_page = content_cache.cached(
        None,
        "network-news-page-in-locale",
        lambda: NetworkNewsIndexPage.objects.live().public().filter(locale_id=locale_id).exists(),
        locale_id,
    )
    if not has_page:
        return []
    group = _("From the network")
    with translation.override(language_code):
        return [
            FeedLink(_("News from the network"), reverse("network_news_rss"), RSS, group),
            FeedLink(_("News from the network"), reverse("network_news_atom"), ATOM, group),
        ]
