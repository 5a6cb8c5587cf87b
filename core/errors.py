"""Server error pages, including the one for when the database cannot be reached.

Django calls `server_error` (handler500) for any exception that a view or a middleware lets
through, the admin's included. When that exception comes from the database being unreachable
(an OperationalError or InterfaceError, raised on connecting or on a connection the server
dropped), the visitor gets a 503 page in their language with Retry-After instead of a 500:
the outage is temporary and nothing is wrong with the request. That page comes from
templates/503.html alone, rendered without a request context: no Wagtail page, no settings,
menus or cached chrome, nothing that could ask the database.

Nothing needs restarting when the database is back: Django closes a connection that failed at
the end of the request, and tests a persistent one before reusing it (CONN_HEALTH_CHECKS), so
the next request connects again.
"""

import sys
from urllib.parse import urlsplit

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def server_error(request):
    """handler500: 503 when the database is unreachable, else the plain 500 page."""
    if database_unavailable(sys.exc_info()[1]):
        return service_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(error):
    """True when `error`, or an error it was raised from or while handling, is a lost database."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, DATABASE_UNAVAILABLE):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def visitor_language(request):
    """The language of the address (or of the page a form was sent from), else the browser's."""
    for path in (request.path_info, urlsplit(request.META.get("HTTP_REFERER", "")).path):
        language = translation.get_language_from_path(path)
        if language:
            return language
    return translation.get_language_from_request(request)


def static_url(path):
    """The static file's address; the unhashed one if the manifest cannot be read (it still exists)."""
    try:
        return static(path)
    except ValueError:
        return settings.STATIC_URL + path


def service_unavailable(request):
    language = visitor_language(request)
    context = {
        "stylesheet_url": static_url("css/site.css"),
        "logo_url": static_url("img/logo.svg"),
        "home_url": f"/{language}/",
        "form_lost": request.method not in ("GET", "HEAD"),
        "retry_url": request.get_full_path() if request.method in ("GET", "HEAD") else "",
    }
    with translation.override(language):
        content = render_to_string("503.html", context)
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(settings.SERVICE_UNAVAILABLE_RETRY_AFTER)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response
