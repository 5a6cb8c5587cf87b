"""Contracts with Wagtail and modelsearch, for the code that does what they do in its own way.

Three parts of the site repeat an upstream implementation where upstream offers no hook:

* core/routing.py finds the page of a request in one query (Wagtail: `Page.route_for_request`);
* core/models.py and core/privacy.py make privacy follow translations (Wagtail:
  `PageQuerySet.private_q` and `descendant_of_q`, `Page.get_view_restrictions`);
* search/backends.py writes the database search indexes with a language per object (modelsearch:
  `SQLiteIndex.add_items`, `PostgresIndex.add_items`).

Each test runs the upstream implementation beside ours on the same data and fails on any
difference; where the site means to differ (privacy across translations), the difference is
asserted exactly. After an upgrade of Wagtail or modelsearch, these say whether the repeated code
still agrees.

The demo content is loaded once for the module, in a transaction rolled back at its end, with a
few additions: two private sections that exist in English only (one behind a password, one behind
a login), a draft with a published page below it, an unpublished routable page, a child whose slug
begins a route of its parent, and a second site.
"""

import copy
import importlib.metadata
import re

import pytest
from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.query import PageQuerySet

from core import routing
from core.models import BasePageQuerySet
from home.models import StandardPage
from search import backends
from search.analysis import fold
from signatories.models import SignatoryIndexPage
from tests.database import demo_content, fresh, keys, rolled_back
from tests.factories import StandardPageFactory, locale

LANGUAGES = ["en", "tr", "tk", "ru"]

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("wagtail_contracts")]

PASSWORD = "members-only"
OTHER_HOST = "other.example"


def add_cases(home):
    """What the demo lacks: private sections, drafts (a routable one among them), a second site, a
    child whose slug begins a route of its parent."""
    members = StandardPageFactory(parent=home, title="Members", slug="members")
    minutes = StandardPageFactory(parent=members, title="Minutes", slug="minutes")
    board = StandardPageFactory(parent=home, title="Board", slug="board")
    board_agenda = StandardPageFactory(parent=board, title="Board agenda", slug="board-agenda")
    password = PageViewRestriction.objects.create(
        page=members, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    login = PageViewRestriction.objects.create(page=board, restriction_type=PageViewRestriction.LOGIN)
    draft = StandardPageFactory(parent=home, title="Soon", slug="soon", live=False)
    under_draft = StandardPageFactory(parent=draft, title="Under a draft", slug="under-draft")
    # A language has one home page (HomePage.clean): the other site's root is a standard page.
    other_home = StandardPageFactory(parent=Page.get_first_root_node(), title="Other site", slug="other-site")
    elsewhere = StandardPageFactory(parent=other_home, title="Elsewhere", slug="elsewhere")
    # A child whose slug begins routes of its routable parent: the routes win, as in Wagtail.
    directory = SignatoryIndexPage.objects.get(locale=home.locale)
    shadowing = StandardPageFactory(parent=directory, title="Data", slug="data")
    # Unpublished, its routes answer nothing but its children are still found (RoutablePageMixin.route).
    SignatoryIndexPage.objects.filter(locale__language_code="ru").update(live=False)
    Site.objects.create(hostname=OTHER_HOST, port=80, root_page=other_home, site_name="Other")
    return {
        "home": home,
        "members": members,
        "minutes": minutes,
        "board": board,
        "board agenda": board_agenda,
        "password restriction": password,
        "login restriction": login,
        "draft": draft,
        "under draft": under_draft,
        "other home": other_home,
        "elsewhere": elsewhere,
        "shadowing child": shadowing,
    }


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        demo_content()
        home = Site.objects.get(is_default_site=True).root_page.specific
        yield keys(add_cases(home))


@pytest.fixture
def data(shared):
    return fresh(shared)


def test_the_private_sections_exist_in_english_only(data):
    """The premise of the exact privacy comparisons below: no other page shares their translation keys."""
    for name in ("members", "minutes", "board", "board agenda"):
        assert list(data[name].get_translations()) == [], name


# Routing ---------------------------------------------------------------------------------------------


def relative_path(page, home):
    return page.url_path[len(home.url_path) :]


def representatives(home):
    """One page of every type below `home`: its own translation, an alias and a draft, where it has them."""
    chosen = {}
    for page in home.get_descendants().order_by("path").only("pk", "content_type", "alias_of", "live"):
        chosen.setdefault((page.content_type_id, page.alias_of_id is not None, page.live), page.pk)
    return Page.objects.filter(pk__in=chosen.values()).order_by("path")


def subpaths(model):
    """A path for every route of a RoutablePageMixin page type, each argument filled in, and for
    the beginnings of those paths."""
    found = set()
    for pattern in model.get_subpage_urls():
        components = re.sub(r"<[^>]+>", "7", str(pattern.pattern)).strip("/").split("/")
        found |= {"".join(f"{component}/" for component in components[:end]) for end in range(1, len(components) + 1)}
    return sorted(found - {"/"})  # the page itself is routed already


def routing_cases(language):
    """[(host, path)] to route in `language`: every page type, sub-route, unknown and odd path."""
    default_site = Site.objects.get(is_default_site=True)
    home = default_site.root_page.get_translation(locale(language))
    cases = [(default_site.hostname, ""), (default_site.hostname, "/")]
    for page in representatives(home):
        path = relative_path(page, home)
        cases += [(default_site.hostname, path), (default_site.hostname, path.rstrip("/"))]
        cases.append((default_site.hostname, path + "no-such-child/"))
        model = page.specific_class
        if issubclass(model, RoutablePageMixin):
            cases += [(default_site.hostname, path + subpath) for subpath in subpaths(model)]
            cases.append((default_site.hostname, path + "no-such-route/7/"))
    cases += [
        (default_site.hostname, "no-such-page/"),
        (default_site.hostname, "members/minutes/"),  # behind a password (English only: 404 elsewhere)
        (default_site.hostname, "members//minutes/"),
        (default_site.hostname, "board/board-agenda/"),  # behind a login
        (default_site.hostname, "soon/"),  # a draft
        (default_site.hostname, "soon/under-draft/"),
        ("unknown.example", ""),  # no such site: the default one answers
        ("unknown.example", "members/"),
        (OTHER_HOST, ""),
        (OTHER_HOST, "elsewhere/"),
        (OTHER_HOST, "members/"),  # a page of the default site, not of this one
    ]
    return cases


def request_for(host, language, path):
    return RequestFactory().get(f"/{language}/{path.lstrip('/')}", HTTP_HOST=host)


def plain(value):
    """A route argument in comparable form: a routable page's view by its name."""
    if callable(value):
        return getattr(value, "__qualname__", repr(value))
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def described(result, request):
    """What a route result says: the page (type, every field, locale, parent), args and kwargs."""
    if result is None:
        return None
    page, args, kwargs = result
    match = getattr(request, "routable_resolver_match", None)
    return {
        "type": type(page),
        "fields": {field.attname: field.value_to_string(page) for field in page._meta.concrete_fields},
        "locale": page.locale.language_code,
        "source locale": page.alias_of.locale.language_code if page.alias_of_id else None,
        "parent": page.get_parent().pk,
        "args": plain(args),
        "kwargs": plain(kwargs),
        "routable match": match and (match.url_name, plain(match.args), plain(match.kwargs)),
    }


def routed_by_wagtail(host, language, path):
    request = request_for(host, language, path)
    with translation.override(language):
        return described(Page.route_for_request(request, path), request)


def routed_by_core(host, language, path, home_depth):
    """core.routing's answer, as the middleware hands it to Wagtail's serve view (Http404: no page),
    and the queries its page then costs for its locale, its alias's source and its parent (none)."""
    request = request_for(host, language, path)
    with translation.override(language):
        try:
            result = routing.route(request, path)
        except Http404:
            return None, 0
        if result is None:
            return "left to Wagtail", 0
        page = result[0]
        with CaptureQueriesContext(connection) as queries:
            page.locale, page.alias_of  # noqa: B018 - from the cache, and joined to the page's own query
            if page.depth > home_depth:
                page.get_parent()  # the routed ancestor, as Wagtail's Page.route leaves it
        return described(result, request), len(queries)


def difference(found, expected):
    """Where core's answer and Wagtail's differ, in short."""
    if not (isinstance(found, dict) and isinstance(expected, dict)):
        return f"core {summary(found)}, Wagtail {summary(expected)}"
    found, expected = flattened(found), flattened(expected)
    return "; ".join(
        f"{key}: core {found.get(key)!r}, Wagtail {value!r}"
        for key, value in expected.items()
        if found.get(key) != value
    )


def summary(answer):
    return answer["fields"]["url_path"] if isinstance(answer, dict) else answer


def flattened(answer):
    return {**{key: value for key, value in answer.items() if key != "fields"}, **answer["fields"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_core_routing_finds_what_wagtail_finds(data, language):
    """Every case, routed twice by core (the walk, then the cached route) and once by Wagtail."""
    cases = routing_cases(language)
    home_depth = data["home"].depth
    assert data["other home"].depth == home_depth
    differences, routed = [], []
    for host, path in cases:
        expected = routed_by_wagtail(host, language, path)
        routed.append(expected)
        for attempt in ("walked", "cached"):
            found, queries = routed_by_core(host, language, path, home_depth)
            if found != expected:
                differences.append(f"{host} /{language}/{path} ({attempt}): {difference(found, expected)}")
            elif found is not None and queries:
                differences.append(f"{host} /{language}/{path} ({attempt}): {queries} queries for locale or parent")
    assert not differences, "\n".join(differences)
    # The cases cover what they say they cover: every page type, routes with arguments, aliases, 404s.
    home = Site.objects.get(is_default_site=True).root_page.get_translation(locale(language))
    live_types = {page.specific_class for page in home.get_descendants(inclusive=True).live()}
    assert {answer["type"] for answer in routed if answer} >= live_types
    assert any(answer and answer["routable match"] and answer["routable match"][2] for answer in routed)
    assert any(answer and answer["source locale"] for answer in routed) == (language != "en")
    assert None in routed


def test_the_routed_cases_include_private_pages_drafts_the_other_site_and_a_shadowing_child(data):
    """What core finds for the added cases (the test above checks that Wagtail finds the same)."""
    default_host = Site.objects.get(is_default_site=True).hostname
    directory = data["shadowing child"].get_parent()
    directory_path = relative_path(directory, data["home"])
    cases = [
        (default_host, "members/minutes/", data["minutes"]),  # behind a password
        (default_host, "board/board-agenda/", data["board agenda"]),  # behind a login
        (default_host, "soon/", None),  # a draft
        (default_host, "soon/under-draft/", data["under draft"]),  # as Wagtail: only the page must be live
        (OTHER_HOST, "elsewhere/", data["elsewhere"]),
        (default_host, directory_path + "data/", directory),  # the open-data page's route wins over the child
        (default_host, directory_path + "data/csv/", directory),  # and so does the route below it
    ]
    for host, path, expected in cases:
        found, _queries = routed_by_core(host, "en", path, data["home"].depth)
        assert (found and found["fields"]["id"]) == (expected and str(expected.pk)), path


@pytest.mark.parametrize("host", ["testserver", OTHER_HOST, "unknown.example", "testserver:8000"])
def test_core_finds_the_site_wagtail_finds(data, host):
    request = RequestFactory().get("/", HTTP_HOST=host)
    site = routing.find_site(request)
    expected = Site.find_for_request(RequestFactory().get("/", HTTP_HOST=host))
    assert [getattr(site, name) for name in routing.SITE_FIELDS] == [
        getattr(expected, name) for name in routing.SITE_FIELDS
    ]
    assert site.root_page == expected.root_page
    assert routing.find_site(RequestFactory().get("/", HTTP_HOST=host)) == expected  # from the cache


def test_a_host_outside_allowed_hosts_is_refused_before_any_site_is_looked_up(data, settings, client):
    """Wagtail's Site.find_for_request reads the raw host and answers for any; core reads
    request.get_host(), so a host Django would refuse a step later is refused at once, with the
    same 400."""
    settings.ALLOWED_HOSTS = ["testserver"]
    with pytest.raises(DisallowedHost):
        routing.find_site(RequestFactory().get("/", HTTP_HOST="evil.example"))
    assert Site.find_for_request(RequestFactory().get("/", HTTP_HOST="evil.example")) is not None
    assert client.get("/en/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/en/").status_code == 200


def test_wagtail_takes_the_site_and_route_the_middleware_hands_it(data):
    """core.middleware hands its answers to Wagtail's serve view on the attributes where Wagtail's
    Site.find_for_request and Page.route_for_request keep theirs (as their docstrings say)."""
    request = RequestFactory().get("/en/members/")
    site = Site(hostname="handed.example", root_page_id=data["home"].pk)
    request._wagtail_site = site
    assert Site.find_for_request(request) is site
    route = (data["members"], (), {})
    request._wagtail_route_for_request = route
    assert Page.route_for_request(request, "no-such-page/") is route
    assert Page.find_for_request(request, "no-such-page/") is data["members"]


# Privacy ---------------------------------------------------------------------------------------------


def wagtail_private():
    return set(Page.objects.filter(PageQuerySet(Page).private_q()).values_list("pk", flat=True))


def core_private():
    return set(Page.objects.filter(BasePageQuerySet(Page).private_q()).values_list("pk", flat=True))


def sample_pages(data):
    """The private sections and their surroundings, and one page of every type in every locale."""
    home = data["home"]
    pages = {page.pk: page for page in home.get_children()}
    pages[home.pk] = home
    for code in LANGUAGES:
        localized = home.get_translation(locale(code))
        pages.update({page.pk: page for page in representatives(localized)})
    for name in ("members", "minutes", "board", "board agenda", "under draft", "elsewhere"):
        pages[data[name].pk] = data[name]
    return list(Page.objects.filter(pk__in=list(pages)).order_by("path").specific())


def restriction_ids(page, implementation):
    return set(implementation(page).values_list("pk", flat=True))


def wagtails_view_restrictions(page):
    return Page.get_view_restrictions(page)


def cores_view_restrictions(page):
    return page.get_view_restrictions()


def covered_through_translations(restricted):
    """Pages a restriction on `restricted` covers by core's rule, found with Wagtail's APIs: the
    translation set of the page, the aliases of its pages (and their sets...), every subtree."""
    reached, todo = set(), [restricted]
    while todo:
        page = todo.pop()
        if page.pk in reached:
            continue
        reached.add(page.pk)
        todo += [*page.get_translations(), *Page.objects.filter(alias_of=page)]
    covered = set()
    for page in Page.objects.filter(pk__in=reached):
        covered |= set(page.get_descendants(inclusive=True).values_list("pk", flat=True))
    return covered


def test_without_restrictions_across_translations_private_pages_are_wagtails(data):
    assert wagtail_private() == core_private()
    assert {data[name].pk for name in ("members", "minutes", "board", "board agenda")} <= core_private()
    assert set(StandardPage.objects.public().values_list("pk", flat=True)) == set(
        PageQuerySet(StandardPage).public().values_list("pk", flat=True)
    )
    assert set(StandardPage.objects.not_public().values_list("pk", flat=True)) == set(
        PageQuerySet(StandardPage).not_public().values_list("pk", flat=True)
    )


def test_without_restrictions_across_translations_each_page_has_wagtails_view_restrictions(data):
    differences = {
        page.url_path: (
            restriction_ids(page, cores_view_restrictions),
            restriction_ids(page, wagtails_view_restrictions),
        )
        for page in sample_pages(data)
        if restriction_ids(page, cores_view_restrictions) != restriction_ids(page, wagtails_view_restrictions)
    }
    assert not differences, differences
    assert restriction_ids(data["minutes"], cores_view_restrictions) == {data["password restriction"].pk}
    assert restriction_ids(data["board agenda"], cores_view_restrictions) == {data["login restriction"].pk}


def test_descendants_are_wagtails(data):
    differences = []
    for page in sample_pages(data):
        for inclusive in (False, True):
            ours = set(Page.objects.filter(BasePageQuerySet(Page).descendant_of_q(page, inclusive)).values_list("pk"))
            theirs = set(Page.objects.filter(PageQuerySet(Page).descendant_of_q(page, inclusive)).values_list("pk"))
            if ours != theirs:
                differences.append((page.url_path, inclusive, ours ^ theirs))
    assert not differences, differences
    assert StandardPage.objects.descendant_of(data["members"]).get().pk == data["minutes"].pk


def translated_page(home, kind):
    """A live Turkish translation in the demo, below the home: a section (with children) or an item
    (whose source has aliases in the locales without a translation)."""
    translated = Page.objects.filter(locale__language_code="tr", alias_of=None, depth__gt=home.depth, live=True)
    for page in translated.order_by("path"):
        if kind == "section" and page.get_children().exists():
            return page
        if kind == "item" and page.get_translations().filter(alias_of__isnull=False).exists():
            return page
    pytest.fail(f"the demo has no Turkish {kind}")


@pytest.mark.parametrize(("kind", "language"), [("section", "tr"), ("section", "en"), ("item", "tr"), ("item", "en")])
def test_a_restriction_on_one_translation_adds_exactly_its_set_to_wagtails_answer(data, kind, language):
    """A restriction on the Turkish translation (or on the English source) of a section or an item:
    Wagtail's answer, plus the other pages of its set (aliases included) and their subtrees, and
    nothing else."""
    restricted = translated_page(data["home"], kind).get_translation(locale(language))
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="another-password"
    )
    theirs, ours = wagtail_private(), core_private()
    extra = covered_through_translations(restricted) - theirs
    assert extra and ours == theirs | extra
    differences = {}
    for page in [*sample_pages(data), *Page.objects.filter(pk__in=extra).specific()]:
        core_ids = restriction_ids(page, cores_view_restrictions)
        wagtail_ids = restriction_ids(page, wagtails_view_restrictions)
        expected_extra = {restriction.pk} if page.pk in extra and restriction.pk not in wagtail_ids else set()
        if not core_ids >= wagtail_ids or core_ids - wagtail_ids != expected_extra:
            differences[page.url_path] = (core_ids, wagtail_ids, expected_extra)
    assert not differences, differences


def test_a_restriction_held_by_an_alias_counts_for_nothing_where_wagtail_ignores_it_too(data):
    """Wagtail's get_view_restrictions reads an alias's privacy from its source, so serving ignores a
    restriction held by the alias; its `private_q` does not. Core follows serving: the one place
    where core's private pages are fewer than Wagtail's."""
    alias = Page.objects.filter(alias_of__isnull=False, locale__language_code="tk", live=True).order_by("path")[0]
    PageViewRestriction.objects.create(page=alias, restriction_type=PageViewRestriction.LOGIN)
    subtree = set(alias.get_descendants(inclusive=True).values_list("pk", flat=True))
    assert core_private() == wagtail_private() - subtree
    for page in Page.objects.filter(pk__in=subtree).specific():
        assert restriction_ids(page, cores_view_restrictions) == restriction_ids(page, wagtails_view_restrictions)


# Search ----------------------------------------------------------------------------------------------

#: English texts that folding leaves as they are: modelsearch's indexer does not fold, ours does.
TEXTS = [
    ("study visit to muğla", "the climate plan of the province; heat pumps for schools."),
    ("energy poverty", ""),
    ("ashgabat and ашхабад", "cities retrofitting buildings, twinned since 2019."),
]


def english_pages(home):
    pages = [
        StandardPageFactory(parent=home, title=title, slug=f"index-contract-{number}", introduction=introduction)
        for number, (title, introduction) in enumerate(TEXTS)
    ]
    for text in [text for pair in TEXTS for text in pair]:
        assert fold(text, "en") == text
    return [page.specific for page in Page.objects.filter(pk__in=[page.pk for page in pages]).order_by("pk")]


def revised(objects):
    """Copies of `objects` with another title, to index over their rows."""
    copies = [copy.copy(obj) for obj in objects]
    for obj in copies:
        obj.title = f"{obj.title} revised"
    return copies


def stored_rows(index, model, objects):
    """Every column of the index rows of `objects`, after an insert and after an update."""
    entries = index.entries.filter(object_id__in=[str(obj.pk) for obj in objects])
    columns = [field.attname for field in entries.model._meta.concrete_fields if field.attname != "id"]
    expressions = {column: f"{column}::text" for column in columns} if connection.vendor == "postgresql" else {}

    def rows():
        if expressions:
            with connection.cursor() as cursor:
                table = entries.model._meta.db_table
                cursor.execute(
                    f"SELECT {', '.join(expressions.values())} FROM {table} WHERE object_id = ANY(%s) ORDER BY object_id",  # noqa: S608
                    [[str(obj.pk) for obj in objects]],
                )
                return cursor.fetchall()
        found = list(entries.order_by("object_id").values_list(*columns))
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

        fts = list(
            SQLiteFTSIndexEntry.objects.filter(index_entry__in=entries)
            .order_by("index_entry__object_id")
            .values_list("title", "autocomplete", "body")
        )
        return found + fts

    entries.delete()
    index.add_items(model, objects)
    inserted = rows()
    index.add_items(model, revised(objects))
    return inserted, rows()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite index is used on SQLite only")
def test_the_sqlite_index_stores_the_rows_modelsearch_stores(data):
    from modelsearch.backends.database.sqlite.sqlite import SQLiteIndex

    backend = backends.LanguageDatabaseSearchBackend({})
    assert isinstance(backend, backends.LanguageSQLiteSearchBackend)
    pages = english_pages(data["home"])
    upstream = stored_rows(SQLiteIndex(backend), StandardPage, pages)
    ours = stored_rows(backends.LanguageSQLiteIndex(backend), StandardPage, pages)
    assert ours == upstream
    assert len(upstream[0]) == 2 * len(pages)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL index is used on PostgreSQL only")
def test_the_postgres_index_stores_the_rows_modelsearch_stores(data):
    from modelsearch.backends.database.postgres.postgres import PostgresIndex

    # modelsearch's indexer takes the backend's configuration, ours the object's language's: here the same.
    backend = backends.LanguageDatabaseSearchBackend({}).for_language("en")
    pages = english_pages(data["home"])
    upstream = stored_rows(PostgresIndex(backend), StandardPage, pages)
    ours = stored_rows(backends.LanguagePostgresIndex(backend), StandardPage, pages)
    assert ours == upstream
    assert len(upstream[0]) == len(pages)


def test_modelsearch_is_the_release_whose_index_writes_are_repeated():
    installed = importlib.metadata.version("modelsearch")
    assert installed == backends.MODELSEARCH_VERSION, (
        f"modelsearch {installed} is installed; search/backends.py repeats the add_items of "
        f"SQLiteIndex and PostgresIndex of modelsearch {backends.MODELSEARCH_VERSION}. Compare them with "
        "the new release's (and ObjectIndexer's prepare_value and as_vector), carry the changes over, "
        "run this module on SQLite and PostgreSQL, then set MODELSEARCH_VERSION."
    )
