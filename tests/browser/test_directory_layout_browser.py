"""The directory and a profile on a 390-pixel phone and a 1280-pixel screen: the filters fold away
on the phone (the first result in the first screen) and stay open beside the results on the wide
screen; the emissions chart's labels are at least 11 pixels and apart."""

from decimal import Decimal
from itertools import pairwise

import pytest

from tests.signatory_factories import MonitoringReportFactory, SignatoryIndexPageFactory, SignatoryPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.backend_independent]

PHONE = {"width": 390, "height": 844}
SCREEN = {"width": 1280, "height": 800}


@pytest.fixture
def directory(transactional_db, site_tree):
    index = SignatoryIndexPageFactory(parent=site_tree["en"])
    konak = SignatoryPageFactory(
        parent=index,
        title="Konak",
        baseline_year=2012,
        baseline_emissions=Decimal("1200000"),
        commitment_2020=True,
        commitment_2030=True,
        target_2030_percent=40,
        commitment_2050=True,
    )
    MonitoringReportFactory(page=konak, year=2018, emissions=Decimal("1000000"))
    for number in range(12):
        SignatoryPageFactory(parent=index, title=f"Town {number}")
    return index, konak


def test_on_a_phone_the_first_result_is_in_the_first_screen(page, directory):
    index, _konak = directory
    page.set_viewport_size(PHONE)
    page.goto(index.url)
    assert page.locator("#id_country").is_hidden()  # folded away with the other filters
    first_result = page.locator(".signatory-card").first.bounding_box()
    assert first_result["y"] < PHONE["height"], first_result
    page.locator(".directory-filters__more > summary").click()
    assert page.locator("#id_country").is_visible()


def test_on_a_wide_screen_the_filters_are_open_beside_the_results(page, directory):
    index, _konak = directory
    page.set_viewport_size(SCREEN)
    page.goto(index.url)
    assert page.locator("#id_country").is_visible()
    assert page.locator(".directory-filters__more > summary").is_hidden()


def test_on_a_phone_the_chart_labels_are_readable_and_apart(page, directory):
    _index, konak = directory
    page.set_viewport_size(PHONE)
    page.goto(konak.url)
    labels = page.locator(".progress-chart__grid text")
    boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
    sizes = [labels.nth(i).evaluate("label => label.getBoundingClientRect().height") for i in range(labels.count())]
    assert min(sizes) >= 11, sizes
    years = sorted((box for box in boxes if box["y"] > boxes[0]["y"] + 100), key=lambda box: box["x"])
    assert all(a["x"] + a["width"] <= b["x"] for a, b in pairwise(years)), years
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_map_without_its_tiles_says_so_and_the_list_stays(page, directory):
    index, _konak = directory
    page.route("**/*.png", lambda route: route.abort())  # the tile server cannot be reached
    page.set_viewport_size(SCREEN)
    page.goto(index.url)
    notice = page.locator(".signatory-map__notice")
    notice.wait_for()
    assert notice.get_attribute("role") == "status"
    assert "could not be loaded" in notice.inner_text()
    assert page.locator("#signatory-map").is_visible()  # the markers stay
    assert page.locator(".signatory-card").count() == 13
