"""Search on PostgreSQL: each language's text search configuration, stemming, and Turkish case rules.

PostgreSQL only: SQLite has no stemmer. CI runs the suite a second time with DATABASE_URL
pointing at PostgreSQL, where these run; the behaviour common to both databases is in
tests/test_search.py.
"""

import pytest
from django.db import connection

if connection.vendor != "postgresql":
    pytest.skip(
        "PostgreSQL-only: text search configurations and stemming (run with DATABASE_URL=postgres://...)",
        allow_module_level=True,
    )

from wagtail.search.models import IndexEntry

from search.analysis import rules
from tests.search_factories import page
from tests.test_search import titles

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_search_postgres"),
]


@pytest.fixture(autouse=True)
def database_search(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.LanguageDatabaseSearchBackend"}}
    settings.SEARCH_FALLBACK_BACKEND = None


def lexemes(target):
    """The lexemes PostgreSQL stored for a page's body, e.g. {'belediyes', 'belediyesi'}."""
    entry = IndexEntry.objects.get(object_id=str(target.pk))
    assert IndexEntry._meta.db_table == "wagtailsearch_indexentry"
    with connection.cursor() as cursor:
        cursor.execute("SELECT unnest(tsvector_to_array(body)) FROM wagtailsearch_indexentry WHERE id = %s", [entry.pk])
        return {row[0] for row in cursor.fetchall()}


def test_each_language_has_its_configuration():
    assert {code: rules(code).postgres_config for code in ["tr", "ru", "en", "tk", "uk"]} == {
        "tr": "turkish",
        "ru": "russian",
        "en": "english",
        "tk": "simple",  # PostgreSQL has no Turkmen configuration
        "uk": "simple",
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        available = {row[0] for row in cursor.fetchall()}
    assert {"turkish", "russian", "english", "simple"} <= available


def test_pages_are_stored_with_their_languages_stems(site_tree):
    turkish = page(site_tree["tr"], "Kent", "Büyükşehir belediyesi IRMAK kıyısında")
    russian = page(site_tree["ru"], "Город", "Устойчивое развитие городов")
    english = page(site_tree["en"], "City", "Cities retrofitting buildings")
    turkmen = page(site_tree["tk"], "Şäher", "Şäherleriň durnukly ösüşi")

    assert {"belediyes", "belediyesi", "ırmak"} <= lexemes(turkish)  # stem and whole word, Turkish case
    assert "irmak" not in lexemes(turkish)  # PostgreSQL's own lower() would have said irmak
    assert {"город", "развит", "устойчив"} <= lexemes(russian)
    assert {"citi", "retrofit", "build"} <= lexemes(english)
    assert {"şäherleriň", "durnukly", "ösüşi"} <= lexemes(turkmen)  # simple: words as they are


class TestStemming:
    @pytest.mark.parametrize("query", ["город", "города", "городов", "городе", "ГОРОДАМИ"])
    def test_russian_word_forms_find_each_other(self, client, site_tree, query):
        page(site_tree["ru"], "Устойчивое развитие городов", "План действий")
        page(site_tree["ru"], "Энергия", "Солнечные панели")
        assert titles(client, "ru", query) == ["Устойчивое развитие городов"]

    @pytest.mark.parametrize("query", ["belediye", "belediyesi", "belediyeler", "BELEDİYELERİN"])
    def test_turkish_word_forms_find_each_other(self, client, site_tree, query):
        page(site_tree["tr"], "Büyükşehir belediyesi", "İklim planı")
        page(site_tree["tr"], "Belediyeler birliği", "Ortak çalışma")
        page(site_tree["tr"], "Bir belediye", "Yerel yönetim")
        page(site_tree["tr"], "Enerji", "Güneş panelleri")
        assert sorted(titles(client, "tr", query)) == ["Belediyeler birliği", "Bir belediye", "Büyükşehir belediyesi"]

    def test_turkish_stemmer_joins_short_roots(self, client, site_tree):
        # "kentler" shares only four letters with "kent": the Snowball stemmer joins them.
        page(site_tree["tr"], "Yeşil kent", "Ağaçlar")
        assert titles(client, "tr", "kentler") == ["Yeşil kent"]

    @pytest.mark.parametrize(("query", "expected"), [("cities", "City climate plan"), ("retrofitting", "Retrofit")])
    def test_english_stemming(self, client, site_tree, query, expected):
        page(site_tree["en"], "City climate plan", "A plan")
        page(site_tree["en"], "Retrofit", "Buildings")
        assert titles(client, "en", query) == [expected]

    def test_turkmen_words_match_by_their_first_letters(self, client, site_tree):
        page(site_tree["tk"], "Şäherleriň durnukly ösüşi", "Meýilnama")
        assert titles(client, "tk", "şäher") == ["Şäherleriň durnukly ösüşi"]
        assert titles(client, "tk", "ŞÄHERLER") == ["Şäherleriň durnukly ösüşi"]


def test_the_admin_page_search_still_finds_pages_of_every_language(admin_client, site_tree):
    target = page(site_tree["tr"], "İstanbul iklim planı")
    response = admin_client.get("/admin/pages/search/", {"q": "istanbul"})
    assert response.status_code == 200
    assert target.title in response.content.decode()


def stored_vectors(pages):
    """{page id: (title, autocomplete, body)} as PostgreSQL stored them, in text form."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT object_id, title::text, autocomplete::text, body::text FROM wagtailsearch_indexentry "
            "WHERE object_id = ANY(%s)",
            [[str(item.pk) for item in pages]],
        )
        return {int(row[0]): row[1:] for row in cursor.fetchall()}


def test_indexing_in_bulk_stores_the_vectors_of_upstreams_expressions(site_tree):
    """The texts go to PostgreSQL as arrays (search/backends.py); the vectors must be those that
    modelsearch's own expressions give: same weights, positions and configuration, texts of
    different numbers of fields in one batch included."""
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend

    from search.backends import LanguageDatabaseSearchBackend
    from tests.factories import StandardPageFactory

    pages = [
        page(site_tree["en"], "Cities retrofitting buildings", "Energy poverty; heat pumps for schools."),
        page(site_tree["en"], "Climate plan", ""),
        StandardPageFactory(parent=site_tree["en"], title="Adaptation", search_description="Floods and drought"),
    ]
    pages = [item.specific for item in pages]
    ours = LanguageDatabaseSearchBackend({})
    ours.add_bulk(type(pages[0]), pages)
    bulk = stored_vectors(pages)
    PostgresSearchBackend({"SEARCH_CONFIG": "english"}).add_bulk(type(pages[0]), pages)
    upstream = stored_vectors(pages)
    assert bulk == upstream
    assert "'retrofit':" in bulk[pages[0].pk][0] and "'pump':" in bulk[pages[0].pk][2]


def test_the_matched_expression_has_an_index():
    """Searches match `title || body`: without an index on it, PostgreSQL's statistics (once
    ANALYZE has run) expect one match and the search of a common word takes seconds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'wagtailsearch_indexentry' "
            "AND indexname = 'wagtailsearch_indexentry_title_body_gin'"
        )
        (definition,) = cursor.fetchone()
    assert "USING gin (" in definition and "(title || body)" in definition
