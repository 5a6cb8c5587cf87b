"""REDIS_URL: the shared cache (page chrome, rate-limit counters) in Redis, for every process.

Uses the Redis at 127.0.0.1:6379 under a key prefix of its own, and deletes only its own keys.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache

from core import cache as content_cache
from tests.services import REDIS_URL, redis_missing, require

BASE_DIR = Path(__file__).resolve().parent.parent


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _redis():
    require(redis_missing(), "the shared Redis cache tests")


def settings_in_a_new_process(**environment):
    """CACHES as cms.settings.dev computes them from `environment`."""
    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps({alias: c['BACKEND'] for alias, c in settings.CACHES.items()}))"
    )
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", PYTHONPATH=str(BASE_DIR), **environment)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)  # noqa: S603
    return result.stdout.strip()


def test_redis_url_switches_the_shared_cache_to_redis():
    assert settings_in_a_new_process(REDIS_URL=REDIS_URL) == (
        '{"default": "django_redis.cache.RedisCache", "renditions": "django_redis.cache.RedisCache"}'
    )


def test_without_redis_the_embedded_default_is_shared_by_the_processes_of_the_machine():
    assert settings_in_a_new_process() == (
        '{"default": "django.core.cache.backends.filebased.FileBasedCache", '
        '"renditions": "django.core.cache.backends.locmem.LocMemCache"}'
    )


@pytest.fixture
def redis_cache(settings):
    prefix = f"test-performance-{uuid.uuid4().hex}"
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix},
    }
    content_cache.clear_local()
    yield prefix
    cache.delete_pattern("*")  # the pattern gets the prefix: only this test's keys
    content_cache.clear_local()


def another_process_cache(prefix):
    """A second connection to the same Redis, as another worker process would open."""
    from django_redis.cache import RedisCache

    return RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})


def test_every_process_reads_the_chrome_generation_from_redis(client, site_tree, redis_cache):
    assert client.get("/en/").status_code == 200
    other = another_process_cache(redis_cache)
    token = other.get(content_cache.GENERATION_KEY)
    assert token == content_cache.generation()
    site_tree["en"].save_revision().publish()  # any content change, in this process
    assert other.get(content_cache.GENERATION_KEY) not in (None, token)


# Rate-limit counters in Redis, shared by processes: tests/test_rate_limits.py.
