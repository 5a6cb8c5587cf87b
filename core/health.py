"""Health endpoints for a load balancer, a process supervisor or an orchestrator.

- `/health/live`: the process answers. Nothing else is asked (no database, no cache), so a
  database outage never makes a supervisor restart healthy web processes.
- `/health/ready`: the database, the cache and Elasticsearch (when ELASTICSEARCH_URL is set) each
  answer within HEALTH_CHECK_TIMEOUT seconds; a balancer sends visitors only while it says so.

Both answer 200 "up" or 503 "down" and reveal nothing else; which part failed goes to the log.
The middleware answers them first in the chain: no HTTPS redirect (probes come over the internal
network), no host check, session, language, rate limit or cache, and `never_cache` headers.
"""

import logging
import secrets
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

LIVE_PATHS = {"/health/live", "/health/live/"}
READY_PATHS = {"/health/ready", "/health/ready/"}


def database_answers():
    """The default database runs a query (on a connection of this thread, closed afterwards)."""
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    finally:
        connection.close()


def cache_answers():
    """The default cache keeps a value. Redis is configured to ignore its errors (a cache that is
    down slows the site, it does not break it), so a lost value, not an exception, tells."""
    cache = caches["default"]
    key, value = f"health:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def elasticsearch_answers():
    from elasticsearch import Elasticsearch

    timeout = settings.HEALTH_CHECK_TIMEOUT
    client = Elasticsearch(settings.ELASTICSEARCH_URL.split(","), request_timeout=timeout, max_retries=0)
    try:
        return client.ping()
    finally:
        client.close()


def readiness_checks():
    checks = {"database": database_answers, "cache": cache_answers}
    if settings.ELASTICSEARCH_URL:
        checks["elasticsearch"] = elasticsearch_answers
    return checks


def failed_checks():
    """The names of the checks that failed or did not answer in time, all run at once."""
    checks = readiness_checks()
    pool = ThreadPoolExecutor(max_workers=len(checks), thread_name_prefix="health")
    futures = {name: pool.submit(check) for name, check in checks.items()}
    failed = []
    for name, future in futures.items():
        try:
            if not future.result(timeout=settings.HEALTH_CHECK_TIMEOUT):
                failed.append(name)
        except FutureTimeout:
            logger.warning("Readiness: %s did not answer within %s s.", name, settings.HEALTH_CHECK_TIMEOUT)
            failed.append(name)
        except Exception:
            logger.warning("Readiness: %s failed.", name, exc_info=True)
            failed.append(name)
    pool.shutdown(wait=False, cancel_futures=True)  # a hung check must not hold the answer
    return failed


def answer(request, up):
    body = "" if request.method == "HEAD" else "up\n" if up else "down\n"
    response = HttpResponse(body, status=200 if up else 503, content_type="text/plain")
    response["X-Content-Type-Options"] = "nosniff"
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path not in LIVE_PATHS and request.path not in READY_PATHS:
            return self.get_response(request)
        if request.method not in {"GET", "HEAD"}:
            response = HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
            add_never_cache_headers(response)
            return response
        if request.path in LIVE_PATHS:
            return answer(request, True)
        failed = failed_checks()
        if failed:
            logger.warning("Not ready: %s.", ", ".join(failed))
        return answer(request, not failed)
