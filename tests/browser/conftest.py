"""Browser tests: headless Chromium driven through Playwright's sync API against pytest-django's live_server.

Fixtures shared by every browser test:

- `browser`: one Chromium for the whole session;
- `page`: a fresh browser context and tab per test, whose relative URLs resolve against the live
  server (`page.goto("/en/")`); the test fails if any page it loaded reported a
  Content-Security-Policy violation (`csp_violations` lists them).

Mark the tests `@pytest.mark.browser` and use `transactional_db` (the live server runs in another
thread and must see the test's data). A transactional test empties every table when it ends,
including the rows that migrations create (Wagtail's root page, the locales); every test here
therefore also restores them afterwards (serialized rollback), so the next test, browser or not,
finds the database as migrations left it. Without Chromium at /usr/bin/chromium (or $CHROMIUM_PATH)
the tests are skipped and the reason is printed; when the CI environment variable is set, a
missing browser fails the run instead, so CI never passes without having run them.
"""

import os

import pytest

from tests.services import require

# Playwright's sync API runs an event loop in this thread; Django then refuses database access
# from "async" code unless told that this is safe (the test code is synchronous).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_missing():
    if os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return None
    return f"Chromium not found at {CHROMIUM} (install the chromium package or set CHROMIUM_PATH)"


@pytest.fixture(autouse=True)
def _restore_migration_data(django_db_serialized_rollback):
    """Put back what migrations created once a transactional browser test has flushed the tables."""


@pytest.fixture(scope="session")
def browser(django_db_setup):  # the test database (and its serialized copy) exists before Playwright starts
    require(chromium_missing(), "the browser tests")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Starting Playwright switches this thread to another context, where Django opens new
    # connection objects: they would not carry the serialized copy of the test database, and
    # serialized rollback would silently stop restoring the rows migrations made. Carry it over.
    serialized = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    playwright = sync_playwright().start()
    for alias, contents in serialized.items():
        if contents is not None:
            connections[alias]._test_serialized_contents = contents
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


# Records every Content-Security-Policy violation of every document the tab loads (frames included).
RECORD_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`
        + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
});
"""


@pytest.fixture
def csp_violations():
    """The Content-Security-Policy violations the test's pages reported (none is allowed: see `page`)."""
    return []


@pytest.fixture
def page(browser, live_server, csp_violations):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.on(
        "console",
        lambda message: (
            csp_violations.append(message.text)
            if "CSP violation" in message.text or "Content Security Policy" in message.text
            else None
        ),
    )
    yield tab
    context.close()
    # Every page the test saw works under the site's policy: no script, style or frame was refused.
    assert csp_violations == [], csp_violations
