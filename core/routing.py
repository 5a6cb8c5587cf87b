"""Finding the page of a request in one query, whatever its depth.

Wagtail's own routing asks the database for the site, the active locale, the localized home
page, and then two queries per level of the URL (the child, then its specific object). Here
the site and each language's home come from the shared cache (core.cache), the pages along a
path are found in one query and kept in the shared cache for the generation, and the page
itself is read in one query, its locale taken from the cache. The result is exactly Wagtail's
(`Page.route_for_request`): a page type that routes by itself (RoutablePageMixin, or any other
`route` override) is handed the rest of the path as Wagtail would hand it.

The walk repeats what Wagtail's `Page.route` and `RoutablePageMixin.route` decide, with public
APIs and two undocumented ones of theirs: `RoutablePageMixin.get_resolver()` (whether a route
matches) and treebeard's `_cached_parent_obj`, set as `Page.route` sets it so that `get_parent()`
costs no query. tests/test_wagtail_contracts.py routes every page type, locale, alias, private
page, draft and sub-route, on two sites, with both, fails on any difference, and checks that the
parent, the locale and an alias's source cost no query.

The host is read with `request.get_host()`, where Wagtail's `Site.find_for_request` reads the raw
host: a host outside ALLOWED_HOSTS is refused here (DisallowedHost, answered 400) rather than by
CommonMiddleware a step later, so the answer is the same, and no cache entry is made for it.
"""

import copy

from django.db import router
from django.db.models import Q
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, Site

from . import cache as content_cache
from .privacy import PATH_LENGTH

SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def find_site(request):
    """Wagtail's Site.find_for_request, answered from the shared cache."""

    def build():
        site = Site.find_for_request(request)
        return {name: getattr(site, name) for name in SITE_FIELDS} if site else None

    hostname = split_domain_port(request.get_host())[0]
    fields = content_cache.cached(request, "site", build, hostname, request.get_port())
    if fields is None:
        return None
    return Site.from_db(router.db_for_read(Site), list(fields), list(fields.values()))


def home_of(request, site, language):
    """(id, path, depth) of the site's home page in `language` (the root page where it has none)."""

    def build():
        root = Page.objects.filter(pk=site.root_page_id).values("translation_key", "id", "path", "depth").first()
        if root is None:
            return None
        localized = (
            Page.objects.filter(translation_key=root["translation_key"], locale__language_code=language, live=True)
            .values("id", "path", "depth")
            .first()
        )
        home = localized or root
        return (home["id"], home["path"], home["depth"])

    return content_cache.cached(request, "home", build, site.pk, language)


def routes_by_itself(page, rest):
    """True when the page's type decides itself what the rest of the path means.

    A RoutablePageMixin page does when one of its routes matches the rest (else its children
    are looked up, as RoutablePageMixin does); any other override of `route` always does.
    """
    model = page.specific_class or type(page)
    if model.route is Page.route:
        return False
    if model.route is RoutablePageMixin.route:
        if not page.live:
            return False
        try:
            model.get_resolver().resolve("/" + "".join(f"{component}/" for component in rest))
        except Http404:
            return False
    return True


def locales(request):
    """{id: Locale} of every locale, built from the shared cache (no query)."""
    database = router.db_for_read(Locale)
    return {
        pk: Locale.from_db(database, ("id", "language_code"), (pk, code))
        for pk, code in content_cache.locales(request).items()
    }


def specific(page, parent, request=None):
    """The specific page, with its parent, its locale (from the cache) and an alias's source
    (joined) at hand: every page shows them. One query."""
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    queryset = model._default_manager.all()
    if page.alias_of_id:
        queryset = queryset.select_related("alias_of__locale")
    found = queryset.get(pk=page.pk)
    if parent is not None:
        found._cached_parent_obj = parent  # as Wagtail's Page.route does: get_parent() needs no query
    locale = locales(request).get(found.locale_id)
    if locale is not None:
        found.locale = locale
    return found


def walk(request, home, components):
    """(pages from the home page down, number of components they consume): one query.

    The walk stops at a page that routes the rest of the path by itself, or at a missing child
    (Wagtail's route then answers 404 from there).
    """
    home_id, home_path, home_depth = home
    wanted = Q(pk=home_id)
    for level, slug in enumerate(components, start=1):
        wanted |= Q(depth=home_depth + level, slug=slug)
    below_home = (home_path, home_path + "Z" * (PATH_LENGTH - len(home_path)))  # an index range, unlike LIKE
    candidates = list(Page.objects.filter(path__range=below_home).filter(wanted))
    current = next((page for page in candidates if page.pk == home_id), None)
    if current is None:
        return [], 0
    chain = [current]
    for position, slug in enumerate(components):
        if routes_by_itself(current, components[position:]):
            return chain, position
        child = next(
            (
                page
                for page in candidates
                if page.depth == current.depth + 1 and page.slug == slug and page.path.startswith(current.path)
            ),
            None,
        )
        if child is None:
            return chain, position
        chain.append(child)
        current = child
    return chain, len(components)


def _fresh(chain):
    """Copies of cached pages, linked to their parents, for this request alone."""
    pages, parent = [], None
    for page in chain:
        page = copy.copy(page)
        if parent is not None:
            page._cached_parent_obj = parent
        pages.append(page)
        parent = page
    return pages


def route(request, path):
    """Wagtail's RouteResult for `path` (without its language prefix); None to let Wagtail route.

    The pages along a path that leads somewhere are kept in the shared cache for the generation:
    then only the page itself is read (one query).
    """
    site = find_site(request)
    if site is None:
        return None
    language = get_language()
    home = home_of(request, site, language)
    if home is None:
        return None
    components = [component for component in path.split("/") if component]
    key = "/".join(components)
    found = content_cache.peek(request, "route", site.pk, language, key)
    if found is None:
        found = walk(request, home, components)
        chain, position = found
        if not chain:
            return None
        if position == len(components) or routes_by_itself(chain[-1], components[position:]):
            content_cache.store(request, "route", found, site.pk, language, key)  # never a 404: no flood
    chain, position = found
    *ancestors, page = _fresh(chain)
    return specific(page, ancestors[-1] if ancestors else None, request).route(request, components[position:])
