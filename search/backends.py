"""Search backends that know the language of what they index and of what they are asked.

settings.WAGTAILSEARCH_BACKENDS chooses between them (cms/settings/base.py); views never do:

* `search.backends.LanguageDatabaseSearchBackend` (the default): Wagtail's database backend for
  the database in use (SQLite FTS5, PostgreSQL full text). Each page's text is folded with its
  locale's rules (search.analysis.fold) before it is stored, and on PostgreSQL turned into a
  tsvector with its language's text search configuration (turkish, russian, english, simple
  for Turkmen...). One index table holds every language; the locale filter of each search
  keeps them apart.
* `search.backends.LanguageElasticsearchSearchBackend` (when ELASTICSEARCH_URL is set): Wagtail's
  Elasticsearch backend for the installed client (elasticsearch 8 or 9), with one index per
  language for pages (`<prefix>wagtailcore_page_tr`, `..._en`...), each created with that
  language's analysers (search.analysis.LanguageRules.elasticsearch_analysis). Models without a
  locale (images, documents) keep one index each, as upstream. `manage.py update_index` builds
  them all, atomically through aliases.

Both take an optional `LANGUAGE` parameter, or `backend.for_language(code)`: the language of the
queries it answers (its PostgreSQL configuration, its Elasticsearch index, its folding rules).
A string query given to `search()` is reduced to words (search.analysis.clean_query) and, for
Turkic languages, each word of five letters or more also matches words sharing its first five
letters. Without a language (the Wagtail admin) text is folded with neutral rules; the admin's
page search uses autocomplete, which is language-neutral on every backend.

`add_items` of the database indexes repeats modelsearch's own (release MODELSEARCH_VERSION, pinned
in pyproject.toml), with a language-aware ObjectIndexer: modelsearch builds its indexer inside that
method and offers no hook for it. On PostgreSQL it also sends the texts as arrays and lets the
database build the vectors, which makes bulk indexing (update_index, the signatory import) several
times faster; `bulk_indexing()` refreshes the title norms once after many batches.
tests/test_wagtail_contracts.py indexes the same objects with modelsearch's `add_items` and with
ours and compares every column of the rows stored, and fails when another modelsearch release is
installed.
"""

import contextlib
import copy
import logging
from collections import OrderedDict, defaultdict
from copy import deepcopy

from django.conf import settings
from django.db import connection
from django.utils.crypto import get_random_string
from elastic_transport import TransportError
from elasticsearch import VERSION as ELASTICSEARCH_VERSION
from elasticsearch import ApiError
from modelsearch.backends.base import EmptySearchResults, FilterFieldError, get_model_root
from modelsearch.backends.database.fallback import DatabaseSearchBackend
from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder
from modelsearch.index import class_is_indexed
from modelsearch.query import And, Or, PlainText
from modelsearch.utils import deep_update, get_content_type_pk
from wagtail.models import Locale, Page, TranslatableMixin

from .analysis import clean_query, fold, rules, words

if ELASTICSEARCH_VERSION[0] >= 9:
    from modelsearch.backends.elasticsearch9 import (
        Elasticsearch9AutocompleteQueryCompiler as BaseElasticsearchAutocompleteQueryCompiler,
    )
    from modelsearch.backends.elasticsearch9 import Elasticsearch9Index as BaseElasticsearchIndex
    from modelsearch.backends.elasticsearch9 import Elasticsearch9Mapping as BaseElasticsearchMapping
    from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchBackend as BaseElasticsearchBackend
    from modelsearch.backends.elasticsearch9 import (
        Elasticsearch9SearchQueryCompiler as BaseElasticsearchQueryCompiler,
    )
    from modelsearch.backends.elasticsearch9 import Elasticsearch9SearchResults as BaseElasticsearchResults
else:
    from modelsearch.backends.elasticsearch8 import (
        Elasticsearch8AutocompleteQueryCompiler as BaseElasticsearchAutocompleteQueryCompiler,
    )
    from modelsearch.backends.elasticsearch8 import Elasticsearch8Index as BaseElasticsearchIndex
    from modelsearch.backends.elasticsearch8 import Elasticsearch8Mapping as BaseElasticsearchMapping
    from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend as BaseElasticsearchBackend
    from modelsearch.backends.elasticsearch8 import (
        Elasticsearch8SearchQueryCompiler as BaseElasticsearchQueryCompiler,
    )
    from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchResults as BaseElasticsearchResults

logger = logging.getLogger(__name__)

#: The modelsearch release whose SQLiteIndex and PostgresIndex `add_items` are repeated below.
MODELSEARCH_VERSION = "1.3.2"

#: Errors meaning "this search service did not answer": the caller may fall back to another backend.
BACKEND_UNAVAILABLE = (TransportError, ApiError, ConnectionError, TimeoutError)


class Prefix(PlainText):
    """Matches indexed words that start with `query_string` (already folded). A PlainText, so
    that every part of modelsearch that walks a query tree accepts it."""

    def __init__(self, query_string):
        super().__init__(query_string, operator="and")

    def __repr__(self):
        return f"<Prefix {self.query_string!r}>"


class Words(PlainText):
    """All of `terms` (Elasticsearch), each also matched by its prefix where the language has one."""

    def __init__(self, terms, prefix=False):
        self.terms = tuple(terms)
        self.prefix = prefix
        super().__init__(" ".join(self.terms), operator="and")


@contextlib.contextmanager
def bulk_indexing(backends):
    """Adding objects in many batches: the database indexes refresh their title norms (a pass over
    the whole index table, which upstream makes after every batch) once, at the end."""
    pending = {}
    for backend in backends:
        backend.title_norms_pending = pending
    try:
        yield
    finally:
        for backend in backends:
            del backend.title_norms_pending
    for index in pending.values():
        index._refresh_title_norms()


def refresh_title_norms(index):
    """Refresh the title norms of a database index now, or at the end of `bulk_indexing()`."""
    pending = getattr(index.backend, "title_norms_pending", None)
    if pending is None:
        index._refresh_title_norms()
    else:
        pending[id(index.backend)] = index


def stated_language(obj):
    """The content language an object without a locale says its text is in, or None."""
    code = getattr(obj, "language", None)
    return code if code in {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES} else None


def object_languages(objs):
    """(language of its locale, language of its text) for each object, in two queries at most.

    The two differ for aliases: a page not yet translated appears in another locale with its
    source's text. The locale's language decides the stemming (that of the queries it will
    answer); the text's language decides the case folding (`Istanbul` in an English text is
    `istanbul`, even in the Turkish tree). An object without a locale whose `language` field
    names a content language (a news item of the network's feeds) gets that language for both;
    other objects without a locale get (None, None).
    """
    locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
    alias_ids = {getattr(obj, "alias_of_id", None) for obj in objs} - {None}
    source_locales = {}
    if alias_ids:
        source_locales = dict(Page.objects.filter(pk__in=alias_ids).values_list("pk", "locale_id"))
        locale_ids |= set(source_locales.values())
    codes = dict(Locale.objects.filter(pk__in=locale_ids).values_list("pk", "language_code")) if locale_ids else {}
    languages = []
    for obj in objs:
        if not hasattr(obj, "locale_id"):
            language = stated_language(obj)
            languages.append((language, language))
            continue
        language = codes.get(getattr(obj, "locale_id", None))
        source = source_locales.get(getattr(obj, "alias_of_id", None))
        languages.append((language, codes.get(source, language)))
    return languages


def fold_document(document, language):
    """A search document with its text folded by `language`'s rules (filter fields left as they are)."""
    folded = {}
    for key, value in document.items():
        if key in {"pk", "_django_content_type"} or key.endswith("_filter"):
            folded[key] = value
        elif isinstance(value, str):
            folded[key] = fold(value, language)
        elif isinstance(value, list):
            folded[key] = [fold(item, language) if isinstance(item, str) else item for item in value]
        elif isinstance(value, dict):
            folded[key] = fold_document(value, language)
        else:
            folded[key] = value
    return folded


class LanguageAwareMixin:
    """The language a backend answers in, and how it turns a visitor's string into a query."""

    language = None

    def _init_language(self, params):
        if params.get("LANGUAGE"):
            self.language = params["LANGUAGE"]
        self._apply_language()

    def _apply_language(self):
        """Set whatever depends on self.language (subclasses)."""

    def for_language(self, language):
        """A copy of this backend that answers in `language` (shares connections and clients)."""
        clone = copy.copy(self)
        clone.language = language
        clone._apply_language()
        return clone

    def build_query(self, terms):
        """A query for the database backends: every word, each also by its prefix (Turkic languages)."""
        language = rules(self.language)
        parts = []
        for term in terms:
            prefix = language.prefix(term)
            parts.append(Or([PlainText(term), Prefix(prefix)]) if prefix else PlainText(term))
        return parts[0] if len(parts) == 1 else And(parts)

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        if isinstance(query, str):
            terms = clean_query(query, self.language).terms
            if not terms:
                return EmptySearchResults()
            query = self.build_query(terms)
        return super().search(query, model_or_queryset, fields, operator, order_by_relevance)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        if isinstance(query, str):
            query = " ".join(words(query, self.language)[:10])
        return super().autocomplete(query, model_or_queryset, fields, operator, order_by_relevance)


# PostgreSQL ------------------------------------------------------------------------------------
# modelsearch's vendor modules only import on their own database, hence the conditions.

if connection.vendor == "postgresql":
    from django.contrib.postgres.search import SearchQuery
    from django.utils.functional import cached_property
    from modelsearch.backends.database.postgres.postgres import IndexEntry as PostgresIndexEntry
    from modelsearch.backends.database.postgres.postgres import ObjectIndexer as PostgresObjectIndexer
    from modelsearch.backends.database.postgres.postgres import (
        PostgresIndex,
        PostgresSearchBackend,
        PostgresSearchQueryCompiler,
    )
    from modelsearch.backends.database.postgres.query import Lexeme as PostgresLexeme
    from modelsearch.index import AutocompleteField, RelatedFields, SearchField

    TEXT_FIELDS = (SearchField, AutocompleteField, RelatedFields)

    class LanguagePostgresObjectIndexer(PostgresObjectIndexer):
        """The texts of one object, folded by its language, each with its weight and configuration.

        modelsearch's indexer builds a Django expression per text; here the texts stay plain
        values and PostgreSQL makes the vectors (LanguagePostgresIndex.add_items), with the SQL
        those expressions compile to: `setweight(to_tsvector(config, text), weight)` per text,
        joined by `||`.
        """

        def __init__(self, obj, backend, language=None, content_language=None):
            super().__init__(obj, backend)
            self.language = language
            self.content_language = content_language or language
            self.config = backend.config_for(language)

        def prepare_value(self, value):
            return fold(super().prepare_value(value), self.content_language)

        @cached_property
        def values(self):
            """[(search field, weight, text)] of every field with text, each read once (filter fields,
            most of a page's, have none)."""
            return [
                (field, weight, value.strip())
                for search_field in self.search_fields
                if isinstance(search_field, TEXT_FIELDS)
                for field, weight, value in self.prepare_field(self.obj, search_field)
            ]

        def parts(self, column):
            """[(text, weight, configuration)] of the vector of `column` (title, body or autocomplete).

            For prefix languages with a stemmer (Turkish) the words themselves are indexed with
            'simple' beside the stems: Snowball stems can be shorter than the five letters a
            query word also matches by (`planı` -> `pla`).
            """
            if column == "autocomplete":
                texts = [(text, weight) for field, weight, text in self.values if isinstance(field, AutocompleteField)]
                return [(text, weight, self.autocomplete_config) for text, weight in texts if text]
            texts = [
                (text, weight)
                for field, weight, text in self.values
                if isinstance(field, SearchField) and (field.field_name == "title") == (column == "title") and text
            ]
            parts = [(text, weight, self.config) for text, weight in texts]
            if self.config != "simple" and rules(self.language).prefix_length:
                parts += [(text, weight, "simple") for text, weight in texts]
            return parts

        def plain_text(self, column):
            return " ".join(
                text
                for field, _weight, text in self.values
                if isinstance(field, SearchField) and (field.field_name == "title") == (column == "title") and text
            )

    class LanguagePostgresIndex(PostgresIndex):
        #: Objects per INSERT: the texts travel as arrays, so a statement stays short whatever its size.
        BATCH_SIZE = 2000

        def add_items(self, model, objs):
            """modelsearch's PostgresIndex.add_items, with one text search configuration per object.

            Upstream compiles a Django expression for every text of every object into one
            statement as long as the data: minutes of Python for 40,000 pages. Here each text is a
            value in an array; `unnest` turns the arrays into rows and PostgreSQL computes the
            vectors. Texts are laid out in slots (the i-th text of each object's title, body or
            autocomplete); an object with fewer texts fills its slots with '' (an empty vector,
            which `||` leaves the other vectors unchanged by).
            """
            if not model.get_search_fields():
                return
            objs = list(objs)
            for start in range(0, len(objs), self.BATCH_SIZE):
                self._insert(model, objs[start : start + self.BATCH_SIZE])
            if objs:
                refresh_title_norms(self)

        def _insert(self, model, objs):
            indexers = [
                LanguagePostgresObjectIndexer(obj, self.backend, language, content_language)
                for obj, (language, content_language) in zip(objs, object_languages(objs), strict=True)
            ]
            columns = ("title", "autocomplete", "body")
            parts = {column: [indexer.parts(column) for indexer in indexers] for column in columns}
            arrays = [
                [indexer.id for indexer in indexers],
                [indexer.plain_text("title") for indexer in indexers],
                [indexer.plain_text("body") for indexer in indexers],
            ]
            vectors = {}
            for column in columns:
                slots = max(map(len, parts[column]))
                terms = []
                for slot in range(slots):
                    padded = [items[slot] if slot < len(items) else ("", "D", "simple") for items in parts[column]]
                    name = f"{column}_{slot}"
                    arrays += [list(values) for values in zip(*padded, strict=True)]
                    terms.append(
                        f"setweight(to_tsvector(COALESCE(r.{name}_config::regconfig, get_current_ts_config()), "
                        f'r.{name}_text), r.{name}_weight::"char")'
                    )
                vectors[column] = " || ".join(terms) or "''::tsvector"
            names = ["object_id", "title_text", "body_text"] + [
                f"{column}_{slot}_{kind}"
                for column in columns
                for slot in range(max(map(len, parts[column])))
                for kind in ("text", "weight", "config")
            ]
            table = PostgresIndexEntry._meta.db_table
            unnest = ", ".join(["%s::text[]"] * len(arrays))
            # Every value is a query parameter; the SQL is built from column names and slot numbers.
            sql = f"""
                INSERT INTO {table}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                SELECT %s, r.object_id, {vectors["title"]}, {vectors["autocomplete"]}, {vectors["body"]},
                       1.0, r.title_text, r.body_text
                FROM unnest({unnest}) AS r({", ".join(names)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
            """  # noqa: S608
            with self.write_connection.cursor() as cursor:
                cursor.execute(sql, [get_content_type_pk(model), *arrays])

    class LanguagePostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
        def build_tsquery_content(self, query, config=None, invert=False):
            if isinstance(query, Prefix):
                # The prefix is already folded; 'simple' keeps it as it is (no stemming of a fragment).
                lexeme = PostgresLexeme(query.query_string, invert=invert, prefix=True)
                return SearchQuery(lexeme, search_type="raw", config="simple")
            return super().build_tsquery_content(query, config=config, invert=invert)

    class LanguagePostgresSearchBackend(LanguageAwareMixin, PostgresSearchBackend):
        index_class = LanguagePostgresIndex
        query_compiler_class = LanguagePostgresSearchQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            self.default_config = self.config  # SEARCH_CONFIG, for objects and queries without a language
            self._init_language(params)

        def config_for(self, language):
            return rules(language).postgres_config if language else self.default_config

        def _apply_language(self):
            self.config = self.config_for(self.language)


# SQLite ----------------------------------------------------------------------------------------

if connection.vendor == "sqlite":
    from django.db.models import Case, FloatField, Func, IntegerField, When
    from django.db.models import Value as SQLValue
    from modelsearch.backends.database.sqlite.query import Lexeme as SQLiteLexeme
    from modelsearch.backends.database.sqlite.query import MatchExpression, SearchQueryExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer as SQLiteObjectIndexer
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteFTSIndexEntry,
        SQLiteIndex,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks

    class LanguageSQLiteObjectIndexer(SQLiteObjectIndexer):
        def __init__(self, obj, backend, language=None):
            super().__init__(obj, backend)
            self.language = language

        def prepare_value(self, value):
            return fold(super().prepare_value(value), self.language)

    class LanguageSQLiteIndex(SQLiteIndex):
        def add_items(self, model, objs):
            """modelsearch's SQLiteIndex.add_items, with text folded by each object's language."""
            objs = list(objs)
            if not model.get_search_fields() or not objs:
                return
            content_type_pk = get_content_type_pk(model)
            data = {}
            for obj, (_language, content_language) in zip(objs, object_languages(objs), strict=True):
                indexer = LanguageSQLiteObjectIndexer(obj, self.backend, content_language)
                data[indexer.id] = (indexer.title, indexer.autocomplete, indexer.body)

            entries = self.entries.filter(content_type_id=content_type_pk)
            indexed = set(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
            for object_id in indexed:
                title, autocomplete, body = data[object_id]
                entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
            self.entries.bulk_create(
                [
                    self.entries.model(
                        content_type_id=content_type_pk,
                        object_id=object_id,
                        title=title,
                        autocomplete=autocomplete,
                        body=body,
                    )
                    for object_id, (title, autocomplete, body) in data.items()
                    if object_id not in indexed
                ]
            )
            refresh_title_norms(self)

    #: FTS5's BM25 (lower is better) with the columns weighted as (autocomplete, body, title): a word
    #: in the title counts twice, as Page.search_fields boosts it. Upstream weighs every column alike.
    class WeightedBM25(Func):
        """FTS5's BM25 (lower is better) with a weight per column: (autocomplete, body, title)."""

        output_field = FloatField()

        def __init__(self, weights):
            self.weights = weights
            super().__init__()

        def as_sql(self, compiler, connection, **extra_context):
            weights = ", ".join(str(float(weight)) for weight in self.weights)
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []

    class RankOnceMixin:
        #: A word in the title counts twice, as Page.search_fields boosts it (upstream weighs all alike).
        BM25_WEIGHTS = (0.0, 1.0, 2.0)

        def build_search_query_content(self, query, config=None):
            if isinstance(query, Prefix):
                return SearchQueryExpression(SQLiteLexeme(query.query_string, prefix=True))
            return super().build_search_query_content(query, config=config)

        def search(self, config, start, stop, score_field=None):
            """One page of results by relevance, scoring every match once.

            Upstream orders by a correlated subquery that runs the FTS match again for every
            matching row: seconds for a common word among 50,000 pages. Here the scores come
            from one FTS query (weighted by BM25_WEIGHTS), the matching pages of the queryset
            from a second (without scores), and the page asked for is cut in Python. Unsliced,
            negated or unranked searches keep upstream's way.
            """
            query = normalize(self.query)
            if stop is None or not self.order_by_relevance or isinstance(query, (MatchAll, Not)):
                return super().search(config, start, stop, score_field=score_field)
            match = MatchExpression(self.fields or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config))
            entries = SQLiteFTSIndexEntry.objects.filter(match).filter(
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model)
            )
            scores = dict(
                entries.annotate(score=WeightedBM25(self.BM25_WEIGHTS)).values_list("index_entry__object_id", "score")
            )
            matching = self.queryset.filter(pk__in=entries.values_list("index_entry__object_id", flat=True))
            ranked = sorted(matching.values_list("pk", flat=True), key=lambda pk: (scores.get(str(pk), 0.0), -pk))
            chosen = ranked[start:stop]
            queryset = self.queryset.filter(pk__in=chosen)
            if chosen:
                position = Case(
                    *(When(pk=pk, then=SQLValue(index)) for index, pk in enumerate(chosen)), output_field=IntegerField()
                )
                queryset = queryset.order_by(position)
                if score_field:
                    score = Case(
                        *(When(pk=pk, then=SQLValue(scores.get(str(pk), 0.0))) for pk in chosen),
                        output_field=FloatField(),
                    )
                    queryset = queryset.annotate(**{score_field: score})
            return queryset

    class LanguageSQLiteSearchQueryCompiler(RankOnceMixin, SQLiteSearchQueryCompiler):
        pass

    class LanguageSQLiteAutocompleteQueryCompiler(RankOnceMixin, SQLiteAutocompleteQueryCompiler):
        BM25_WEIGHTS = (1.0, 0.0, 0.0)

    class LanguageSQLiteSearchBackend(LanguageAwareMixin, SQLiteSearchBackend):
        index_class = LanguageSQLiteIndex
        query_compiler_class = LanguageSQLiteSearchQueryCompiler
        autocomplete_query_compiler_class = LanguageSQLiteAutocompleteQueryCompiler

        def __init__(self, params):
            super().__init__(params)
            self._init_language(params)


class LanguageFallbackSearchBackend(LanguageAwareMixin, DatabaseSearchBackend):
    """For databases without full-text search (icontains on each word, prefixes included)."""

    def __init__(self, params):
        super().__init__(params)
        self._init_language(params)


_sqlite_fts = None


def LanguageDatabaseSearchBackend(params):
    """The language-aware database backend for the default database's vendor."""
    global _sqlite_fts
    if connection.vendor == "postgresql":
        return LanguagePostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        if _sqlite_fts is None:
            from modelsearch.backends.database.sqlite.utils import fts5_available, fts_table_exists

            _sqlite_fts = fts5_available() and fts_table_exists()
        if _sqlite_fts:
            return LanguageSQLiteSearchBackend(params)
    return LanguageFallbackSearchBackend(params)


# Elasticsearch ---------------------------------------------------------------------------------

#: Added to every index (upstream searches autocomplete fields with "standard", which does not
#: fold accents the way the edge n-grams were folded at index time).
AUTOCOMPLETE_SEARCH_ANALYZER = {
    "settings": {
        "analysis": {
            "analyzer": {
                "edgengram_search": {"type": "custom", "tokenizer": "standard", "filter": ["asciifolding", "lowercase"]}
            }
        }
    }
}


class LanguageElasticsearchMapping(BaseElasticsearchMapping):
    edgengram_analyzer_config = {"analyzer": "edgengram_analyzer", "search_analyzer": "edgengram_search"}


class LanguageElasticsearchIndex(BaseElasticsearchIndex):
    """One Elasticsearch index; for pages, the index of one language."""

    def __init__(self, backend, name, language=None):
        super().__init__(backend, name)
        self.language = language

    @property
    def base_name(self):
        return self.name

    def get_settings(self):
        """The body sent when the index is created: shared settings plus the language's analysis."""
        return self.backend.index_settings(self.language)

    def get_mapping(self, model):
        """The mapping sent for `model`; prefix languages get `_all_text.prefix` (see search.analysis)."""
        mapping = self.mapping_class(model).get_mapping()
        if self.language and rules(self.language).prefix_length:
            mapping["properties"]["_all_text"]["fields"] = {"prefix": {"type": "text", "analyzer": "prefix"}}
        return mapping

    def put(self):
        self.es.indices.create(index=self.name, **self.get_settings())

    def add_model(self, model):
        self.es.indices.put_mapping(index=self.name, **self.get_mapping(model))

    def add_items(self, model, items):
        """Upstream's bulk indexing; in a Turkish-cased index, text in another language (an alias
        of an untranslated page) is folded by its own rules first: the index's Turkish lowercase
        would make the English `Istanbul` into `ıstanbul`."""
        items = list(items)
        if not items or not self.language or not rules(self.language).turkic_casing or not class_is_indexed(model):
            return super().add_items(model, items)
        mapping = self.mapping_class(model)
        actions = []
        for item, (_language, content_language) in zip(items, object_languages(items), strict=True):
            document = mapping.get_document(item)
            if not rules(content_language).turkic_casing:
                document = fold_document(document, content_language)
            actions.append({"_id": mapping.get_document_id(item), **document})
        self.backend.bulk(self.es, actions, index=self.name)

    def parts(self):
        return [self]

    def renamed(self, name):
        return type(self)(self.backend, name, self.language)


class LanguageIndexGroup:
    """The per-language indexes of one translatable model tree, handled together by update_index.

    As an index for searching (no language given), it names every language's index at once.
    """

    def __init__(self, backend, base_name, languages):
        self.backend = backend
        self.base_name = base_name
        self.indexes = OrderedDict(
            (language, backend.index_class(backend, f"{base_name}_{language}", language)) for language in languages
        )

    @property
    def name(self):
        return ",".join(index.name for index in self.indexes.values())

    def get_key(self):
        return self.base_name

    def __str__(self):
        return f"{self.base_name}_{{{','.join(self.indexes)}}}"

    def parts(self):
        return list(self.indexes.values())

    def renamed(self, base_name):
        return type(self)(self.backend, base_name, list(self.indexes))

    def put(self):
        for index in self.parts():
            index.put()

    def delete(self):
        for index in self.parts():
            index.delete()

    def reset(self):
        for index in self.parts():
            index.reset()

    def refresh(self):
        for index in self.parts():
            index.refresh()

    def exists(self):
        return all(index.exists() for index in self.parts())

    def add_model(self, model):
        for index in self.parts():
            index.add_model(model)

    def add_items(self, model, items):
        items = list(items)
        by_language = defaultdict(list)
        for item, (language, _content_language) in zip(items, object_languages(items), strict=True):
            by_language[language].append(item)
        for language, group in by_language.items():
            index = self.indexes.get(language)
            if index is None:
                logger.warning("No search index for language %r: %d items not indexed", language, len(group))
                continue
            index.add_items(model, group)

    def add_item(self, item):
        self.add_items(type(item), [item])

    def delete_item(self, item):
        language = object_languages([item])[0][0]
        if language in self.indexes:
            self.indexes[language].delete_item(item)


def _swap_alias(new, alias):
    """Point `alias` at `new` and drop what it pointed at (modelsearch's atomic rebuild, per index)."""
    if alias.is_alias():
        old_indexes = alias.aliased_indices()
        new.put_alias(alias.name)
        for index in old_indexes:
            if index.name != new.name:
                index.delete()
    else:
        alias.delete()
        new.put_alias(alias.name)


class LanguageAtomicIndexRebuilder(ElasticsearchAtomicIndexRebuilder):
    """Builds fresh indexes beside the live ones, then moves the aliases: search never sees a half index."""

    def __init__(self, index):
        self.alias = index
        self.index = index.renamed(f"{index.base_name}_{get_random_string(7).lower()}")

    def finish(self):
        self.index.refresh()
        for new, alias in zip(self.index.parts(), self.alias.parts(), strict=True):
            _swap_alias(new, alias)


class LanguageElasticsearchSearchQueryCompiler(BaseElasticsearchQueryCompiler):
    mapping_class = LanguageElasticsearchMapping

    def get_inner_query(self):
        if isinstance(self.query, Words) and self.query.prefix and not self.fields:
            # Each word must match, by its stem or by its first letters (the `prefix` sub-field).
            fields = [field.field_name_with_boost for field in self.remapped_fields] + ["_all_text.prefix^0.5"]
            return {"bool": {"must": [{"multi_match": {"query": term, "fields": fields}} for term in self.query.terms]}}
        return super().get_inner_query()


class LanguageElasticsearchAutocompleteQueryCompiler(BaseElasticsearchAutocompleteQueryCompiler):
    mapping_class = LanguageElasticsearchMapping


class LanguageElasticsearchSearchResults(BaseElasticsearchResults):
    #: Buckets asked for by facet(); Elasticsearch returns ten unless told.
    FACET_SIZE = 200

    def facet(self, field_name):
        """modelsearch's facet(), asking for every bucket rather than Elasticsearch's default ten."""
        field = self.query_compiler._get_filterable_field(field_name)
        if field is None:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}". Please add '
                f'index.FilterField("{field_name}") to {self.query_compiler.queryset.model.__name__}.search_fields.',
                field_name=field_name,
            )
        body = self._get_es_body()
        column_name = self.query_compiler.mapping.get_field_column_name(field)
        body["aggregations"] = {field_name: {"terms": {"field": column_name, "missing": 0, "size": self.FACET_SIZE}}}
        response = self._backend_do_search(
            body, index=self.backend.get_index_for_model(self.query_compiler.queryset.model).name, size=0
        )
        return OrderedDict(
            (bucket["key"] if bucket["key"] != 0 else None, bucket["doc_count"])
            for bucket in response["aggregations"][field_name]["buckets"]
        )


class LanguageElasticsearchSearchBackend(LanguageAwareMixin, BaseElasticsearchBackend):
    """Elasticsearch with one index per language for pages (see the module docstring).

    Extra parameters: LANGUAGES (the codes to keep an index for; default settings.LANGUAGES)
    and LANGUAGE (the language this instance answers in).
    """

    mapping_class = LanguageElasticsearchMapping
    index_class = LanguageElasticsearchIndex
    query_compiler_class = LanguageElasticsearchSearchQueryCompiler
    autocomplete_query_compiler_class = LanguageElasticsearchAutocompleteQueryCompiler
    results_class = LanguageElasticsearchSearchResults
    atomic_rebuilder_class = LanguageAtomicIndexRebuilder

    def __init__(self, params):
        params = dict(params)
        self.languages = list(params.pop("LANGUAGES", None) or [code for code, _name in settings.LANGUAGES])
        language = params.pop("LANGUAGE", None)
        super().__init__(params)
        deep_update(self.settings, deepcopy(AUTOCOMPLETE_SEARCH_ANALYZER))
        self._init_language({"LANGUAGE": language})

    def index_settings(self, language=None):
        index_settings = deepcopy(self.settings)
        if language:
            deep_update(index_settings, {"settings": {"analysis": rules(language).elasticsearch_analysis()}})
        return index_settings

    def build_query(self, terms):
        # Elasticsearch stems and folds with the index's analysers; the words are all it needs.
        return Words(terms, prefix=bool(rules(self.language).prefix_length))

    @staticmethod
    def is_translatable(model):
        return issubclass(get_model_root(model), TranslatableMixin)

    def _base_index_name(self, model):
        root = get_model_root(model)
        return f"{self.index_prefix}{root._meta.app_label.lower()}_{root.__name__.lower()}"

    def get_index_for_model(self, model):
        if not self.is_translatable(model):
            return self.index_class(self, self._base_index_name(model))
        if self.language:
            return self.index_class(self, f"{self._base_index_name(model)}_{self.language}", self.language)
        return LanguageIndexGroup(self, self._base_index_name(model), self.languages)

    def get_index_for_object(self, obj):
        model = obj._meta.model
        if not self.is_translatable(model):
            return self.index_class(self, self._base_index_name(model))
        return LanguageIndexGroup(self, self._base_index_name(model), self.languages)

    def add_bulk(self, model, obj_list):
        if self.is_translatable(model):
            LanguageIndexGroup(self, self._base_index_name(model), self.languages).add_items(model, obj_list)
        else:
            super().add_bulk(model, obj_list)
