"""Language rules for search: case folding, query terms, and each backend's analysis per language.

Why this exists: full-text search engines lowercase text with language-neutral rules, and
Turkish breaks them. In Turkish `İ`/`i` and `I`/`ı` are two pairs of different letters, so
`İSTANBUL` must become `istanbul` and `IRMAK` must become `ırmak`. Python's `str.lower()` turns
`İ` into `i` + U+0307 (a combining dot) and `I` into `i`; PostgreSQL's `lower()` depends on the
database's LC_CTYPE (the server here runs C.UTF-8: `İ`→`i` but also `I`→`i`); SQLite's FTS5
`unicode61` tokenizer folds `İ`→`i` and `I`→`i`. None of them is right for Turkish.

What we do, measured on PostgreSQL 15 (C.UTF-8) and SQLite 3.40:

* Database backends (SQLite FTS5, PostgreSQL): the text of every page is folded in Python with
  :func:`fold` before it reaches the database, using the rules of the page's own locale, and
  every query is folded with the rules of the visitor's locale. The database then only ever sees
  lowercase text, so its own lowercasing cannot disagree. PostgreSQL still stems with the right
  text search configuration (:attr:`LanguageRules.postgres_config`: turkish, russian, english,
  and `simple` where PostgreSQL has no configuration, as for Turkmen).
* Stemming of agglutinative languages: PostgreSQL's Snowball Turkish stemmer gives `belediye`
  → `beledi`, `belediyeler` → `belediye`, `belediyesi` → `belediyes`: three stems for one word.
  Information retrieval research on Turkish (Can et al., "Information retrieval on Turkish
  texts", JASIST 59(3), 2008) found that keeping the first five letters of a word ("F5") works
  as well as a full morphological analyser. So for Turkish, Turkmen and the other Turkic
  languages a query word of five letters or more also matches any indexed word starting with
  its first five letters (:attr:`LanguageRules.prefix_length`), on SQLite and PostgreSQL alike,
  and in Elasticsearch through a `prefix` sub-field truncated to five letters.
* Elasticsearch analyses text itself: each language gets its own index whose default analyser
  is that language's (:meth:`LanguageRules.elasticsearch_analysis`): Turkish lowercase,
  stop words and stemmer for tr; Russian and English stemmers for ru and en; for Turkmen, which
  has no stemmer anywhere, lowercase plus ASCII folding that keeps the original token (so
  `Asgabat` typed on a foreign keyboard finds `Aşgabat`, and exact spellings rank first) and the
  five-letter prefix field.

Queries are reduced to words (:func:`clean_query`): punctuation, quotes and operators are
dropped, so no search syntax from a visitor ever reaches a backend; long queries are cut.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.conf.locale import LANG_INFO

#: Longest query we look at, in characters; the rest is cut before anything else happens.
MAX_QUERY_LENGTH = 200
#: Most words a query may have; more only slows the search without improving it.
MAX_QUERY_TERMS = 10

#: Languages whose alphabet pairs İ/i and I/ı (Turkish, Azerbaijani, Crimean Tatar, Gagauz).
TURKIC_CASING = frozenset({"tr", "az", "crh", "gag"})

#: Agglutinative languages where a word also matches others sharing its first letters (see above).
PREFIX_LENGTHS = {"tr": 5, "az": 5, "tk": 5, "kk": 5, "ky": 5, "uz": 5, "tt": 5, "ba": 5}

#: Text search configurations PostgreSQL ships (Snowball stemmers, versions 12 to 17).
POSTGRES_CONFIGS = frozenset(
    {
        "arabic",
        "armenian",
        "basque",
        "catalan",
        "danish",
        "dutch",
        "english",
        "finnish",
        "french",
        "german",
        "greek",
        "hindi",
        "hungarian",
        "indonesian",
        "irish",
        "italian",
        "lithuanian",
        "nepali",
        "norwegian",
        "portuguese",
        "romanian",
        "russian",
        "serbian",
        "spanish",
        "swedish",
        "tamil",
        "turkish",
        "yiddish",
    }
)

#: Language analysers built into Elasticsearch, usable as they are for languages without rules below.
ELASTICSEARCH_ANALYZERS = frozenset(
    {
        "arabic",
        "armenian",
        "basque",
        "bengali",
        "bulgarian",
        "catalan",
        "czech",
        "danish",
        "dutch",
        "english",
        "estonian",
        "finnish",
        "french",
        "galician",
        "german",
        "greek",
        "hindi",
        "hungarian",
        "indonesian",
        "irish",
        "italian",
        "latvian",
        "lithuanian",
        "norwegian",
        "persian",
        "portuguese",
        "romanian",
        "russian",
        "spanish",
        "swedish",
        "thai",
        "turkish",
    }
)

_STOP_WORDS_DIR = Path(__file__).resolve().parent / "stopwords"
# Letters and digits, optionally joined by apostrophes ("İstanbul'da", "mayor's"); the
# underscore is a separator, as it is for PostgreSQL's parser and SQLite's tokenizer.
_WORD = re.compile(r"[^\W_][\w\u0300-\u036f]*(?:['’ʼ][^\W_][\w\u0300-\u036f]*)*")
_APOSTROPHES = re.compile(r"['’ʼ]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def fold(text, language=None):
    """Lowercase `text` for comparison, with Turkish rules where the language has them.

    >>> fold("İSTANBUL İzmir IRMAK", "tr")
    'istanbul izmir ırmak'
    >>> fold("İstanbul IPCC", "en")
    'istanbul ipcc'
    """
    text = unicodedata.normalize("NFC", text)
    if language in TURKIC_CASING:
        text = text.replace("I", "ı")
    text = text.replace("İ", "i")
    # casefold() also folds ß and final sigma; a stray combining dot after i is dropped.
    return text.casefold().replace("i\u0307", "i")


def query_key(text):
    """A language-free key for a whole query: what staff see in the query log, what promotions match.

    Looser than :func:`fold` on purpose: `İzmir`, `izmir`, `IZMIR` and `Izmır` are one query.
    """
    text = fold(_CONTROL.sub(" ", text)).replace("ı", "i")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


@cache
def stop_words(language):
    """Snowball stop words of `language` (empty where we ship none)."""
    path = _STOP_WORDS_DIR / f"{language}.txt"
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip(), language) for line in lines if line.strip() and not line.startswith("#"))


def words(text, language=None):
    """The folded words of `text`, in order; Turkic case suffixes after an apostrophe are dropped."""
    found = []
    for token in _WORD.findall(fold(text, language)):
        parts = _APOSTROPHES.split(token)
        if language in TURKIC_CASING or language in PREFIX_LENGTHS:
            found.append(parts[0])  # İstanbul'da -> istanbul, as Elasticsearch's apostrophe filter does
        else:
            found.extend(parts)
    return found


@dataclass(frozen=True)
class CleanQuery:
    """What the visitor typed (cut to a sane length) and the words we search for."""

    text: str
    terms: tuple[str, ...] = field(default=())

    def __bool__(self):
        return bool(self.terms)


def clean_query(raw, language=None):
    """Reduce a visitor's query to safe words: no operators, no punctuation, at most MAX_QUERY_TERMS.

    Stop words are dropped when other words remain (PostgreSQL and Elasticsearch ignore them
    anyway; SQLite would otherwise require them to appear).
    """
    text = _CONTROL.sub(" ", str(raw or ""))[:MAX_QUERY_LENGTH].strip()
    terms = list(dict.fromkeys(words(text, language)))
    meaningful = [term for term in terms if term not in stop_words(language)]
    return CleanQuery(text=text, terms=tuple((meaningful or terms)[:MAX_QUERY_TERMS]))


@dataclass(frozen=True)
class LanguageRules:
    """How one language is searched, on every backend."""

    code: str
    postgres_config: str
    turkic_casing: bool
    prefix_length: int | None

    def prefix(self, term):
        """The leading letters that `term` also matches by, or None where that does not apply."""
        if self.prefix_length and len(term) >= self.prefix_length:
            return term[: self.prefix_length]
        return None

    def elasticsearch_analysis(self):
        """The `analysis` index settings for this language's Elasticsearch index.

        Defines the `default` analyser (used by every text field that names none, at index and
        at query time), the autocomplete analysers and, for prefix languages, `prefix`.
        """
        code = self.code
        if self.turkic_casing:
            filters = {f"{code}_lowercase": {"type": "lowercase", "language": "turkish"}}
            body = ["apostrophe", f"{code}_lowercase"]
            if code == "tr":
                filters["tr_stop"] = {"type": "stop", "stopwords": "_turkish_"}
                filters["tr_stemmer"] = {"type": "stemmer", "language": "turkish"}
                default = [*body, "tr_stop", "tr_stemmer"]
                prefix = [*body, "tr_stop", "prefix_truncate"]
            else:  # Azerbaijani and the others: Turkish casing, no stemmer
                default = body
                prefix = [*body, "prefix_truncate"]
            autocomplete = body
        elif code == "ru":
            filters = {
                "ru_stop": {"type": "stop", "stopwords": "_russian_"},
                "ru_stemmer": {"type": "stemmer", "language": "russian"},
            }
            default = ["lowercase", "ru_stop", "ru_stemmer"]
            prefix = None
            autocomplete = ["lowercase"]
        elif code == "en":
            filters = {
                "en_possessive": {"type": "stemmer", "language": "possessive_english"},
                "en_stop": {"type": "stop", "stopwords": "_english_"},
                "en_stemmer": {"type": "stemmer", "language": "english"},
            }
            default = ["en_possessive", "lowercase", "en_stop", "en_stemmer"]
            prefix = None
            autocomplete = ["asciifolding", "lowercase"]
        elif code == "tk" or self.prefix_length:
            # No stemmer exists for Turkmen (nor for most Turkic languages): lowercase, and fold
            # ä ç ň ö ş ü ý ž to ASCII while keeping the original token, plus the prefix field.
            filters = {"folding": {"type": "asciifolding", "preserve_original": True}}
            default = ["lowercase", "folding"]
            prefix = ["lowercase", "asciifolding", "prefix_truncate"]
            autocomplete = ["lowercase", "asciifolding"]
        else:
            name = LANG_INFO.get(code, {}).get("name", "").lower()
            analyzers = {"default": {"type": name} if name in ELASTICSEARCH_ANALYZERS else {"type": "standard"}}
            return {"analyzer": analyzers}

        analyzers = {
            "default": {"type": "custom", "tokenizer": "standard", "filter": default},
            "edgengram_analyzer": {"type": "custom", "tokenizer": "standard", "filter": [*autocomplete, "edgengram"]},
            "edgengram_search": {"type": "custom", "tokenizer": "standard", "filter": autocomplete},
        }
        if prefix:
            filters["prefix_truncate"] = {"type": "truncate", "length": self.prefix_length}
            analyzers["prefix"] = {"type": "custom", "tokenizer": "standard", "filter": prefix}
        return {"analyzer": analyzers, "filter": filters}


@cache
def rules(language):
    """The LanguageRules of a language code (any code: unknown languages get neutral rules)."""
    code = (language or "").lower()
    name = LANG_INFO.get(code, {}).get("name", "").lower()
    return LanguageRules(
        code=code,
        postgres_config=name if name in POSTGRES_CONFIGS else "simple",
        turkic_casing=code in TURKIC_CASING,
        prefix_length=PREFIX_LENGTHS.get(code),
    )
