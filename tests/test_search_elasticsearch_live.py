"""Search against a real Elasticsearch: runs whenever ELASTICSEARCH_URL is set, skipped otherwise.

    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/pytest tests/test_search_elasticsearch_live.py -ra

Every test builds its own indexes (a random prefix) with `manage.py update_index` and deletes
them afterwards, so a shared cluster is safe to use. See README.md, "Search".
"""

import os

import pytest
from django.core.management import call_command
from django.utils.crypto import get_random_string

from search.service import _configured_backend, get_backend
from tests.search_factories import event, news, page
from tests.test_search import titles

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if not ELASTICSEARCH_URL:
    pytest.skip(
        "Elasticsearch tests need a server: set ELASTICSEARCH_URL (e.g. http://127.0.0.1:9200) to run them",
        allow_module_level=True,
    )

pytestmark = pytest.mark.django_db


@pytest.fixture
def elasticsearch(settings):
    prefix = f"test_{get_random_string(8).lower()}_"
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.LanguageElasticsearchSearchBackend",
            "URLS": [url.strip() for url in ELASTICSEARCH_URL.split(",")],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 20,
            "AUTO_UPDATE": False,  # the pages of each test are indexed by update_index below
        }
    }
    settings.SEARCH_FALLBACK_BACKEND = None  # a failure must show, not be hidden by the database
    _configured_backend.cache_clear()
    yield prefix
    client = get_backend("default").es
    for name in client.indices.get(index=f"{prefix}*"):
        client.indices.delete(index=name)
    _configured_backend.cache_clear()


def update_index():
    call_command("update_index", backend_name="default", verbosity=0)


class TestTurkish:
    @pytest.fixture
    def pages(self, site_tree, elasticsearch):
        home = site_tree["tr"]
        page(home, "İstanbul iklim planı", "Büyükşehir belediyesi yeni planını açıkladı.")
        page(home, "İzmir", "Körfez kenti enerji verimliliğine yatırım yapıyor.")
        page(home, "Irmak kıyısında ağaçlandırma", "Sel riskine karşı doğa temelli çözümler.")
        page(home, "Belediyeler birliği", "Ortak çalışma")
        page(home, "Bir belediye", "Yerel yönetim")
        update_index()

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("istanbul", ["İstanbul iklim planı"]),
            ("İSTANBUL'da", ["İstanbul iklim planı"]),
            ("İZMİR", ["İzmir"]),
            ("IRMAK", ["Irmak kıyısında ağaçlandırma"]),
            ("irmak", []),
        ],
    )
    def test_case_folding(self, client, pages, query, expected):
        assert titles(client, "tr", query) == expected

    @pytest.mark.parametrize("query", ["belediye", "belediyesi", "belediyeler"])
    def test_word_forms(self, client, pages, query):
        assert sorted(titles(client, "tr", query)) == ["Belediyeler birliği", "Bir belediye", "İstanbul iklim planı"]


def test_russian_stemming(client, site_tree, elasticsearch):
    page(site_tree["ru"], "Устойчивое развитие городов", "План действий")
    update_index()
    for query in ["город", "города", "городе"]:
        assert titles(client, "ru", query) == ["Устойчивое развитие городов"], query


def test_locale_isolation_facets_and_autocomplete(client, site_tree, elasticsearch):
    page(site_tree["en"], "Energy policy", "What the network asks.")
    news(site_tree["en"], "Community energy", "Cooperatives.")
    event(site_tree["en"], "Energy days", "Open doors.")
    page(site_tree["tr"], "Enerji politikası", "energy")
    update_index()

    assert sorted(titles(client, "en", "energy")) == ["Community energy", "Energy days", "Energy policy"]
    assert titles(client, "tr", "energy") == ["Enerji politikası"]
    assert titles(client, "en", "energy", type="news") == ["Community energy"]
    suggestions = client.get("/en/search/autocomplete/", {"q": "ener"}).json()["results"]
    assert sorted(item["title"] for item in suggestions) == ["Community energy", "Energy days", "Energy policy"]
