"""What a supporter's account may do in the admin, each checked with a real request.

The owner of "Union of Provinces" may edit that profile (changes go to review) and add images
and documents to its own collection. Nothing else: no other page, no publication, no copy,
move or deletion, no application, no other collection.
"""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry

from network.applications.models import Application
from tests.application_factories import ApplicationFactory
from tests.forms import browser_form_data
from tests.supporter_factories import supporter_index_fixture, supporter_world_fixture  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_supporters_permissions"),
]


@pytest.fixture
def world(supporter_world):
    return supporter_world


@pytest.fixture
def owner_client(client, world):
    client.force_login(world.owner)
    return client


def refused(response):
    """Wagtail refuses in the admin with a redirect to the dashboard (and a message), a 403 or a 404."""
    if response.status_code == 302:
        return response["Location"] in {"/admin/", reverse("wagtailadmin_home")}
    return response.status_code in {403, 404}


def pages(world, *names):
    return {name: getattr(world, name) if name != "home" else world.index.get_parent() for name in names}


OTHER_PAGES = ["other", "draft", "index", "home"]


def page_urls(page):
    revision = page.get_latest_revision()
    return {
        "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "view draft": reverse("wagtailadmin_pages:view_draft", args=[page.pk]),
        "preview": reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "revisions": reverse("wagtailadmin_pages:revisions_index", args=[page.pk]),
        "a revision": reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision.pk]) if revision else None,
        "workflow history": reverse("wagtailadmin_pages:workflow_history", args=[page.pk]),
        "copy": reverse("wagtailadmin_pages:copy", args=[page.pk]),
        "move": reverse("wagtailadmin_pages:move", args=[page.pk]),
        "delete": reverse("wagtailadmin_pages:delete", args=[page.pk]),
        "unpublish": reverse("wagtailadmin_pages:unpublish", args=[page.pk]),
        "privacy": reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        "usage": reverse("wagtailadmin_pages:usage", args=[page.pk]),
    }


class TestOtherPages:
    @pytest.mark.parametrize("target", OTHER_PAGES)
    def test_no_view_of_another_page_in_the_admin(self, owner_client, world, target):
        page = pages(world, target)[target]
        for action, url in page_urls(page).items():
            if url is None or (action in {"unpublish"} and not page.live):
                continue
            response = owner_client.get(url, follow=action == "revisions")  # revisions/ redirects to history/
            if action == "revisions":
                response = owner_client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
            assert refused(response), (action, url, response.status_code)
            if response.status_code == 200:
                assert page.title not in response.content.decode(), action

    @pytest.mark.parametrize("target", OTHER_PAGES)
    def test_no_edit_publish_copy_move_delete_lock_or_unpublish(self, owner_client, world, target):
        page = pages(world, target)[target]
        before = Page.objects.get(pk=page.pk)
        count = Page.objects.count()
        urls = page_urls(page)
        attempts = {
            "edit": (urls["edit"], {"title": "Hijacked", "slug": before.slug}),
            "publish": (urls["edit"], {"title": "Hijacked", "slug": before.slug, "action-publish": "1"}),
            "copy": (urls["copy"], {"new_title": "Copy", "new_slug": "copy", "new_parent_page": world.index.pk}),
            "move": (reverse("wagtailadmin_pages:move_confirm", args=[page.pk, world.own.pk]), {}),
            "delete": (urls["delete"], {}),
            "unpublish": (urls["unpublish"], {}),
            "lock": (reverse("wagtailadmin_pages:lock", args=[page.pk]), {}),
            "add a child": (
                reverse("wagtailadmin_pages:add", args=["supporters", "supporterpage", page.pk]),
                {"title": "Intruder", "slug": "intruder"},
            ),
            "bulk delete": (
                reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"]) + f"?id={page.pk}",
                {},
            ),
        }
        for action, (url, data) in attempts.items():
            response = owner_client.post(url, data)
            if action == "bulk delete":
                # The bulk action sends the request back to its own confirmation page, having done nothing.
                bulk_page = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
                assert (response.status_code, response["Location"]) == (302, bulk_page), (action, response)
            else:
                assert refused(response), (action, response)
            after = Page.objects.get(pk=page.pk)
            assert (after.title, after.live, after.locked, after.path) == (
                before.title,
                before.live,
                before.locked,
                before.path,
            ), action
            assert after.get_latest_revision() == before.get_latest_revision(), action
            assert Page.objects.count() == count, action
        assert not PageLogEntry.objects.filter(user=world.owner).exists()

    def test_the_explorer_search_and_chooser_show_nothing_of_others(self, owner_client, world):
        # The explorer starts at the only page the owner has rights on: their profile.
        listing = owner_client.get(reverse("wagtailadmin_explore", args=[world.index.pk]), follow=True)
        assert listing.redirect_chain[-1][0] == reverse("wagtailadmin_explore", args=[world.own.pk])
        html = listing.content.decode()
        assert world.own.title in html
        assert world.other.title not in html
        assert world.draft.title not in html

        search = owner_client.get(reverse("wagtailadmin_pages:search"), {"q": "Secret draft"})
        assert world.draft.title not in search.content.decode()

        chooser = owner_client.get(reverse("wagtailadmin_choose_page_search"), {"q": "Secret"})
        assert chooser.status_code == 200
        assert world.draft.title not in chooser.content.decode()
        browse = owner_client.get(reverse("wagtailadmin_choose_page_child", args=[world.index.pk]))
        assert world.draft.title not in browse.content.decode()
        assert world.other.title in browse.content.decode()  # published pages may be linked to


class TestOwnPage:
    def test_the_owner_edits_their_profile_without_the_staff_fields(self, owner_client, world):
        response = owner_client.get(reverse("wagtailadmin_pages:edit", args=[world.own.pk]))
        assert response.status_code == 200
        data = browser_form_data(response.content.decode(), "page-edit-form")
        assert "services_introduction" in data
        assert "status" not in data and "role" not in data

        data.update(services_introduction=["Eğitim ve teknik destek."], status=["withdrawn"], role=["coordinator"])
        response = owner_client.post(reverse("wagtailadmin_pages:edit", args=[world.own.pk]), data)
        assert response.status_code == 302, response.context["form"].errors if response.context else ""
        own = world.own.specific_class.objects.get(pk=world.own.pk)
        draft = own.get_latest_revision_as_object()
        assert draft.services_introduction == "Eğitim ve teknik destek."
        assert (draft.status, draft.role) == ("active", "supporter")  # staff fields are not the owner's
        assert own.services_introduction != "Eğitim ve teknik destek."  # not live: it waits for review

    def test_the_owner_cannot_publish_delete_move_copy_unpublish_or_lock_their_profile(self, owner_client, world):
        response = owner_client.get(reverse("wagtailadmin_pages:edit", args=[world.own.pk]))
        data = browser_form_data(response.content.decode(), "page-edit-form")
        data.update(title=["Union of Provinces (published by its owner)"], **{"action-publish": ["1"]})
        owner_client.post(reverse("wagtailadmin_pages:edit", args=[world.own.pk]), data)
        assert Page.objects.get(pk=world.own.pk).title == "Union of Provinces"

        urls = page_urls(world.own)
        for action, url, post_data in [
            ("delete", urls["delete"], {}),
            ("move", reverse("wagtailadmin_pages:move_confirm", args=[world.own.pk, world.index.get_parent().pk]), {}),
            ("copy", urls["copy"], {"new_title": "Copy", "new_slug": "copy", "new_parent_page": world.index.pk}),
            ("unpublish", urls["unpublish"], {}),
            ("lock", reverse("wagtailadmin_pages:lock", args=[world.own.pk]), {}),
            ("privacy", urls["privacy"], {"restriction_type": "login"}),
        ]:
            shown = owner_client.get(url)
            if action == "lock":  # a POST-only view: a GET is not allowed at all
                assert (shown.status_code, shown["Allow"]) == (405, "POST, OPTIONS"), action
            else:
                assert refused(shown), action
            assert refused(owner_client.post(url, post_data)), action
            page = Page.objects.get(pk=world.own.pk)
            assert page.live and not page.locked and page.get_parent().pk == world.index.pk, action
        assert Page.objects.filter(slug="copy").count() == 0
        assert not world.own.get_view_restrictions().exists()


class TestApplications:
    def test_a_supporter_sees_no_application_not_even_their_own(self, owner_client, world):
        theirs = ApplicationFactory(organisation="Türkiye Belediyeler Birliği", user=world.someone_else)
        own = ApplicationFactory(organisation="Vilayetler Birliği", user=world.owner, supporter_page=world.own)
        for url in [
            reverse("supporter_applications:index"),
            reverse("supporter_applications:inspect", args=[theirs.pk]),
            reverse("supporter_applications:inspect", args=[own.pk]),
            reverse("supporter_applications:edit", args=[theirs.pk]),
            reverse("supporter_applications:history", args=[theirs.pk]),
            reverse("supporter_applications:agreement", args=[theirs.pk]),
            reverse("supporter_applications:transition", args=[theirs.pk, "reject"]),
        ]:
            response = owner_client.get(url)
            assert refused(response), url
            assert "Türkiye Belediyeler Birliği" not in response.content.decode()
        owner_client.post(reverse("supporter_applications:transition", args=[theirs.pk, "reject"]), {"reason": "x"})
        assert Application.objects.get(pk=theirs.pk).status == "received"


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (11, 79, 138)).save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


class TestCollections:
    def test_images_of_other_collections_stay_out_of_reach(self, owner_client, world):
        listing = owner_client.get(reverse("wagtailimages:index")).content.decode()
        assert "Our logo" in listing and "Their logo" not in listing
        chooser = owner_client.get(reverse("wagtailimages_chooser:choose")).content.decode()
        assert "Our logo" in chooser and "Their logo" not in chooser

        other = world.other_image
        assert refused(owner_client.get(reverse("wagtailimages:edit", args=[other.pk])))
        owner_client.post(reverse("wagtailimages:edit", args=[other.pk]), {"title": "Hijacked"})
        owner_client.post(reverse("wagtailimages:delete", args=[other.pk]))
        other.refresh_from_db()
        assert other.title == "Their logo"

        # With one collection of its own, the owner's form has no collection field: the upload lands there.
        owner_client.post(
            reverse("wagtailimages:add"),
            {"title": "Sneaked in", "file": png(), "collection": world.other_collection.pk},
        )
        assert not get_image_model().objects.filter(collection=world.other_collection, title="Sneaked in").exists()
        assert get_image_model().objects.get(title="Sneaked in").collection == world.own_collection

    def test_images_go_into_the_own_collection(self, owner_client, world):
        response = owner_client.post(
            reverse("wagtailimages:add"),
            {"title": "Our new logo", "file": png(), "collection": world.own_collection.pk},
        )
        assert response.status_code == 302
        assert get_image_model().objects.get(title="Our new logo").collection == world.own_collection

    def test_documents_of_other_collections_stay_out_of_reach(self, owner_client, world):
        listing = owner_client.get(reverse("wagtaildocs:index")).content.decode()
        assert "Our report" in listing and "Their report" not in listing
        chooser = owner_client.get(reverse("wagtaildocs_chooser:choose")).content.decode()
        assert "Our report" in chooser and "Their report" not in chooser

        other = world.other_document
        assert refused(owner_client.get(reverse("wagtaildocs:edit", args=[other.pk])))
        owner_client.post(reverse("wagtaildocs:edit", args=[other.pk]), {"title": "Hijacked"})
        owner_client.post(reverse("wagtaildocs:delete", args=[other.pk]))
        other.refresh_from_db()
        assert other.title == "Their report"

        upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
        owner_client.post(
            reverse("wagtaildocs:add"), {"title": "Sneaked in", "file": upload, "collection": world.other_collection.pk}
        )
        assert not get_document_model().objects.filter(collection=world.other_collection, title="Sneaked in").exists()
        assert get_document_model().objects.get(title="Sneaked in").collection == world.own_collection

        upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
        response = owner_client.post(
            reverse("wagtaildocs:add"),
            {"title": "Feedback 2025", "file": upload, "collection": world.own_collection.pk},
        )
        assert response.status_code == 302
        assert get_document_model().objects.get(title="Feedback 2025").collection == world.own_collection

    def test_collections_users_and_settings_are_not_for_supporters(self, owner_client):
        for url in ["/admin/collections/", "/admin/users/", "/admin/groups/", "/admin/workflows/list/"]:
            assert refused(owner_client.get(url)), url


def test_the_owners_admin_menu_offers_no_site_reports(owner_client, admin_user):
    from django.test import Client

    sidebar = BeautifulSoup(owner_client.get(reverse("wagtailadmin_home")).content.decode(), "html.parser").find(
        id="wagtail-sidebar-props"
    )
    assert "/admin/reports/" not in sidebar.get_text()
    staff = Client()
    staff.force_login(admin_user)
    staff_sidebar = BeautifulSoup(staff.get(reverse("wagtailadmin_home")).content.decode(), "html.parser").find(
        id="wagtail-sidebar-props"
    )
    assert "/admin/reports/" in staff_sidebar.get_text()


def test_no_report_opens_for_the_owner_even_by_its_address(owner_client, admin_user):
    from wagtail import hooks

    reports = [hook().url for hook in hooks.get_hooks("register_reports_menu_item")]
    assert "/admin/reports/page-types-usage/" in reports
    for url in [*reports, "/admin/reports/page-types-usage/results/", "/admin/reports/site-history/?export=csv"]:
        response = owner_client.get(url)
        assert refused(response), url
        assert "Union of Municipalities of Turkey" not in response.content.decode(), url


def test_the_owners_dashboard_leads_to_their_profile_and_hides_the_site_summary(owner_client, world, admin_user):
    from django.test import Client

    dashboard = BeautifulSoup(owner_client.get(reverse("wagtailadmin_home")).content.decode(), "html.parser")
    panel = dashboard.find(id="own-profile-section")
    assert panel is not None
    assert panel.find("h3").get_text(strip=True) == "Union of Provinces"
    links = {a.get_text(strip=True): a["href"] for a in panel.find_all("a")}
    assert links["Edit your profile"] == reverse("wagtailadmin_pages:edit", args=[world.own.pk])
    assert links["See it on the site"] == world.own.url
    assert links["Your images"] == f"{reverse('wagtailimages:index')}?collection_id={world.own_collection.pk}"
    assert "Published" in panel.get_text()
    assert world.other.title not in dashboard.get_text()
    assert dashboard.select(".w-summary") == []

    staff = Client()
    staff.force_login(admin_user)
    staff_dashboard = BeautifulSoup(staff.get(reverse("wagtailadmin_home")).content.decode(), "html.parser")
    assert staff_dashboard.find(id="own-profile-section") is None
    assert staff_dashboard.select(".w-summary")


def test_the_owners_dashboard_says_when_changes_wait_for_review(owner_client, world):
    page = world.own.get_latest_revision_as_object()
    page.title = "Union of Provinces of Türkiye"
    page.save_revision(user=world.owner)
    page.get_workflow().start(page, world.owner)
    panel = BeautifulSoup(owner_client.get(reverse("wagtailadmin_home")).content.decode(), "html.parser").find(
        id="own-profile-section"
    )
    assert "Changes waiting for review" in panel.get_text()
