"""The partner finder's benchmark helpers, at a tiny scale: they build data, rank and report."""

import pytest

from bench import twinning as bench
from network.twinning.models import PartnershipRequest
from tests.signatory_factories import make_directory
from tests.twinning_factories import finder_fixture, programmes_fixture, themes_fixture  # noqa: F401 - fixtures


def test_the_ranking_benchmark_reports_each_measure():
    rows = bench.time_ranking(authorities=200, requests=40, targets=5)
    assert [row["name"] for row in rows] == ["pool build", "rank (top 10)", "rank, near"]
    # Three pool builds, one ranking of each of the five targets, and figures that are real timings.
    assert [row["runs"] for row in rows] == [3, 5, 5]
    for row in rows:
        assert row["candidates"] == 240, row
        assert 0 < row["p50_ms"] <= row["p95_ms"] <= row["max_ms"] < 60_000, row
    text = bench.report(rows)
    assert "rank (top 10)" in text and "240" in text
    assert f"{rows[0]['p50_ms']:.1f}" in text.splitlines()[2]


@pytest.mark.django_db
def test_the_database_benchmark_scales_the_data_once_and_measures_the_pages(finder, site_tree):
    make_directory(site_tree)
    bench.scale_data(authorities=30, requests=12)
    bench.scale_data(authorities=30, requests=12)  # tops up: nothing more
    assert PartnershipRequest.objects.filter(contact_email__endswith="@bench.example").count() == 12
    rows = {row["name"]: row for row in bench.measure(repeat=2)}
    assert rows["pool from the database"]["candidates"] == 30 + 12
    assert {"page: open requests", "page: filtered requests", "page: request and suggestions"} <= set(rows)
