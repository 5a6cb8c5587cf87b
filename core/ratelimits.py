"""Rate limits of the public endpoints, counted in the shared cache.

Every limit is counted by django-ratelimit in the cache "default": Redis when REDIS_URL is set,
so that the count holds across processes and machines. Each rate comes from a setting
("10/h", "60/m", "5/15m"), read at every request.

- POST endpoints (forms) call `limited()` and answer in their own page, keeping what was typed;
- GET endpoints (search, autocomplete, open data) and the password forms (password reset, private
  pages and collections) are wrapped in `rate_limit()`, which answers `too_many_requests()`: 429,
  a page in the visitor's language, and Retry-After;
- the admin sign-in counts failures only, per account and address (`SignInLockout`).

A cache that cannot be reached lets the request through: an outage must not close the site.
"""

import functools
import hashlib
import ipaddress
import logging
import math
import time

from django.conf import settings
from django.core.cache import caches
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


def client_network(request):
    """The client as django-ratelimit's "ip" key counts it: an IPv6 address by its /64 network."""
    address = ipaddress.ip_address(client_ip(request))
    if address.version == 6:
        prefix = getattr(settings, "RATELIMIT_IPV6_MASK", 64)
    else:
        prefix = getattr(settings, "RATELIMIT_IPV4_MASK", 32)
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)


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


class SignInLockout:
    """Failed admin sign-ins to one account from one address, and the wait they impose.

    A pair (account, address) may fail ADMIN_LOGIN_FAILURES_BEFORE_DELAY times; then it waits
    ADMIN_LOGIN_DELAY seconds after each further failure, twice as long each time, up to
    ADMIN_LOGIN_MAX_DELAY. A successful sign-in clears the pair. Across accounts, one address may
    fail ADMIN_LOGIN_RATE_LIMIT times (spraying one password over many accounts). Nothing locks an
    account as such: failures from one address never keep its owner out at another.

    The pair's count and wait are kept in the shared cache directly: django-ratelimit counts in
    fixed windows, only upwards, while a pair needs a delay that doubles and a count that a success
    clears. The per-address ceiling is such a windowed count, so it is django-ratelimit's,
    incremented on failures only. As everywhere here, a cache that is down lets the attempt through.
    """

    ADDRESS_GROUP = "admin-login-failures"
    FORGET_AFTER = 24 * 3600  # a pair's failures are forgotten a day after its last one

    def __init__(self, request, account):
        self.request = request
        digest = hashlib.sha256(f"{account}\n{client_network(request)}".encode()).hexdigest()
        self.failures_key = f"sign-in-failures:{digest}"
        self.until_key = f"sign-in-until:{digest}"

    @property
    def cache(self):
        return caches[settings.RATELIMIT_USE_CACHE]

    def refuses(self):
        """True when this attempt must wait (the seconds go to request.rate_limit_retry_after).

        Checked before the password is: while the pair waits, the right password is refused too.
        """
        waits = []
        now = time.time()
        try:
            until = self.cache.get(self.until_key)
        except Exception:
            logger.warning("Rate limit cache unavailable; letting the request through.", exc_info=True)
            until = None
        if until and until > now:
            waits.append(math.ceil(until - now))
        ceiling = usage(self.request, self.ADDRESS_GROUP, settings.ADMIN_LOGIN_RATE_LIMIT, increment=False)
        if ceiling and ceiling["count"] >= ceiling["limit"]:
            waits.append(ceiling["time_left"])
        if not waits:
            return False
        logger.warning("Admin sign-in refused for %s seconds.", max(waits))
        self.request.rate_limit_retry_after = max(*waits, 1)
        return True

    def failed(self):
        usage(self.request, self.ADDRESS_GROUP, settings.ADMIN_LOGIN_RATE_LIMIT)
        try:
            failures = self._count_failure()
            over = failures - settings.ADMIN_LOGIN_FAILURES_BEFORE_DELAY
            if over >= 0:
                delay = min(settings.ADMIN_LOGIN_DELAY * 2 ** min(over, 32), settings.ADMIN_LOGIN_MAX_DELAY)
                # The time stored decides; the entry only has to outlive it.
                self.cache.set(self.until_key, time.time() + delay, delay + 5)
        except Exception:
            logger.warning("Rate limit cache unavailable; the failed sign-in is not counted.", exc_info=True)

    def succeeded(self):
        try:
            self.cache.delete_many([self.failures_key, self.until_key])
        except Exception:
            logger.warning("Rate limit cache unavailable; the sign-in's failures stay counted.", exc_info=True)

    def _count_failure(self):
        """Count one more failure of the pair, atomically (the cache's incr), and return the count."""
        memory = max(self.FORGET_AFTER, 2 * settings.ADMIN_LOGIN_MAX_DELAY)  # never before the wait ends
        self.cache.add(self.failures_key, 0, memory)
        try:
            failures = self.cache.incr(self.failures_key)
        except ValueError:  # expired between add and incr
            self.cache.set(self.failures_key, 1, memory)
            failures = 1
        self.cache.touch(self.failures_key, memory)
        return failures
