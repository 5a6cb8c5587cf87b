"""Elasticsearch without a server: the indexes, settings, mappings and queries that would be sent.

`manage.py update_index` runs for real against a recording stand-in for the Elasticsearch client,
so what is asserted is exactly what the backend sends. The same behaviour against a real
Elasticsearch is tested in tests/test_search_elasticsearch_live.py when ELASTICSEARCH_URL is set.
"""

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page

from core.translation import synchronise_trees
from search.backends import LanguageElasticsearchSearchBackend, LanguageIndexGroup
from search.service import _configured_backend, get_backend
from tests.factories import locale
from tests.search_factories import news, page

# What is sent to Elasticsearch does not depend on the database backend.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.backend_independent,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_search_elasticsearch"),
]

PREFIX = "test_"


class Recorder:
    """Stands in for the Elasticsearch server: records every call, keeps indexes and aliases."""

    def __init__(self):
        self.created = {}  # index name -> body sent to indices.create
        self.mappings = {}  # index name -> [bodies sent to indices.put_mapping]
        self.documents = {}  # index name -> [documents]
        self.aliases = {}  # alias -> index
        self.deleted = []
        self.searches = []
        self.options = None

    def client(self, hosts=None, **options):
        self.options = {"hosts": hosts, **options}
        return FakeElasticsearch(self)


class FakeIndices:
    def __init__(self, recorder):
        self.recorder = recorder

    def create(self, index, **body):
        self.recorder.created[index] = body

    def put_mapping(self, index, **body):
        self.recorder.mappings.setdefault(index, []).append(body)

    def exists_alias(self, name):
        return name in self.recorder.aliases

    def get_alias(self, name):
        return {self.recorder.aliases[name]: {"aliases": {name: {}}}}

    def put_alias(self, name, index):
        self.recorder.aliases[name] = index

    def delete(self, index):
        self.recorder.deleted.append(index)
        self.recorder.created.pop(index, None)

    def refresh(self, index):
        pass


class FakeElasticsearch:
    def __init__(self, recorder):
        self.recorder = recorder
        self.indices = FakeIndices(recorder)

    def search(self, **kwargs):
        self.recorder.searches.append(kwargs)
        if "aggregations" in kwargs:
            return {"aggregations": {name: {"buckets": []} for name in kwargs["aggregations"]}, "hits": {"hits": []}}
        return {"hits": {"hits": []}}


@pytest.fixture
def recorder(monkeypatch, settings):
    recorder = Recorder()
    monkeypatch.setattr(LanguageElasticsearchSearchBackend, "client_class", recorder.client)
    _configured_backend.cache_clear()  # backends are reused between requests; each test has its own client

    def bulk(self, es, actions, index):
        recorder.documents.setdefault(index, []).extend(actions)

    monkeypatch.setattr(LanguageElasticsearchSearchBackend, "bulk", bulk)
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.LanguageElasticsearchSearchBackend",
            "URLS": ["https://user:secret@search.example:9243"],
            "INDEX_PREFIX": PREFIX,
            "TIMEOUT": 5,
            "AUTO_UPDATE": False,
        }
    }
    settings.SEARCH_FALLBACK_BACKEND = None
    return recorder


@pytest.fixture
def indexed(site_tree, recorder):
    """The site with a page in Turkish and English, indexed by `manage.py update_index`."""
    pages = {
        "tr": page(site_tree["tr"], "İstanbul Büyükşehir Belediyesi", "Belediyeler iklim planı hazırlıyor."),
        "en": news(site_tree["en"], "Solar roofs", "Forty schools."),
    }
    call_command("update_index", backend_name="default", verbosity=0)
    return pages


def analysis(recorder, language):
    index = recorder.aliases[f"{PREFIX}wagtailcore_page_{language}"]
    return recorder.created[index]["settings"]["analysis"]


class TestUpdateIndex:
    def test_pages_get_one_index_per_language_behind_an_alias(self, indexed, recorder, languages):
        page_aliases = {alias: index for alias, index in recorder.aliases.items() if "wagtailcore_page" in alias}
        assert sorted(page_aliases) == sorted(f"{PREFIX}wagtailcore_page_{code}" for code in languages)
        for alias, index in page_aliases.items():
            language = alias.rsplit("_", 1)[1]
            assert index.startswith(f"{PREFIX}wagtailcore_page_")
            assert index.endswith(f"_{language}")
            assert index in recorder.created

    def test_models_without_a_locale_keep_one_index(self, indexed, recorder):
        image_index = recorder.aliases[f"{PREFIX}wagtailimages_image"]
        assert "default" not in recorder.created[image_index]["settings"]["analysis"]["analyzer"]
        assert get_image_model()._meta.label == "wagtailimages.Image"

    def test_turkish_index_lowercases_and_stems_the_turkish_way(self, indexed, recorder):
        tr = analysis(recorder, "tr")
        assert tr["analyzer"]["default"] == {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["apostrophe", "tr_lowercase", "tr_stop", "tr_stemmer"],
        }
        assert tr["filter"]["tr_lowercase"] == {"type": "lowercase", "language": "turkish"}
        assert tr["filter"]["tr_stop"] == {"type": "stop", "stopwords": "_turkish_"}
        assert tr["filter"]["tr_stemmer"] == {"type": "stemmer", "language": "turkish"}
        # Five-letter prefixes, and autocomplete with Turkish casing but without folding ı into i.
        assert tr["analyzer"]["prefix"]["filter"] == ["apostrophe", "tr_lowercase", "tr_stop", "prefix_truncate"]
        assert tr["filter"]["prefix_truncate"] == {"type": "truncate", "length": 5}
        assert tr["analyzer"]["edgengram_analyzer"]["filter"] == ["apostrophe", "tr_lowercase", "edgengram"]
        assert tr["analyzer"]["edgengram_search"]["filter"] == ["apostrophe", "tr_lowercase"]

    def test_russian_and_english_indexes_use_their_stemmers(self, indexed, recorder):
        ru = analysis(recorder, "ru")
        assert ru["analyzer"]["default"]["filter"] == ["lowercase", "ru_stop", "ru_stemmer"]
        assert ru["filter"]["ru_stemmer"] == {"type": "stemmer", "language": "russian"}
        assert ru["filter"]["ru_stop"] == {"type": "stop", "stopwords": "_russian_"}
        assert "prefix" not in ru["analyzer"]

        en = analysis(recorder, "en")
        assert en["analyzer"]["default"]["filter"] == ["en_possessive", "lowercase", "en_stop", "en_stemmer"]
        assert en["filter"]["en_stemmer"] == {"type": "stemmer", "language": "english"}
        assert en["filter"]["en_possessive"] == {"type": "stemmer", "language": "possessive_english"}

    def test_turkmen_index_folds_letters_but_keeps_the_original_and_does_not_stem(self, indexed, recorder):
        tk = analysis(recorder, "tk")
        assert tk["analyzer"]["default"]["filter"] == ["lowercase", "folding"]
        assert tk["filter"]["folding"] == {"type": "asciifolding", "preserve_original": True}
        assert tk["analyzer"]["prefix"]["filter"] == ["lowercase", "asciifolding", "prefix_truncate"]
        assert not any(definition.get("type") == "stemmer" for definition in tk["filter"].values())

    def test_every_index_keeps_the_shared_settings(self, indexed, recorder):
        for language in ("en", "tr", "tk", "ru"):
            body = recorder.created[recorder.aliases[f"{PREFIX}wagtailcore_page_{language}"]]
            assert body["settings"]["index"] == {"max_ngram_diff": 12}
            assert "ngram_analyzer" in body["settings"]["analysis"]["analyzer"]

    def test_mappings_per_language(self, indexed, recorder):
        def page_mapping(language):
            bodies = recorder.mappings[recorder.aliases[f"{PREFIX}wagtailcore_page_{language}"]]
            return next(body for body in bodies if "title" in body["properties"])["properties"]

        for language, has_prefix in {"tr": True, "tk": True, "en": False, "ru": False}.items():
            properties = page_mapping(language)
            assert properties["_all_text"]["type"] == "text"
            assert ("fields" in properties["_all_text"]) is has_prefix, language
            if has_prefix:
                assert properties["_all_text"]["fields"] == {"prefix": {"type": "text", "analyzer": "prefix"}}
            assert properties["_edgengrams"]["analyzer"] == "edgengram_analyzer"
            assert properties["_edgengrams"]["search_analyzer"] == "edgengram_search"
            assert properties["title"]["copy_to"] == ["_all_text", "_all_text_boost_2_0"]
            assert "analyzer" not in properties["title"]  # the index's default analyser: its language's

    def test_each_page_goes_to_its_languages_index_only(self, indexed, recorder):
        def titles(language):
            index = recorder.aliases[f"{PREFIX}wagtailcore_page_{language}"]
            return {doc.get("title") for doc in recorder.documents.get(index, [])}

        assert "İstanbul Büyükşehir Belediyesi" in titles("tr")
        assert "İstanbul Büyükşehir Belediyesi" not in titles("en")
        assert "Solar roofs" in titles("en")
        assert "Solar roofs" not in titles("tr")
        assert {"Home", "Ana sayfa"} & titles("tr") == {"Ana sayfa"}

    def test_english_text_in_the_turkish_index_is_folded_by_english_rules(self, site_tree, recorder):
        page(site_tree["en"], "Istanbul twinning visit", "IPCC authors met the mayors.")
        synchronise_trees()
        call_command("update_index", backend_name="default", verbosity=0)

        def documents(language):
            index = recorder.aliases[f"{PREFIX}wagtailcore_page_{language}"]
            return [doc for doc in recorder.documents[index] if "twinning" in doc.get("title", "").lower()]

        [english] = documents("en")
        assert english["title"] == "Istanbul twinning visit"  # Elasticsearch's English analyser lowercases it
        [turkish] = documents("tr")  # the alias: English text in the Turkish index
        assert turkish["title"] == "istanbul twinning visit"  # folded first, or Turkish lowercase gives ıstanbul
        assert turkish["home_standardpage__introduction"] == "ipcc authors met the mayors."
        assert turkish["locale_id_filter"] == locale("tr").pk

    def test_rebuilding_again_swaps_the_aliases_and_drops_the_old_indexes(self, indexed, recorder):
        before = dict(recorder.aliases)
        call_command("update_index", backend_name="default", verbosity=0)
        for alias, old in before.items():
            assert recorder.aliases[alias] != old
            assert old in recorder.deleted

    def test_client_options_come_from_the_settings(self, indexed, recorder):
        assert recorder.options["hosts"] == [
            {"host": "search.example", "port": 9243, "path_prefix": "", "scheme": "https"}
        ]
        assert recorder.options["basic_auth"] == ("user", "secret")
        assert recorder.options["request_timeout"] == 5


class TestQueries:
    def test_a_search_asks_the_visitors_language_index(self, site_tree, recorder):
        backend = get_backend("default", "ru")
        list(backend.search("города", Page.objects.live().filter(locale=locale("ru")))[:10])
        assert recorder.searches[-1]["index"] == f"{PREFIX}wagtailcore_page_ru"
        query = recorder.searches[-1]["query"]["bool"]
        assert query["must"] == {
            "multi_match": {"query": "города", "fields": ["_all_text", "_all_text_boost_2_0^2.0"], "operator": "and"}
        }
        assert query["filter"] == [
            {"match": {"_django_content_type": "wagtailcore.Page"}},
            {"bool": {"must": [{"term": {"live_filter": True}}, {"term": {"locale_id_filter": locale("ru").pk}}]}},
        ]

    def test_turkish_words_match_by_stem_or_first_letters_each(self, site_tree, recorder):
        backend = get_backend("default", "tr")
        results = backend.search("İSTANBUL'da belediyeler ve", Page.objects.filter(locale=locale("tr")))
        must = results.query_compiler.get_query()["bool"]["must"]
        fields = ["_all_text", "_all_text_boost_2_0^2.0", "_all_text.prefix^0.5"]
        assert must == {
            "bool": {
                "must": [
                    {"multi_match": {"query": "istanbul", "fields": fields}},
                    {"multi_match": {"query": "belediyeler", "fields": fields}},
                ]
            }
        }

    def test_facets_ask_for_every_bucket(self, site_tree, recorder):
        backend = get_backend("default", "en")
        backend.search("solar", Page.objects.filter(locale=locale("en"))).facet("content_type_id")
        aggregation = recorder.searches[-1]["aggregations"]["content_type_id"]["terms"]
        assert aggregation["size"] >= 100
        assert aggregation["field"] == "content_type_id_filter"

    def test_without_a_language_every_language_index_is_searched(self, site_tree, recorder):
        backend = get_backend("default")
        index = backend.get_index_for_model(Page)
        assert isinstance(index, LanguageIndexGroup)
        assert index.name.split(",") == [f"{PREFIX}wagtailcore_page_{code}" for code in ("en", "tr", "tk", "ru")]
