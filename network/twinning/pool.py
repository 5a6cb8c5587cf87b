"""The candidates of the ranking, read from the database and kept in the shared cache.

Candidates are the open requests (valid today) and every live signatory of the directory that
has no open request of its own. They are read in five queries whatever their number (requests,
their two theme tables, signatories, and the themes of the twinnings they took part in) and
compiled into a ranking.Pool, cached under a version that any change to the data replaces
(signals.py), and under today's date (requests expire). Each process also keeps the last pool
it used, so a page that ranks does not even unpickle it. Both copies are rebuilt after an hour
at most, for changes that send no signal (the CSV import of signatories writes in bulk).
"""

import gc
import logging
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, F, FloatField
from django.db.models.functions import Cast
from django.utils import timezone

from signatories.models import SignatoryPage
from signatories.text import fold

from .choices import BROAD_THEMES, COMMITMENT_THEMES, COUNTRY_LANGUAGES, RequestStatus
from .models import PartnershipRequest, PartnershipTheme, TwinningPartner
from .ranking import AUTHORITY, REQUEST, Pool, Profile

logger = logging.getLogger(__name__)

VERSION_KEY = "twinning:pool-version"
POOL_TIMEOUT = 3600
_memo = {}


def key_text(value):
    """A translation key as 32 hex digits, whether the database gave a UUID or text (with or without dashes)."""
    return str(value).replace("-", "").lower() if value else ""


def authority_key(*, signatory_key=None, name="", country=""):
    """One identity per authority, whether it shows up as a request or a directory profile."""
    if signatory_key:
        return f"s:{key_text(signatory_key)}"
    return f"n:{fold(name)}:{str(country).upper()}"


def _text(field):
    """A UUID column read as text: converting thousands of values into UUID objects is slow."""
    return Cast(field, output_field=CharField())


def _float(field):
    return Cast(field, output_field=FloatField())


def open_requests(today=None):
    """Requests anyone may see and write to today."""
    today = today or timezone.localdate()
    return PartnershipRequest.objects.filter(status=RequestStatus.OPEN, valid_from__lte=today, valid_until__gte=today)


def _theme_sets(through, requests):
    """{request id: frozenset of theme slugs} for one of the two theme relations (`requests`: a queryset)."""
    sets = {}
    rows = through.objects.filter(partnershiprequest__in=requests.values("pk")).values_list(
        "partnershiprequest_id", "partnershiptheme__slug"
    )
    for request_id, slug in rows:
        sets.setdefault(request_id, set()).add(slug)
    return {key: frozenset(value) for key, value in sets.items()}


def _request_profile(row, sought, offered):
    return Profile(
        kind=REQUEST,
        id=row["pk"],
        authority=authority_key(signatory_key=row["signatory_key"], name=row["authority_name"], country=row["country"]),
        sought=sought,
        offered=offered,
        population=row["population"],
        languages=frozenset(code for code in row["working_languages"].split(",") if code),
        programme=row["programme"],
        country=str(row["country"]),
        latitude=row["latitude"],
        longitude=row["longitude"],
    )


REQUEST_FIELDS = [
    "pk",
    "signatory_key",
    "authority_name",
    "country",
    "population",
    "latitude",
    "longitude",
    "programme",
    "working_languages",
]


def request_profiles(queryset):
    """Profiles of the requests of `queryset` (three queries)."""
    rows = list(queryset.annotate(signatory_key=_text("signatory__translation_key")).values(*REQUEST_FIELDS))
    sought = _theme_sets(PartnershipRequest.themes_sought.through, queryset)
    offered = _theme_sets(PartnershipRequest.themes_offered.through, queryset)
    return [
        _request_profile(row, sought.get(row["pk"], frozenset()), offered.get(row["pk"], frozenset())) for row in rows
    ]


def request_profile(partnership_request):
    """The profile of one request, open or not (a request not yet published can be matched too)."""
    [profile] = request_profiles(PartnershipRequest.objects.filter(pk=partnership_request.pk))
    return profile


def listed_request_profile(partnership_request):
    """request_profile() of a request read by listing.listing_queryset (its directory key annotated,
    its themes prefetched): no query."""
    row = {name: getattr(partnership_request, name) for name in REQUEST_FIELDS}
    return _request_profile(
        row,
        frozenset(theme.slug for theme in partnership_request.themes_sought.all()),
        frozenset(theme.slug for theme in partnership_request.themes_offered.all()),
    )


SIGNATORY_FIELDS = ["pk", "key", "country", "population", "lat", "lon", *COMMITMENT_THEMES]


def signatory_rows(queryset):
    return queryset.annotate(key=_text("translation_key"), lat=_float("latitude"), lon=_float("longitude")).values(
        *SIGNATORY_FIELDS
    )


def directory_signatories():
    """Every live signatory once: the default locale has each of them (its own or an alias)."""
    return SignatoryPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)


def project_themes(signatory_keys=None):
    """{signatory key (key_text): set of theme slugs} from the live twinnings they are partners in."""
    partners = TwinningPartner.objects.filter(
        signatory__isnull=False, page__live=True, page__locale__language_code=settings.LANGUAGE_CODE
    )
    if signatory_keys is not None:
        partners = partners.filter(signatory__translation_key__in=signatory_keys)
    themes = {}
    rows = partners.annotate(key=_text("signatory__translation_key")).values_list("key", "page__theme__slug")
    for key, theme in rows:
        themes.setdefault(key_text(key), set()).update([theme, *BROAD_THEMES.get(theme, ())])
    return themes


def _authority_profile(row, projects):
    key = key_text(row["key"])
    themes = set(projects.get(key, ()))
    for field, slugs in COMMITMENT_THEMES.items():
        if row[field]:
            themes.update(slugs)
    has_place = row["lat"] is not None and row["lon"] is not None
    return Profile(
        kind=AUTHORITY,
        id=row["pk"],
        authority=f"s:{key}",
        offered=frozenset(themes),
        population=row["population"],
        languages=frozenset(COUNTRY_LANGUAGES.get(str(row["country"]), ())),
        country=str(row["country"]),
        latitude=row["lat"] if has_place else None,
        longitude=row["lon"] if has_place else None,
    )


def authority_profile(signatory):
    """The directory's profile of one signatory (any locale's version of it)."""
    row = {field: getattr(signatory, field) for field in COMMITMENT_THEMES}
    has_place = signatory.latitude is not None and signatory.longitude is not None
    row.update(
        pk=signatory.pk,
        key=signatory.translation_key,
        country=signatory.country,
        population=signatory.population,
        lat=float(signatory.latitude) if has_place else None,
        lon=float(signatory.longitude) if has_place else None,
    )
    return _authority_profile(row, project_themes([signatory.translation_key]))


def theme_order():
    """{slug: position} of the taxonomy, to list themes in the editors' order."""
    slugs = (
        PartnershipTheme.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("sort_order", "name")
        .values_list("slug", flat=True)
    )
    return {slug: position for position, slug in enumerate(slugs)}


@contextmanager
def _without_garbage_collection():
    """Tens of thousands of small objects at once: collecting meanwhile doubles the time it takes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def build_pool(today=None):
    """Read every candidate from the database (six queries) and compile the Pool."""
    with _without_garbage_collection():
        return _build_pool(today)


def _build_pool(today):
    requests = request_profiles(open_requests(today))
    with_request = {profile.authority for profile in requests}
    projects = project_themes()
    authorities = [
        profile
        for profile in (_authority_profile(row, projects) for row in signatory_rows(directory_signatories()))
        if profile.authority not in with_request
    ]
    return Pool([*requests, *authorities], theme_order=theme_order())


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    return version


def invalidate(**_kwargs):
    """Make every process build the pool again on its next ranking (signal receiver)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    _memo.clear()


def get_pool():
    """The pool of today's candidates: from this process, else the shared cache, else built."""
    key = f"twinning:pool:{current_version()}:{timezone.localdate().isoformat()}"
    memo = _memo.get(key)
    if memo is not None and time.monotonic() - memo[0] < POOL_TIMEOUT:
        return memo[1]
    pool = cache.get(key)
    if pool is None:
        pool = build_pool()
        try:
            cache.set(key, pool, POOL_TIMEOUT)
        except Exception:  # a pool too large for the cache backend still ranks
            logger.warning("Could not cache the partner pool.", exc_info=True)
    _memo.clear()
    _memo[key] = (time.monotonic(), pool)
    return pool


def signatory_lookup(keys, locale_id):
    """{key_text(translation key): SignatoryPage of this locale} for links to the directory's profiles."""
    if not keys:
        return {}
    return {
        key_text(page.translation_key): page
        for page in SignatoryPage.objects.live()
        .filter(translation_key__in=keys, locale_id=locale_id)
        .annotate(source_language=F("alias_of__locale__language_code"))
        .only("title", "url_path", "translation_key", "locale_id", "country", "population", "region")
    }
