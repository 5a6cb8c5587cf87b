"""What the signatory pages show: the directory, its exports, and the profiles.

Every listing costs a fixed number of queries whatever the number of items: one for the page
of results, one for the count, one for the key figures, one for the country choices.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import F
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from core import cache as content_cache
from core.ratelimits import limited, too_many_requests
from network.news.models import NewsPage

from .charts import progress_chart
from .exports import COLUMNS, csv_lines, export_queryset, geojson_chunks, json_chunks, row_values
from .filters import DirectoryFilterForm, filter_signatories, sort_signatories
from .models import SignatoryNetworkLink
from .stats import key_figures
from .text import fold

LISTING_FIELDS = [
    "title",
    "slug",
    "url_path",
    "locale_id",
    "alias_of_id",
    "live",
    "translation_key",
    "country",
    "region",
    "population",
    "status",
    "adhesion_date",
    "commitment_2020",
    "commitment_2030",
    "target_2030_percent",
    "commitment_2050",
    "commitment_adaptation",
    "commitment_energy_poverty",
    "action_plan_status",
    "is_demo_data",
]


COLUMN_KINDS = {
    "text": _("text"),
    "number": _("number"),
    "integer": _("whole number"),
    "date": _("date (YYYY-MM-DD)"),
    "boolean": _("yes/no"),
}


# The directory ----------------------------------------------------------------------------


def filtered_signatories(index, request):
    """(form, understood filter values, sorted queryset) for the directory's query string."""
    base = index.signatories()
    countries = content_cache.cached(
        None,
        "directory-countries",
        lambda: list(base.order_by().values_list("country", flat=True).distinct()),
        index.pk,
    )
    supporters = content_cache.cached(None, "directory-supporters", lambda: named_supporters(index), index.pk)
    form = DirectoryFilterForm(
        request.GET, countries=countries, supporters=[(slug, name) for slug, name, _key in supporters]
    )
    values = form.values()
    supporter_keys = {slug: key for slug, _name, key in supporters}
    queryset = sort_signatories(filter_signatories(base, values, supporter_keys), values)
    return form, values, queryset


def named_supporters(index):
    """[(slug, name, translation key)] of the live supporter profiles that the directory's signatories
    link to, each as the directory's locale shows it (else in its source language), sorted by name."""
    from wagtail.models import Page

    signatory_keys = index.signatories().values("translation_key")
    supporter_keys = (
        SignatoryNetworkLink.objects.filter(page__translation_key__in=signatory_keys, supporter_page__isnull=False)
        .values("supporter_page__translation_key")
        .distinct()
    )
    versions = {}
    for version in (
        Page.objects.live()
        .public()
        .filter(translation_key__in=supporter_keys)
        .values("translation_key", "locale_id", "alias_of_id", "slug", "title")
    ):
        # This locale's version first, then the source (not an alias), then any other.
        rank = (version["locale_id"] != index.locale_id, version["alias_of_id"] is not None)
        best = versions.get(version["translation_key"])
        if best is None or rank < best[0]:
            versions[version["translation_key"]] = (rank, version)
    supporters, slugs = [], set()
    for key, (_rank, version) in sorted(versions.items(), key=lambda item: fold(item[1][1]["title"])):
        slug, number = version["slug"], 2
        while slug in slugs:  # two profiles of the same slug under different parents
            slug, number = f"{version['slug']}-{number}", number + 1
        slugs.add(slug)
        supporters.append((slug, version["title"], str(key)))
    return supporters


def shared_query(values, **extra):
    """The query string of the understood filters (never echoes what was not understood)."""
    params = {**values, **extra}
    return urlencode({key: value for key, value in params.items() if value}, doseq=True)


def directory_context(index, request):
    form, values, queryset = filtered_signatories(index, request)
    listing = queryset.annotate(source_language=F("alias_of__locale__language_code")).only(*LISTING_FIELDS)
    query = shared_query(values)
    # The count and key figures of a filter change only with content: shared cache (core.cache).
    count = content_cache.cached_count(queryset, "directory-count", index.pk, query)
    paginator = content_cache.CountedPaginator(listing, index.per_page, count=count)
    page = paginator.get_page(request.GET.get("page"))
    suffix = f"?{query}" if query else ""
    base = index.url
    return {
        "filter_form": form,
        "filters_ignored": form.ignored,
        "is_filtered": form.is_filtered,
        "results": page,
        "paginator": paginator,
        "figures": content_cache.cached(None, "directory-figures", lambda: key_figures(queryset), index.pk, query),
        "query": query,
        "csv_url": base + index.reverse_subpage("export_csv").lstrip("/") + suffix,
        "json_url": base + index.reverse_subpage("export_json").lstrip("/") + suffix,
        "geojson_url": base + index.reverse_subpage("geojson").lstrip("/") + suffix,
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "open_data_url": base + index.reverse_subpage("open_data").lstrip("/"),
    }


def open_data_documentation(index, request):
    """What the directory's downloads hold, column by column: a page of its own, linked from the
    downloads, so that the directory does not carry a table of every column."""
    columns = [(name, COLUMN_KINDS[kind], description) for name, _field, kind, description in COLUMNS]
    context = {"page": index, "self": index, "request": request, "open_data_columns": columns}
    return TemplateResponse(request, "signatories/open_data_page.html", context)


def _export_rows(index, request):
    _form, _values, queryset = filtered_signatories(index, request)
    base_url = request.build_absolute_uri(index.url)
    rows = (row_values(values, base_url) for values in export_queryset(queryset).iterator(chunk_size=2000))
    return queryset, rows


def export_csv(index, request):
    if limited(request, "open-data", settings.OPEN_DATA_RATE_LIMIT):
        return too_many_requests(request)
    _queryset, rows = _export_rows(index, request)
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="signatories-{index.locale.language_code}.csv"'
    return response


def export_json(index, request):
    if limited(request, "open-data", settings.OPEN_DATA_RATE_LIMIT):
        return too_many_requests(request)
    queryset, rows = _export_rows(index, request)
    response = StreamingHttpResponse(json_chunks(queryset.count(), rows), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="signatories-{index.locale.language_code}.json"'
    return response


def export_geojson(index, request):
    if limited(request, "map-data", settings.MAP_DATA_RATE_LIMIT):
        return too_many_requests(request)
    _queryset, rows = _export_rows(index, request)
    return StreamingHttpResponse(geojson_chunks(rows), content_type="application/geo+json")


# A signatory's profile ----------------------------------------------------------------------


def profile_context(page, request):
    reports = list(page.monitoring_reports.select_related("document").order_by("year", "sort_order"))
    return {
        "status_history": list(page.status_history.order_by("date", "sort_order")),
        "baseline_sectors": list(page.baseline_sectors.all()),
        "monitoring_reports": reports,
        "network_links": localize_links(page.network_links.select_related("supporter_page"), page.locale_id),
        "chart": progress_chart(page, reports),
        "news": NewsPage.mentioning(page, "related_signatories__signatory"),
        "directory": page.get_parent(),
    }


def localize_links(links, locale_id):
    """Each coordinator or supporter, with its profile page in this locale where there is one."""
    links = list(links)
    keys = [link.supporter_page.translation_key for link in links if link.supporter_page]
    local = {}
    if keys:
        from wagtail.models import Page

        local = {
            page.translation_key: page
            for page in Page.objects.filter(translation_key__in=keys, locale_id=locale_id).live()
        }
    for link in links:
        link.profile = local.get(link.supporter_page.translation_key) if link.supporter_page else None
    return links
