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

AdminBadRequestMiddleware answers 400, not a server error, to admin requests no admin page sends:
a NUL byte in the query string or the form data, a form's data without a field its widgets read.
"""

import functools
import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.datastructures import MultiValueDictKeyError
from django.views import defaults
from wagtail import views as wagtail_views

from . import cache as content_cache
from . import routing

logger = logging.getLogger(__name__)

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


class NulByteInRequest(SuspiciousOperation):
    """A NUL byte in a query string or form field: no text takes one, and PostgreSQL refuses it in a query."""


def has_nul_byte(data):
    return any("\x00" in name or any("\x00" in value for value in values) for name, values in data.lists())


class AdminBadRequestMiddleware:
    """400 for admin requests that are malformed, before the admin's views read them.

    The public site takes NUL bytes in its query strings and forms and answers them (search drops
    them, a filter says it did not understand, a form field says it is invalid), so only the admin's
    requests are checked. Raising SuspiciousOperation lets Django's 400 handler answer, and log it on
    django.security.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    @functools.cached_property
    def admin_prefix(self):
        return reverse("wagtailadmin_home")

    def is_admin(self, request):
        return request.path_info.startswith(self.admin_prefix)

    def __call__(self, request):
        if self.is_admin(request) and (has_nul_byte(request.GET) or has_nul_byte(request.POST)):
            raise NulByteInRequest("NUL byte in the query string or form data of an admin request.")
        return self.get_response(request)

    def process_exception(self, request, exception):
        """An admin form's data without a field its widgets need (a StreamField's "body-count"):
        Wagtail reads it with `data[name]`, so the missing field surfaces as MultiValueDictKeyError."""
        if not isinstance(exception, MultiValueDictKeyError) or not self.is_admin(request):
            return None
        logger.warning("Admin request without the form field %s: %s %s", exception, request.method, request.path)
        return defaults.bad_request(request, exception)  # the page Django's 400 handler answers
