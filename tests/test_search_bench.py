"""The search benchmark's helpers work, at a tiny scale (the real run is `python -m bench.search`)."""

import pytest
from wagtail.models import Page

from bench.search import measure, report, scale_content, update_index
from signatories.models import SignatoryPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_search(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.LanguageDatabaseSearchBackend"}}
    settings.SEARCH_FALLBACK_BACKEND = None


def test_scaling_adds_each_item_in_every_language_once(site_tree, languages):
    assert scale_content(signatories=6, news=3) == {"signatories": 6, "news": 3}
    assert SignatoryPage.objects.count() == 6 * len(languages)
    assert SignatoryPage.objects.values("translation_key").distinct().count() == 6
    assert set(SignatoryPage.objects.values_list("locale__language_code", flat=True)) == set(languages)
    assert scale_content(signatories=6, news=3) == {"signatories": 0, "news": 0}
    # treebeard's own check: no bad characters or step lengths, orphans, wrong depths or child counts
    assert Page.find_problems() == ([], [], [], [], [])


def test_measure_reports_latency_of_search_page_and_autocomplete(site_tree):
    scale_content(signatories=10, news=5)
    update_index()
    rows = measure(queries={"tr": ["belediye"], "en": ["climate"]}, repeat=2, warmup=0)
    kinds = {(row["language"], row["kind"]) for row in rows}
    assert kinds == {(language, kind) for language in ("tr", "en") for kind in ("search", "page", "autocomplete")}
    by_kind = {(row["language"], row["kind"]): row for row in rows}
    assert by_kind[("tr", "search")]["results"] > 0
    assert by_kind[("tr", "page")]["results"] == 200  # the status code of the results page
    assert all(row["p50_ms"] > 0 and row["max_ms"] >= row["p95_ms"] >= row["p50_ms"] for row in rows)
    assert "belediye" in report(rows)
