"""What the public side shows of the network's news, each in a fixed few queries.

Items belong to no locale: every language version of the site lists the same published items,
each in its own language. An item's owner (a signatory or a supporter) is shown by its profile
in the visitor's locale, its translation there or its alias, found by translation key in one
query for a whole page of items; a programme by its name as the locale translates it.

Profiles, the twinning index and the search ask for items only when some source could have
them: what the sources are about (`source_summary`) is kept in the shared cache and forgotten
whenever a source is saved or deleted, so the pages of the many owners without a feed cost no
query for it.
"""

import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import transaction
from django.http import Http404
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core import cache as content_cache
from core.privacy import public
from network.twinning.projects import local_programmes
from signatories.countries import country_choices, is_country_code

from .models import FeedItem, FeedSource, OwnerKind

PROFILE_LIMIT = 5
PROGRAMME_LIMIT = 5

SOURCES_KEY = "aggregation:sources"
# A bound on how long a summary read while a source was being saved elsewhere may be kept.
SOURCES_TIMEOUT = 300

FILTER_LABELS = {
    "kind": _("Belongs to"),
    "country": _("Country"),
    "programme": _("Programme"),
    "language": _("Language"),
    "owner": _("Whose news"),
}


def published_items():
    """Every published item, newest first, with its source and the source's programme."""
    return FeedItem.objects.listed()


# What the sources are about -------------------------------------------------------------------


@dataclass(frozen=True)
class SourceSummary:
    owner_keys: frozenset  # translation keys (as text) of the profiles that have a source
    has_programmes: bool
    has_sources: bool


def source_summary():
    """Whose profiles have sources, and whether programmes do: one query, then the shared cache."""
    summary = cache.get(SOURCES_KEY)
    if summary is None:
        rows = list(FeedSource.objects.order_by().values_list("owner_key", "owner_kind").distinct())
        summary = SourceSummary(
            owner_keys=frozenset(str(key) for key, _kind in rows if key),
            has_programmes=any(kind == OwnerKind.PROGRAMME for _key, kind in rows),
            has_sources=bool(rows),
        )
        cache.set(SOURCES_KEY, summary, SOURCES_TIMEOUT)
    return summary


def forget_sources(*args, **kwargs):
    """Signal receiver: a source changed. Forgotten now (this transaction reads its own change) and
    again at commit (so no process keeps what it read before)."""
    cache.delete(SOURCES_KEY)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete(SOURCES_KEY))


def language_name(code):
    """The name of a language in that language ("Türkçe"), or its code when Django does not know it."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


# Owners, programmes and the listing page as the visitor's locale shows them ----------------------


def with_owners(items, locale_id):
    """Give each item `profile` (its owner's live, public page in the locale, or None) and
    `programme` (its programme as the locale names it, or None). One query for all the items."""
    items = list(items)
    keys = {item.source.owner_key for item in items if item.source.owner_key}
    profiles = {}
    if keys:
        pages = (
            public(Page.objects.live())
            .filter(translation_key__in=keys, locale_id=locale_id)
            .select_related("alias_of__locale")
        )
        profiles = {page.translation_key: page for page in pages}
    programmes = local_programmes(locale_id) if any(item.source.programme_id for item in items) else {}
    for item in items:
        item.profile = profiles.get(item.source.owner_key) if item.source.owner_key else None
        source_programme = item.source.programme
        item.programme = (
            programmes.get(source_programme.translation_key, source_programme) if source_programme else None
        )
    return with_language_names(items)


def with_language_names(items):
    """Give each item `language_name`: the name of its language in that language ("Türkçe")."""
    for item in items:
        item.language_name = language_name(item.language)
    return items


def network_news_page(page):
    """The live network news page of `page`'s home (its locale, its site), or None.

    Kept in the shared cache until pages change (core.cache).
    """
    from .models import NetworkNewsIndexPage

    home_path = page.path[: Page.steplen * 2]

    def build():
        return NetworkNewsIndexPage.objects.live().public().filter(depth=3, path__startswith=home_path).first()

    return content_cache.cached(None, "network-news-page", build, home_path)


# The profiles' and the programme section's blocks ------------------------------------------------


def items_of_owner(page, limit=PROFILE_LIMIT):
    """The newest published items of the sources that belong to `page` (in any of its languages)."""
    key = page.translation_key
    if not key or str(key) not in source_summary().owner_keys:
        return []
    return with_language_names(list(published_items().filter(source__owner_key=key)[:limit]))


def programme_items(locale_id, limit=PROGRAMME_LIMIT):
    """The newest published items of the programmes' sources, each with its programme as the locale names it."""
    if not source_summary().has_programmes:
        return []
    items = published_items().filter(source__owner_kind=OwnerKind.PROGRAMME, source__programme__isnull=False)
    items = list(items[:limit])
    programmes = local_programmes(locale_id) if items else {}
    for item in items:
        source_programme = item.source.programme
        item.programme = programmes.get(source_programme.translation_key, source_programme)
    return with_language_names(items)


# The listing ------------------------------------------------------------------------------------


@dataclass
class Choices:
    """What the items on offer may be filtered by, named in the visitor's language."""

    kinds: list  # [(value, label)]
    countries: list  # [(code, name)]
    programmes: list  # [(slug, name)]
    languages: list  # [(code, name in that language)]
    programme_keys: dict  # {slug: translation key}


def choices_of(items, locale_id):
    """The owner kinds, countries, programmes and languages that `items` have: one query."""
    rows = (
        items.order_by()
        .values_list(
            "source__owner_kind",
            "source__country",
            "source__programme__slug",
            "source__programme__translation_key",
            "source__programme__name",
            "language",
        )
        .distinct()
    )
    kinds, countries, languages, programmes = set(), set(), set(), {}
    for kind, country, slug, key, name, language in rows:
        kinds.add(kind)
        if country:
            countries.add(str(country))
        if language:
            languages.add(language)
        if slug:
            programmes[slug] = (key, name)
    local = local_programmes(locale_id) if programmes else {}
    programme_names = {slug: getattr(local.get(key), "name", name) for slug, (key, name) in programmes.items()}
    return Choices(
        kinds=[(value, label) for value, label in OwnerKind.choices if value in kinds],
        countries=country_choices(countries),
        programmes=sorted(programme_names.items(), key=lambda choice: choice[1].casefold()),
        languages=sorted(((code, language_name(code)) for code in languages), key=lambda choice: choice[1].casefold()),
        programme_keys={slug: key for slug, (key, _name) in programmes.items()},
    )


def read_filters(params, choices, media_only):
    """(values understood, labels of the filters given but not understood).

    Every value is compared with what the items offer before it reaches a query: a query
    string never becomes SQL, whatever it holds (NUL bytes, very long text, another script).
    """
    given = {name: params.get(name, "").strip() for name in FILTER_LABELS}
    offered = {
        "kind": {value for value, _label in choices.kinds} if not media_only else set(),
        "country": {code for code, _name in choices.countries},
        "programme": set(choices.programme_keys),
        "language": {code for code, _name in choices.languages},
    }
    values, ignored = {}, []
    for name, value in given.items():
        if not value:
            continue
        if name == "country":
            value = value.upper() if is_country_code(value.upper()) else ""
        if name == "owner":
            value = known_owner(value)
        if value and (name == "owner" or value in offered[name]):
            values[name] = value
        else:
            ignored.append(str(FILTER_LABELS[name]))
    return values, ignored


def known_owner(value):
    """The translation key `value` names if it is that of a profile with a source, else ""."""
    try:
        key = str(uuid.UUID(value))
    except ValueError:
        return ""
    return key if key in source_summary().owner_keys else ""


def filtered(items, values, choices):
    if "kind" in values:
        items = items.filter(source__owner_kind=values["kind"])
    if "country" in values:
        items = items.filter(source__country=values["country"])
    if "programme" in values:
        items = items.filter(source__programme__translation_key=choices.programme_keys[values["programme"]])
    if "language" in values:
        items = items.filter(language=values["language"])
    if "owner" in values:
        items = items.filter(source__owner_key=values["owner"])
    return items


def listing_context(page, request, *, media_only=False):
    """What the network news page shows: a page of items, the filters, the count."""
    items = published_items()
    if media_only:
        items = items.filter(source__owner_kind=OwnerKind.MEDIA)
    choices = choices_of(items, page.locale_id)
    values, ignored = read_filters(request.GET, choices, media_only)
    items = filtered(items, values, choices)

    paginator = Paginator(items, page.per_page)
    try:
        results = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, PageNotAnInteger) as error:
        raise Http404(str(error)) from error
    results.object_list = with_owners(results.object_list, page.locale_id)

    owner = None
    if "owner" in values:
        owner = public(Page.objects.live()).filter(translation_key=values["owner"], locale_id=page.locale_id).first()

    page_url = page.get_url(request)
    return {
        "items": results,
        "paginator": paginator,
        "media_only": media_only,
        "heading": _("In the media") if media_only else page.title,
        "listing_url": page_url + page.reverse_subpage("media") if media_only else page_url,
        "all_news_url": page_url,
        "media_url": page_url + page.reverse_subpage("media"),
        "choices": choices,
        "selected": {name: values.get(name, "") for name in FILTER_LABELS},
        "is_filtered": bool(values),
        "filters_ignored": ignored,
        "owner": owner,
    }
