"""What the finder's pages list: open requests with their filters, suggestions, example partnerships.

Every list costs a fixed number of queries whatever its length: the page of requests (with the
authority's directory key joined in), its count, the two theme relations, and the local names
of themes, programmes and directory profiles, each in one query.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import F, Q

from core import cache as content_cache
from signatories.text import fold

from .choices import POPULATION_BOUNDS, PopulationBand, Programme, language_name
from .forms import local_names
from .models import PartnershipRequest, PartnershipTheme, TwinningIndexPage, TwinningPage, TwinningProgramme
from .pool import get_pool, key_text, signatory_lookup
from .projects import localize_twinnings, with_partners
from .ranking import AUTHORITY, REQUEST
from .texts import describe_all


@dataclass
class Names:
    """Local names of one language: themes (in the editors' order) and programmes."""

    language: str
    themes: dict = field(default_factory=dict)
    programmes: dict = field(default_factory=dict)

    @classmethod
    def load(cls, language):
        """From the shared cache: themes and programmes are snippets, whose changes start a new
        generation of it (core.cache)."""

        def build():
            return cls(
                language=language,
                themes=local_names(PartnershipTheme, language, ordering=("sort_order", "name")),
                programmes=local_names(TwinningProgramme, language),
            )

        return content_cache.cached(None, "twinning-names", build, language)

    def programme(self, partnership_request):
        if partnership_request.programme == Programme.OTHER:
            return partnership_request.other_programme
        return self.programmes.get(partnership_request.programme, partnership_request.programme)


def population_band(population):
    if not population:
        return None
    for band, (low, high) in POPULATION_BOUNDS.items():
        if population >= low and (high is None or population < high):
            return PopulationBand(band)
    return None


def filter_requests(queryset, values):
    """Apply the understood filters of the listing (FilterForm.values())."""
    theme = values.get("theme")
    if theme:
        sought = PartnershipRequest.themes_sought.through.objects.filter(partnershiptheme__slug=theme)
        offered = PartnershipRequest.themes_offered.through.objects.filter(partnershiptheme__slug=theme)
        queryset = queryset.filter(
            Q(pk__in=sought.values("partnershiprequest_id")) | Q(pk__in=offered.values("partnershiprequest_id"))
        )
    if values.get("country"):
        queryset = queryset.filter(country=values["country"])
    if values.get("population"):
        low, high = POPULATION_BOUNDS[PopulationBand(values["population"])]
        queryset = queryset.filter(population__gte=low)
        if high is not None:
            queryset = queryset.filter(population__lt=high)
    if values.get("programme"):
        queryset = queryset.filter(programme=values["programme"])
    if values.get("language"):
        queryset = queryset.filter(working_languages__contains=f",{values['language']},")
    return queryset


def shared_query(values, **extra):
    """The query string of the understood filters (never echoes what was not understood)."""
    params = {**values, **extra}
    return urlencode({key: value for key, value in params.items() if value})


def listing_queryset(queryset):
    return queryset.annotate(signatory_key=F("signatory__translation_key")).prefetch_related(
        "themes_sought", "themes_offered"
    )


def decorate(requests, names, page):
    """Give each request what its card shows, in the page's language (one query for profiles)."""
    locale_id = page.locale_id
    requests = list(requests)
    keys = {key_text(item.signatory_key) for item in requests if getattr(item, "signatory_key", None)}
    profiles = signatory_lookup(keys, locale_id)
    for item in requests:
        item.sought_names = [
            names.themes.get(theme.slug, theme.name) for theme in _ordered(item.themes_sought.all(), names)
        ]
        item.offered_names = [
            names.themes.get(theme.slug, theme.name) for theme in _ordered(item.themes_offered.all(), names)
        ]
        item.programme_name = names.programme(item)
        item.language_names = [language_name(code) for code in item.working_language_codes]
        item.population_band = population_band(item.population)
        item.profile = profiles.get(key_text(getattr(item, "signatory_key", None)))
        item.url = page.route_url("request", item.pk)
    return requests


def _ordered(themes, names):
    order = {slug: position for position, slug in enumerate(names.themes)}
    return sorted(themes, key=lambda theme: (order.get(theme.slug, len(order)), fold(theme.name)))


def language_choices(queryset):
    """[(code, name)] of the working languages found in `queryset`'s requests."""
    codes = set()
    for value in queryset.order_by().values_list("working_languages", flat=True).distinct():
        codes.update(code for code in value.split(",") if code)
    return sorted(((code, language_name(code)) for code in codes), key=lambda item: fold(item[1]))


# Example partnerships ------------------------------------------------------------------------------


def example_partnerships(locale_id, limit=6):
    """The latest live twinning projects of the locale, partners included (from the shared cache,
    as every page of the finder shows them; else three queries)."""

    def build():
        twinnings = (
            TwinningPage.objects.live()
            .public()
            .filter(locale_id=locale_id)
            .annotate(source_language=F("alias_of__locale__language_code"))
            .order_by("-start_year", "title")
        )
        return localize_twinnings(with_partners(twinnings)[:limit], locale_id)

    return content_cache.cached(None, "twinning-examples", build, locale_id, limit)


def twinning_index(locale_id):
    return content_cache.cached(
        None,
        "twinning-index",
        lambda: TwinningIndexPage.objects.live().public().filter(locale_id=locale_id).only("url_path", "title").first(),
        locale_id,
    )


# Suggestions ----------------------------------------------------------------------------------------


@dataclass
class Suggestion:
    kind: str
    score: float
    reasons: list
    name: str = ""
    title: str = ""
    url: str = ""
    country: str = ""
    population: int | None = None
    lang: str = ""


def suggestions(target, *, page, names, target_name, near=False, kind=None, limit=10):
    """Ranked Suggestions for `target` (a ranking.Profile), with links into this page's locale."""
    matches = get_pool().rank(target, limit=limit, near=near, kind=kind)
    request_ids = [match.profile.id for match in matches if match.profile.kind == REQUEST]
    requests = {item.pk: item for item in PartnershipRequest.objects.filter(pk__in=request_ids)} if request_ids else {}
    keys = [match.profile.authority[2:] for match in matches if match.profile.kind == AUTHORITY]
    profiles = signatory_lookup(keys, page.locale_id)
    result = []
    for match in matches:
        reasons = describe_all(match.reasons, themes=names.themes, programmes=names.programmes, target_name=target_name)
        suggestion = Suggestion(
            kind=match.profile.kind,
            score=round(match.score),
            reasons=reasons,
            country=match.profile.country,
            population=match.profile.population,
        )
        if match.profile.kind == REQUEST:
            item = requests.get(match.profile.id)
            if item is None:
                continue
            suggestion.name, suggestion.title = item.authority_name, item.title
            suggestion.url = page.route_url("request", item.pk)
            suggestion.lang = item.language
        else:
            profile = profiles.get(match.profile.authority[2:])
            if profile is None:
                continue
            suggestion.name = profile.title
            suggestion.url = page.route_url("authority", profile.pk)
            suggestion.lang = profile.source_language or ""
        result.append(suggestion)
    return result
