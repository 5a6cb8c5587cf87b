"""The admin: sign-in and password reset rate-limited, password rules, sessions that expire, and the
audit log of every publishing and review action."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, PageLogEntry, WorkflowState

from network.applications.models import ApplicationStatus
from tests.application_factories import ApplicationFactory
from tests.factories import StandardPageFactory
from tests.forms import browser_form_data
from tests.supporter_factories import supporter_index_fixture, supporter_world_fixture  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_admin_hardening"),
]

PASSWORD = "a-long-test-password"  # the admin_user fixture's
LOGIN = "/admin/login/"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def sign_in(client, username="admin", password=PASSWORD, address="203.0.113.20", headers=None, **fields):
    data = {"username": username, "password": password, **fields}
    return client.post(LOGIN, data, REMOTE_ADDR=address, headers=headers)


class TestSignInRateLimit:
    @override_settings(ADMIN_LOGIN_RATE_LIMIT="3/h")
    def test_guessing_from_one_address_stops_even_for_the_right_password(self, client, admin_user):
        for attempt in range(3):
            refused = sign_in(client, password=f"guess-{attempt}")
            assert refused.status_code == 200  # the form again, with its error
            assert "_auth_user_id" not in client.session
        blocked = sign_in(client, headers={"Accept-Language": "tr"})
        assert blocked.status_code == 429
        assert 1 <= int(blocked["Retry-After"]) <= 3600
        assert BeautifulSoup(blocked.content, "html.parser").html["lang"] == "tr"
        assert "_auth_user_id" not in client.session
        # Another address signs in; looking at the form is never counted.
        assert all(client.get(LOGIN, REMOTE_ADDR="203.0.113.20").status_code == 200 for _ in range(5))
        assert sign_in(client, address="203.0.113.21").status_code == 302

    @override_settings(PASSWORD_RESET_RATE_LIMIT="2/h")
    def test_password_reset_emails_cannot_flood_a_mailbox(self, client, admin_user):
        mail.outbox.clear()
        url = reverse("wagtailadmin_password_reset")
        for number in range(2):
            response = client.post(url, {"email": "admin@example.org"}, REMOTE_ADDR=f"192.0.2.{number}")
            assert response.status_code == 302
        assert client.post(url, {"email": "ADMIN@example.org"}, REMOTE_ADDR="192.0.2.9").status_code == 429
        assert len(mail.outbox) == 2


class TestPasswords:
    def test_the_validators_are_configured(self, settings):
        names = {validator["NAME"].rsplit(".", 1)[1] for validator in settings.AUTH_PASSWORD_VALIDATORS}
        assert names == {
            "UserAttributeSimilarityValidator",
            "MinimumLengthValidator",
            "CommonPasswordValidator",
            "NumericPasswordValidator",
        }

    @pytest.mark.parametrize(
        ("password", "message"),
        [
            ("short1", "too short"),
            ("password123", "too common"),
            ("8462039175318", "entirely numeric"),
            ("selin.aydin.network", "too similar"),
        ],
    )
    def test_a_weak_password_is_refused_when_staff_create_an_account(self, client, admin_user, password, message):
        client.force_login(admin_user)
        data = {
            "username": "selin.aydin",
            "email": "selin.aydin@network.example",
            "first_name": "Selin",
            "last_name": "Aydın",
            "password1": password,
            "password2": password,
        }
        response = client.post(reverse("wagtailusers_users:add"), data)
        assert response.status_code == 200
        errors = " ".join(" ".join(map(str, field)) for field in response.context["form"].errors.values())
        assert message in errors
        assert not admin_user.__class__.objects.filter(username="selin.aydin").exists()


class TestSessions:
    def test_without_remember_me_the_session_ends_with_the_browser(self, client, admin_user):
        response = sign_in(client)
        assert response.status_code == 302
        assert response.cookies["sessionid"]["max-age"] == ""

    def test_with_remember_me_it_lasts_the_configured_idle_time(self, client, admin_user, settings):
        response = sign_in(client, remember="on")
        assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE

    def test_each_request_renews_the_session_and_an_idle_one_ends(self, client, admin_user, settings):
        sign_in(client, remember="on")
        session = Session.objects.get()
        Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() + datetime.timedelta(minutes=1))
        assert client.get("/admin/").status_code == 200
        renewed = Session.objects.get(pk=session.pk).expire_date
        assert renewed > timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE - 600)

        Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response.url.startswith(LOGIN)


# The audit log ----------------------------------------------------------------------------------


def page_actions(page):
    return list(
        PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk").values_list("action", "user__username")
    )


class TestAuditLog:
    def test_publishing_and_unpublishing_through_the_admin_are_logged_with_who(self, client, site_tree, admin_user):
        client.force_login(admin_user)
        page = StandardPageFactory(parent=site_tree["en"], title="Legal", slug="legal", live=False)
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        data = browser_form_data(client.get(edit_url).content.decode(), "page-edit-form")
        data.update({"body-count": ["0"], "action-publish": ["1"]})  # the body's blocks are built by script
        assert client.post(edit_url, data).status_code == 302
        response = client.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
        assert response.status_code == 302

        actions = page_actions(page)
        assert ("wagtail.publish", "admin") in actions
        assert actions[-1] == ("wagtail.unpublish", "admin")
        history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
        assert "Published" in history and "Unpublished" in history

    def test_a_moderated_change_is_logged_from_submission_to_publication(self, client, supporter_world, settings):
        world = supporter_world
        moderator = world.owner.__class__.objects.create_user("moderator", "m@network.example", PASSWORD)
        moderator.groups.add(Group.objects.get(name="Moderators"))
        client.force_login(world.owner)
        edit_url = reverse("wagtailadmin_pages:edit", args=[world.own.pk])
        data = browser_form_data(client.get(edit_url).content.decode(), "page-edit-form")
        data["action-submit"] = ["1"]
        assert client.post(edit_url, data).status_code == 302

        state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(world.own.pk))
        client.force_login(moderator)
        url = reverse("wagtailadmin_pages:workflow_action", args=[world.own.pk, "approve", state.current_task_state.pk])
        assert client.post(url, {"comment": "Fine."}).status_code in {200, 302}

        actions = page_actions(world.own)
        owner = world.owner.username
        assert ("wagtail.workflow.start", owner) in actions
        assert ("wagtail.workflow.approve", "moderator") in actions
        assert ("wagtail.publish", "moderator") in actions

    def test_every_review_of_an_application_is_logged_with_who_and_what(
        self, client, admin_user, supporter_index, settings, tmp_path
    ):
        from django.core.files.uploadedfile import SimpleUploadedFile

        settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
        client.force_login(admin_user)

        def transition(application, name, data):
            url = reverse("supporter_applications:transition", args=[application.pk, name])
            assert client.post(url, data).status_code == 302, name

        approved = ApplicationFactory(status=ApplicationStatus.RECEIVED)
        transition(approved, "eligible", {"note": "Statutes checked."})
        transition(approved, "agreement_signed", {"signed_agreement": SimpleUploadedFile("signed.pdf", PDF)})
        transition(approved, "approve", {"note": "Welcome."})
        rejected = ApplicationFactory(status=ApplicationStatus.RECEIVED)
        transition(rejected, "reject", {"reason": "Not a local authority association."})

        def entries(application):
            return list(
                ModelLogEntry.objects.filter(object_id=str(application.pk), action__startswith="applications.")
                .order_by("timestamp", "pk")
                .values_list("action", "user__username", "data")
            )

        logged = entries(approved)
        assert [(action, user) for action, user, _data in logged] == [
            ("applications.eligible", "admin"),
            ("applications.agreement_signed", "admin"),
            ("applications.approve", "admin"),
        ]
        assert logged[0][2]["from"] == "received" and logged[0][2]["note"] == "Statutes checked."
        [(action, user, data)] = entries(rejected)
        assert (action, user, data["to"]) == ("applications.reject", "admin", "rejected")
        # Staff find them in the admin's history of actions.
        report = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
        assert report.count(approved.organisation) >= 3
