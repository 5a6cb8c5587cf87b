"""The password forms of private pages and document collections are rate-limited: per (restriction,
address) and per address across restrictions, 429 in the visitor's language with Retry-After, and
the right password is refused too while the limit holds (no oracle)."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client, override_settings
from django.urls import resolve, reverse
from django.utils import translation
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction
from wagtail_factories import DocumentFactory

from core import views as core_views
from tests.factories import StandardPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_private_password_limits"),
]

PASSWORD = "board-minutes-2024"
GUESSER, MEMBER = "203.0.113.40", "198.51.100.40"
SECRET = "Minutes of the closed board meeting"


@pytest.fixture
def private_page(site_tree):
    page = StandardPageFactory(parent=site_tree["en"], title="Board", slug="board", introduction=SECRET)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=PASSWORD
    )
    document = DocumentFactory(title="Board minutes", collection=collection)
    return document, restriction


def password_form(client, url, address, language="en"):
    """The form a visitor of `url` gets: (its action, the hidden return URL)."""
    response = client.get(url, REMOTE_ADDR=address, headers={"Accept-Language": language})
    assert response.status_code == 200, (url, response.status_code)
    form = BeautifulSoup(response.content, "html.parser").find("input", {"name": "password"}).find_parent("form")
    return form["action"], form.find("input", {"name": "return_url"})["value"]


def submit(client, action, return_url, password, address, language="en"):
    data = {"password": password, "return_url": return_url}
    return client.post(action, data, REMOTE_ADDR=address, headers={"Accept-Language": language})


def guess(client, action, return_url, times, address=GUESSER):
    for number in range(times):
        response = submit(client, action, return_url, f"guess-{number}", address)
        assert response.status_code == 200  # the form again, with its error
        assert "not correct" in response.content.decode()


def assert_refused(response, language):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 15 * 60
    assert "no-store" in response["Cache-Control"]
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == language


class TestRouting:
    def test_wagtails_password_forms_post_to_the_limited_views(self, client, private_page, private_document):
        page, page_restriction = private_page
        document, collection_restriction = private_document
        page_action, _ = password_form(client, page.url, GUESSER)
        document_action, _ = password_form(client, document.url, GUESSER)
        assert page_action == f"/en/_util/authenticate_with_password/{page_restriction.pk}/{page.pk}/"
        assert resolve(page_action).func is core_views.page_password
        assert document_action == f"/documents/authenticate_with_password/{collection_restriction.pk}/"
        assert resolve(document_action).func is core_views.collection_password
        # Wagtail's name leads there too, in every language.
        for language in ("tr", "tk", "ru"):
            with translation.override(language):
                action = reverse("wagtailcore_authenticate_with_password", args=[page_restriction.pk, page.pk])
                assert action.startswith(f"/{language}/")
                assert resolve(action).func is core_views.page_password


class TestPerRestriction:
    @pytest.fixture(autouse=True)
    def _three_tries(self, settings):
        settings.PRIVATE_PAGE_PASSWORD_RATE_LIMIT = "3/15m"

    def test_guessing_a_pages_password_stops_even_for_the_right_one(self, client, private_page):
        page, _restriction = private_page
        action, return_url = password_form(client, page.url, GUESSER)
        guess(client, action, return_url, times=3)
        refused = submit(client, action.replace("/en/", "/tr/", 1), return_url, PASSWORD, GUESSER)
        assert_refused(refused, "tr")
        assert SECRET not in client.get(page.url, REMOTE_ADDR=GUESSER).content.decode()
        # Looking at the form is never counted, and a member elsewhere gets in.
        assert password_form(client, page.url, GUESSER)[0] == action
        member = Client()  # another browser
        assert submit(member, action, return_url, PASSWORD, MEMBER).status_code == 302
        assert SECRET in member.get(page.url, REMOTE_ADDR=MEMBER).content.decode()

    def test_guessing_a_collections_password_stops_even_for_the_right_one(self, client, private_document):
        document, _restriction = private_document
        action, return_url = password_form(client, document.url, GUESSER, language="tr")
        guess(client, action, return_url, times=3)
        assert_refused(submit(client, action, return_url, PASSWORD, GUESSER, language="tr"), "tr")
        assert "Content-Disposition" not in client.get(document.url, REMOTE_ADDR=GUESSER)
        member = Client()  # another browser
        assert submit(member, action, return_url, PASSWORD, MEMBER).status_code == 302
        download = member.get(document.url, REMOTE_ADDR=MEMBER)
        assert download.status_code == 200
        assert "attachment" in download["Content-Disposition"]


@override_settings(PRIVATE_PAGE_PASSWORD_RATE_LIMIT="10/15m", PRIVATE_PAGE_PASSWORD_ADDRESS_RATE_LIMIT="4/15m")
def test_one_address_guessing_over_many_restrictions_stops(client, site_tree, private_page, private_document):
    page, _ = private_page
    document, _ = private_document
    other = StandardPageFactory(parent=site_tree["en"], title="Staff", slug="staff")
    PageViewRestriction.objects.create(page=other, restriction_type=PageViewRestriction.PASSWORD, password="staff-only")
    for url in (page.url, document.url):
        guess(client, *password_form(client, url, GUESSER), times=2)
    assert_refused(submit(client, *password_form(client, other.url, GUESSER), "staff-only", GUESSER), "en")
    assert submit(client, *password_form(client, other.url, MEMBER), "staff-only", MEMBER).status_code == 302
