"""Security headers on every kind of response, no inline script on any public page, production cookies."""

import json
import os
import subprocess
import sys
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings
from django.views.i18n import set_language
from wagtail.documents.models import Document
from wagtail.models import Page

from core.translation import synchronise_trees
from network.applications.models import ExpressionOfInterestPage
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory
from tests.application_factories import ExpressionOfInterestPageFactory
from tests.factories import FeedsPageFactory, StandardPageFactory
from tests.news_factories import NewsIndexPageFactory, NewsPageFactory
from tests.newsletter_factories import NewsletterIndexPageFactory
from tests.signatory_factories import SignatoryPageFactory, make_directory
from tests.supporter_factories import SupporterIndexPageFactory, SupporterPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("security_headers"),
]

BASE_DIR = Path(__file__).resolve().parent.parent

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}  # data, never executed


def policy(response, header="Content-Security-Policy"):
    """{directive: [sources]} of the response's policy."""
    assert header in response, f"no {header} on {response.status_code} {response.get('Content-Type')}"
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_public_headers(response):
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]  # RECAPTCHA keys unset: the site's own scripts only
    assert "'unsafe-inline'" not in directives["style-src"]
    assert directives["style-src-attr"] == ["'unsafe-inline'"]
    assert "https://tile.openstreetmap.org" in directives["img-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert_common_headers(response)


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def inline_code(html):
    """What in `html` would run without coming from a script file: inline scripts, event-handler
    attributes, javascript: URLs, and <style> elements (refused by the policy too)."""
    found = []
    document = BeautifulSoup(html, "html.parser")
    for script in document.find_all("script"):
        if script.get("type") in DATA_SCRIPT_TYPES:
            continue
        if not script.get("src") or script.get_text().strip():
            found.append(str(script)[:120])
    found += [str(style)[:120] for style in document.find_all("style")]
    for element in document.find_all(True):
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}=...>")
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name in {"href", "src", "action", "formaction"} and text.strip().lower().startswith("javascript:"):
                found.append(f"<{element.name} {name}={text[:40]}>")
    return found


def crawl(client, starts, limit=120):
    """{path: response} of the site's pages reachable from `starts` through links (GET, same host)."""
    responses, queue = {}, deque(starts)
    while queue and len(responses) < limit:
        path = queue.popleft()
        if path in responses:
            continue
        response = client.get(path)
        responses[path] = response
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        for link in BeautifulSoup(response.content, "html.parser").find_all("a", href=True):
            target = urlsplit(urldefrag(urljoin(path, link["href"]))[0])
            if target.scheme not in {"", "http"} or target.netloc not in {"", "testserver"}:
                continue
            if target.path.startswith(("/admin/", "/documents/", "/static/", "/media/")):
                continue
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return responses


@pytest.fixture
def public_site(site_tree):
    home = site_tree["en"]
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news)
    agenda = AgendaIndexPageFactory(parent=home)
    EventPageFactory(parent=agenda)
    directory = make_directory(site_tree)
    SignatoryPageFactory(parent=directory["en"], title="Muğla", slug="mugla")
    supporters = SupporterIndexPageFactory(parent=home)
    SupporterPageFactory(parent=supporters)
    ExpressionOfInterestPageFactory(parent=supporters)
    NewsletterIndexPageFactory(parent=home)
    FeedsPageFactory(parent=home)
    StandardPageFactory(parent=home, title="Legal", slug="legal")
    synchronise_trees()
    return site_tree


class TestPublicPages:
    def test_every_public_page_has_the_headers_and_runs_no_inline_code(self, client, public_site):
        starts = [page.url for page in Page.objects.live().filter(depth__gt=1).specific()]
        pages = crawl(client, [*starts, "/en/search/?q=climate", "/tr/search/?q=iklim"], limit=200)
        html_pages = {
            path: response
            for path, response in pages.items()
            if response.status_code == 200 and response["Content-Type"].startswith("text/html")
        }
        # The crawl reached every kind of page the fixture made, in more than one language.
        for part in ("/en/news/", "/en/agenda/", "/en/signatories/", "/en/supporters/", "/en/newsletter/", "/tr/"):
            assert any(path.startswith(part) for path in html_pages), (part, sorted(html_pages))
        assert len(html_pages) >= 40, sorted(html_pages)
        for path, response in pages.items():
            assert response.status_code < 500, path
            assert_public_headers(response)
        problems = {path: inline_code(response.content) for path, response in html_pages.items()}
        assert {path: found for path, found in problems.items() if found} == {}

    def test_the_scripts_of_the_map_and_the_search_come_from_the_site(self, client, public_site):
        directory = BeautifulSoup(client.get("/en/signatories/").content, "html.parser")
        sources = [script["src"] for script in directory.find_all("script")]
        assert any(source.endswith("signatories/map.js") for source in sources)
        assert all(source.startswith("/static/") for source in sources), sources

    def test_the_checker_finds_what_it_looks_for(self):
        # The assertion above is only worth something if the checker sees each kind of inline code.
        html = (
            "<script>alert(1)</script><script src='/static/a.js'></script>"
            "<script type='application/ld+json'>{}</script><img src=x onerror='alert(1)'>"
            "<a href=' JavaScript:alert(1)'>x</a><style>p{}</style>"
        )
        found = inline_code(html)
        assert len(found) == 4, found

    @override_settings(RECAPTCHA_ENABLED=True, RECAPTCHA_PUBLIC_KEY="site-key", RECAPTCHA_PRIVATE_KEY="secret-key")
    def test_the_recaptcha_widget_needs_no_inline_script(self, client, public_site):
        response = client.get("/en/supporters/expression-of-interest/")
        document = BeautifulSoup(response.content, "html.parser")
        assert document.find(class_="g-recaptcha")["data-sitekey"] == "site-key"
        sources = [script["src"] for script in document.find_all("script")]
        assert "/static/js/recaptcha.js" in sources
        assert any(
            source.startswith("https://www.google.com/recaptcha/api.js?onload=renderRecaptchas&render=explicit")
            for source in sources
        ), sources
        assert inline_code(response.content) == []


class TestEveryKindOfResponse:
    @pytest.mark.parametrize(
        ("method", "path", "status"),
        [
            ("get", "/", 302),
            ("get", "/en/", 200),
            ("get", "/en/feeds/news/rss/", 200),
            ("get", "/en/feeds/news/atom/", 200),
            ("get", "/en/no-such-page/", 404),
            ("get", "/robots.txt", 200),
            ("get", "/sitemap.xml", 200),
            ("get", "/en/search/?q=climate", 200),
            ("get", "/en/search/autocomplete/?q=cli", 200),
            ("get", "/en/signatories/data/csv/", 200),
            ("get", "/en/signatories/data/geojson/", 200),
            ("get", "/admin/login/", 200),
            ("get", "/admin/password_reset/", 200),
            ("post", "/newsletter/subscribe/", 400),
            ("put", "/newsletter/subscribe/", 405),
        ],
    )
    def test_the_public_policy_and_headers(self, client, public_site, method, path, status):
        response = getattr(client, method)(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == status
        assert_public_headers(response)

    def test_a_form_answer_after_a_post(self, client, public_site):
        form_page = ExpressionOfInterestPage.objects.get(locale__language_code="en")
        response = client.post(f"/applications/expression-of-interest/{form_page.pk}/", {"organisation": "x"})
        assert response.status_code == 200  # the form again, with its errors
        assert_public_headers(response)
        assert inline_code(response.content) == []

    @override_settings(SEARCH_RATE_LIMIT="1/m")
    def test_a_429(self, client, public_site):
        client.get("/en/search/?q=climate")
        response = client.get("/en/search/?q=climate")
        assert response.status_code == 429
        assert_public_headers(response)

    def test_the_signed_in_admin_gets_its_own_policy(self, client, admin_user):
        client.force_login(admin_user)
        response = client.get("/admin/")
        assert response.status_code == 200
        directives = policy(response)
        assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
        assert directives["frame-ancestors"] == ["'self'"]  # its own previews
        assert directives["object-src"] == ["'none'"]
        assert directives["form-action"] == ["'self'"]
        assert_common_headers(response)

    def test_a_document_keeps_wagtails_own_strict_policy_and_is_a_download(self, client, site_tree):
        document = Document.objects.create(
            title="Report", file=SimpleUploadedFile("report.csv", b"year,emissions\n2020,1\n")
        )
        response = client.get(document.url)
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert response["Content-Disposition"].startswith("attachment;")
        assert_common_headers(response)


PRODUCTION_NAMES = ("SECURE_", "SESSION_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_", "X_FRAME_OPTIONS")


def production_settings():
    """The security settings cms.settings.production computes (in a process of its own: it reads the
    environment when imported)."""
    code = (
        "import json; from cms.settings import production as p; "
        f"print(json.dumps({{k: getattr(p, k) for k in dir(p) if k.startswith({PRODUCTION_NAMES!r})}}))"
    )
    env = {**os.environ, "SECRET_KEY": "production-settings-under-test-0123456789abcdefghijklmnopqrstuvwxyz"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], env=env, cwd=BASE_DIR, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def production_values():
    return production_settings()


@pytest.fixture
def production(settings, production_values):
    """This test runs with the security settings of production."""
    for name, value in production_values.items():
        setattr(settings, name, tuple(value) if isinstance(value, list) else value)
    return production_values


class TestProduction:
    def test_http_is_redirected_and_https_answers_carry_hsts(self, client, site_tree, production):
        assert client.get("/en/").status_code == 301
        response = client.get("/en/", secure=True)
        assert response.status_code == 200
        assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"

    def test_session_and_csrf_cookies_are_secure_http_only_and_same_site(self, client, admin_user, production):
        login = client.get("/admin/login/", secure=True)
        csrf = login.cookies["csrftoken"]
        assert (csrf["secure"], csrf["httponly"], csrf["samesite"]) == (True, True, "Lax")
        signed_in = client.post("/admin/login/", {"username": "admin", "password": "a-long-test-password"}, secure=True)
        assert signed_in.status_code == 302
        session = signed_in.cookies["sessionid"]
        assert (session["secure"], session["httponly"], session["samesite"]) == (True, True, "Lax")

    def test_the_language_cookie_too(self, production):
        request = RequestFactory().post("/i18n/setlang/", {"language": "tr"}, secure=True)
        response = set_language(request)
        cookie = response.cookies["django_language"]
        assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax")

    def test_sessions_expire_after_hours_of_inactivity(self, production):
        assert production["SESSION_COOKIE_AGE"] <= 12 * 3600
        assert production["SESSION_SAVE_EVERY_REQUEST"]  # idle time, not time since sign-in
