"""The signatory profile's layout on a phone: tables that scroll inside a labelled box, chart labels
that stay readable and apart at 390 pixels, and the action-plan line said once.
"""

import re
from datetime import date
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.formats import date_format

from signatories import charts
from signatories.exports import COLUMNS
from tests.signatory_factories import MonitoringReportFactory, SignatoryIndexPageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db

CSS = (Path(__file__).resolve().parent.parent / "static" / "css" / "signatories.css").read_text()
PHONE_WIDTH = 390
CONTAINER_MARGIN = 32  # .container: 100% - 2rem


def profile(client, **fields):
    directory = SignatoryIndexPageFactory()
    page = SignatoryPageFactory(
        parent=directory,
        baseline_year=2012,
        baseline_emissions=Decimal("1200000"),
        commitment_2020=True,
        commitment_2030=True,
        target_2030_percent=40,
        commitment_2050=True,
        **fields,
    )
    MonitoringReportFactory(page=page, year=2018, emissions=Decimal("1000000"))
    response = client.get(page.url)
    assert response.status_code == 200
    return page, BeautifulSoup(response.content, "html.parser")


def test_every_wide_table_scrolls_in_a_labelled_region_reachable_by_keyboard(client, site_tree):
    _page, soup = profile(client)
    boxes = soup.select(".signatory-profile .table-scroll")
    assert len(boxes) == 2  # progress by pillar, monitoring reports
    for box in boxes:
        assert box["role"] == "region"
        assert box["tabindex"] == "0"
        label = soup.find(id=box["aria-labelledby"])
        assert label is not None and label.get_text(strip=True)
    assert re.search(r"\.table-scroll \{[^}]*overflow-x: auto", CSS)


@pytest.mark.parametrize(
    ("status", "expected"),
    [("submitted", "Submitted on {date}"), ("under_review", "Under review, submitted on {date}")],
)
def test_the_action_plan_line_says_its_status_and_date_once(client, site_tree, status, expected):
    submitted = date(2021, 5, 3)
    _page, soup = profile(client, action_plan_status=status, action_plan_submitted_on=submitted)
    line = soup.find("p", class_="action-plan-status")
    assert " ".join(line.get_text().split()) == expected.format(date=date_format(submitted, "DATE_FORMAT"))
    assert line.time["datetime"] == "2021-05-03"


def test_without_a_date_the_action_plan_line_is_the_status(client, site_tree):
    _page, soup = profile(client, action_plan_status="not_submitted")
    with translation.override("en"):
        assert soup.find("p", class_="action-plan-status").get_text(strip=True) == "Not submitted"


def css_value(selector, prop):
    block = re.search(re.escape(selector) + r" \{([^}]*)\}", CSS).group(1)
    return re.search(rf"{prop}: ([0-9.]+)(px|rem)", block).groups()


def test_chart_labels_are_at_least_11_pixels_on_a_390_pixel_phone():
    size, unit = css_value(".progress-chart__grid text", "font-size")
    assert unit == "px"  # in the chart's units, scaled with it
    width, unit = css_value(".progress-chart", "max-width")
    assert unit == "rem" and float(width) * 16 == charts.WIDTH  # drawn at its own size on wide screens
    scale = (PHONE_WIDTH - CONTAINER_MARGIN) / charts.WIDTH
    assert float(size) * scale >= 11


@pytest.mark.parametrize(("first", "last"), [(2012, 2050), (2008, 2030), (2019, 2021), (1990, 2050), (2015, 2049)])
def test_year_labels_never_touch(site_tree, first, last):
    page = SignatoryPageFactory(
        baseline_year=first,
        baseline_emissions=Decimal("250000"),
        commitment_2030=last >= 2030,
        target_2030_percent=40,
        commitment_2050=last == 2050,
    )
    reports = [MonitoringReportFactory(page=page, year=last, emissions=Decimal("200000"))]
    chart = charts.progress_chart(page, reports)
    xs = [x for x, _label in chart.x_ticks]
    assert chart.x_ticks[0][1] == str(first)
    assert chart.x_ticks[-1][1] == str(max(last, *(year for year, _value in chart.target)))
    assert all(b - a >= charts.MIN_TICK_GAP for a, b in pairwise(xs)), chart.x_ticks


def test_the_open_data_columns_are_on_a_page_of_their_own_linked_from_the_downloads(client, site_tree):
    directory = SignatoryIndexPageFactory()
    SignatoryPageFactory(parent=directory)
    listing = BeautifulSoup(client.get(directory.url).content, "html.parser")
    assert listing.find(string="Columns of the downloads") is None
    link = listing.find("a", string="What the columns mean")
    assert link["href"] == directory.url + "data/"

    response = client.get(link["href"])
    assert response.status_code == 200
    documentation = BeautifulSoup(response.content, "html.parser")
    assert documentation.h1.get_text(strip=True) == "Open data"
    columns = [row.th.code.get_text() for row in documentation.select("table.data-table tbody tr")]
    assert columns == [name for name, _field, _kind, _description in COLUMNS]
    assert documentation.head.find("link", rel="canonical")["href"] == directory.full_url + "data/"
    box = documentation.select_one(".table-scroll")
    assert (box["role"], box["tabindex"]) == ("region", "0")
