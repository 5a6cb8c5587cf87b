"""Accessibility of every public page type in every locale, checked by axe-core in Chromium.

axe-core (vendored, tests/browser/vendor/axe-core/) runs in each page of the demo site: no
violation of impact "serious" or "critical" is allowed. The same pages must also reflow at 320 CSS
pixels (WCAG 1.4.10): nothing wider than the window, so that nobody scrolls sideways to read.

The demo content is loaded once for the module (committed, for the live server) and the pages
are visited with one browser context; the database is then put back as migrations left it.
"""

import re
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connections

from core.cache import clear_local
from tests.database import demo_content
from tests.public_pages import (
    LANGUAGES,
    PAGE_TYPES,
    STATUS,
    expression_of_interest,
    newsletter_confirmation_url,
    newsletter_signup,
    page_urls,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.backend_independent,
    pytest.mark.empties_database,
    pytest.mark.xdist_group("accessibility"),
]

AXE_VERSION = "4.14.1"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}
NARROWEST = {"width": 320, "height": 640}
WIDE = {"width": 1280, "height": 900}

RUN_AXE = """async () => {
    const results = await axe.run(document, {resultTypes: ["violations"]});
    return {
        version: axe.version,
        violations: results.violations.map((violation) => ({
            id: violation.id,
            impact: violation.impact,
            help: violation.help,
            nodes: violation.nodes.slice(0, 5).map((node) => node.target.join(" ")),
        })),
    };
}"""

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wider = [...document.querySelectorAll("body *")].filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 1 && !element.closest(".table-scroll, [hidden]");
    });
    return {scrollWidth: document.documentElement.scrollWidth, width: width,
            wider: wider.slice(0, 5).map((element) => element.tagName.toLowerCase()
                + (element.className && typeof element.className === "string" ? "." + element.className.trim().split(/\\s+/).join(".") : ""))};
}"""


def clear_caches():
    for cache in caches.all(initialized_only=True):
        cache.clear()
    clear_local()


def reset_database():
    """Put the database in the state migrations left it: every table emptied, then the rows that
    migrations made (Wagtail's root page and site, the locales) restored, as a transactional test
    with serialized rollback does. Done before the demo is loaded (transactional tests before this
    module leave the tables empty) and after (for the tests that follow)."""
    for alias in connections:
        connection = connections[alias]
        if not connection.settings_dict["NAME"]:
            continue
        contents = getattr(connection, "_test_serialized_contents", None)
        assert contents, "the test database was not serialized (see _restore_migration_data in conftest.py)"
        # As Django does: the restored rows include those post_migrate would create (content types).
        call_command(
            "flush", verbosity=0, interactive=False, database=alias, reset_sequences=False, inhibit_post_migrate=True
        )
        connection.creation.deserialize_db_from_string(contents)


class Audit:
    """Visits pages in one tab and keeps, for each, its axe violations and its width at 320 pixels."""

    def __init__(self, tab):
        self.tab = tab
        self.results = {}

    def check(self, language, page_type, url=None):
        tab = self.tab
        if url is not None:
            response = tab.goto(url)
            expected = STATUS.get(page_type, 200)
            assert response.status == expected, f"{url} answered {response.status}, not {expected}"
        outcome = tab.evaluate(RUN_AXE)
        assert outcome["version"] == AXE_VERSION
        tab.set_viewport_size(NARROWEST)
        overflow = tab.evaluate(OVERFLOW)
        tab.set_viewport_size(WIDE)
        self.results[(language, page_type)] = (tab.url, outcome["violations"], overflow)

    def submit(self, form):
        """Submit `form` as a visitor would, the browser's own checks switched off to reach the server's."""
        form.evaluate("form => { form.noValidate = true; }")
        with self.tab.expect_navigation():
            form.locator("[type=submit]").last.click()


def visit_every_page(audit, language):
    for page_type, url in page_urls(language).items():
        audit.check(language, page_type, url)

    tab = audit.tab
    form_url, post_url = expression_of_interest(language)
    tab.goto(form_url)
    form = tab.locator(f'form[action="{post_url}"]')
    form.locator("input[type=email]").fill("not an address")
    audit.submit(form)
    assert tab.locator("main .errorlist").count() > 0, "the expression-of-interest form showed no error"
    audit.check(language, "expression of interest, with errors")

    page_url, data = newsletter_signup(language)
    tab.goto(page_url)
    form = tab.locator("main form.newsletter-form")
    form.locator("input[name=email]").fill(data["email"])
    form.locator("select[name=language]").select_option(data["language"])
    form.locator("input[name=consent]").check()
    audit.submit(form)
    audit.check(language, "newsletter signup done")
    audit.check(language, "newsletter confirmation", newsletter_confirmation_url(language))


@pytest.fixture(scope="module")
def audit(request, browser, django_db_blocker):
    """{(language, page type): (address, axe violations, overflow at 320 pixels)}."""
    # Asked for here, not as an argument: the tests themselves only read the results and need
    # neither the live server nor a transactional database of their own.
    live_server = request.getfixturevalue("live_server")
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=WIDE)
    # The pages are the site's own: nothing is fetched from elsewhere (map tiles, for instance).
    context.route(re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])"), lambda route: route.abort())
    # Injected by the browser itself into every page, whatever the page's Content-Security-Policy.
    context.add_init_script(path=AXE)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    audit = Audit(tab)
    with django_db_blocker.unblock():
        clear_caches()
        try:
            reset_database()
            demo_content()
            for language in LANGUAGES:
                visit_every_page(audit, language)
        finally:
            context.close()
            reset_database()
            clear_caches()
    yield audit.results
    # The tests of this module run in Playwright's context and are not transactional: nothing
    # closes their connection, and the test database could not be dropped at the end of the run.
    with django_db_blocker.unblock():
        connections.close_all()


def describe(violations):
    return "\n".join(
        f"  {violation['impact']}: {violation['id']} ({violation['help']}) at {', '.join(violation['nodes'])}"
        for violation in violations
    )


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_accessibility_violation(audit, language, page_type):
    url, violations, _overflow = audit[(language, page_type)]
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING_IMPACTS]
    assert not blocking, f"axe-core finds on {url}:\n{describe(blocking)}"


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_reflows_at_320_pixels(audit, language, page_type):
    url, _violations, overflow = audit[(language, page_type)]
    assert overflow["scrollWidth"] <= overflow["width"], (
        f"{url} is {overflow['scrollWidth']} pixels wide at {overflow['width']}: {overflow['wider']}"
    )
