"""Screenshots of the home, the signatory directory and a signatory profile, in every language, on
a phone (390 pixels) and a desktop (1280 pixels), for a person to look at: var/screenshots/
(ignored by git), named `<page>-<language>-<width>.png`. Each run replaces the previous ones.

Each shot also checks what a person would see first: the page's main heading on the screen, and
nothing wider than the window (no sideways scrolling).
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections

from tests.browser.test_accessibility import clear_caches, reset_database
from tests.database import demo_content
from tests.public_pages import LANGUAGES, page_urls

pytestmark = [
    pytest.mark.browser,
    pytest.mark.backend_independent,
    pytest.mark.empties_database,
    pytest.mark.xdist_group("screenshots"),
]

SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
PAGES = {"home": "home", "directory": "signatory index", "profile": "signatory profile"}
VIEWPORTS = {390: {"width": 390, "height": 844}, 1280: {"width": 1280, "height": 900}}

MEASURE = """() => {
    const heading = document.querySelector("main h1");
    const box = heading ? heading.getBoundingClientRect() : null;
    return {
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        heading: heading ? heading.textContent.trim() : "",
        headingOnFirstScreen: Boolean(box && box.width > 0 && box.bottom > 0 && box.top < window.innerHeight),
    };
}"""


@pytest.fixture(scope="module")
def shots(request, browser, django_db_blocker):
    """{(page, language, width): (address, measures, screenshot path)}, taken with one browser context."""
    live_server = request.getfixturevalue("live_server")
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=VIEWPORTS[1280])
    # The pages are the site's own: nothing is fetched from elsewhere (map tiles, for instance).
    context.route(re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])"), lambda route: route.abort())
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    results = {}
    with django_db_blocker.unblock():
        clear_caches()
        try:
            reset_database()
            demo_content()
            for language in LANGUAGES:
                urls = page_urls(language)
                for name, page_type in PAGES.items():
                    for width, viewport in VIEWPORTS.items():
                        tab.set_viewport_size(viewport)
                        response = tab.goto(urls[page_type])
                        assert response.status == 200, urls[page_type]
                        path = SCREENSHOTS / f"{name}-{language}-{width}.png"
                        measures = tab.evaluate(MEASURE)
                        tab.screenshot(path=str(path), full_page=True, animations="disabled")
                        results[(name, language, width)] = (urls[page_type], measures, path)
        finally:
            context.close()
            reset_database()
            clear_caches()
    yield results
    with django_db_blocker.unblock():
        connections.close_all()


@pytest.mark.parametrize("width", VIEWPORTS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot_shows_the_heading_without_sideways_scrolling(shots, name, language, width):
    url, measures, path = shots[(name, language, width)]
    assert path.stat().st_size > 10_000, f"{path} looks empty"
    assert measures["heading"], f"{url} has no main heading"
    assert measures["headingOnFirstScreen"], f"{url}: the main heading is not on the first screen at {width} pixels"
    assert measures["scrollWidth"] <= measures["innerWidth"], (
        f"{url} is {measures['scrollWidth']} pixels wide in a window of {measures['innerWidth']}"
    )
