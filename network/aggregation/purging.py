"""The front cache (Varnish, a CDN) forgets the pages that show a source's items when those change.

New or updated items, and items published or hidden by a moderator, change the network news
page of every language (and its "In the media" route), its feeds, the owner's profile in every
language (the "From their site" block) and, for a programme's source, the twinning pages'
"News from the grant projects". Their addresses are purged once the transaction commits, through
core.frontend_cache, like those of a published page. Nothing is purged without a front cache.
"""

from django.urls import reverse
from django.utils import translation

from core import frontend_cache

from .models import FeedSource, OwnerKind


def urls_showing(sources):
    """Every address whose page shows items of `sources`."""
    from network.supporters.models import SupporterPage
    from network.twinning.models import TwinningIndexPage
    from signatories.models import SignatoryPage

    from .models import NetworkNewsIndexPage

    urls = set()
    for page in NetworkNewsIndexPage.objects.live().select_related("locale"):
        urls |= frontend_cache.page_urls(page)
        root = page.get_url_parts()
        if root:
            with translation.override(page.locale.language_code):
                urls |= {root[1].rstrip("/") + reverse(name) for name in ("network_news_rss", "network_news_atom")}
    owner_keys = {source.owner_key for source in sources if source.owner_key}
    if owner_keys:
        for model in (SignatoryPage, SupporterPage):
            for page in model.objects.live().filter(translation_key__in=owner_keys):
                urls |= frontend_cache.page_urls(page)
    if any(source.owner_kind == OwnerKind.PROGRAMME for source in sources):
        for page in TwinningIndexPage.objects.live():
            urls |= frontend_cache.page_urls(page)
    return urls


def items_changed(source_ids):
    """Purge, after the commit, what shows the items of these sources."""
    if not frontend_cache.enabled():
        return
    sources = list(FeedSource.objects.filter(pk__in=set(source_ids)).only("owner_kind", "owner_key"))
    if sources:
        frontend_cache.schedule(urls_showing(sources))
