"""The health endpoints (core.health), as a load balancer and a supervisor call them.

The database going away is proven on a real PostgreSQL server in tests/test_faults.py; here the
cache and Elasticsearch are real servers that answer, refuse, or accept and never answer.
"""

import logging
import socket
import threading

import pytest
from django.test import override_settings

from tests.services import REDIS_URL, redis_missing, require

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def silent_server():
    """An address that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted, stop = [], threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    server.close()


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }


@pytest.fixture
def log(caplog):
    caplog.set_level(logging.WARNING, logger="core.health")
    return caplog


def assert_uncached(response):
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response


class TestLive:
    def test_the_process_answers_without_asking_the_database(self, client, django_assert_num_queries):
        with django_assert_num_queries(0):
            response = client.get("/health/live")
        assert (response.status_code, response.content) == (200, b"up\n")
        assert response["Content-Type"] == "text/plain"
        assert_uncached(response)

    def test_probes_over_http_from_any_host_are_answered_not_redirected(self, client):
        with override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["network.example.org"]):
            for path in ("/health/live", "/health/live/", "/health/ready"):
                assert client.get(path, HTTP_HOST="10.0.0.7:8000").status_code == 200

    def test_head_answers_without_a_body_and_other_methods_are_refused(self, client):
        head = client.head("/health/live")
        assert (head.status_code, head.content) == (200, b"")
        refused = client.post("/health/ready")
        assert (refused.status_code, refused["Allow"]) == (405, "GET, HEAD")

    def test_never_rate_limited(self, client):
        assert {client.get("/health/ready", REMOTE_ADDR="203.0.113.9").status_code for _ in range(300)} == {200}


class TestReady:
    def test_up_when_the_database_and_the_cache_answer(self, client):
        response = client.get("/health/ready")
        assert (response.status_code, response.content) == (200, b"up\n")
        assert_uncached(response)

    def test_with_the_real_redis(self, client):
        require(redis_missing(), "Redis at 127.0.0.1:6379")
        with override_settings(CACHES=redis_cache(REDIS_URL)):
            assert client.get("/health/ready").status_code == 200

    def test_down_when_the_cache_refuses_and_nothing_says_which(self, client, log):
        with override_settings(CACHES=redis_cache(f"redis://127.0.0.1:{closed_port()}/0")):
            response = client.get("/health/ready")
        assert (response.status_code, response.content) == (503, b"down\n")
        assert_uncached(response)
        assert "Not ready: cache." in log.text

    def test_down_when_elasticsearch_refuses(self, client, log):
        with override_settings(ELASTICSEARCH_URL=f"http://127.0.0.1:{closed_port()}"):
            assert client.get("/health/ready").status_code == 503
        assert "Not ready: elasticsearch." in log.text

    def test_down_when_elasticsearch_never_answers(self, client, silent_server, log):
        with override_settings(ELASTICSEARCH_URL=silent_server, HEALTH_CHECK_TIMEOUT=0.5):
            assert client.get("/health/ready").status_code == 503
        assert "Not ready: elasticsearch." in log.text
