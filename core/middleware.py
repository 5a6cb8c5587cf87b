"""Fast page routing and HTTP caching headers.

PageRoutingMiddleware finds the site and the page of a request through core.routing before
Wagtail's serve view runs, which then uses that result instead of routing again.

CacheControlMiddleware lets shared caches (Varnish, a CDN) keep what is the same for every
anonymous visitor, and only that. A response is public when it answers a GET or HEAD without a
session cookie, sets no cookie, used no CSRF token, is not a preview, and its view did not
choose its own Cache-Control (private views use `never_cache`). Every other response is marked
private and uncacheable. Publishing purges what changed (core.frontend_cache), so shared
caches may keep pages for long; `stale-while-revalidate` lets them answer at once while they
fetch a fresh copy.
"""

from django.conf import settings
from django.http import Http404
from django.utils.cache import add_never_cache_headers, patch_cache_control
from wagtail import views as wagtail_views

from . import cache as content_cache
from . import routing

PUBLIC_STATUS_CODES = {200, 203, 300, 301, 308, 404, 410}


class PageRoutingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with content_cache.request_scope(request):
            if not hasattr(request, "_wagtail_site"):
                request._wagtail_site = routing.find_site(request)
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve or hasattr(request, "_wagtail_route_for_request"):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")
        try:
            result = routing.route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
        else:
            if result is not None:
                request._wagtail_route_for_request = result
        return None


def is_shareable(request, response):
    """True when `response` is the same for every anonymous visitor and may be kept by shared caches."""
    if request.method not in ("GET", "HEAD") or response.status_code not in PUBLIC_STATUS_CODES:
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "is_preview", False):
        return False
    if "*" in response.get("Vary", ""):
        return False
    user = getattr(request, "_cached_user", None)  # set only if the view looked at request.user
    return not (user is not None and user.is_authenticated)


class CacheControlMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response  # the view knows best (never_cache, or its own lifetime)
        if is_shareable(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.HTTP_CACHE_MAX_AGE,
                s_maxage=settings.HTTP_CACHE_S_MAXAGE,
                stale_while_revalidate=settings.HTTP_CACHE_STALE_WHILE_REVALIDATE,
            )
        else:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response
