"""The admin's listings and inspect views: times in the site's time zone (the same in a record's
details as in its history), dates to come shown as dates, column headings as sentences.
"""

import datetime
from datetime import UTC

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.models import OutgoingEmail
from network.applications.models import Application, ApplicationEvent
from network.twinning.models import BlockedSender, PartnershipRequest
from tests.application_factories import ApplicationFactory
from tests.twinning_factories import PartnershipRequestFactory, RelayMessageFactory, themes_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

#: 21:30 UTC is already the next day in Istanbul (UTC+3), the site's time zone.
RECEIVED = datetime.datetime(2026, 11, 20, 21, 30, tzinfo=UTC)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def described(soup, label):
    """The text of the `<dd>` after the `<dt>` that reads `label`."""
    term = soup.find("dt", string=lambda text: text and text.strip() == label)
    return term.find_next_sibling("dd").get_text(" ", strip=True)


def test_an_application_shows_its_received_time_as_its_history_does(admin_client, site_tree):
    application = ApplicationFactory()
    Application.objects.filter(pk=application.pk).update(created_at=RECEIVED, consented_at=RECEIVED)
    ApplicationEvent.objects.filter(application=application).update(created_at=RECEIVED)
    local = timezone.localtime(RECEIVED)
    assert local.day == 21  # the site's time zone, not UTC

    soup = page(admin_client, reverse("supporter_applications:inspect", args=[application.pk]))
    assert described(soup, "Received") == date_format(local, "DATETIME_FORMAT")
    assert described(soup, "Consent to the privacy notice") == date_format(local, "DATETIME_FORMAT")
    history_time = soup.find("table", class_="listing").tbody.td.get_text(strip=True)
    assert history_time == date_format(local, "SHORT_DATETIME_FORMAT")


def test_a_partnership_request_shows_its_times_in_the_sites_time_zone(admin_client, site_tree, themes):
    partnership_request = PartnershipRequestFactory()
    PartnershipRequest.objects.filter(pk=partnership_request.pk).update(created_at=RECEIVED, published_at=RECEIVED)
    soup = page(admin_client, reverse("twinning_requests:inspect", args=[partnership_request.pk]))
    expected = date_format(timezone.localtime(RECEIVED), "DATETIME_FORMAT")
    assert described(soup, "Received") == expected
    assert described(soup, "First published") == expected


def test_a_date_to_come_is_shown_as_a_date(admin_client, site_tree, themes):
    valid_until = timezone.localdate() + datetime.timedelta(days=330)
    PartnershipRequestFactory(valid_until=valid_until)
    soup = page(admin_client, reverse("twinning_requests:index"))
    headings = [th.get_text(" ", strip=True) for th in soup.find("table", class_="listing").thead.find_all("th")]
    cell = soup.find("table", class_="listing").tbody.find_all("td")[headings.index("Valid until")]
    assert cell.get_text(strip=True) == date_format(valid_until, "DATE_FORMAT")
    assert cell.time["datetime"] == valid_until.isoformat()
    assert "just now" not in cell.get_text().lower()


LISTINGS = {
    "supporter_applications:index": lambda: ApplicationFactory(),
    "twinning_requests:index": lambda: PartnershipRequestFactory(),
    "twinning_messages:index": lambda: RelayMessageFactory(),
    "twinning_blocked:index": lambda: BlockedSender.objects.create(address="@spam.example"),
    "outgoing_email:index": lambda: OutgoingEmail.objects.create(
        purpose="test", from_email="site@example.org", to="ayse@example.org", subject="Hello", text_body="Hello"
    ),
}


@pytest.mark.parametrize("listing", LISTINGS)
def test_column_headings_are_sentences(admin_client, site_tree, themes, listing):
    LISTINGS[listing]()
    soup = page(admin_client, reverse(listing))
    headings = [th.get_text(" ", strip=True) for th in soup.find("table", class_="listing").thead.find_all("th")]
    headings = [heading for heading in headings if heading and heading[0].isalpha()]
    assert len(headings) >= 3, headings
    assert all(heading[0].isupper() for heading in headings), headings
