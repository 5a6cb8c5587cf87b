"""Template tags of the page chrome that home's models hold: the main menu, the footer, the site settings.

Like core's chrome tags, what they show is computed once per site, language and content generation
and kept in the shared cache (core.cache). Each link of a menu points at the active language's
version of its page.
"""

from django import template
from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from core import cache as content_cache
from core.templatetags.core_tags import current_site, locale_ids, site_id
from home.models import Footer, MainMenu, SiteSettings

register = template.Library()


def _menu_for_locale(model, request):
    """The menu of the active language, else the default language's."""
    codes = locale_ids(request)
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
        locale_id = locale_ids(request).get(get_language())
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

    return content_cache.cached(request, "main-menu", build, site_id(request), get_language())


def footer_content(request):
    """{"links": [(label, url)], "funding_disclaimer": text} of the footer in the active language."""

    def build():
        footer = _menu_for_locale(Footer, request)
        return {
            "links": tuple(_resolve_links(footer.links if footer else None, request)),
            "funding_disclaimer": footer.funding_disclaimer if footer else "",
        }

    return content_cache.cached(request, "footer", build, site_id(request), get_language())


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

    return mark_safe(content_cache.cached(request, "footer-html", render, site_id(request), get_language()))
