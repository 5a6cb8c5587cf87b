"""Rate limits of the public endpoints, counted in the shared cache.

Every limit is counted by django-ratelimit in the cache "default": Redis when REDIS_URL is set,
so that the count holds across processes and machines. Each rate comes from a setting
("10/h", "60/m", "5/15m"), read at every request.

- POST endpoints (forms) call `limited()` and answer in their own page, keeping what was typed;
- GET endpoints (search, autocomplete, open data) and the admin login are wrapped in
  `rate_limit()`, which answers `too_many_requests()`: 429, a page in the visitor's language,
  and Retry-After.

A cache that cannot be reached lets the request through: an outage must not close the site.
"""

import functools
import ipaddress
import logging

from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

FALLBACK_ADDRESS = "0.0.0.0"  # noqa: S104 - a counter key, not an address to bind


def client_ip(request):
    """The visitor's address (RATELIMIT_IP_META_KEY): REMOTE_ADDR, or the header a trusted proxy sets.

    With CLIENT_IP_HEADER set (e.g. HTTP_X_FORWARDED_FOR behind Varnish or nginx), the last address
    of that header is taken: the one the nearest proxy saw, which a client cannot forge.
    """
    header = settings.CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    candidates = [part.strip() for part in value.split(",") if part.strip()]
    address = candidates[-1] if candidates else request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return FALLBACK_ADDRESS


def by_value(value):
    """A key counting per `value` (an email address, a request id) instead of per client address."""
    return lambda _group, _request: value


def usage(request, group, rate, *, key="ip", increment=True):
    """django-ratelimit's usage of `group` for this request (counting it), or None if unknown."""
    try:
        return get_usage(request, group=group, key=key, rate=rate, increment=increment)
    except Exception:
        logger.warning("Rate limit cache unavailable; letting the request through.", exc_info=True)
        return None


def limited(request, group, rate, *, key="ip"):
    """Count this request against `rate` for `key` (the client address by default); True once over it."""
    found = usage(request, group, rate, key=key)
    if found and found["should_limit"]:
        logger.warning("Rate limit %s reached (%s).", group, rate)
        request.rate_limit_retry_after = max(found["time_left"], 1)
        return True
    return False


def retry_after(request, default=60):
    """Seconds until the window of the limit this request passed ends."""
    return getattr(request, "rate_limit_retry_after", default)


def too_many_requests(request, *, as_json=False):
    """429 with a page (or a JSON message) in the active language, and Retry-After."""
    seconds = retry_after(request)
    if as_json:
        response = JsonResponse({"error": _("Too many requests. Please try again later.")}, status=429)
    else:
        minutes = -(-seconds // 60)
        response = TemplateResponse(request, "429.html", {"retry_after_minutes": minutes}, status=429).render()
    response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response


def rate_limit(group, rate_setting, *, key="ip", methods=None, as_json=False):
    """Decorate a view: requests over the rate named by `rate_setting` get `too_many_requests()`.

    `methods` limits the counting to those methods (e.g. ("POST",) for a login form).
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            counted = methods is None or request.method in methods
            if counted and limited(request, group, getattr(settings, rate_setting), key=key):
                return too_many_requests(request, as_json=as_json)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class RetryAfterMiddleware:
    """Every answer to a request over a limit says when to come back, including the forms that
    answer 429 in their own page (keeping what was typed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 429 and hasattr(request, "rate_limit_retry_after"):
            response.headers.setdefault("Retry-After", str(request.rate_limit_retry_after))
        return response
