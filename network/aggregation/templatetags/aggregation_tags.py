"""The network's news where other pages show it: a profile's "From their site" and the programmes' block.

Each costs no query on the pages of owners without a source, and one otherwise (listing.py).
"""

from django import template
from django.utils.translation import get_language

from ..listing import PROFILE_LIMIT, PROGRAMME_LIMIT, items_of_owner, network_news_page, programme_items

register = template.Library()


def news_page_url(page, request):
    news_page = network_news_page(page)
    return news_page.get_url(request) if news_page else ""


@register.inclusion_tag("aggregation/includes/from_their_site.html", takes_context=True)
def from_their_site(context, page, limit=PROFILE_LIMIT, heading_id="network-news-heading"):
    """The newest published items of `page`'s own sources, and a link to all of them."""
    items = items_of_owner(page, limit)
    url = news_page_url(page, context.get("request")) if items else ""
    return {
        "items": items,
        "news_url": f"{url}?owner={page.translation_key}" if url else "",
        "heading_id": heading_id,
        "LANGUAGE_CODE": get_language(),
    }


@register.inclusion_tag("aggregation/includes/programme_news.html", takes_context=True)
def programme_news(context, page, limit=PROGRAMME_LIMIT, heading_id="programme-news-heading"):
    """The newest published items of the programmes' sources, each linked to its programme's news."""
    items = programme_items(page.locale_id, limit)
    return {
        "items": items,
        "news_url": news_page_url(page, context.get("request")) if items else "",
        "heading_id": heading_id,
        "LANGUAGE_CODE": get_language(),
    }
