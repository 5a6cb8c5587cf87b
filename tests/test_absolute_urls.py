"""`make run`'s absolute links follow HOST and PORT (or BASE_URL): the Makefile gives BASE_URL to the
demo loader and the server, the demo loader gives the default Site that address, and the pages'
links (canonical, hreflang, feeds, sitemap) and the emails' links name it.
"""

import os
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client, override_settings
from wagtail.models import Site

from core.models import OutgoingEmail
from tests.database import demo_content
from tests.services import require

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = "http://127.0.0.1:8001"
#: Every absolute address of the site in a text (pages, feeds, emails), by the site's own prefix.
ABSOLUTE = re.compile(r"https?://(?:127\.0\.0\.1|localhost|testserver)(?::\d+)?/")


def make_dry_run(*arguments):
    """The commands `make run` would run, without running them, in an environment without BASE_URL."""
    require(None if shutil.which("make") else "no make program", "the Makefile's tests")
    unset = {"BASE_URL", "MAKEFLAGS", "MAKELEVEL", "MFLAGS"}
    environment = {name: value for name, value in os.environ.items() if name not in unset}
    result = subprocess.run(  # noqa: S603 - a fixed program and arguments
        ["make", "--no-print-directory", "-n", "run", *arguments],  # noqa: S607 - make from PATH, as a user runs it
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


@pytest.mark.backend_independent
@pytest.mark.parametrize(
    ("arguments", "address"),
    [
        ([], "http://127.0.0.1:8000"),
        (["PORT=8001"], "http://127.0.0.1:8001"),
        (["HOST=0.0.0.0", "PORT=9000"], "http://0.0.0.0:9000"),
        (["PORT=8001", "BASE_URL=https://network.example"], "https://network.example"),
    ],
)
def test_make_run_gives_the_demo_loader_and_the_server_the_address_it_serves(arguments, address):
    commands = make_dry_run(*arguments)
    [load] = [command for command in commands if "manage.py load_demo" in command]
    [serve] = [command for command in commands if "manage.py runserver" in command]
    assert load.startswith(f"BASE_URL={address} ")
    assert serve.startswith(f"BASE_URL={address} ")
    port = next((argument.split("=")[1] for argument in arguments if argument.startswith("PORT=")), "8000")
    assert serve.endswith(f":{port}")


def absolute_links(text):
    return set(ABSOLUTE.findall(text))


@pytest.mark.django_db
def test_the_demo_loaded_for_port_8001_links_to_port_8001_everywhere(django_capture_on_commit_callbacks):
    demo_content()
    with override_settings(WAGTAILADMIN_BASE_URL=ADDRESS):
        call_command("load_demo", stdout=StringIO())
        site = Site.objects.get(is_default_site=True)
        assert site.root_url == ADDRESS

        client = Client(HTTP_HOST="127.0.0.1:8001")
        about = client.get("/en/about/")
        assert about.status_code == 200
        head = BeautifulSoup(about.content, "html.parser").head
        assert head.find("link", rel="canonical")["href"] == f"{ADDRESS}/en/about/"
        hreflang = {link["hreflang"]: link["href"] for link in head.find_all("link", hreflang=True)}
        assert hreflang["tr"] == f"{ADDRESS}/tr/hakkimizda/"
        assert all(href.startswith(f"{ADDRESS}/") for href in hreflang.values()), hreflang
        assert absolute_links(about.content.decode()) == {f"{ADDRESS}/"}

        for feed in ("/en/feeds/news/rss/", "/en/feeds/agenda/rss/", "/sitemap.xml"):
            response = client.get(feed)
            assert response.status_code == 200, feed
            assert absolute_links(response.content.decode()) == {f"{ADDRESS}/"}, feed

        signup = {"email": "ayse@example.org", "language": "tr", "consent": "on", "ui_language": "tr"}
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post("/newsletter/subscribe/", {**signup, "form_name": "footer"}).status_code == 200
        email = OutgoingEmail.objects.get(purpose="newsletter-confirmation")
        assert f"{ADDRESS}/newsletter/confirm/" in email.text_body
        assert absolute_links(email.text_body + email.html_body) == {f"{ADDRESS}/"}

        # The same address again changes nothing.
        again = StringIO()
        call_command("load_demo", stdout=again)
        assert "nothing changed" in again.getvalue()
        assert Site.objects.get(is_default_site=True).root_url == ADDRESS

    # Served at another address, the next load follows it.
    call_command("load_demo", stdout=StringIO())
    assert Site.objects.get(is_default_site=True).root_url == "http://testserver"
