"""Fixtures shared by the whole suite.

`site_tree` gives the smallest real site: a home page in every configured language (the
English one the source, the others translations made by wagtail-localize), set as the root
of the default Wagtail site.

Data built once for the tests that only read it: a module that lists `shared_site_tree` in its
`usefixtures` builds that site once, in a transaction rolled back at the end of the module;
pytest-django runs each test in a savepoint of it, so what a test changes no other test sees,
and `site_tree` hands every test fresh instances of the same pages. `rolled_back` is the same
pattern for a module's own larger data sets (tests/database.py).
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType

import tests.hypothesis_profiles  # noqa: F401 - loads the profile HYPOTHESIS_PROFILE names
from home.models import HomePage
from tests.database import rolled_back
from tests.factories import build_site_tree


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the `empties_database` modules after everything else.

    pytest-django runs the tests inside a transaction first, then the transactional ones (which
    restore the rows migrations made before they start). A module that commits data for the live
    server once and empties the tables when done would leave the tests after it without Wagtail's
    root page and locales, so it goes last (after this hook's stable sort, after pytest-django's).
    """
    items.sort(key=lambda item: item.get_closest_marker("empties_database") is not None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, with every model's content type in Django's cache.

    Migrating leaves that cache empty. A serialized rollback (transactional tests, the browser
    tests' reset) restores content types after other rows, and some models' save() asks for their
    content type (Wagtail's Task): from an empty cache it would create the row, which the restore
    then inserts again. The restored rows keep their keys, so the cache stays right.
    """
    with django_db_blocker.unblock():
        ContentType.objects.get_for_models(*apps.get_models(include_auto_created=True), for_concrete_models=False)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    from core.cache import clear_local

    for cache in caches.all(initialized_only=True):
        cache.clear()
    clear_local()
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture
def languages():
    return [code for code, _name in settings.LANGUAGES]


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "a-long-test-password")


@pytest.fixture(scope="module")
def shared_site_tree(django_db_setup, django_db_blocker):
    """{language code: primary key} of a `site_tree` built once for the module that asks for it."""
    with rolled_back(django_db_blocker):
        yield {code: home.pk for code, home in build_site_tree().items()}


@pytest.fixture
def site_tree(request, db):
    """{language code: HomePage}, with the English home as the default site's root.

    Built for the test, or read again from the module's `shared_site_tree` where the module uses it.
    """
    if "shared_site_tree" in request.fixturenames:
        shared = request.getfixturevalue("shared_site_tree")
        homes = HomePage.objects.in_bulk(shared.values())
        return {code: homes[pk] for code, pk in shared.items()}
    return build_site_tree()
