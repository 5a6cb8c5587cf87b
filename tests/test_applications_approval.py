"""Approval in one step: draft profile, the owner's account and rights, the review workflow and the invitation."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, WorkflowPage

from core.models import OutgoingEmail
from network.applications.models import ApplicationStatus as Status
from network.supporters.models import SupporterIndexPage, SupporterOwnership, SupporterPage
from network.supporters.owners import PROFILE_WORKFLOW_NAME
from tests.application_factories import ApplicationFactory, form_pages_fixture  # noqa: F401
from tests.factories import locale
from tests.smtp_sink import smtp_sink_fixture  # noqa: F401 - fixture
from tests.supporter_factories import supporter_index_fixture  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_applications_approval"),
]
User = get_user_model()


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def approve(client, application, capture):
    with capture(execute=True):
        return client.post(reverse("supporter_applications:transition", args=[application.pk, "approve"]), {})


def signed(**fields):
    return ApplicationFactory(status=Status.AGREEMENT_SIGNED, **fields)


class TestDraftProfile:
    def test_a_turkish_application_becomes_a_draft_profile_in_the_turkish_tree(
        self, staff_client, supporter_index, django_capture_on_commit_callbacks
    ):
        application = signed(
            organisation="Marmara Belediyeler Birliği",
            language="tr",
            kind="regional_network",
            country="TR",
            member_authorities=190,
            website="https://www.marmara.gov.tr",
            position="Genel sekreter",
            planned_services=["training", "experience_sharing"],
            planned_services_details="Eğitim ve deneyim paylaşımı.",
        )
        response = approve(staff_client, application, django_capture_on_commit_callbacks)
        assert response.status_code == 302

        application.refresh_from_db()
        page = application.supporter_page
        assert application.status == Status.APPROVED
        assert page.locale == locale("tr")
        assert page.get_parent().specific == supporter_index["tr"]
        assert not page.live
        assert page.has_unpublished_changes
        assert page.get_latest_revision() is not None
        assert (page.title, page.slug) == ("Marmara Belediyeler Birliği", "marmara-belediyeler-birliği")
        assert (page.kind, page.role, page.status) == ("regional_network", "supporter", "active")
        assert str(page.country) == "TR"
        assert [str(code) for code in page.countries_covered] == ["TR"]
        assert page.member_authorities == 190
        assert page.website == "https://www.marmara.gov.tr"
        assert (page.contact_name, page.contact_position, page.contact_email) == (
            application.contact_name,
            "Genel sekreter",
            application.email,
        )
        assert page.contact_is_public is False  # consent to the privacy notice is not consent to publication
        assert [service.category for service in page.services.all()] == ["training", "experience_sharing"]
        assert page.services_introduction == "Eğitim ve deneyim paylaşımı."
        # Written in Turkish, it stays out of the English tree until staff translate it.
        assert not SupporterPage.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk).exists()

    def test_an_english_application_follows_the_tree_sync_as_draft_aliases(
        self, staff_client, supporter_index, django_capture_on_commit_callbacks
    ):
        from wagtail_localize.models import LocaleSynchronization

        for code in ("tr", "tk", "ru"):
            LocaleSynchronization.objects.get_or_create(locale=locale(code), defaults={"sync_from": locale("en")})
        application = signed(organisation="Energy Agency of Antalya", language="en", kind="energy_agency")
        approve(staff_client, application, django_capture_on_commit_callbacks)
        page = SupporterPage.objects.get(title="Energy Agency of Antalya", alias_of__isnull=True)
        assert page.locale == locale("en")
        assert page.role == "supporter"
        aliases = SupporterPage.objects.filter(alias_of=page)
        assert {alias.locale.language_code for alias in aliases} >= {"tr"}
        assert not any(alias.live for alias in aliases)

    def test_provinces_and_national_authorities_become_coordinators(
        self, staff_client, supporter_index, django_capture_on_commit_callbacks
    ):
        application = signed(organisation="Muğla Province", kind="region_or_province")
        approve(staff_client, application, django_capture_on_commit_callbacks)
        application.refresh_from_db()
        assert application.supporter_page.role == "coordinator"

    def test_a_second_profile_with_the_same_name_gets_its_own_address(
        self, staff_client, supporter_index, django_capture_on_commit_callbacks
    ):
        first, second = signed(organisation="Union of Provinces"), signed(organisation="Union of Provinces")
        approve(staff_client, first, django_capture_on_commit_callbacks)
        approve(staff_client, second, django_capture_on_commit_callbacks)
        first.refresh_from_db()
        second.refresh_from_db()
        assert (first.supporter_page.slug, second.supporter_page.slug) == (
            "union-of-provinces",
            "union-of-provinces-2",
        )
        assert first.supporter_page.ownerships.get().group != second.supporter_page.ownerships.get().group

    def test_without_a_supporters_index_nothing_is_created_and_staff_are_told(
        self, staff_client, site_tree, django_capture_on_commit_callbacks
    ):
        application = signed()
        response = approve(staff_client, application, django_capture_on_commit_callbacks)
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == Status.AGREEMENT_SIGNED
        assert not SupporterPage.objects.exists()
        assert not User.objects.filter(email=application.email).exists()
        assert not OutgoingEmail.objects.filter(purpose="supporter-invitation").exists()
        messages = [str(m) for m in staff_client.get(response["Location"]).context["messages"]]
        assert "There is no supporters index page to create the profile under." in messages
        assert not SupporterIndexPage.objects.exists()


class TestOwnerAccountAndRights:
    def test_the_account_logs_in_with_the_email_and_speaks_the_applicants_language(
        self, staff_client, supporter_index, django_capture_on_commit_callbacks
    ):
        application = signed(email="Ayse.Yilmaz@TBB.example", contact_name="Ayşe Nur Yılmaz", language="tr")
        approve(staff_client, application, django_capture_on_commit_callbacks)
        user = User.objects.get(email="Ayse.Yilmaz@TBB.example")
        assert user.username == "ayse.yilmaz@tbb.example"
        assert (user.first_name, user.last_name) == ("Ayşe Nur", "Yılmaz")
        assert user.has_usable_password()  # unknown to anyone, so the "forgotten password" form works
        assert not user.is_staff and not user.is_superuser
        assert user.wagtail_userprofile.preferred_language == "tr"

    def test_the_group_may_only_edit_the_profile_and_add_media_to_its_own_collection(
        self, staff_client, supporter_index, django_capture_on_commit_callbacks
    ):
        application = signed()
        approve(staff_client, application, django_capture_on_commit_callbacks)
        application.refresh_from_db()
        page, user = application.supporter_page, application.user
        ownership = SupporterOwnership.objects.get(page=page)
        group, collection = ownership.group, ownership.collection

        assert list(user.groups.all()) == [group]
        assert {(p.content_type.app_label, p.codename) for p in group.permissions.all()} == {
            ("wagtailadmin", "access_admin")
        }
        assert {(gpp.page_id, gpp.permission.codename) for gpp in GroupPagePermission.objects.filter(group=group)} == {
            (page.pk, "change_page")
        }
        assert {
            (gcp.collection_id, gcp.permission.codename)
            for gcp in GroupCollectionPermission.objects.filter(group=group)
        } == {
            (collection.pk, "add_image"),
            (collection.pk, "choose_image"),
            (collection.pk, "add_document"),
            (collection.pk, "choose_document"),
        }
        assert collection.get_parent().is_root()
        assert Page.objects.get(pk=page.pk).owner == user
        assert not user.has_perm("supporters.manage_supporter_status")

    def test_the_profile_goes_through_the_supporter_profile_review(
        self, staff_client, supporter_index, django_capture_on_commit_callbacks
    ):
        application = signed()
        approve(staff_client, application, django_capture_on_commit_callbacks)
        application.refresh_from_db()
        workflow = WorkflowPage.objects.get(page=application.supporter_page).workflow
        assert workflow.name == PROFILE_WORKFLOW_NAME
        [task] = [task.specific for task in workflow.tasks]
        assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
        assert application.supporter_page.get_workflow() == workflow

    def test_an_existing_account_with_that_email_is_reused(
        self, staff_client, supporter_index, django_capture_on_commit_callbacks
    ):
        existing = User.objects.create_user("ayse", "ayse@tbb.example", "a-long-test-password")
        application = signed(email="AYSE@tbb.example")
        approve(staff_client, application, django_capture_on_commit_callbacks)
        application.refresh_from_db()
        assert application.user == existing
        assert User.objects.filter(email__iexact="ayse@tbb.example").count() == 1
        assert existing.groups.filter(supporter_ownership__page=application.supporter_page).exists()

    def test_the_approval_is_logged_on_the_application_and_the_page(
        self, staff_client, admin_user, supporter_index, django_capture_on_commit_callbacks
    ):
        from wagtail.models import ModelLogEntry, PageLogEntry

        application = signed()
        approve(staff_client, application, django_capture_on_commit_callbacks)
        application.refresh_from_db()
        entry = ModelLogEntry.objects.get(object_id=str(application.pk), action="applications.approve")
        assert entry.user == admin_user
        assert entry.data["page"] == application.supporter_page.pk
        assert entry.data["owner"] == application.user.pk
        assert PageLogEntry.objects.filter(page=application.supporter_page, action="wagtail.create").exists()


class TestInvitation:
    def test_the_invitation_reaches_a_real_smtp_server_and_its_link_sets_the_password(
        self, client, admin_user, supporter_index, smtp_sink, django_capture_on_commit_callbacks
    ):
        application = signed(email="ayse@tbb.example", language="en", organisation="Union of Provinces")
        client.force_login(admin_user)
        approve(client, application, django_capture_on_commit_callbacks)
        client.logout()

        email = OutgoingEmail.objects.get(purpose="supporter-invitation")
        assert email.status == OutgoingEmail.Status.SENT
        [received] = smtp_sink.to("ayse@tbb.example")
        assert received.message["Subject"] == "Welcome: the online profile of Union of Provinces is ready for you"
        assert "ayse@tbb.example" in received.text
        assert "/admin/login/" in received.text
        html_links = re.findall(r'href="([^"]+)"', received.html)
        link = re.search(r"http://testserver(/admin/password_reset/confirm/[^\s]+/)", received.text).group(1)
        assert f"http://testserver{link}" in html_links

        response = client.get(link, follow=True)
        assert response.status_code == 200
        set_password_url = response.redirect_chain[-1][0]
        assert set_password_url.endswith("/set-password/")
        new_password = "Vilayetler-1985-Ankara"
        response = client.post(set_password_url, {"new_password1": new_password, "new_password2": new_password})
        assert response.status_code == 302

        response = client.post(
            reverse("wagtailadmin_login"), {"username": "ayse@tbb.example", "password": new_password}, follow=True
        )
        assert response.status_code == 200
        assert response.wsgi_request.user.is_authenticated
        application.refresh_from_db()
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[application.supporter_page.pk]))
        assert edit.status_code == 200

    def test_a_used_invitation_link_does_not_work_twice(
        self, client, admin_user, supporter_index, django_capture_on_commit_callbacks
    ):
        application = signed(email="ayse@tbb.example")
        client.force_login(admin_user)
        approve(client, application, django_capture_on_commit_callbacks)
        client.logout()
        text = OutgoingEmail.objects.get(purpose="supporter-invitation").text_body
        link = re.search(r"http://testserver(/admin/password_reset/confirm/[^\s]+/)", text).group(1)
        set_password_url = client.get(link, follow=True).redirect_chain[-1][0]
        client.post(set_password_url, {"new_password1": "Pw-for-the-union-1", "new_password2": "Pw-for-the-union-1"})
        client.logout()
        response = client.get(link)
        assert response.status_code == 200  # no redirect to the form that sets a password
        assert response.context["validlink"] is False


def test_moderators_group_is_created_if_missing(admin_user, supporter_index, django_capture_on_commit_callbacks):
    """The review workflow needs moderators; a site without Wagtail's default group still gets one."""
    from network.applications.transitions import approve as approve_application

    Group.objects.filter(name="Moderators").delete()
    application = signed()
    approve_application(application, admin_user)
    application.refresh_from_db()
    [task] = application.supporter_page.get_workflow().tasks
    assert list(task.specific.groups.all()) == [Group.objects.get(name="Moderators")]


def test_a_turkish_profile_appears_in_every_locale_once_published(
    client, admin_user, supporter_index, django_capture_on_commit_callbacks
):
    from bs4 import BeautifulSoup

    from core.translation import synchronise_trees

    synchronise_trees()  # the index exists in every locale (Turkish translation, aliases elsewhere)
    application = signed(organisation="Marmara Belediyeler Birliği", language="tr")
    client.force_login(admin_user)
    approve(client, application, django_capture_on_commit_callbacks)
    application.refresh_from_db()
    page = application.supporter_page
    assert SupporterPage.objects.filter(translation_key=page.translation_key).count() == 1

    page.get_latest_revision().publish(user=admin_user)  # as a moderator approving the review would

    versions = SupporterPage.objects.filter(translation_key=page.translation_key)
    assert {version.locale.language_code for version in versions} == {"en", "tr", "tk", "ru"}
    assert all(version.live for version in versions)
    english = versions.get(locale=locale("en"))
    assert english.alias_of_id == page.pk
    html = BeautifulSoup(client.get("/en/supporters/").content.decode(), "html.parser")
    card = html.find("a", string="Marmara Belediyeler Birliği").find_parent("li")
    assert card["lang"] == "tr"
    page.get_latest_revision().publish(user=admin_user)  # publishing again adds nothing
    assert SupporterPage.objects.filter(translation_key=page.translation_key).count() == 4
