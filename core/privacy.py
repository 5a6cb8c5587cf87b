"""Privacy follows translations: a view restriction protects every page of its translation set.

Wagtail applies a restriction to the page that holds it, its subtree and its aliases (wagtail#6750).
A real translation of a restricted page (same translation key, its own content) stayed public, and
so did its subtree. Here a restriction on a page covers:

- every page of its translation set (the pages sharing its translation key: its translations,
  and its aliases in the other locales), whichever of them holds it: a restriction on the Turkish
  page protects the English one too;
- the aliases of those pages, their translation sets, and so on;
- the subtrees of all of them.

Restrictions held by aliases are ignored, as Wagtail ignores them: an alias has its source's privacy
(Wagtail copies the source's restriction onto a new alias, and that copy would otherwise outlive a
change to the source).

wagtail-localize copies the source's restriction onto each translation it syncs, so a set often
holds the same password several times: a visitor who gave it for one page is not asked again for the
set (`remember_password`, a `before_serve_page` hook), and a page lists one restriction per password,
its own first, so that the admin's privacy dialog shows the one it may change.

Where no restriction sits on another translation of a set, the answers are Wagtail's own
(`PageQuerySet.private_q`, `descendant_of_q`, `Page.get_view_restrictions`); where one does, they are
Wagtail's plus the pages of the set: tests/test_wagtail_contracts.py runs both on the same data.

What the restrictions cover is computed once per generation of the shared cache (core.cache): saving
or deleting a restriction, and saving or moving a page, start a new one (core.signals).
"""

from collections import defaultdict
from types import SimpleNamespace

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from . import cache as content_cache

PATH_LENGTH = Page._meta.get_field("path").max_length


def view_restrictions():
    """What the view restrictions cover, from the shared cache:

    {"sections": [(id, path, depth)] of the outermost covered pages, for `.public()`;
     "paths": [(path, restriction ids)] of every covered page, for serving;
     "restrictions": {restriction id: (id of the page holding it, its depth, password group)}},
    where restrictions with the same password share a group (the id of the first of them).
    """
    return content_cache.cached(None, "view-restrictions", _build)


def _build():
    owned = list(
        PageViewRestriction.objects.filter(page__alias_of__isnull=True)
        .order_by("pk")
        .values_list("pk", "page_id", "restriction_type", "password")
    )
    pages = _translation_sets_and_aliases({page_id for _pk, page_id, _type, _password in owned})
    members, aliases = defaultdict(set), defaultdict(set)
    for pk, (_path, _depth, key, alias_of) in pages.items():
        members[key].add(pk)
        if alias_of is not None:
            aliases[alias_of].add(pk)

    covering = defaultdict(set)
    for restriction, page_id, _type, _password in owned:
        reached, todo = set(), [page_id]
        while todo:
            pk = todo.pop()
            if pk not in reached:
                reached.add(pk)
                todo += [*members[pages[pk][2]], *aliases[pk]]
        for pk in reached:
            covering[pk].add(restriction)

    sections = []
    for pk in sorted(covering, key=lambda pk: pages[pk][0]):
        path, depth = pages[pk][:2]
        if not any(path.startswith(outer) for _pk, outer, _depth in sections):
            sections.append((pk, path, depth))

    first_with = {}
    restrictions = {}
    for restriction, page_id, restriction_type, password in owned:
        group = restriction
        if restriction_type == PageViewRestriction.PASSWORD:
            group = first_with.setdefault(password, restriction)
        restrictions[restriction] = (page_id, pages[page_id][1], group)
    return {
        "sections": sections,
        "paths": sorted((pages[pk][0], tuple(sorted(ids))) for pk, ids in covering.items()),
        "restrictions": restrictions,
    }


def _translation_sets_and_aliases(page_ids):
    """{id: (path, depth, translation key, alias_of id)} of the pages `page_ids`, of the pages of
    their translation sets and of their aliases, and so on until nothing new is found."""
    found, seen_keys = {}, set()
    wanted = Q(pk__in=page_ids)
    while page_ids:
        rows = [
            row
            for row in Page.objects.filter(wanted).values_list("pk", "path", "depth", "translation_key", "alias_of_id")
            if row[0] not in found
        ]
        for pk, *fields in rows:
            found[pk] = tuple(fields)
        keys = {row[3] for row in rows} - seen_keys
        seen_keys |= keys
        page_ids = {row[0] for row in rows}
        wanted = Q(translation_key__in=keys) | Q(alias_of__in=page_ids)
    return found


def restricted_sections():
    """(id, path, depth) of the outermost pages a view restriction covers: `.public()` leaves them
    out with their subtrees."""
    return view_restrictions()["sections"]


def restricted_paths():
    """Paths of every page a view restriction covers: only a page at or below one of them is private."""
    return [path for path, _restrictions in view_restrictions()["paths"]]


def restrictions_covering(page):
    """Ids of every view restriction that applies to `page`."""
    return {
        restriction
        for covered, ids in view_restrictions()["paths"]
        if page.path.startswith(covered)
        for restriction in ids
    }


def restrictions_of(page):
    """The ids of the restrictions that apply to `page`, one per password: the page's own, else the
    one held closest above it (or by a page of its translation set), else the first made."""
    known = view_restrictions()["restrictions"]
    chosen = {}
    for restriction in sorted(
        restrictions_covering(page),
        key=lambda restriction: (known[restriction][0] != page.pk, -known[restriction][1], restriction),
    ):
        chosen.setdefault(known[restriction][2], restriction)
    return sorted(chosen.values())


def remember_password(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook, before Wagtail's check: a password given for one restriction of the
    page counts for every restriction of the page with the same password (the copies that
    wagtail-localize makes on the translations), so that the session remembers it for the set."""
    covering = restrictions_covering(page)
    if not covering:
        return None
    session_key = PageViewRestriction.passed_view_restrictions_session_key
    passed = set(request.session.get(session_key, []))
    if not passed & covering:
        return None
    known = view_restrictions()["restrictions"]
    given = {known[restriction][2] for restriction in passed & covering}
    for restriction in covering - passed:
        if known[restriction][2] in given:
            PageViewRestriction(pk=restriction).mark_as_passed(request)
    return None


def descendants_q(other, inclusive=False):
    """Wagtail's descendant filter as a range of paths instead of `LIKE 'path%'`, which SQLite (whose
    LIKE ignores case) and PostgreSQL (under a non-C collation) cannot answer from the path index.
    Tree paths are made of 0-9 and A-Z, so every descendant sorts between the two bounds."""
    last = other.path + "Z" * (PATH_LENGTH - len(other.path))
    q = Q(path__range=(other.path, last)) & Q(depth__gte=other.depth)
    if not inclusive:
        q &= ~Q(pk=other.pk)
    return q


def private_q():
    """The pages a view restriction covers, with their subtrees, as a filter on any page queryset."""
    q = Q()
    for pk, path, depth in restricted_sections():
        q |= descendants_q(SimpleNamespace(pk=pk, path=path, depth=depth), inclusive=True)
    return q or Q(pk__in=[])  # no restricted section: nothing is private


def public(queryset):
    """`queryset` without its private pages. For querysets of Wagtail's own Page manager, whose
    `.public()` knows only the pages that hold a restriction themselves (BasePage's manager applies
    this rule to `.public()` already)."""
    return queryset.exclude(private_q())
