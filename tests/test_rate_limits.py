"""Rate limits of search, autocomplete, open data and the forms: 429 in the visitor's language with
Retry-After, counted per client in the shared cache (also across processes, on Redis)."""

import json
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import override_settings

from core import cache as content_cache
from core.translation import synchronise_trees
from tests.newsletter_factories import NewsletterIndexPageFactory
from tests.services import REDIS_URL, redis_missing, require
from tests.signatory_factories import SignatoryPageFactory, make_directory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_rate_limits"),
]

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture
def directory(site_tree):
    pages = make_directory(site_tree)
    SignatoryPageFactory(parent=pages["en"], title="Muğla", slug="mugla")
    synchronise_trees()
    return pages


def get(client, path, address="203.0.113.5", **extra):
    return client.get(path, REMOTE_ADDR=address, **extra)


def assert_refused(response, language):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 24 * 3600
    assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert response["Content-Language"] == language


class TestSearch:
    @override_settings(SEARCH_RATE_LIMIT="3/h")
    @pytest.mark.parametrize(("language", "home_link"), [("en", "Go to the home page"), ("tr", "Ana sayfaya git")])
    def test_searching_too_often_gets_a_429_page_in_the_visitors_language(self, client, site_tree, language, home_link):
        for _ in range(3):
            assert get(client, f"/{language}/search/?q=climate").status_code == 200
        refused = get(client, f"/{language}/search/?q=climate")
        assert_refused(refused, language)
        page = BeautifulSoup(refused.content, "html.parser")
        assert page.html["lang"] == language
        assert page.h1.get_text(strip=True)
        assert page.find("main").find("a", class_="button").get_text(strip=True) == home_link
        if language == "en":
            assert re.search(r"Please try again in \d+ minutes?\.", page.find("main").get_text())
        # Another client is not affected.
        assert get(client, f"/{language}/search/?q=climate", address="203.0.113.6").status_code == 200

    @override_settings(AUTOCOMPLETE_RATE_LIMIT="2/h")
    def test_the_autocomplete_answers_json_and_its_429_is_never_cached(self, client, site_tree):
        for _ in range(2):
            allowed = get(client, "/tr/search/autocomplete/?q=ikl")
            assert allowed.status_code == 200
            assert "public" in allowed["Cache-Control"]
        refused = get(client, "/tr/search/autocomplete/?q=ikl")
        assert_refused(refused, "tr")
        assert refused["Content-Type"] == "application/json"
        assert json.loads(refused.content)["error"]

    @override_settings(SEARCH_RATE_LIMIT="1/h")
    def test_ipv6_clients_are_counted_by_their_network(self, client, site_tree):
        assert get(client, "/en/search/?q=a", address="2001:db8:5:6::1").status_code == 200
        assert get(client, "/en/search/?q=a", address="2001:db8:5:6::99").status_code == 429
        assert get(client, "/en/search/?q=a", address="2001:db8:5:7::1").status_code == 200

    @override_settings(SEARCH_RATE_LIMIT="1/h")
    def test_a_cache_that_is_down_lets_searches_through(self, client, site_tree, monkeypatch):
        def down(*args, **kwargs):
            raise ConnectionError("cache unreachable")

        get(client, "/en/search/?q=a")  # the page chrome is cached first: only the counter fails below
        monkeypatch.setattr(cache, "add", down)
        monkeypatch.setattr(cache, "incr", down)
        for _ in range(3):
            assert get(client, "/en/search/?q=a").status_code == 200


class TestOpenData:
    @override_settings(OPEN_DATA_RATE_LIMIT="2/h")
    def test_the_csv_and_json_exports_share_a_limit(self, client, directory):
        assert get(client, "/en/signatories/data/csv/").status_code == 200
        assert get(client, "/tr/imzacilar/data/json/").status_code == 200
        refused = get(client, "/tr/imzacilar/data/csv/")
        assert_refused(refused, "tr")
        assert BeautifulSoup(refused.content, "html.parser").html["lang"] == "tr"
        # The map's data has a limit of its own.
        assert get(client, "/en/signatories/data/geojson/").status_code == 200

    @override_settings(MAP_DATA_RATE_LIMIT="1/h")
    def test_the_map_data_is_limited_too(self, client, directory):
        assert get(client, "/en/signatories/data/geojson/").status_code == 200
        assert_refused(get(client, "/en/signatories/data/geojson/"), "en")


class TestForms:
    @override_settings(NEWSLETTER_SIGNUP_RATE="1/h")
    def test_a_form_refused_in_its_own_page_also_says_when_to_come_back(self, client, site_tree):
        NewsletterIndexPageFactory(parent=site_tree["en"])
        data = {"email": "a@example.org", "language": "en", "consent": "on", "ui_language": "en", "form_name": "page"}
        assert client.post("/newsletter/subscribe/", data).status_code == 200
        refused = client.post("/newsletter/subscribe/", {**data, "email": "b@example.org"})
        assert refused.status_code == 429
        assert 1 <= int(refused["Retry-After"]) <= 3600


class TestBehindAProxy:
    @override_settings(SEARCH_RATE_LIMIT="1/h", CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR")
    def test_clients_are_told_apart_by_the_address_the_proxy_saw(self, client, site_tree):
        proxy = "10.0.0.1"
        first = get(client, "/en/search/?q=a", address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.1")
        second = get(client, "/en/search/?q=a", address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.2")
        assert (first.status_code, second.status_code) == (200, 200)
        # A client cannot escape its count by sending its own X-Forwarded-For: the proxy appends the real one.
        forged = get(client, "/en/search/?q=a", address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.77, 198.51.100.1")
        assert forged.status_code == 429

    @override_settings(SEARCH_RATE_LIMIT="1/h")
    def test_without_the_setting_the_header_is_ignored(self, client, site_tree):
        assert get(client, "/en/search/?q=a", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200
        assert get(client, "/en/search/?q=a", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


# Redis ---------------------------------------------------------------------------------------------


def redis_caches(prefix):
    return {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix},
        "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "renditions"},
    }


@pytest.fixture
def redis_cache(settings):
    require(redis_missing(), "the Redis rate-limit tests")
    prefix = f"test-ratelimits-{uuid.uuid4().hex}"
    settings.CACHES = redis_caches(prefix)
    content_cache.clear_local()
    yield prefix
    cache.delete_pattern("*")  # the pattern gets the prefix: only this test's keys
    content_cache.clear_local()


COUNT_IN_ANOTHER_PROCESS = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.test import RequestFactory, override_settings
from core.ratelimits import limited

caches, address, rate = json.loads(sys.argv[1])
with override_settings(CACHES=caches):
    request = RequestFactory().get("/en/search/", REMOTE_ADDR=address)
    print(json.dumps(limited(request, "search", rate)))
"""


def count_in_another_process(prefix, address, rate):
    """One search counted by another Python process (another worker) against the same Redis."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", "PYTHONPATH": str(BASE_DIR)}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", COUNT_IN_ANOTHER_PROCESS, json.dumps([redis_caches(prefix), address, rate])],
        env=env,
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


@override_settings(SEARCH_RATE_LIMIT="3/d")
def test_two_processes_share_the_count_in_redis(client, site_tree, redis_cache):
    assert get(client, "/en/search/?q=a").status_code == 200
    assert get(client, "/en/search/?q=a").status_code == 200
    # A request to another worker process: the third of the day, still allowed...
    assert count_in_another_process(redis_cache, "203.0.113.5", "3/d") is False
    # ...and this process sees it: the fourth is refused.
    assert get(client, "/en/search/?q=a").status_code == 429
    # The other process sees this one's count too, and another client is unaffected.
    assert count_in_another_process(redis_cache, "203.0.113.5", "3/d") is True
    assert count_in_another_process(redis_cache, "203.0.113.9", "3/d") is False
    # The counters are in Redis, under this test's prefix, and name no address in clear.
    import redis

    keys = redis.Redis.from_url(REDIS_URL).keys(f"{redis_cache}:*")
    assert keys
    assert not any(b"203.0.113" in key for key in keys)
