"""The Content-Security-Policy in Chromium: enforced, and the map, reCAPTCHA, the admin and its
userbar all work under it (the `page` fixture fails any test whose pages report a violation)."""

import copy
import io

import pytest
from PIL import Image as PILImage

from core.translation import synchronise_trees
from tests.application_factories import ExpressionOfInterestPageFactory
from tests.factories import StandardPageFactory
from tests.signatory_factories import SignatoryPageFactory, make_directory
from tests.supporter_factories import SupporterIndexPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.backend_independent]

PASSWORD = "a-long-test-password"


def png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (256, 256), "lightblue").save(buffer, "PNG")
    return buffer.getvalue()


def test_inline_script_is_refused_and_the_refusal_is_caught(page, transactional_db, site_tree, csp_violations):
    page.goto("/en/")
    with page.expect_console_message(lambda message: "CSP violation" in message.text):
        page.evaluate(
            """() => {
                const script = document.createElement("script");
                script.textContent = "window.injected = true";
                document.body.append(script);
            }"""
        )
    assert page.evaluate("window.injected") is None
    assert any("script-src" in violation for violation in csp_violations)
    csp_violations.clear()  # caught on purpose: the fixture checks the rest of the test


def test_the_directory_map_draws_its_tiles_and_markers(page, transactional_db, site_tree):
    directory = make_directory(site_tree)
    SignatoryPageFactory(parent=directory["en"], title="Muğla", slug="mugla")
    synchronise_trees()
    tiles = []

    def tile(route):
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=png())

    page.route("https://tile.openstreetmap.org/**", tile)  # the tile host of MAP_TILE_URL, served here
    page.goto("/en/signatories/")
    page.locator("#signatory-map .leaflet-tile-loaded").first.wait_for()
    page.locator("#signatory-map canvas").first.wait_for()  # the markers layer, from the GeoJSON
    assert tiles
    assert page.locator("#signatory-map").is_visible()


@pytest.fixture
def recaptcha(settings):
    """reCAPTCHA switched on, with the policy the settings compute for it."""
    settings.RECAPTCHA_ENABLED = True
    settings.RECAPTCHA_PUBLIC_KEY = "site-key"
    settings.RECAPTCHA_PRIVATE_KEY = "secret-key"
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["script-src"] += settings.RECAPTCHA_CSP_SCRIPT_SOURCES
    policy["DIRECTIVES"]["frame-src"] += settings.RECAPTCHA_CSP_FRAME_SOURCES
    settings.CONTENT_SECURITY_POLICY = policy


# Google's script, as far as the page sees it: it renders a frame in each widget, then calls `onload`.
FAKE_RECAPTCHA_API = """
window.grecaptcha = {
    render: function (element, parameters) {
        var frame = document.createElement("iframe");
        frame.title = "reCAPTCHA";
        frame.src = "https://www.google.com/recaptcha/api2/anchor?k=" + encodeURIComponent(parameters.sitekey);
        element.appendChild(frame);
        return 0;
    }
};
window[new URL(document.currentScript.src).searchParams.get("onload")]();
"""


def test_the_recaptcha_widget_is_rendered_without_inline_script(page, transactional_db, site_tree, recaptcha):
    index = SupporterIndexPageFactory(parent=site_tree["en"])
    ExpressionOfInterestPageFactory(parent=index)
    page.route(
        "https://www.google.com/recaptcha/api.js*",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=FAKE_RECAPTCHA_API),
    )
    page.route(
        "https://www.google.com/recaptcha/api2/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>challenge</p>"),
    )
    page.goto("/en/supporters/expression-of-interest/")
    frame = page.locator(".g-recaptcha iframe[title=reCAPTCHA]")
    frame.wait_for()
    assert frame.get_attribute("src") == "https://www.google.com/recaptcha/api2/anchor?k=site-key"
    assert page.frame_locator(".g-recaptcha iframe").locator("p").inner_text() == "challenge"


def test_an_editor_signs_in_edits_and_sees_the_userbar(page, transactional_db, site_tree, django_user_model):
    django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)
    legal = StandardPageFactory(parent=site_tree["en"], title="Legal", slug="legal")

    page.goto("/admin/login/")  # the public policy
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/pages/{legal.pk}/edit/")  # the admin's policy: its inline scripts run
    page.locator("#id_title").wait_for()
    assert page.locator("#id_title").input_value() == "Legal"
    page.locator("[data-streamfield-stream-container], [data-streamfield-list-container]").first.wait_for(
        state="attached"
    )

    page.goto("/en/legal/")  # the userbar's scripts on a public page
    page.locator("wagtail-userbar").wait_for(state="attached")
    page.locator("wagtail-userbar").locator("button").first.click()
    assert page.locator("wagtail-userbar").locator("[role=menu]").first.is_visible()
