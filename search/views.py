"""The search page and its autocomplete endpoint, at /<language>/search/ (inside i18n_patterns).

Both answer in the visitor's locale (from the URL's language prefix). Neither chooses a backend:
search.service asks the one settings configure, and its fallback if that one does not answer.
"""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from core.ratelimits import rate_limit

from . import service


@require_safe
@rate_limit("search", "SEARCH_RATE_LIMIT")
@never_cache  # every search is counted in the query log and may carry promotions just edited
def search(request):
    locale = Locale.get_active()
    outcome = service.search(
        request.GET.get("q", ""),
        locale,
        facet=request.GET.get("type") or None,
        page_number=request.GET.get("page") or 1,
        request=request,
    )
    if outcome.query and request.GET.get("page", "1") in {"", "1"}:
        service.log_query(outcome.query)  # a search, not a visit to its further pages
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "query": outcome.query,
            "outcome": outcome,
            "hits": outcome.hits,
            "page_obj": outcome.page,
            "facets": outcome.facets,
            "promotions": outcome.promotions,
            "total": outcome.total,
        },
    )


@require_safe
@rate_limit("search-autocomplete", "AUTOCOMPLETE_RATE_LIMIT", as_json=True)  # outside: its 429 is never cached
@cache_control(public=True, max_age=300)
def autocomplete(request):
    locale = Locale.get_active()
    query = request.GET.get("q", "")
    results = service.autocomplete(query, locale, request=request)
    return JsonResponse({"query": query[:200], "results": results}, json_dumps_params={"ensure_ascii": False})
