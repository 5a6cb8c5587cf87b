"""Site search on the database backend (SQLite here, PostgreSQL when DATABASE_URL says so).

The same tests run on both databases in CI. PostgreSQL-only behaviour (Snowball stemming per
language) is in tests/test_search_postgres.py; Elasticsearch in tests/test_search_elasticsearch*.py.
"""

import logging
import socket

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.text import capfirst
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText
from wagtail.search.models import IndexEntry
from wagtail_factories import ImageFactory

from core.translation import synchronise_trees
from home.models import StandardPage
from search.analysis import MAX_QUERY_LENGTH, clean_query, fold, query_key
from search.snippets import highlight
from tests.search_factories import event, news, page

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_search"),
]

DATABASE_BACKEND = {"BACKEND": "search.backends.LanguageDatabaseSearchBackend"}


@pytest.fixture(autouse=True)
def database_search(settings):
    """These tests are about the database backend, even when ELASTICSEARCH_URL is set."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": DATABASE_BACKEND}
    settings.SEARCH_FALLBACK_BACKEND = None


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def result_titles(response):
    return [a.get_text() for a in soup(response).select("section[aria-labelledby=results-heading] h3 a")]


def search(client, language, q, **params):
    return client.get(f"/{language}/search/", {"q": q, **params})


def titles(client, language, q, **params):
    return result_titles(search(client, language, q, **params))


# Languages -------------------------------------------------------------------------------------


class TestLocaleIsolation:
    def test_results_come_from_the_visitors_locale_only(self, client, site_tree):
        page(site_tree["en"], "Energy efficiency in Izmir", "Izmir retrofits its public buildings.")
        page(site_tree["tr"], "İzmir'de enerji verimliliği", "İzmir kamu binalarını yeniliyor.")
        page(site_tree["ru"], "Энергоэффективность в Измире", "Izmir обновляет здания.")

        assert titles(client, "en", "izmir") == ["Energy efficiency in Izmir"]
        assert titles(client, "tr", "izmir") == ["İzmir'de enerji verimliliği"]
        assert titles(client, "ru", "izmir") == ["Энергоэффективность в Измире"]
        assert titles(client, "tk", "izmir") == []

    def test_untranslated_pages_are_found_once_in_every_locale_marked_with_their_language(self, client, site_tree):
        page(site_tree["en"], "Covenant commitments", "Signatories commit to cut emissions by 2030.")
        synchronise_trees()

        for language in ["en", "tr", "tk", "ru"]:
            assert titles(client, language, "emissions") == ["Covenant commitments"], language
        item = soup(search(client, "tr", "emissions")).select_one("section[aria-labelledby=results-heading] li")
        assert item["lang"] == "en"
        english = soup(search(client, "en", "emissions")).select_one("section[aria-labelledby=results-heading] li")
        assert not english.has_attr("lang")


class TestTurkishCaseFolding:
    @pytest.fixture
    def pages(self, site_tree):
        home = site_tree["tr"]
        return {
            "istanbul": page(home, "İstanbul iklim planı", "Büyükşehir belediyesi yeni planını açıkladı."),
            "izmir": page(home, "İzmir", "Körfez kenti enerji verimliliğine yatırım yapıyor."),
            "irmak": page(home, "Irmak kıyısında ağaçlandırma", "Sel riskine karşı doğa temelli çözümler."),
        }

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("istanbul", "İstanbul iklim planı"),
            ("İSTANBUL", "İstanbul iklim planı"),
            ("İstanbul'da", "İstanbul iklim planı"),
            ("İZMİR", "İzmir"),
            ("izmir", "İzmir"),
            ("ırmak", "Irmak kıyısında ağaçlandırma"),
            ("IRMAK", "Irmak kıyısında ağaçlandırma"),
        ],
    )
    def test_turkish_capitals_match_their_own_lowercase(self, client, pages, query, expected):
        assert titles(client, "tr", query) == [expected]

    def test_dotless_and_dotted_i_are_different_letters(self, client, pages):
        # In Turkish, IRMAK is ırmak, never irmak; and ISTANBUL is ıstanbul, not İstanbul.
        assert titles(client, "tr", "irmak") == []
        assert titles(client, "tr", "ISTANBUL") == []

    def test_untranslated_english_text_keeps_english_case_rules_in_the_turkish_tree(self, client, site_tree):
        # The Turkish alias of an English page holds English text: its I is i, not ı.
        page(site_tree["en"], "Istanbul twinning visit", "IPCC authors met the mayors.")
        synchronise_trees()
        assert titles(client, "tr", "istanbul") == ["Istanbul twinning visit"]
        assert titles(client, "tr", "ipcc") == ["Istanbul twinning visit"]

    def test_dotted_capital_i_folds_in_other_languages_too(self, client, site_tree):
        page(site_tree["en"], "Twinning with İstanbul", "A partnership on heat adaptation.")
        assert titles(client, "en", "istanbul") == ["Twinning with İstanbul"]
        assert titles(client, "en", "ISTANBUL") == ["Twinning with İstanbul"]

    @pytest.mark.parametrize("query", ["belediye", "belediyesi", "belediyeler", "Belediyelerin"])
    def test_turkish_words_find_their_inflected_forms(self, client, site_tree, query):
        home = site_tree["tr"]
        page(home, "Büyükşehir Belediyesi", "Kent planı")
        page(home, "Belediyeler birliği", "Ortak çalışma")
        page(home, "Bir belediye", "Yerel yönetim")
        assert sorted(titles(client, "tr", query)) == ["Belediyeler birliği", "Bir belediye", "Büyükşehir Belediyesi"]

    def test_the_snippet_marks_the_words_found(self, client, site_tree):
        page(site_tree["tr"], "Plan", "Sinop Belediyesi ve İzmir belediyeleri <ortak> bir iklim planı hazırladı.")
        snippet = soup(search(client, "tr", "belediye")).select_one(".search-result__snippet")
        assert [mark.get_text() for mark in snippet.select("mark")] == ["Belediyesi", "belediyeleri"]
        assert "<ortak>" in snippet.get_text()  # escaped text, not markup


# Results page ----------------------------------------------------------------------------------


class TestResultsPage:
    def test_each_result_shows_title_type_date_and_snippet(self, client, site_tree):
        news(site_tree["en"], "Solar roofs for schools", "Forty schools install solar panels this year.")
        item = soup(search(client, "en", "solar")).select_one("section[aria-labelledby=results-heading] li")
        assert item.select_one("h3 a").get_text() == "Solar roofs for schools"
        assert item.select_one("h3 a")["href"] == "/en/news/solar-roofs-for-schools/"
        assert item.select_one(".badge").get_text() == "News page"
        assert item.select_one("time")["datetime"] == "2025-03-14"
        assert item.select_one(".search-result__snippet mark").get_text() == "solar"

    def test_pages_with_the_words_in_their_title_come_first(self, client, site_tree):
        page(site_tree["en"], "Annual report", "Also about biomass in passing.")
        page(site_tree["en"], "Biomass heating", "District heating with wood chips.")
        page(site_tree["en"], "Forests", "Nothing relevant.")
        assert titles(client, "en", "biomass") == ["Biomass heating", "Annual report"]

    def test_facets_count_results_by_page_type_and_filter_them(self, client, site_tree):
        home = site_tree["en"]
        news(home, "Energy poverty report", "Households and energy prices.")
        news(home, "Community energy", "Cooperatives own wind turbines.")
        event(home, "Energy days", "A week of open doors.")
        page(home, "Energy policy", "What the network asks of governments.")

        html = soup(search(client, "en", "energy"))
        facets = {a.get_text(" ", strip=True): a for a in html.select("nav.facets a")}
        assert list(facets) == ["All (4)", "News (2)", "Events (1)", "Pages (1)"]
        assert facets["All (4)"].has_attr("aria-current")

        filtered = soup(client.get("/en/search/" + facets["News (2)"]["href"]))
        assert sorted(a.get_text() for a in filtered.select("section[aria-labelledby=results-heading] h3 a")) == [
            "Community energy",
            "Energy poverty report",
        ]
        current = filtered.select_one("nav.facets a[aria-current]")
        assert current.get_text(" ", strip=True) == "News (2)"
        assert "2 results" in filtered.select_one(".search-summary").get_text()

    def test_an_unknown_facet_is_ignored(self, client, site_tree):
        news(site_tree["en"], "Energy poverty report")
        page(site_tree["en"], "Energy policy")
        assert len(titles(client, "en", "energy", type="unknown")) == 2

    def test_pagination(self, client, site_tree):
        for number in range(23):
            page(site_tree["en"], f"Retrofit case study {number}", "Deep retrofit of a public building.")

        first = soup(search(client, "en", "retrofit"))
        assert len(first.select("section[aria-labelledby=results-heading] li")) == 10
        assert first.select_one("ol.search-results")["start"] == "1"
        next_link = first.select_one(".pagination a[rel=next]")["href"]
        assert "q=retrofit" in next_link
        assert "page=2" in next_link

        third = soup(search(client, "en", "retrofit", page=3))
        assert len(third.select("section[aria-labelledby=results-heading] li")) == 3
        assert third.select_one("ol.search-results")["start"] == "21"
        assert third.select_one(".pagination [aria-current=page]").get_text() == "Page 3 of 3"

        seen = set()
        for number in (1, 2, 3):
            seen.update(titles(client, "en", "retrofit", page=number))
        assert len(seen) == 23

    @pytest.mark.parametrize("number", ["99", "0", "-1", "abc", "1.5", "9" * 30])
    def test_any_page_number_answers(self, client, site_tree, number):
        for index in range(12):
            page(site_tree["en"], f"Heat pump {index}")
        assert len(titles(client, "en", "heat", page=number)) in {2, 10}

    def test_without_a_query_the_page_shows_the_form(self, client, site_tree):
        html = soup(client.get("/tr/search/"))
        assert html.select_one("main form[role=search]")["action"] == "/tr/search/"
        label = html.select_one("main form[role=search] label")
        assert html.select_one(f"#{label['for']}")["name"] == "q"
        assert html.select_one("section[aria-labelledby=results-heading]") is None
        assert html.select_one("meta[name=robots]")["content"] == "noindex, follow"

    def test_no_results_says_so(self, client, site_tree):
        html = soup(search(client, "en", "photosynthesis"))
        assert "0 results" in html.select_one(".search-summary").get_text()


class TestVisibility:
    def test_unpublished_and_private_pages_are_never_shown(self, client, site_tree):
        home = site_tree["en"]
        page(home, "Published biodiversity plan", "biodiversity")
        draft = page(home, "Draft biodiversity plan", "biodiversity")
        draft.unpublish()
        private = page(home, "Members biodiversity area", "biodiversity")
        page(private, "Members biodiversity minutes", "biodiversity")
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="members-only"
        )
        Query.get("biodiversity")
        for target in (draft, private):
            SearchPromotion.objects.create(query=Query.get("biodiversity"), page=target, description="hidden")

        assert titles(client, "en", "biodiversity") == ["Published biodiversity plan"]
        assert soup(search(client, "en", "biodiversity")).select_one("section.promotions") is None
        suggestions = client.get("/en/search/autocomplete/", {"q": "biodiv"}).json()["results"]
        assert [item["title"] for item in suggestions] == ["Published biodiversity plan"]

    def test_page_types_join_or_leave_search_through_their_search_facet(self, client, site_tree, monkeypatch):
        page(site_tree["en"], "Mobility plan", "Cycling lanes.")
        news(site_tree["en"], "Mobility week", "Car-free day.")

        monkeypatch.setattr(StandardPage, "search_facet", "news", raising=False)
        facets = [a.get_text(" ", strip=True) for a in soup(search(client, "en", "mobility")).select("nav.facets a")]
        assert facets == ["All (2)", "News (2)"]

        monkeypatch.setattr(StandardPage, "search_facet", None, raising=False)
        assert titles(client, "en", "mobility") == ["Mobility week"]


# Promotions and the query log ------------------------------------------------------------------


class TestPromotions:
    @pytest.fixture
    def promoted(self, site_tree):
        target = page(site_tree["tr"], "Sözleşme hakkında", "Başkanlar Sözleşmesi nedir?")
        english = page(site_tree["en"], "About the Covenant", "What the Covenant is.")
        SearchPromotion.objects.create(query=Query.get("İklim"), page=target, description="Önce bunu okuyun.")
        SearchPromotion.objects.create(query=Query.get("iklim"), page=english, description="English page.")
        SearchPromotion.objects.create(
            query=Query.get("iklim"),
            external_link_url="https://eu-mayors.ec.europa.eu/",
            external_link_text="EU Covenant of Mayors",
        )
        page(site_tree["tr"], "İklim eylem planı", "İklim değişikliğine uyum.")
        return target

    def test_promotions_of_the_visitors_locale_come_first(self, client, promoted):
        html = soup(search(client, "tr", "İKLİM"))
        section = html.select_one("section.promotions")
        assert [a.get_text() for a in section.select("h3 a")] == ["Sözleşme hakkında", "EU Covenant of Mayors"]
        assert section.select_one("h3 a")["href"] == promoted.url
        assert "Önce bunu okuyun." in section.get_text()
        assert [a.get_text() for a in html.select("section[aria-labelledby=results-heading] h3 a")] == [
            "İklim eylem planı"
        ]

    def test_other_locales_promotions_stay_there(self, client, promoted):
        section = soup(search(client, "en", "iklim")).select_one("section.promotions")
        assert [a.get_text() for a in section.select("h3 a")] == ["About the Covenant", "EU Covenant of Mayors"]

    def test_promotions_match_the_whole_query_only(self, client, promoted):
        assert soup(search(client, "tr", "iklim planı")).select_one("section.promotions") is None


class TestQueryLog:
    def test_searches_are_counted_once_per_query_whatever_the_case(self, client, site_tree):
        search(client, "tr", "İzmir")
        search(client, "tr", "IZMIR")
        search(client, "en", "izmir", page=2)  # further pages of the same search are not new searches
        search(client, "en", "")
        search(client, "en", "?!")
        client.get("/tr/search/autocomplete/", {"q": "izm"})
        assert [(query.query_string, query.hits) for query in Query.objects.all()] == [("izmir", 2)]


# Autocomplete ----------------------------------------------------------------------------------


class TestAutocomplete:
    @pytest.fixture
    def pages(self, site_tree):
        page(site_tree["en"], "Istanbul twinning")
        news(site_tree["en"], "Istanbul solar map")
        return {
            "istanbul": page(site_tree["tr"], "İstanbul iklim planı"),
            "izmir": page(site_tree["tr"], "İzmir körfezi"),
        }

    def suggest(self, client, language, q):
        response = client.get(f"/{language}/search/autocomplete/", {"q": q})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        return response.json()

    def test_suggests_titles_of_the_locale_starting_with_the_typed_letters(self, client, pages):
        data = self.suggest(client, "tr", "İst")
        assert data["query"] == "İst"
        with translation.override("tr"):
            page_type = str(capfirst(StandardPage._meta.verbose_name))
        assert data["results"] == [{"title": "İstanbul iklim planı", "url": pages["istanbul"].url, "type": page_type}]
        assert [item["title"] for item in self.suggest(client, "tr", "İZM")["results"]] == ["İzmir körfezi"]
        assert sorted(item["title"] for item in self.suggest(client, "en", "istan")["results"]) == [
            "Istanbul solar map",
            "Istanbul twinning",
        ]
        assert [item["type"] for item in self.suggest(client, "en", "istanbul sol")["results"]] == ["News page"]

    @pytest.mark.parametrize("q", ["", "i", "!!", "*", '"', "a" * 5000])
    def test_too_little_or_nonsense_gives_no_suggestions(self, client, pages, q):
        assert self.suggest(client, "en", q)["results"] == []

    def test_is_cacheable(self, client, pages):
        response = client.get("/en/search/autocomplete/", {"q": "ist"})
        assert "public" in response["Cache-Control"]


# Hostile input ---------------------------------------------------------------------------------

HOSTILE_QUERIES = [
    "   ",
    "!!!",
    "...",
    '"',
    "'",
    "\\",
    "*",
    "'; DROP TABLE wagtailcore_page; --",
    '"unterminated phrase',
    "climate AND OR NOT",
    "title:climate",
    "-climate +energy",
    "climate OR",
    "NEAR(climate energy)",
    "(((climate",
    "climate^2 energy~",
    "c*",
    "climate & energy | !water <-> :*",
    "climate\x00energy",
    "<script>alert('x')</script>",
    "{{ 7*7 }}",
    "%s %(x)s",
    "🌍🔥",
    "مناخ",
    "İ" * 300,
    "climate " * 200,
    "a" * 10_000,
]


class TestHostileQueries:
    @pytest.fixture
    def content(self, site_tree):
        page(site_tree["en"], "Climate and energy", "Climate energy water.")

    @pytest.mark.parametrize("q", HOSTILE_QUERIES)
    @pytest.mark.parametrize("language", ["en", "tr"])
    def test_every_query_answers(self, client, content, q, language):
        response = search(client, language, q)
        html = soup(response)
        assert html.select_one("main h1") is not None
        value = html.select_one("main input[name=q]")["value"]
        assert len(value) <= MAX_QUERY_LENGTH
        assert value == q[:MAX_QUERY_LENGTH].replace("\x00", " ").strip()

    def test_the_query_is_shown_escaped(self, client, content):
        response = search(client, "en", "<script>alert('x')</script> climate")
        body = response.content.decode()
        assert "<script>alert" not in body
        assert "&lt;script&gt;alert" in body
        assert titles(client, "en", "<script>alert('x')</script> climate") == []  # every word must match

    def test_operators_are_words_not_syntax(self, client, content):
        assert titles(client, "en", "climate -energy") == ["Climate and energy"]
        assert titles(client, "en", "climate OR photosynthesis") == []

    def test_long_queries_are_cut(self):
        query = clean_query("climate " * 200, "en")
        assert len(query.text) <= MAX_QUERY_LENGTH
        assert query.terms == ("climate",)
        many = clean_query(" ".join(f"word{n}" for n in range(40)), "en")
        assert len(many.terms) == 10

    def test_repeated_parameters_use_the_last(self, client, content):
        response = client.get("/en/search/?q=nothing&q=water&type=news&type=bogus")
        assert result_titles(response) == ["Climate and energy"]


# Robustness and cost ---------------------------------------------------------------------------


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestElasticsearchFallback:
    def test_search_answers_from_the_database_when_elasticsearch_does_not(self, client, site_tree, settings, caplog):
        page(site_tree["tr"], "İzmir iklim planı", "Körfez kenti.")
        settings.WAGTAILSEARCH_BACKENDS = {
            "default": {
                "BACKEND": "search.backends.LanguageElasticsearchSearchBackend",
                "URLS": [f"http://127.0.0.1:{closed_port()}"],
                "TIMEOUT": 2,
                "OPTIONS": {"max_retries": 0},
                "AUTO_UPDATE": False,
            },
            "database": DATABASE_BACKEND,
        }
        settings.SEARCH_FALLBACK_BACKEND = "database"

        with caplog.at_level(logging.WARNING, logger="search"):
            assert titles(client, "tr", "İZMİR") == ["İzmir iklim planı"]
            suggestions = client.get("/tr/search/autocomplete/", {"q": "izm"}).json()["results"]
        assert [item["title"] for item in suggestions] == ["İzmir iklim planı"]
        warnings = [record for record in caplog.records if record.name == "search.service"]
        assert len(warnings) == 2
        assert warnings[0].levelno == logging.WARNING
        assert "'default' did not answer" in warnings[0].getMessage()
        assert "'database'" in warnings[0].getMessage()


class TestQueryCounts:
    def measure(self, client, count, site_tree):
        image = ImageFactory()
        body = [
            ("heading", {"text": "Adaptation measures", "level": "h2"}),
            ("paragraph", RichText("<p>Heat waves &amp; floods.</p>")),
            ("image", {"image": image, "alt_text": "A green roof", "caption": "Green roof"}),
            (
                "call_to_action",
                {"title": "Join", "text": "", "link": {"page": site_tree["en"], "url": "", "label": ""}},
            ),
        ]
        for number in range(count):
            page(site_tree["en"], f"Adaptation plan {count}-{number}", "Heat waves and floods.", body=body)
        for _warm_up in range(2):  # caches (content types, site root paths, page chrome) and the query log
            search(client, "en", "adaptation")
        with CaptureQueriesContext(connection) as queries:
            response = search(client, "en", "adaptation")
        assert len(result_titles(response)) == min(count, 10)
        return len(queries)

    def test_snippets_read_stream_fields_without_converting_them(self, client, site_tree):
        self.measure(client, 1, site_tree)
        snippet = soup(search(client, "en", "roof")).select_one(".search-result__snippet")
        # Eight words of context before the first match; choosers and choices (h2) are not text.
        expected = "… floods. · Adaptation measures Heat waves & floods. A green roof Green roof Join"
        assert snippet.get_text() == expected
        assert [mark.get_text() for mark in snippet.select("mark")] == ["roof", "roof"]

    def test_a_results_page_costs_the_same_for_5_and_50_matches(self, client, site_tree):
        few = self.measure(client, 5, site_tree)
        many = self.measure(client, 45, site_tree)  # 50 matching pages now
        assert few == many
        assert few <= 25

    def test_autocomplete_costs_a_fixed_few_queries(self, client, site_tree):
        counts, existing = [], 0
        for total in (5, 30):
            for number in range(existing, total):
                page(site_tree["en"], f"Adaptation plan {number}")
            existing = total
            client.get("/en/search/autocomplete/", {"q": "adapt"})
            with CaptureQueriesContext(connection) as queries:
                response = client.get("/en/search/autocomplete/", {"q": "adapt"})
            assert len(response.json()["results"]) == min(total, 8)
            counts.append(len(queries))
        assert counts[0] == counts[1]
        assert counts[0] <= 6


# Building blocks -------------------------------------------------------------------------------


class TestFolding:
    @pytest.mark.parametrize(
        ("text", "language", "folded"),
        [
            ("İSTANBUL", "tr", "istanbul"),
            ("IĞDIR", "tr", "ığdır"),
            ("İzmir", "en", "izmir"),
            ("IPCC", "en", "ipcc"),
            ("i\u0307stanbul", "en", "istanbul"),  # decomposed dotted i
            ("ÝAŞLAR", "tk", "ýaşlar"),
            ("МОСКВА", "ru", "москва"),
        ],
    )
    def test_fold(self, text, language, folded):
        assert fold(text, language) == folded

    def test_query_key_is_one_for_every_spelling_of_a_query(self):
        assert {query_key(text) for text in ["İzmir", "izmir", "IZMIR", "Izmır", "  izmir  "]} == {"izmir"}

    def test_turkish_suffixes_after_an_apostrophe_are_dropped(self):
        assert clean_query("İstanbul'da ve Ankara’ya", "tr").terms == ("istanbul", "ankara")
        assert clean_query("the mayor's plan", "en").terms == ("mayor", "plan")  # "the" and "s" are stop words

    def test_stop_words_are_dropped_unless_nothing_else_remains(self):
        assert clean_query("iklim ve enerji", "tr").terms == ("iklim", "enerji")
        assert clean_query("ve", "tr").terms == ("ve",)

    def test_highlight_escapes_and_marks(self):
        html = highlight("Belediyeler & <b>köylüler</b> belediye", ("belediye",), "tr")
        assert html == "<mark>Belediyeler</mark> &amp; &lt;b&gt;köylüler&lt;/b&gt; <mark>belediye</mark>"


def test_search_box_include_is_a_labelled_get_form(rf=None):
    request = RequestFactory().get("/tr/")
    with translation.override("tr"):
        html = BeautifulSoup(render_to_string("search/includes/search_box.html", request=request), "html.parser")
    form = html.select_one("form")
    assert form["method"] == "get"
    assert form["action"] == "/tr/search/"
    assert form["role"] == "search"
    field = html.select_one(f"#{html.select_one('label')['for']}")
    assert field["name"] == "q"
    assert field["data-autocomplete-url"] == "/tr/search/autocomplete/"


@override_settings(SEARCH_FALLBACK_BACKEND="missing")
def test_a_fallback_that_is_not_configured_is_ignored(client, site_tree):
    page(site_tree["en"], "Green roofs")
    assert titles(client, "en", "roofs") == ["Green roofs"]


def test_update_index_rebuilds_the_database_index(client, site_tree):
    page(site_tree["tr"], "İzmir iklim planı", "Belediyeler")
    IndexEntry.objects.all().delete()
    assert titles(client, "tr", "izmir") == []
    call_command("update_index", verbosity=0)
    assert titles(client, "tr", "İZMİR") == ["İzmir iklim planı"]
    assert titles(client, "tr", "belediye") == ["İzmir iklim planı"]
