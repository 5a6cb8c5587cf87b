"""Fixtures shared by the whole suite.

`site_tree` gives the smallest real site: a home page in every configured language (the
English one the source, the others translations made by wagtail-localize), set as the root
of the default Wagtail site.
"""

import pytest
from django.conf import settings
from wagtail.models import Page, Site

from core.translation import translate
from tests.factories import HomePageFactory, locale

HOME_TITLES = {"en": "Home", "tr": "Ana sayfa", "tk": "Baş sahypa", "ru": "Главная"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the `empties_database` modules after everything else.

    pytest-django runs the tests inside a transaction first, then the transactional ones (which
    restore the rows migrations made before they start). A module that commits data for the live
    server once and empties the tables when done would leave the tests after it without Wagtail's
    root page and locales, so it goes last (after this hook's stable sort, after pytest-django's).
    """
    items.sort(key=lambda item: item.get_closest_marker("empties_database") is not None)


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


@pytest.fixture
def site_tree(db, languages):
    """{language code: HomePage}, with the English home as the default site's root."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()  # Wagtail's welcome page
    home = HomePageFactory(parent=root, slug="home", locale=locale(settings.LANGUAGE_CODE))
    Site.objects.all().delete()
    Site.objects.create(hostname="testserver", port=80, root_page=home, is_default_site=True, site_name="Test")
    homes = {settings.LANGUAGE_CODE: home}
    for code in languages:
        if code != settings.LANGUAGE_CODE:
            homes[code] = translate(home, locale(code), {"Home": HOME_TITLES.get(code, "Home")})
    return homes
