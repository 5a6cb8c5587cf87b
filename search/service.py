"""Site search: what the search page and the autocomplete endpoint ask, independent of the backend.

* Results are the live, public pages of the visitor's locale, of the page types the registry
  lists (search.registry), through the configured backend for that language.
* If the configured backend does not answer (Elasticsearch down, unreachable or missing an
  index) and settings.SEARCH_FALLBACK_BACKEND names another, the same search runs there, a
  warning is logged, and the visitor still gets an answer.
* Facet counts come from one facet query; the total is their sum, so a results page costs a
  fixed number of queries however many pages match (see tests/test_search.py).
* Promoted results (wagtail.contrib.search_promotions) are those whose query matches the
  visitor's under search.analysis.query_key (so `İzmir`, `izmir` and `IZMIR` are one query) and
  whose page is a live, public page of the visitor's locale; external links show in every locale.
* News from the network (network.aggregation: items of the feeds the network follows, which are
  not pages) show as a short list of their own on the first page of an unfiltered search: the
  published items in the visitor's language that match, newest first, through the same backend.
"""

import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import connection
from django.utils.text import capfirst
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from core.privacy import public

from . import registry
from .analysis import MAX_QUERY_TERMS, CleanQuery, clean_query, query_key, words
from .backends import BACKEND_UNAVAILABLE
from .snippets import highlight, searchable_text

logger = logging.getLogger(__name__)

PER_PAGE = 10
AUTOCOMPLETE_LIMIT = 8
NETWORK_NEWS_LIMIT = 5


# Backends --------------------------------------------------------------------------------------


@lru_cache(maxsize=32)
def _configured_backend(name, _fingerprint):
    return get_search_backend(name)


def get_backend(name="default", language=None):
    """The backend configured under `name`, answering in `language` (instances are reused)."""
    conf = settings.WAGTAILSEARCH_BACKENDS.get(name, {})
    backend = _configured_backend(name, (connection.vendor, repr(sorted(conf.items()))))
    if language and hasattr(backend, "for_language"):
        return backend.for_language(language)
    return backend


def backend_names():
    """The backends to try, in order: the default, then the fallback when one is configured."""
    names = ["default"]
    fallback = getattr(settings, "SEARCH_FALLBACK_BACKEND", None)
    if fallback and fallback != "default" and fallback in settings.WAGTAILSEARCH_BACKENDS:
        names.append(fallback)
    return names


def with_fallback(language, operation):
    """Run operation(backend); if the backend does not answer, run it on the fallback backend.

    Returns (result, name of the backend that answered). `operation` must evaluate everything it
    needs from the backend, since a lazy result would fail later, outside this function.
    """
    names = backend_names()
    for position, name in enumerate(names):
        try:
            return operation(get_backend(name, language)), name
        except BACKEND_UNAVAILABLE as error:
            if position == len(names) - 1:
                raise
            logger.warning(
                "Search backend %r did not answer (%s: %s); searching with %r instead.",
                name,
                type(error).__name__,
                error,
                names[position + 1],
            )
    raise AssertionError("unreachable")  # pragma: no cover


def _compile(backend, query):
    build = getattr(backend, "build_query", None)
    return build(query.terms) if build else " ".join(query.terms)


# Search page -----------------------------------------------------------------------------------


@dataclass
class Hit:
    page: Page
    title: str
    url: str
    type_label: str
    facet: str
    date: object
    snippet: str
    content_language: str | None  # set when the page is an alias showing another language


@dataclass
class FacetCount:
    name: str
    label: str
    count: int
    selected: bool


@dataclass
class Outcome:
    query: CleanQuery
    facet: str | None = None
    total: int = 0  # matches of the selected facet (all matches when none is)
    all_count: int = 0  # matches of every facet
    hits: list = field(default_factory=list)
    page: object = None  # django.core.paginator.Page
    facets: list = field(default_factory=list)
    promotions: list = field(default_factory=list)
    network_news: list = field(default_factory=list)  # network.aggregation FeedItems
    backend: str | None = None


class _KnownCount:
    """Search results whose count is already known (from the facets), for the paginator."""

    def __init__(self, results, count):
        self.results = results
        self._count = count

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, key):
        return self.results[key]


def searchable_pages(locale, content_types=None):
    """The pages a visitor of `locale` may find: live, public, of a searchable page type."""
    if content_types is None:
        content_types = registry.content_type_facets()
    return public(Page.objects.live()).filter(locale=locale, content_type__in=list(content_types)).specific()


def search(raw_query, locale, *, facet=None, page_number=1, per_page=PER_PAGE, request=None):
    """One page of results for what a visitor typed, in their locale."""
    language = locale.language_code
    query = clean_query(raw_query, language)
    facet = facet if isinstance(facet, str) and registry.get_facet(facet) else None
    outcome = Outcome(query=query, facet=facet)
    if not query:
        return outcome

    content_types = registry.content_type_facets()
    pages = searchable_pages(locale, content_types)
    if facet:
        selected = [pk for pk, name in content_types.items() if name == facet]
        facet_pages = pages.filter(content_type__in=selected)

    def run(backend):
        compiled = _compile(backend, query)
        counts = Counter()
        # Counting needs no ranking: asking for none spares every backend the scoring work.
        counted = backend.search(compiled, pages, order_by_relevance=False)
        for content_type_id, count in counted.facet("content_type_id").items():
            counts[content_types.get(content_type_id)] += count
        total = counts[facet] if facet else sum(counts.values())
        results = backend.search(compiled, facet_pages) if facet else backend.search(compiled, pages)
        page = Paginator(_KnownCount(results, total), per_page).get_page(page_number)
        found = list(page.object_list) if total else []
        return counts, total, page, found

    (counts, total, page, found), outcome.backend = with_fallback(language, run)
    outcome.total = total
    outcome.all_count = sum(counts.values())
    outcome.page = page
    outcome.hits = build_hits(found, query, language, request)
    outcome.facets = [
        FacetCount(name=item.name, label=item.label, count=counts[item.name], selected=item.name == facet)
        for item in registry.facets()
        if counts[item.name] or item.name == facet
    ]
    outcome.promotions = promotions(query, locale, request, pages=pages) if page.number == 1 else []
    outcome.network_news = network_news(query, language) if page.number == 1 and not facet else []
    return outcome


def network_news(query, language, limit=NETWORK_NEWS_LIMIT):
    """The newest published items of the network's feeds in `language` that match `query`.

    No query at all while no source exists (network.aggregation.listing.source_summary).
    """
    from network.aggregation.listing import published_items, source_summary

    if not query or not source_summary().has_sources:
        return []
    # Newest first rather than by relevance: a short list of news, where the date matters most.
    items = published_items().filter(language=language).order_by("-published_at")

    def run(backend):
        return list(backend.search(_compile(backend, query), items, order_by_relevance=False)[:limit])

    found, _backend = with_fallback(language, run)
    for item in found:
        item.snippet = highlight(item.summary, query.terms, language) if item.summary else ""
    return found


def build_hits(pages, query, language, request=None):
    """What the results list shows for each page, in a fixed number of queries."""
    alias_languages = dict(
        Page.objects.filter(pk__in={page.alias_of_id for page in pages if page.alias_of_id}).values_list(
            "pk", "locale__language_code"
        )
    )
    hits = []
    for page in pages:
        content_language = alias_languages.get(page.alias_of_id)
        hits.append(
            Hit(
                page=page,
                title=page.title,
                url=page.get_url(request),
                type_label=capfirst(page._meta.verbose_name),
                facet=registry.facet_name(type(page)),
                date=registry.result_date(page),
                snippet=highlight(searchable_text(page), query.terms, content_language or language),
                content_language=content_language,
            )
        )
    return hits


def promotions(query, locale, request=None, pages=None):
    """The promoted results for this query in this locale (see the module docstring).

    Promotions are few (editors make them by hand), so they are matched in Python: the stored
    query strings are Python-lowercased, which the database cannot fold the Turkish way.
    """
    key = query_key(query.text)
    if not key:
        return []
    if pages is None:
        pages = searchable_pages(locale)
    candidates = SearchPromotion.objects.select_related("query", "page")
    found = [promotion for promotion in candidates if query_key(promotion.query.query_string) == key]
    # Only the pages of promotions that match are checked against what the visitor may find:
    # a subquery of every searchable page would cost more than the search itself.
    promoted_pages = {promotion.page_id for promotion in found if promotion.page_id}
    if promoted_pages:
        findable = set(pages.filter(pk__in=promoted_pages).values_list("pk", flat=True))
        found = [promotion for promotion in found if promotion.page_id is None or promotion.page_id in findable]
    found.sort(key=lambda promotion: (promotion.sort_order is None, promotion.sort_order or 0, promotion.pk))
    return [
        {
            "title": promotion.title,
            "url": promotion.page.get_url(request) if promotion.page else promotion.external_link_url,
            "description": promotion.description,
            "external": promotion.page is None,
        }
        for promotion in found
    ]


def log_query(query):
    """Count the query in Wagtail's daily hits, which staff see under Reports > Search terms."""
    key = query_key(query.text)
    if key and query:
        Query.get(key).add_hit()


# Autocomplete ----------------------------------------------------------------------------------


def autocomplete(raw_query, locale, *, limit=AUTOCOMPLETE_LIMIT, request=None):
    """Up to `limit` pages of the locale whose title starts like the words typed so far."""
    language = locale.language_code
    typed = words(str(raw_query or "")[:200], language)[:MAX_QUERY_TERMS]
    if not typed or len("".join(typed)) < 2:
        return []
    pages = public(Page.objects.live()).filter(locale=locale, content_type__in=list(registry.content_type_facets()))

    def run(backend):
        return list(backend.autocomplete(" ".join(typed), pages)[:limit])

    found, _backend = with_fallback(language, run)
    return [{"title": page.title, "url": page.get_url(request), "type": _type_label(page)} for page in found]


def _type_label(page):
    """The page type's name, from Django's cache of content types (no query per page)."""
    model = ContentType.objects.get_for_id(page.content_type_id).model_class()
    return str(capfirst(model._meta.verbose_name)) if model else ""
