"""Sign-in lockout (the admin's form, and the one of pages for signed-in users): failures only are
counted, per (account, address), with waits that double up to a cap, and a ceiling on one address's
failures across accounts; nobody at another address can lock an account's owner out. On the
in-memory cache and on Redis (the shared cache in production)."""

import time
import uuid
from urllib.parse import urlsplit

import django_ratelimit.core
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import resolve, reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from core import cache as content_cache
from core import views as core_views
from core.ratelimits import SignInLockout
from tests.factories import StandardPageFactory
from tests.services import REDIS_URL, redis_missing, require

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_login_lockout"),
]

LOGIN = "/admin/login/"
PAGE_LOGIN = "/en/_util/login/"
PASSWORD = "a-long-test-password"  # the admin_user fixture's
ATTACKER, OWNER = "203.0.113.66", "198.51.100.7"


def sign_in(client, username="admin", password=PASSWORD, address=ATTACKER, language="en"):
    data = {"username": username, "password": password}
    response = client.post(LOGIN, data, REMOTE_ADDR=address, headers={"Accept-Language": language})
    signed_in = "_auth_user_id" in client.session
    client.logout()
    assert (response.status_code == 302) == signed_in, response.status_code
    return response


def fail(client, times=1, **kwargs):
    for _ in range(times):
        assert sign_in(client, password="wrong-guess", **kwargs).status_code == 200  # the form, with its error


def assert_waits(response, low, high):
    assert response.status_code == 429
    assert low <= int(response["Retry-After"]) <= high, response["Retry-After"]
    assert "no-store" in response["Cache-Control"]


class Clock:
    """time.time() moved forward on demand: the waits, django-ratelimit's windows, the cache's expiry."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + self.offset)

    def advance(self, seconds):
        self.offset += seconds


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture(params=["memory", "redis"])
def shared_cache(request, settings):
    """The in-memory cache of the tests, or Redis under a prefix of this test's own."""
    if request.param == "memory":
        yield
        return
    require(redis_missing(), "the Redis sign-in lockout tests")
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"test-lockout-{uuid.uuid4().hex}",
        },
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions"},
    }
    content_cache.clear_local()
    yield
    cache.delete_pattern("*")  # the pattern gets the prefix: only this test's keys
    content_cache.clear_local()


def test_the_sign_in_forms_are_the_counted_views(site_tree):
    assert resolve(LOGIN).func is core_views.admin_login
    # A page for signed-in users sends its visitors to the other sign-in form, in their language.
    page = StandardPageFactory(parent=site_tree["en"], title="Members", slug="members")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get(page.url)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == PAGE_LOGIN
    assert resolve(PAGE_LOGIN).func is core_views.page_login
    with translation.override("tr"):
        assert resolve(reverse("wagtailcore_login")).func is core_views.page_login


@pytest.mark.usefixtures("shared_cache")
class TestOnePairWaits:
    @pytest.fixture(autouse=True)
    def _three_failures_then_a_minute(self, settings):
        settings.ADMIN_LOGIN_FAILURES_BEFORE_DELAY = 3
        settings.ADMIN_LOGIN_DELAY = 60
        settings.ADMIN_LOGIN_MAX_DELAY = 3600

    def test_guesses_from_one_address_make_it_wait_even_with_the_right_password(self, client, admin_user):
        fail(client, times=3)
        refused = sign_in(client, language="tr")
        assert_waits(refused, 55, 60)
        assert BeautifulSoup(refused.content, "html.parser").html["lang"] == "tr"
        # The case of the name makes no other pair; looking at the form is never refused.
        assert_waits(sign_in(client, username="ADMIN"), 55, 60)
        assert client.get(LOGIN, REMOTE_ADDR=ATTACKER).status_code == 200

    def test_the_owner_at_another_address_signs_in_whatever_was_tried_elsewhere(self, client, admin_user):
        fail(client, times=3)
        for number in range(40):  # a spread-out guess of the same account
            fail(client, address=f"192.0.2.{number}")
        assert sign_in(client, address=OWNER).status_code == 302
        assert sign_in(client).status_code == 429  # the guessing address still waits

    def test_the_wait_doubles_at_each_further_failure_up_to_the_cap(self, client, admin_user, clock, settings):
        settings.ADMIN_LOGIN_MAX_DELAY = 240
        fail(client, times=3)
        assert_waits(sign_in(client), 55, 60)
        for waited, next_wait in [(60, 120), (120, 240), (240, 240), (240, 240)]:
            clock.advance(waited + 1)
            fail(client)
            assert_waits(sign_in(client, password="wrong-guess"), next_wait - 5, next_wait)
        clock.advance(241)
        assert sign_in(client).status_code == 302

    def test_both_sign_in_forms_count_the_same_failures(self, client, admin_user):
        fail(client, times=2)
        data = {"username": "admin", "password": "wrong-guess"}
        assert client.post(PAGE_LOGIN, data, REMOTE_ADDR=ATTACKER).status_code == 200
        assert_waits(sign_in(client), 55, 60)
        assert_waits(client.post(PAGE_LOGIN, {**data, "password": PASSWORD}, REMOTE_ADDR=ATTACKER), 55, 60)
        assert client.post(PAGE_LOGIN, {**data, "password": PASSWORD}, REMOTE_ADDR=OWNER).status_code == 302

    def test_a_successful_sign_in_clears_the_pairs_failures(self, client, admin_user):
        fail(client, times=2)
        assert sign_in(client).status_code == 302
        fail(client, times=2)
        assert sign_in(client).status_code == 302


@pytest.mark.usefixtures("shared_cache")
@override_settings(ADMIN_LOGIN_RATE_LIMIT="2/h", ADMIN_LOGIN_FAILURES_BEFORE_DELAY=2)
def test_successful_sign_ins_are_never_counted(client, admin_user):
    for _ in range(30):
        assert sign_in(client).status_code == 302


@pytest.mark.usefixtures("shared_cache")
@override_settings(ADMIN_LOGIN_RATE_LIMIT="5/h", ADMIN_LOGIN_FAILURES_BEFORE_DELAY=3)
def test_one_address_failing_over_many_accounts_is_stopped(client, admin_user, django_user_model):
    for number in range(5):
        django_user_model.objects.create_superuser(f"editor{number}", f"editor{number}@example.org", PASSWORD)
        fail(client, username=f"editor{number}")
    # Past five failures the address is refused, even for an account it never tried, with its password.
    refused = sign_in(client)
    assert_waits(refused, 1, 3600)
    # Everyone else signs in.
    assert sign_in(client, address=OWNER).status_code == 302
    assert sign_in(client, username="editor0", address="2001:db8:1::5").status_code == 302


class DownCache:
    def __getattr__(self, name):
        def down(*args, **kwargs):
            raise ConnectionError("cache unreachable")

        return down


@override_settings(ADMIN_LOGIN_RATE_LIMIT="1/h", ADMIN_LOGIN_FAILURES_BEFORE_DELAY=1)
def test_a_cache_that_is_down_lets_sign_ins_through(client, admin_user, monkeypatch):
    # Only the counters' cache is down: the rest of the site has its own failures to handle.
    monkeypatch.setattr(SignInLockout, "cache", DownCache())
    monkeypatch.setattr(django_ratelimit.core, "caches", {"default": DownCache()})
    fail(client, times=3)
    assert sign_in(client).status_code == 302
