"""Template tags for the page chrome that every app shares: languages, alternates, home links.

What they show is the same on every page of a site and language, so it is computed once per
content generation and kept in the shared cache (see core.cache): in the steady state the
chrome costs no query. Only the links of the current page to its other languages depend on
the page; they are cached per page the same way. The menus, footer and site settings are
home's models: their tags are home's too (home/templatetags/chrome_tags.py).
"""

from django import template
from django.conf import settings
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from core import cache as content_cache

register = template.Library()


def current_site(request):
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


def site_id(request):
    site = current_site(request)
    return site.pk if site else None


def locale_codes(request=None):
    """{locale id: language code}."""
    return content_cache.locales(request)


def locale_ids(request):
    """{language code: locale id}."""
    return {code: pk for pk, code in locale_codes(request).items()}


def site_home_urls(request):
    """{language code: URL of that locale's home page} for the current site."""

    def build():
        site = current_site(request)
        if site is None:
            return {}
        homes = Page.objects.filter(translation_key=site.root_page.translation_key).only("url_path", "locale_id")
        codes = locale_codes(request)
        return {codes[home.locale_id]: home.get_url(request) for home in homes}

    return content_cache.cached(request, "homes", build, site_id(request))


def page_versions(page, request):
    """{language code: (url, full url, is an alias)} of every live version of `page`."""

    def build():
        codes = locale_codes(request)
        versions = (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .only("url_path", "locale_id", "alias_of_id", "translation_key")
        )
        return {
            codes[p.locale_id]: (p.get_url(request), p.get_full_url(request), p.alias_of_id is not None)
            for p in versions
        }

    return content_cache.cached(request, "versions", build, site_id(request), page.translation_key)


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to this page in every language, or to that language's home where it has none."""
    request = context["request"]
    current = get_language()
    versions = page_versions(page, request) if page and page.pk else {}
    homes = site_home_urls(request)
    languages = []
    for code, _name in settings.LANGUAGES:
        url = versions[code][0] if code in versions else homes.get(code)
        languages.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": url or f"/{code}/",
                "is_current": code == current,
            }
        )
    return {"languages": languages, "current": current}


@register.inclusion_tag("includes/alternates.html", takes_context=True)
def hreflang_alternates(context, page):
    """`<link rel="alternate" hreflang>` for real translations only (aliases repeat the source)."""
    request = context["request"]
    versions = page_versions(page, request) if page.pk else {}
    real = {code: full_url for code, (_url, full_url, is_alias) in versions.items() if not is_alias}
    alternates = sorted(real.items())
    default = real.get(settings.LANGUAGE_CODE)
    return {
        "alternates": alternates if len(alternates) > 1 else [],
        "x_default": default if default and len(alternates) > 1 else None,
    }


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page of the active language."""
    return site_home_urls(context["request"]).get(get_language()) or "/"
