"""Template tags for the page chrome: languages, alternates, menus and footer.

What they show is the same on every page of a site and language, so it is computed once per
content generation and kept in the shared cache (see core.cache): in the steady state the
chrome costs no query. Only the links of the current page to its other languages depend on
the page; they are cached per page the same way.
"""

from django import template
from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page, Site

from core import cache as content_cache
from home.models import Footer, MainMenu, SiteSettings

register = template.Library()


def current_site(request):
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


def _site_id(request):
    site = current_site(request)
    return site.pk if site else None


def locale_codes(request=None):
    """{locale id: language code}."""
    return content_cache.locales(request)


def _locale_ids(request):
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

    return content_cache.cached(request, "homes", build, _site_id(request))


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

    return content_cache.cached(request, "versions", build, _site_id(request), page.translation_key)


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


def _menu_for_locale(model, request):
    """The menu of the active language, else the default language's."""
    codes = _locale_ids(request)
    wanted = [codes.get(get_language()), codes.get(settings.LANGUAGE_CODE)]
    menus = {menu.locale_id: menu for menu in model.objects.filter(locale_id__in=[pk for pk in wanted if pk])}
    return next((menus[pk] for pk in wanted if pk in menus), None)


def _resolve_links(stream, request):
    """Each link of a menu as (label, url), pointing at the active language's version of a page.

    One query for the whole menu: the chosen pages and their versions in the active language.
    """
    if stream is None:
        return []
    raw_links = [block["value"] for block in stream.raw_data]
    page_ids = [link["page"] for link in raw_links if link.get("page")]
    pages, localized = {}, {}
    if page_ids:
        locale_id = _locale_ids(request).get(get_language())
        chosen_keys = Page.objects.filter(pk__in=page_ids).values("translation_key")
        candidates = Page.objects.filter(
            Q(pk__in=page_ids) | Q(translation_key__in=chosen_keys, locale_id=locale_id, live=True)
        ).only("url_path", "title", "translation_key", "locale_id")
        for candidate in candidates:
            if candidate.pk in page_ids:
                pages[candidate.pk] = candidate
            if candidate.locale_id == locale_id:
                localized[candidate.translation_key] = candidate
    links = []
    for link in raw_links:
        page = pages.get(link.get("page"))
        if page:
            target = localized.get(page.translation_key, page)
            links.append((link.get("label") or target.title, target.get_url(request)))
        elif link.get("url"):
            links.append((link.get("label"), link["url"]))
    return links


def _current_marker(current_path, url):
    """aria-current value of a menu link: "page" on the page itself, "true" inside its section."""
    if current_path == url:
        return "page"
    if url and url.count("/") > 2 and current_path.startswith(url):
        return "true"
    return ""


def menu_links(request):
    """[(label, url)] of the main menu in the active language."""

    def build():
        menu = _menu_for_locale(MainMenu, request)
        return tuple(_resolve_links(menu.links if menu else None, request))

    return content_cache.cached(request, "main-menu", build, _site_id(request), get_language())


def footer_content(request):
    """{"links": [(label, url)], "funding_disclaimer": text} of the footer in the active language."""

    def build():
        footer = _menu_for_locale(Footer, request)
        return {
            "links": tuple(_resolve_links(footer.links if footer else None, request)),
            "funding_disclaimer": footer.funding_disclaimer if footer else "",
        }

    return content_cache.cached(request, "footer", build, _site_id(request), get_language())


def site_settings(request):
    """The site's SiteSettings, from the shared cache."""
    site = current_site(request)
    if site is None:
        return None
    return content_cache.cached(request, "site-settings", lambda: SiteSettings.for_site(site), site.pk)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context["request"]
    current_path = request.path
    return {
        "links": [(label, url, _current_marker(current_path, url)) for label, url in menu_links(request)],
        "request": request,
    }


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The footer, rendered once per site and language (it holds nothing of the visitor's)."""
    request = context["request"]

    def render():
        footer = footer_content(request)
        context = {
            "links": footer["links"],
            "funding_disclaimer": footer["funding_disclaimer"],
            "site_settings": site_settings(request),
        }
        return render_to_string("includes/footer.html", context)

    return mark_safe(content_cache.cached(request, "footer-html", render, _site_id(request), get_language()))


@register.simple_tag(takes_context=True)
def home_url(context):
    """The home page of the active language."""
    return site_home_urls(context["request"]).get(get_language()) or "/"
