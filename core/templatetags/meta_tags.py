"""What a page tells search engines and the sites it is shared on: description, canonical address,
Open Graph and card tags, and the share links of news and events.

Everything comes from the page already in the context, from the cached versions of the page in the
other languages (core.templatetags.core_tags.page_versions) and, where a template passes one, from a
rendition of its image, which the shared cache keeps after its first use: no query of its own in
the steady state.
"""

import html
from urllib.parse import quote, urlencode

from django import template
from django.utils.html import strip_tags
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .core_tags import locale_codes, page_versions

register = template.Library()

#: The most a description may hold: what search engines show before they cut it themselves.
DESCRIPTION_LENGTH = 160
#: The fields a description falls back to, in order, when the editor wrote no search description.
DESCRIPTION_FIELDS = ("search_description", "listing_summary", "intro", "introduction", "summary", "hero_text")
#: The lead image's rendition for Open Graph and cards: the one of the news item's structured
#: data, so both share a rendition (16:9, large enough for Facebook, LinkedIn and X).
SHARE_IMAGE_SPEC = "fill-1200x675|format-jpeg"

#: Open Graph wants a language with its territory; these are the territories of the languages the
#: site is built for (CMS_LANGUAGES). English is British English: the site is the EU's.
OPEN_GRAPH_LOCALES = {
    "en": "en_GB",
    "tr": "tr_TR",
    "tk": "tk_TM",
    "ru": "ru_RU",
    "uk": "uk_UA",
    "ka": "ka_GE",
    "hy": "hy_AM",
    "az": "az_AZ",
    "ro": "ro_RO",
    "kk": "kk_KZ",
    "ky": "ky_KG",
    "uz": "uz_UZ",
    "tg": "tg_TJ",
}


def default_description():
    return _(
        "Local authorities committed to climate and energy targets, and the associations, regions and "
        "agencies that help them: their news, agenda and progress."
    )


def plain_text(value):
    """Text without markup, entities or runs of white space (a rich-text field's too)."""
    return " ".join(html.unescape(strip_tags(str(value))).split())


def shorten(text, limit=DESCRIPTION_LENGTH):
    """`text` cut at the last whole word that fits in `limit` characters, the ellipsis included."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.-–—") + "…"


def page_description(page):
    """The page's own summary for search results and shares, else the site's description."""
    for name in DESCRIPTION_FIELDS:
        value = getattr(page, name, None) if page is not None else None
        if isinstance(value, str) and (text := plain_text(value)):
            return shorten(text)
    return shorten(default_description())


def open_graph_locale(language_code):
    code = language_code.lower()
    if code in OPEN_GRAPH_LOCALES:
        return OPEN_GRAPH_LOCALES[code]
    language, _separator, territory = code.partition("-")
    return f"{language}_{territory.upper()}" if territory else language


def canonical_url(page, request):
    """The page's canonical address, and a sub-route's (a partnership request of the partner
    finder) under it: the route's own address, not its page's."""
    url = page.get_canonical_url(request) if hasattr(page, "get_canonical_url") else page.get_full_url(request)
    page_path = page.get_url(request)
    if url and page_path and request is not None and request.path.startswith(page_path):
        url += request.path[len(page_path) :]
    return url


def content_language(page, request):
    """The language of what the page shows: an alias shows its source's (core.models.BasePage)."""
    shown = page.alias_of if page.alias_of_id else page
    # From the cached locales: reading page.locale would cost a query on pages that show no locale.
    return locale_codes(request).get(shown.locale_id) or get_language()


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context, og_type="website", title=None, description=None, image=None, image_alt=""):
    """`<meta name="description">`, the canonical link, Open Graph and card tags of the current page.

    A template narrows what the page gives: `og_type="article"` for news and events, the `title`
    and `description` of a sub-route, the `image` to share (a lead image)."""
    request = context.get("request")
    page = context.get("page")
    has_page = page is not None and getattr(page, "pk", None) is not None
    language = content_language(page, request) if has_page else get_language()
    meta = {
        "description": shorten(plain_text(description)) if description else page_description(page),
        "og_type": og_type,
        "og_locale": open_graph_locale(language),
        "title": title or (has_page and (page.seo_title or page.title)) or "",
        "url": canonical_url(page, request) if has_page else "",
        "alternate_locales": [],
        "image": None,
        "image_alt": image_alt,
    }
    if has_page and request is not None:
        translations = {code for code, (_url, _full, is_alias) in page_versions(page, request).items() if not is_alias}
        meta["alternate_locales"] = sorted(open_graph_locale(code) for code in translations - {language})
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        meta["image"] = rendition
        meta["image_url"] = request.build_absolute_uri(rendition.url) if request is not None else rendition.full_url
    return meta


#: Where each network takes an address to share; {url} and {title} are filled in, quoted.
SHARE_TARGETS = (
    ("email", "mailto:?{query}", lambda url, title: {"subject": title, "body": url}),
    ("linkedin", "https://www.linkedin.com/sharing/share-offsite/?{query}", lambda url, title: {"url": url}),
    ("facebook", "https://www.facebook.com/sharer/sharer.php?{query}", lambda url, title: {"u": url}),
    ("x", "https://twitter.com/intent/tweet?{query}", lambda url, title: {"url": url, "text": title}),
    ("telegram", "https://t.me/share/url?{query}", lambda url, title: {"url": url, "text": title}),
    ("whatsapp", "https://wa.me/?{query}", lambda url, title: {"text": f"{title} {url}"}),
)


def share_names():
    return {
        "email": _("Email"),
        "linkedin": "LinkedIn",
        "facebook": "Facebook",
        "x": "X (Twitter)",
        "telegram": "Telegram",
        "whatsapp": "WhatsApp",
    }


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context):
    """Plain links that share the page on email and social networks: no script of theirs runs here."""
    page, request = context["page"], context.get("request")
    url, title = canonical_url(page, request), page.title
    names = share_names()
    links = [
        # Spaces as %20, not +: mail programs show a + as it is.
        (key, names[key], pattern.format(query=urlencode(params(url, title), quote_via=quote)))
        for key, pattern, params in SHARE_TARGETS
    ]
    return {"links": links, "language": get_language()}
