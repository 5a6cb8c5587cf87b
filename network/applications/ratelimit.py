"""Submissions counted per address in the shared cache (Redis in production), per fixed window.

Every POST counts against the client's IP address (an IPv6 client by its /64 network), and
every valid submission also against the email address it gives. A cache that cannot be
reached lets the request through: an outage must not close the form.
"""

import hashlib
import ipaddress
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """'10/h' -> (10, 3600); '5/15m' -> (5, 900)."""
    count, _sep, period = rate.partition("/")
    unit = period[-1:] or "h"
    multiplier = int(period[:-1] or 1)
    return int(count), multiplier * PERIODS[unit]


def client_address(request):
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def _key(scope, value, period):
    window = int(time.time()) // period
    digest = hashlib.sha256(f"{scope}:{value}".encode()).hexdigest()[:32]
    return f"applications:rate:{scope}:{window}:{digest}"


def hit(scope, value, rate=None):
    """Count one more for `value`; True while within the limit."""
    limit, period = parse_rate(rate or settings.APPLICATION_RATE_LIMIT)
    key = _key(scope, value, period)
    try:
        cache.add(key, 0, period + 5)
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period + 5)
        count = 1
    except Exception:
        logger.warning("Rate limit cache unavailable; letting the request through.", exc_info=True)
        return True
    if count is None:
        return True
    return count <= limit


def exceeded(scope, value, rate=None):
    """True when `value` already used up its allowance (without counting this look)."""
    limit, period = parse_rate(rate or settings.APPLICATION_RATE_LIMIT)
    try:
        count = cache.get(_key(scope, value, period), 0)
    except Exception:
        logger.warning("Rate limit cache unavailable; letting the request through.", exc_info=True)
        return False
    return (count or 0) >= limit
