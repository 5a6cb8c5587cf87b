"""What the signatory and twinning pages show: the directory, its exports, profiles, twinnings.

Every listing costs a fixed number of queries whatever the number of items: one for the page
of results, one for the count, one for the key figures, one for the country choices.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import F, Prefetch, Q
from django.http import StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from core import cache as content_cache
from core.ratelimits import limited, too_many_requests
from network.news.models import NewsPage

from .charts import progress_chart
from .countries import country_choices, is_country_code
from .exports import COLUMNS, csv_lines, export_queryset, geojson_chunks, json_chunks, row_values
from .filters import DirectoryFilterForm, filter_signatories, sort_signatories
from .models import (
    SignatoryNetworkLink,
    SignatoryPage,
    TwinningPage,
    TwinningPartner,
    TwinningProgramme,
    TwinningTheme,
)
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
        "open_data_columns": [(name, COLUMN_KINDS[kind], description) for name, _field, kind, description in COLUMNS],
    }


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
        "twinnings": twinnings_of(page),
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


def twinnings_of(page):
    """The live twinnings of `page`'s locale in which this signatory is a partner."""
    partner_of = TwinningPartner.objects.filter(signatory__translation_key=page.translation_key).values("page_id")
    twinnings = (
        TwinningPage.objects.live()
        .public()
        .filter(locale_id=page.locale_id, pk__in=partner_of)
        .annotate(source_language=F("alias_of__locale__language_code"))
        .order_by("-start_year", "title")
    )
    return localize_twinnings(with_partners(twinnings), page.locale_id)


# Twinning -------------------------------------------------------------------------------------


def with_partners(twinnings):
    return twinnings.select_related("programme").prefetch_related(
        Prefetch("partners", queryset=TwinningPartner.objects.select_related("signatory").order_by("sort_order"))
    )


def local_programmes(locale_id):
    """{translation key: programme} of a locale's programmes (a few snippets: from the shared cache)."""
    return content_cache.cached(
        None,
        "twinning-programmes",
        lambda: {
            programme.translation_key: programme for programme in TwinningProgramme.objects.filter(locale_id=locale_id)
        },
        locale_id,
    )


def localize_twinnings(twinnings, locale_id):
    """Give each twinning its programme and partners as this locale shows them (two queries in all)."""
    twinnings = list(twinnings)
    programmes = local_programmes(locale_id) if twinnings else {}
    signatory_keys = {
        partner.signatory.translation_key
        for twinning in twinnings
        for partner in twinning.partners.all()
        if partner.signatory_id
    }
    signatories = {}
    if signatory_keys:
        signatories = {
            page.translation_key: page
            for page in SignatoryPage.objects.live()
            .filter(translation_key__in=signatory_keys, locale_id=locale_id)
            .only("title", "url_path", "translation_key", "locale_id", "country")
        }
    for twinning in twinnings:
        twinning.local_programme = programmes.get(twinning.programme.translation_key, twinning.programme)
        twinning.partner_list = []
        for partner in twinning.partners.all():
            local = signatories.get(partner.signatory.translation_key) if partner.signatory_id else None
            partner.profile = local
            partner.display_name = local.title if local else (partner.name or partner.signatory.title)
            partner.country_code = str(partner.country or (partner.signatory.country if partner.signatory_id else ""))
            twinning.partner_list.append(partner)
    return twinnings


class TwinningFilterForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False, choices=[("", _("All themes")), *TwinningTheme.choices])
    country = forms.CharField(label=_("Country"), required=False, widget=forms.Select)

    def __init__(self, data, *, programmes, countries, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["programme"].choices = [("", _("All programmes")), *programmes]
        self.fields["country"].widget.choices = [("", _("All countries")), *country_choices(countries)]

    def clean_country(self):
        code = self.cleaned_data["country"].strip().upper()
        if code and not is_country_code(code):
            raise forms.ValidationError(_("Unknown country."))
        return code


def twinning_index_context(index, request):
    base = TwinningPage.objects.live().public().child_of(index)
    programme_ids = base.order_by().values_list("programme_id", flat=True).distinct()
    source_programmes = TwinningProgramme.objects.filter(pk__in=programme_ids)
    local_names = dict(
        TwinningProgramme.objects.filter(
            translation_key__in=source_programmes.values("translation_key"), locale_id=index.locale_id
        ).values_list("translation_key", "name")
    )
    programmes = sorted(
        {
            (programme.slug, local_names.get(programme.translation_key, programme.name))
            for programme in source_programmes
        },
        key=lambda choice: choice[1],
    )
    countries = TwinningPartner.objects.filter(page__in=base).order_by().values_list("country", flat=True).distinct()
    form = TwinningFilterForm(request.GET, programmes=programmes, countries=list(countries))
    form.is_valid()
    values = {name: value for name, value in form.cleaned_data.items() if value}

    twinnings = base
    if values.get("programme"):
        twinnings = twinnings.filter(programme__slug=values["programme"])
    if values.get("theme"):
        twinnings = twinnings.filter(theme=values["theme"])
    if values.get("country"):
        twinnings = twinnings.filter(
            pk__in=TwinningPartner.objects.filter(
                Q(country=values["country"]) | Q(signatory__country=values["country"])
            ).values("page_id")
        )
    twinnings = twinnings.annotate(source_language=F("alias_of__locale__language_code")).order_by(
        "-start_year", "title"
    )
    paginator = Paginator(with_partners(twinnings), 20)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = localize_twinnings(page.object_list, index.locale_id)
    return {
        "filter_form": form,
        "filters_ignored": [str(form.fields[name].label) for name in form.errors],
        "is_filtered": bool(values),
        "results": page,
        "paginator": paginator,
        "query": shared_query(values),
    }


def twinning_context(page, request):
    # The page itself (not a fresh query), so that previews show the partners being edited.
    (twinning,) = localize_twinnings([page], page.locale_id)
    return {"twinning": twinning, "partners": twinning.partner_list, "programme": twinning.local_programme}
