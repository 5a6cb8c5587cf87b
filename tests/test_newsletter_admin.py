"""The newsletter in the admin: subscribers (filters, CSV export, deletion on request) and sends."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from core import mail
from core.models import OutgoingEmail
from network.newsletter.models import CONSENT_VERSION, Delivery, NewsletterSend, Subscriber
from tests.newsletter_factories import SubscriberFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("newsletter_subscribers:index")


@pytest.fixture
def people():
    return {
        "ayse": SubscriberFactory(email="ayse@example.org", language="tr"),
        "aman": SubscriberFactory(email="aman@example.org", language="tk", pending=True),
        "olga": SubscriberFactory(email="olga@example.org", language="ru", unsubscribed=True),
        "john": SubscriberFactory(email="john@example.org", language="en"),
    }


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


def listed(response):
    html = response.content.decode()
    return sorted(address for address in ("ayse", "aman", "olga", "john") if f"{address}@example.org" in html)


class TestSubscriberList:
    def test_filters_by_status_and_language(self, staff_client, people):
        assert listed(staff_client.get(INDEX)) == ["aman", "ayse", "john", "olga"]
        assert listed(staff_client.get(INDEX, {"status": "confirmed"})) == ["ayse", "john"]
        assert listed(staff_client.get(INDEX, {"language": "tk"})) == ["aman"]
        assert listed(staff_client.get(INDEX, {"status": "confirmed", "language": "tr"})) == ["ayse"]
        assert listed(staff_client.get(INDEX, {"q": "olga"})) == ["olga"]

    def test_unknown_filter_values_are_ignored_not_errors(self, staff_client, people):
        response = staff_client.get(INDEX, {"status": "bogus", "language": "xx", "p": "999"})
        assert response.status_code == 200

    def test_csv_export_of_the_filtered_list(self, staff_client, people):
        response = staff_client.get(INDEX, {"status": "confirmed", "export": "csv"})
        assert response.status_code == 200
        assert 'filename="newsletter-subscribers.csv"' in response["Content-Disposition"]
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(content)))
        assert sorted(row["Email address"] for row in rows) == ["ayse@example.org", "john@example.org"]
        ayse = next(row for row in rows if row["Email address"] == "ayse@example.org")
        assert ayse["Language"] == "tr"
        assert ayse["Consent text version"] == CONSENT_VERSION

    def test_subscribers_come_only_from_the_form(self, staff_client, people):
        html = staff_client.get(INDEX).content.decode()
        assert reverse("newsletter_subscribers:add") not in html
        response = staff_client.get(reverse("newsletter_subscribers:add"))
        assert (response.status_code, response.url) == (302, "/admin/")
        response = staff_client.post(
            reverse("newsletter_subscribers:edit", args=[people["aman"].pk]), {"language": "en"}
        )
        assert (response.status_code, response.url) == (302, "/admin/")
        people["aman"].refresh_from_db()
        assert people["aman"].language == "tk"

    def test_the_record_shows_the_consent(self, staff_client, people):
        html = staff_client.get(reverse("newsletter_subscribers:inspect", args=[people["ayse"].pk])).content.decode()
        assert "ayse@example.org" in html
        assert CONSENT_VERSION in html


class TestDeletionOnRequest:
    def test_the_person_is_removed_for_real(self, staff_client, people, issue_send):
        ayse = people["ayse"]
        mail.queue_email(
            to="ayse@example.org", subject="Confirm", text="...", purpose="newsletter-confirmation", send=False
        )
        url = reverse("newsletter_subscribers:delete", args=[ayse.pk])

        confirm = staff_client.get(url).content.decode()
        assert "ayse@example.org" in confirm
        assert staff_client.post(url).status_code == 302

        assert not Subscriber.objects.filter(pk=ayse.pk).exists()
        assert not OutgoingEmail.objects.filter(to__icontains="ayse@").exists()
        delivery = Delivery.objects.get(language="tr")
        assert (delivery.subscriber_id, delivery.email_id) == (None, None)  # the count stays, anonymous
        assert OutgoingEmail.objects.filter(to="john@example.org").exists()  # others untouched

        dump = io.StringIO()
        call_command("dumpdata", stdout=dump)
        assert "ayse@example.org" not in dump.getvalue()
        [entry] = ModelLogEntry.objects.filter(action="wagtail.delete")
        assert entry.label == f"Subscriber {ayse.pk}"


@pytest.fixture
def issue_send(people):
    """A finished send that reached Ayşe and John."""
    send = NewsletterSend.objects.create(
        issue_key="6d3f0d3c-2a51-4c21-9e36-9e1b3cfa0b11", title="Autumn 2019", status=NewsletterSend.Status.DONE
    )
    for person in (people["ayse"], people["john"]):
        email = mail.queue_email(
            to=person.email, subject="Autumn 2019", text="...", purpose="newsletter-issue", send=False
        )
        Delivery.objects.create(
            send=send, subscriber=person, language=person.language, content_language="en", email=email
        )
    return send


def test_sends_are_listed_with_their_status(staff_client, issue_send):
    html = staff_client.get(reverse("newsletter_sends:index")).content.decode()
    assert "Autumn 2019" in html
    assert "Sent" in html


def test_the_newsletter_menu_has_subscribers_and_sends(staff_client):
    html = staff_client.get("/admin/").content.decode()
    assert INDEX in html
    assert reverse("newsletter_sends:index") in html
    assert reverse("outgoing_email:index") in html
