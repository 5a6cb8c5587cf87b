"""The search box in a real browser: suggestions with the keyboard, and the form without JavaScript."""

import pytest

from tests.search_factories import page as standard_page

pytestmark = [pytest.mark.browser, pytest.mark.backend_independent]


@pytest.fixture
def content(transactional_db, site_tree, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.LanguageDatabaseSearchBackend"}}
    settings.SEARCH_FALLBACK_BACKEND = None
    return {
        "istanbul": standard_page(site_tree["tr"], "İstanbul iklim planı", "Büyükşehir belediyesi planı."),
        "izmir": standard_page(site_tree["tr"], "İzmir körfezi", "Körfez kenti."),
    }


def test_suggestions_are_chosen_with_the_keyboard(page, content):
    page.goto("/tr/search/")
    field = page.locator("#search-page-q")
    assert field.get_attribute("role") == "combobox"
    field.press_sequentially("İST", delay=50)

    option = page.locator(f"#{field.get_attribute('aria-controls')} [role=option]")
    option.first.wait_for()
    assert option.count() == 1
    assert "İstanbul iklim planı" in option.first.inner_text()
    assert field.get_attribute("aria-expanded") == "true"

    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == option.first.get_attribute("id")
    assert option.first.get_attribute("aria-selected") == "true"
    field.press("Enter")
    page.wait_for_url(f"**{content['istanbul'].url}")
    assert page.locator("h1").inner_text() == "İstanbul iklim planı"


def test_escape_closes_the_suggestions(page, content):
    page.goto("/tr/search/")
    field = page.locator("#search-page-q")
    field.press_sequentially("izm", delay=50)
    listbox = page.locator(f"#{field.get_attribute('aria-controls')}")
    listbox.locator("[role=option]").first.wait_for()
    field.press("Escape")
    assert listbox.is_hidden()
    assert field.get_attribute("aria-expanded") == "false"


def test_the_search_form_works_without_javascript(browser, live_server, content):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto("/tr/")
        tab.locator("header form[role=search] input[name=q]").fill("İZMİR")
        tab.locator("header form[role=search] button[type=submit]").click()
        tab.wait_for_url("**/tr/search/?q=*")
        results = tab.locator("section[aria-labelledby=results-heading] h3 a")
        assert results.all_inner_texts() == ["İzmir körfezi"]
        assert tab.locator("main input[name=q]").input_value() == "İZMİR"
    finally:
        context.close()
