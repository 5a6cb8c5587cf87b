"""Staff review of applications in the Wagtail admin: list, detail, and the state machine."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core.models import OutgoingEmail
from network.applications.models import Application, ApplicationEvent
from network.applications.models import ApplicationStatus as Status
from network.applications.transitions import TRANSITIONS, TransitionError, approve, mark_eligible, reject
from tests.application_factories import ApplicationFactory, form_pages_fixture  # noqa: F401
from tests.supporter_factories import supporter_index_fixture  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_applications_review"),
]

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def reviewer(django_user_model):
    """A member of staff who may review applications (not a superuser)."""
    group = Group.objects.create(name="Application reviewers")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="applications", codename__endswith="_application"),
    )
    user = django_user_model.objects.create_user("reviewer", "reviewer@network.example", "a-long-test-password")
    user.groups.add(group)
    return user


@pytest.fixture
def staff_client(client, reviewer):
    client.force_login(reviewer)
    return client


def transition(client, application, name, data=None, capture=None):
    url = reverse("supporter_applications:transition", args=[application.pk, name])
    if capture is None:
        return client.post(url, data or {})
    with capture(execute=True):
        return client.post(url, data or {})


def signed_pdf(content=PDF, name="signed.pdf", content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def log_actions(application):
    return list(
        ModelLogEntry.objects.filter(object_id=str(application.pk), action__startswith="applications.")
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


class TestListAndDetail:
    def test_the_list_filters_by_status_and_searches(self, staff_client, supporter_index):
        ApplicationFactory(organisation="Vilayetler Birliği", status=Status.RECEIVED)
        ApplicationFactory(organisation="Marmara Belediyeler Birliği", status=Status.ELIGIBLE)
        ApplicationFactory(organisation="Energy Cities", status=Status.REJECTED, country="FR")
        index = reverse("supporter_applications:index")

        def names(response):
            assert response.status_code == 200
            table = BeautifulSoup(response.content.decode(), "html.parser").find("table", class_="listing")
            return sorted(a.get_text(strip=True) for a in table.select("tbody td.title a"))

        assert "Energy Cities" in names(staff_client.get(index))
        listing = BeautifulSoup(staff_client.get(index).content.decode(), "html.parser")
        links = {a.get_text(strip=True): a["href"] for a in listing.select("table.listing tbody td.title a")}
        energy = Application.objects.get(organisation="Energy Cities")
        assert links["Energy Cities"] == reverse("supporter_applications:inspect", args=[energy.pk])
        received = names(staff_client.get(index, {"status": "received"}))
        assert "Vilayetler Birliği" in received and "Marmara Belediyeler Birliği" not in received
        found = names(staff_client.get(index, {"q": "Marmara"}))
        assert "Marmara Belediyeler Birliği" in found and "Vilayetler Birliği" not in found
        # Unknown filter values are ignored or rejected by the filter form, never a server error.
        assert staff_client.get(index, {"status": "nonsense"}).status_code == 200

    def test_the_detail_shows_the_full_submission_the_next_steps_and_the_history(self, staff_client):
        application = ApplicationFactory(
            organisation="Vilayetler Birliği", motivation="51 il özel idaresi adına.", phone="+90 312 000 00 00"
        )
        response = staff_client.get(reverse("supporter_applications:inspect", args=[application.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        for value in ["Vilayetler Birliği", "51 il özel idaresi adına.", "+90 312 000 00 00", application.email]:
            assert value in html
        assert "Training and capacity building, Funding advice" in html
        page = BeautifulSoup(html, "html.parser")
        actions = [a["href"] for a in page.select("a.button") if "/transition/" in a["href"]]
        assert actions == [
            reverse("supporter_applications:transition", args=[application.pk, "eligible"]),
            reverse("supporter_applications:transition", args=[application.pk, "reject"]),
        ]
        history = page.find("table", class_="listing")
        assert "the applicant" in history.get_text()

    def test_applications_cannot_be_added_through_the_admin(self, staff_client):
        assert staff_client.get("/admin/applications/new/").status_code in {302, 403}


class TestStateMachine:
    def test_the_whole_path_from_received_to_approved_is_recorded(
        self, staff_client, reviewer, supporter_index, form_pages, django_capture_on_commit_callbacks
    ):
        application = ApplicationFactory(form_page=form_pages["en"])
        capture = django_capture_on_commit_callbacks

        response = transition(staff_client, application, "eligible", {"note": "Checked the statutes."}, capture)
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == Status.ELIGIBLE

        response = transition(staff_client, application, "agreement_signed", {"signed_agreement": signed_pdf()})
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == Status.AGREEMENT_SIGNED

        response = transition(staff_client, application, "approve", {"note": "Welcome."}, capture)
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == Status.APPROVED

        events = list(application.events.order_by("created_at", "pk"))
        assert [(e.from_status, e.to_status) for e in events] == [
            ("", Status.RECEIVED),
            (Status.RECEIVED, Status.ELIGIBLE),
            (Status.ELIGIBLE, Status.AGREEMENT_SIGNED),
            (Status.AGREEMENT_SIGNED, Status.APPROVED),
        ]
        assert [e.user for e in events[1:]] == [reviewer] * 3
        assert events[1].note == "Checked the statutes."
        assert log_actions(application) == [
            "applications.eligible",
            "applications.agreement_signed",
            "applications.approve",
        ]
        entry = ModelLogEntry.objects.get(object_id=str(application.pk), action="applications.eligible")
        assert entry.user == reviewer
        assert entry.data["note"] == "Checked the statutes."

        # The history view of the admin shows the audit log too.
        history = staff_client.get(reverse("supporter_applications:history", args=[application.pk]))
        assert history.status_code == 200
        assert "Eligibility confirmed" in history.content.decode()

    def test_eligible_sends_the_agreement_form_in_the_applicants_language(
        self, staff_client, form_pages, django_capture_on_commit_callbacks
    ):
        from wagtail.documents.models import Document

        document = Document.objects.create(title="Supporter agreement", file=SimpleUploadedFile("agreement.pdf", PDF))
        page = form_pages["en"]
        page.agreement_form = document
        page.save_revision().publish()
        application = ApplicationFactory(form_page=form_pages["tr"], language="tr", country="DE")

        transition(
            staff_client,
            application,
            "eligible",
            {"message": "İmzalı formu iki hafta içinde gönderin."},
            django_capture_on_commit_callbacks,
        )

        email = OutgoingEmail.objects.get(purpose="application-agreement-form")
        assert email.recipients == [application.email]
        assert email.language == "tr"
        assert email.status == OutgoingEmail.Status.SENT
        assert f"http://testserver{document.url}" in email.text_body
        assert "İmzalı formu iki hafta içinde gönderin." in email.text_body
        assert email.reply_to_list == ["staff@localhost"]

    def test_reject_needs_a_reason_and_emails_it(self, staff_client, django_capture_on_commit_callbacks):
        application = ApplicationFactory(status=Status.ELIGIBLE, language="tr")

        response = transition(staff_client, application, "reject", {"reason": "  "})
        assert response.status_code == 200
        assert "This field is required." in response.content.decode()
        application.refresh_from_db()
        assert application.status == Status.ELIGIBLE

        reason = "Kuruluşunuz bir yerel yönetim birliği değil."
        transition(staff_client, application, "reject", {"reason": reason}, django_capture_on_commit_callbacks)
        application.refresh_from_db()
        assert application.status == Status.REJECTED
        assert application.rejection_reason == reason
        email = OutgoingEmail.objects.get(purpose="application-rejection")
        assert reason in email.text_body
        assert email.language == "tr"
        assert log_actions(application) == ["applications.reject"]

    ALLOWED = {
        Status.RECEIVED: {"eligible", "reject"},
        Status.ELIGIBLE: {"agreement_signed", "reject"},
        Status.AGREEMENT_SIGNED: {"approve", "reject"},
        Status.APPROVED: set(),
        Status.REJECTED: set(),
    }
    FORBIDDEN = [(status, name) for status, allowed in ALLOWED.items() for name in TRANSITIONS if name not in allowed]

    @pytest.mark.parametrize(("status", "name"), FORBIDDEN, ids=[f"{s}-{n}" for s, n in FORBIDDEN])
    def test_a_transition_from_the_wrong_state_changes_nothing(self, staff_client, supporter_index, status, name):
        application = ApplicationFactory(status=status)
        data = {"reason": "No.", "signed_agreement": signed_pdf()}

        response = staff_client.post(
            reverse("supporter_applications:transition", args=[application.pk, name]), data, follow=True
        )

        assert response.status_code == 200
        assert "is not possible for an application that is" in response.content.decode()
        application.refresh_from_db()
        assert application.status == status
        assert not application.signed_agreement
        assert ApplicationEvent.objects.filter(application=application).count() == 1  # only "received"
        assert log_actions(application) == []
        assert not OutgoingEmail.objects.exists()

    @pytest.mark.parametrize("status", [Status.APPROVED, Status.REJECTED])
    def test_the_form_of_a_forbidden_transition_is_not_even_shown(self, staff_client, status):
        application = ApplicationFactory(status=status)
        response = staff_client.get(reverse("supporter_applications:transition", args=[application.pk, "reject"]))
        assert response.status_code == 302

    def test_an_unknown_transition_is_not_found(self, staff_client):
        application = ApplicationFactory()
        url = reverse("supporter_applications:transition", args=[application.pk, "publish"])
        assert staff_client.get(url, follow=True).status_code == 404

    def test_the_functions_refuse_too(self, reviewer, supporter_index):
        application = ApplicationFactory(status=Status.RECEIVED)
        with pytest.raises(TransitionError):
            approve(application, reviewer)
        mark_eligible(application, reviewer)
        with pytest.raises(TransitionError):
            mark_eligible(application, reviewer)
        reject(application, reviewer, reason="Not a network.")
        with pytest.raises(TransitionError):
            reject(application, reviewer, reason="Again.")
        application.refresh_from_db()
        assert application.status == Status.REJECTED

    def test_approving_twice_creates_one_profile(
        self, staff_client, supporter_index, django_capture_on_commit_callbacks
    ):
        application = ApplicationFactory(status=Status.AGREEMENT_SIGNED)
        transition(staff_client, application, "approve", {}, django_capture_on_commit_callbacks)
        response = transition(staff_client, application, "approve", {}, django_capture_on_commit_callbacks)
        assert response.status_code == 302
        from network.supporters.models import SupporterPage

        assert SupporterPage.objects.filter(title=application.organisation, alias_of__isnull=True).count() == 1
        assert OutgoingEmail.objects.filter(purpose="supporter-invitation").count() == 1


class TestSignedAgreement:
    def test_a_pdf_is_stored_privately_and_only_reviewers_download_it(
        self, staff_client, private_media, settings, django_user_model
    ):
        application = ApplicationFactory(status=Status.ELIGIBLE)
        transition(staff_client, application, "agreement_signed", {"signed_agreement": signed_pdf()})
        application.refresh_from_db()
        assert application.status == Status.AGREEMENT_SIGNED
        stored = private_media / application.signed_agreement.name
        assert stored.read_bytes() == PDF
        assert stored.name.endswith(".pdf") and "signed" not in stored.name  # a random name
        assert not (settings.MEDIA_ROOT / application.signed_agreement.name).exists()

        url = reverse("supporter_applications:agreement", args=[application.pk])
        response = staff_client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF

        nobody = django_user_model.objects.create_user("nobody", "n@example.org", "a-long-test-password")
        nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
        staff_client.force_login(nobody)
        assert staff_client.get(url).status_code in {302, 403}

    @pytest.mark.parametrize(
        ("upload", "message"),
        [
            (signed_pdf(b"\x89PNG\r\n\x1a\n" + b"0" * 100, name="scan.pdf"), "This file is not a PDF document."),
            (signed_pdf(b"MZ\x90\x00 an executable", name="agreement.pdf"), "This file is not a PDF document."),
            (signed_pdf(b"", name="empty.pdf"), "The submitted file is empty."),
            (signed_pdf(PDF + b"0" * 2048, name="big.pdf"), "The file is too large"),
        ],
        ids=["png", "executable", "empty", "too-large"],
    )
    def test_anything_but_a_pdf_within_the_limit_is_refused(self, staff_client, settings, upload, message):
        settings.APPLICATION_AGREEMENT_MAX_SIZE = 1024
        application = ApplicationFactory(status=Status.ELIGIBLE)
        response = transition(staff_client, application, "agreement_signed", {"signed_agreement": upload})
        assert response.status_code == 200
        assert message in response.content.decode()
        application.refresh_from_db()
        assert application.status == Status.ELIGIBLE
        assert not application.signed_agreement


class TestAccess:
    @pytest.mark.parametrize(
        "url_name", ["supporter_applications:index", "supporter_applications:inspect", "supporter_applications:edit"]
    )
    def test_people_without_the_permission_see_no_application(self, client, django_user_model, url_name):
        application = ApplicationFactory()
        args = [] if url_name.endswith("index") else [application.pk]
        user = django_user_model.objects.create_user("editor", "e@example.org", "a-long-test-password")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
        response = client.get(reverse(url_name, args=args))
        assert response.status_code in {302, 403}
        assert application.organisation not in response.content.decode()

    def test_transitions_need_the_change_permission(self, client, django_user_model):
        application = ApplicationFactory()
        user = django_user_model.objects.create_user("viewer", "v@example.org", "a-long-test-password")
        user.user_permissions.add(
            Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_application")
        )
        client.force_login(user)
        assert client.get(reverse("supporter_applications:inspect", args=[application.pk])).status_code == 200
        response = transition(client, application, "eligible")
        # Wagtail answers a refusal in the admin with a redirect to the dashboard and a message.
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        application.refresh_from_db()
        assert application.status == Status.RECEIVED

    def test_anonymous_visitors_are_sent_to_the_login(self, client):
        application = ApplicationFactory()
        response = client.get(reverse("supporter_applications:inspect", args=[application.pk]))
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
        assert Application.objects.get().status == Status.RECEIVED


def test_deleting_an_application_deletes_its_signed_agreement(staff_client, private_media):
    application = ApplicationFactory(status=Status.ELIGIBLE)
    transition(staff_client, application, "agreement_signed", {"signed_agreement": signed_pdf()})
    application.refresh_from_db()
    stored = private_media / application.signed_agreement.name
    assert stored.exists()
    response = staff_client.post(reverse("supporter_applications:delete", args=[application.pk]))
    assert response.status_code == 302
    assert not Application.objects.filter(pk=application.pk).exists()
    assert not stored.exists()
