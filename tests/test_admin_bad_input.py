"""Admin requests no admin page sends get 400, not a server error: a NUL byte in a query string or in
form data (PostgreSQL refuses it in a query), and a page edit without a StreamField's count field.
The public site keeps answering NUL bytes itself (tests/test_search.py, tests/test_hostile_input.py)."""

import logging

import pytest
from django.urls import reverse
from django.utils.datastructures import MultiValueDictKeyError
from wagtail.models import Page

from core.middleware import AdminBadRequestMiddleware
from tests.factories import StandardPageFactory
from tests.forms import browser_form_data

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_admin_bad_input"),
]

AUTOCOMPLETE = "/admin/tag-autocomplete/"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def page(site_tree):
    page = StandardPageFactory(parent=site_tree["en"], title="About the network", slug="about")
    page.save_revision().publish()
    return page


class TestNulBytes:
    def test_a_nul_byte_in_the_tag_autocomplete_is_a_bad_request(self, admin_client):
        assert admin_client.get(AUTOCOMPLETE, {"term": "clim"}).status_code == 200
        assert admin_client.get(f"{AUTOCOMPLETE}?term=%00").status_code == 400
        assert admin_client.get(f"{AUTOCOMPLETE}?term=clim%00ate").status_code == 400
        assert admin_client.get(AUTOCOMPLETE, QUERY_STRING="term=a\x00b").status_code == 400  # unencoded
        assert admin_client.get(f"{AUTOCOMPLETE}?te%00rm=a").status_code == 400  # in a name

    def test_a_nul_byte_in_posted_form_data_is_a_bad_request_and_saves_nothing(self, admin_client, page):
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        data = {**edit_form(admin_client, edit), "title": ["About\x00"]}
        assert admin_client.post(edit, data).status_code == 400
        assert_unchanged(page)

    def test_anonymous_requests_are_refused_the_same_way(self, client):
        assert client.get(f"{AUTOCOMPLETE}?term=%00").status_code == 400
        assert client.post("/admin/login/", {"username": "admin\x00", "password": "x"}).status_code == 400

    def test_the_public_site_still_answers_them(self, client, site_tree):
        assert client.get("/en/search/?q=climate%00energy").status_code == 200


class TestIncompleteFormData:
    def test_a_page_edit_without_the_streamfields_count_is_a_bad_request(self, admin_client, page, caplog):
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        data = edit_form(admin_client, edit)
        data["title"] = ["Renamed"]
        del data["body-count"]
        with caplog.at_level(logging.WARNING, logger="core.middleware"):
            assert admin_client.post(edit, data).status_code == 400
        assert "body-count" in caplog.text
        assert_unchanged(page)
        # With it, the same edit is saved.
        assert admin_client.post(edit, {**data, "body-count": ["0"]}).status_code == 302
        assert Page.objects.get(pk=page.pk).get_latest_revision().as_object().title == "Renamed"

    def test_outside_the_admin_the_error_is_not_hidden(self, rf):
        middleware = AdminBadRequestMiddleware(lambda request: None)
        assert middleware.process_exception(rf.post("/en/search/"), MultiValueDictKeyError("body-count")) is None
        assert middleware.process_exception(rf.get("/admin/pages/"), KeyError("body-count")) is None


def edit_form(client, url):
    """The edit form as rendered, with the body's count a browser's script adds (an empty body)."""
    response = client.get(url)
    assert response.status_code == 200
    data = browser_form_data(response.content.decode(), "page-edit-form")
    data["body-count"] = ["0"]
    return data


def assert_unchanged(page):
    fresh = Page.objects.get(pk=page.pk)
    assert fresh.title == "About the network"
    assert fresh.get_latest_revision().pk == page.get_latest_revision().pk
