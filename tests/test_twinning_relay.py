"""Writing to a request's contact: messages relayed through a real SMTP server on loopback without
showing either address until its owner agrees, answers through signed links, rate limits, blocked
senders, abuse reports, and what staff see in the admin."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail as django_mail

from core.models import OutgoingEmail
from network.twinning.models import BlockedSender, Conversation, RelayMessage
from network.twinning.relay import Direction
from network.twinning.tokens import reply_token
from tests.smtp_sink import closed_port_fixture, smtp_sink_fixture  # noqa: F401 - fixtures
from tests.twinning_factories import (  # noqa: F401 - fixtures
    ConversationFactory,
    PartnershipRequestFactory,
    RelayMessageFactory,
    finder_fixture,
    programmes_fixture,
    themes_fixture,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_twinning_relay"),
]

REPLY_LINK = re.compile(r"http://testserver(/twinning/reply/[^/\s\"<>]+/)")
REPORT_LINK = re.compile(r"http://testserver(/twinning/report/[^/\s\"<>]+/)")
CONTACT = "ayse.yilmaz@sinop.example"
VISITOR = "jonas@trakai.example"


@pytest.fixture
def sinop(finder):
    return PartnershipRequestFactory(
        authority_name="Sinop Belediyesi",
        title="Sinop seeks a partner for sustainable tourism",
        contact_name="Ayşe Yılmaz",
        contact_email=CONTACT,
        language="tr",
    )


def message(**overrides):
    data = {
        "name": "Jonas Petraitis",
        "organisation": "Trakai District Municipality",
        "email": VISITOR,
        "message": "Labas! Trakai welcomes many visitors around its lake castle. Shall we compare notes?",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def contact_url(item, page):
    return f"/twinning/requests/{item.pk}/contact/{page.pk}/"


def send(client, item, page, data=None, remote_addr="127.0.0.1"):
    return client.post(contact_url(item, page), data or message(), REMOTE_ADDR=remote_addr)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def link(pattern, text):
    match = pattern.search(text)
    assert match, text
    return match.group(1)


class TestRelayThroughSmtp:
    def test_a_message_and_the_answers_go_through_the_relay_and_addresses_only_with_consent(
        self, client, finder, sinop, smtp_sink, django_capture_on_commit_callbacks, settings
    ):
        # 1. A visitor writes from the English page and keeps their address private.
        with django_capture_on_commit_callbacks(execute=True):
            response = send(client, sinop, finder["en"])
        assert response.status_code == 302
        assert response["Location"] == f"{finder['en'].url}requests/{sinop.pk}/sent/"
        sent_page = client.get(response["Location"]).content.decode()
        assert "Sinop Belediyesi" in sent_page and CONTACT not in sent_page

        [first] = smtp_sink.messages
        assert first.envelope_to == [CONTACT]
        assert first.message["From"] == settings.DEFAULT_FROM_EMAIL
        assert first.message["Reply-To"] == settings.DEFAULT_FROM_EMAIL  # the relay, not the visitor
        assert first.message["Auto-Submitted"] == "auto-generated"
        assert VISITOR not in first.text and VISITOR not in first.html and VISITOR not in str(first.message)
        assert "Trakai welcomes many visitors" in first.text
        assert "Jonas Petraitis" in first.text and "Trakai District Municipality" in first.text
        assert '<html lang="tr"' in first.html  # the contact's language
        conversation = Conversation.objects.get()
        assert (conversation.sender_email, conversation.sender_language) == (VISITOR, "en")
        stored = RelayMessage.objects.get()
        assert (stored.direction, stored.status, stored.share_address) == ("to_contact", "relayed", False)
        assert stored.email.status == OutgoingEmail.Status.SENT

        # 2. The contact answers through the link and agrees to show their address.
        answer_path = link(REPLY_LINK, first.text)
        answer_page = client.get(answer_path)
        assert answer_page.status_code == 200
        assert soup(answer_page).html["lang"] == "tr"
        assert "Trakai welcomes many visitors" in soup(answer_page).find("blockquote").get_text()
        smtp_sink.clear()
        with django_capture_on_commit_callbacks(execute=True):
            answered = client.post(answer_path, {"message": "Merhaba Jonas, memnuniyetle!", "share_address": "on"})
        assert answered.status_code == 200
        [second] = smtp_sink.messages
        assert second.envelope_to == [VISITOR]
        assert second.message["Reply-To"] == CONTACT  # consent given
        assert CONTACT in second.text  # and said in the message
        assert "Merhaba Jonas, memnuniyetle!" in second.text
        assert '<html lang="en"' in second.html  # the visitor's language

        # 3. The visitor answers again through the site, still keeping their address private.
        smtp_sink.clear()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(link(REPLY_LINK, second.text), {"message": "Thank you, Ayşe."})
        [third] = smtp_sink.messages
        assert third.envelope_to == [CONTACT]
        assert third.message["Reply-To"] == settings.DEFAULT_FROM_EMAIL
        assert VISITOR not in str(third.message)
        assert [item.direction for item in conversation.messages.order_by("created_at", "pk")] == [
            "to_contact",
            "to_sender",
            "to_contact",
        ]

    def test_with_the_visitors_consent_the_contact_can_answer_by_email(
        self, client, finder, sinop, smtp_sink, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            send(client, sinop, finder["en"], message(share_address="on"))
        [received] = smtp_sink.messages
        assert received.message["Reply-To"] == VISITOR
        assert VISITOR in received.text

    def test_the_relay_address_can_be_configured(
        self, client, finder, sinop, smtp_sink, django_capture_on_commit_callbacks, settings
    ):
        settings.TWINNING_RELAY_REPLY_TO = "relay@network.example"
        with django_capture_on_commit_callbacks(execute=True):
            send(client, sinop, finder["en"])
        assert smtp_sink.messages[0].message["Reply-To"] == "relay@network.example"

    def test_a_mail_server_that_is_down_loses_no_message(
        self, client, finder, sinop, closed_port, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = send(client, sinop, finder["en"])
        assert response.status_code == 302
        stored = RelayMessage.objects.get()
        assert stored.email.status == OutgoingEmail.Status.FAILED
        assert "Trakai" in stored.email.text_body  # kept for the retry


class TestBadInput:
    @pytest.mark.parametrize(
        ("field", "change"),
        [
            ("name", {"name": ""}),
            ("email", {"email": "jonas at trakai"}),
            ("message", {"message": "  "}),
            ("message", {"message": "x" * 5001}),
            ("consent", {"consent": None}),
        ],
    )
    def test_a_bad_field_is_explained_next_to_it_and_nothing_is_stored_or_sent(
        self, client, finder, sinop, field, change
    ):
        response = send(client, sinop, finder["tr"], message(**change))
        assert response.status_code == 400
        html = soup(response)
        assert html.html["lang"] == "tr"
        assert html.find(id=f"contact-{field}_error") is not None
        assert html.find("input", {"name": "name"}).get("value", "") == message(**change).get("name", "")
        assert not Conversation.objects.exists() and not RelayMessage.objects.exists()
        assert django_mail.outbox == []

    def test_a_required_field_says_so_in_turkish(self, client, finder, sinop):
        html = soup(send(client, sinop, finder["tr"], message(name="")))
        assert "Bu alan zorunludur." in html.find(id="contact-name_error").get_text()

    def test_the_honeypot_sends_nothing(self, client, finder, sinop):
        assert send(client, sinop, finder["en"], message(fax_number="1234")).status_code == 400
        assert not RelayMessage.objects.exists()

    def test_a_matched_or_expired_request_takes_no_message(self, client, finder):
        matched = PartnershipRequestFactory(status="matched")
        response = send(client, matched, finder["en"])
        assert response.status_code == 400
        assert "no longer takes messages" in response.content.decode()
        assert not RelayMessage.objects.exists()

    @pytest.mark.parametrize("status", ["pending", "closed", "rejected"])
    def test_a_request_that_is_not_public_cannot_be_written_to(self, client, finder, status):
        item = PartnershipRequestFactory(status=status)
        response = client.post(contact_url(item, finder["en"]), message(), follow=True)
        assert response.status_code == 404
        assert not RelayMessage.objects.exists()

    def test_the_endpoint_only_takes_posts(self, client, finder, sinop):
        assert client.get(contact_url(sinop, finder["en"])).status_code == 405

    def test_ids_too_long_for_the_database_are_not_found(self, client, finder, sinop):
        huge = "9" * 25
        for url in (
            f"/twinning/requests/{huge}/contact/{finder['en'].pk}/",
            f"/twinning/requests/{sinop.pk}/contact/{huge}/",
            f"/twinning/requests/{huge}/link/{finder['en'].pk}/",
            f"/twinning/requests/new/{huge}/",
        ):
            assert client.post(url, message(), follow=True).status_code == 404, url


class TestRateLimits:
    def test_too_many_messages_from_one_connection_are_refused_and_nothing_is_sent(
        self, client, finder, sinop, settings
    ):
        settings.TWINNING_CONTACT_RATE = "2/h"
        for number in range(2):
            assert send(client, sinop, finder["en"], message(email=f"v{number}@city.example")).status_code == 302
        refused = send(client, sinop, finder["en"], message(email="third@city.example"))
        assert refused.status_code == 429
        html = soup(refused)
        assert html.find(id="form-problem") is not None
        assert html.find("textarea", {"name": "message"}).get_text().strip().startswith("Labas!")
        assert RelayMessage.objects.count() == 2
        assert (
            send(client, sinop, finder["en"], message(email="x@city.example"), remote_addr="10.1.1.1").status_code
            == 302
        )

    def test_one_sender_cannot_write_too_often_from_many_connections(self, client, finder, settings):
        settings.TWINNING_CONTACT_SENDER_RATE = "2/h"
        for number in range(2):
            item = PartnershipRequestFactory()
            assert send(client, item, finder["en"], remote_addr=f"10.0.0.{number}").status_code == 302
        assert send(client, PartnershipRequestFactory(), finder["en"], remote_addr="10.0.0.9").status_code == 429
        assert RelayMessage.objects.count() == 2

    def test_one_request_cannot_be_flooded_by_many_senders(self, client, finder, sinop, settings):
        settings.TWINNING_CONTACT_REQUEST_RATE = "3/d"
        for number in range(3):
            data = message(email=f"sender{number}@city.example")
            assert send(client, sinop, finder["en"], data, remote_addr=f"10.2.0.{number}").status_code == 302
        data = message(email="late@city.example")
        assert send(client, sinop, finder["en"], data, remote_addr="10.2.0.9").status_code == 429
        assert RelayMessage.objects.count() == 3

    def test_answers_through_the_link_are_rate_limited_too(self, client, finder, sinop, settings):
        settings.TWINNING_CONTACT_RATE = "1/h"
        conversation = ConversationFactory(partnership_request=sinop)
        path = f"/twinning/reply/{reply_token(conversation, Direction.TO_CONTACT)}/"
        assert client.post(path, {"message": "First."}).status_code == 200
        assert client.post(path, {"message": "Second."}).status_code == 429
        assert RelayMessage.objects.count() == 1


class TestAbuse:
    @pytest.mark.parametrize("blocked", [VISITOR, "@trakai.example", "JONAS@Trakai.example"])
    def test_a_blocked_address_or_domain_is_logged_but_never_relayed(
        self, client, finder, sinop, blocked, django_capture_on_commit_callbacks
    ):
        BlockedSender.objects.create(address=blocked)
        with django_capture_on_commit_callbacks(execute=True):
            response = send(client, sinop, finder["en"])
        assert response.status_code == 302  # the sender learns nothing
        stored = RelayMessage.objects.get()
        assert (stored.status, stored.email) == ("blocked", None)
        assert django_mail.outbox == []

    def test_the_recipient_can_report_a_conversation_once(
        self, client, finder, sinop, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            send(client, sinop, finder["en"])
        report_path = link(REPORT_LINK, django_mail.outbox[0].body)
        django_mail.outbox.clear()
        page = client.get(report_path)
        assert page.status_code == 200
        assert Conversation.objects.get().reported_at is None  # a link checker reports nobody
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(report_path).status_code == 200
            client.post(report_path)
        assert Conversation.objects.get().reported_at is not None
        [notice] = django_mail.outbox
        assert notice.to == ["staff@localhost"]
        assert "/admin/twinning/messages/inspect/" in notice.body

    def test_tampered_expired_or_orphaned_answer_links_do_not_work(self, client, finder, sinop, settings):
        conversation = ConversationFactory(partnership_request=sinop)
        token = reply_token(conversation, Direction.TO_CONTACT)
        assert client.get(f"/twinning/reply/{token[:-3]}abc/").status_code == 400
        assert client.get("/twinning/report/nonsense/").status_code == 400
        settings.TWINNING_REPLY_LINK_MAX_AGE = -1
        assert client.get(f"/twinning/reply/{token}/").status_code == 400
        settings.TWINNING_REPLY_LINK_MAX_AGE = 3600
        conversation.delete()
        assert client.get(f"/twinning/reply/{token}/").status_code == 404


class TestAdmin:
    @pytest.fixture
    def staff_client(self, client, admin_user):
        client.force_login(admin_user)
        return client

    def test_staff_see_every_message_with_its_authors_address_and_can_block_the_domain(
        self, staff_client, finder, sinop, admin_user
    ):
        relayed = RelayMessageFactory(
            conversation=ConversationFactory(partnership_request=sinop, sender_email="spam@bulk.example"),
            author_email="spam@bulk.example",
            body="Cheap watches!",
        )
        listing = staff_client.get("/admin/twinning/messages/")
        assert listing.status_code == 200
        assert "spam@bulk.example" in listing.content.decode()
        inspect = staff_client.get(f"/admin/twinning/messages/inspect/{relayed.pk}/")
        assert inspect.status_code == 200
        assert "Cheap watches!" in inspect.content.decode()
        assert f"/admin/twinning/messages/{relayed.pk}/block/" in inspect.content.decode()
        assert staff_client.get(f"/admin/twinning/messages/edit/{relayed.pk}/").status_code in (302, 403)

        response = staff_client.post(
            f"/admin/twinning/messages/{relayed.pk}/block/", {"scope": "domain", "reason": "Spam"}
        )
        assert response.status_code == 302
        blocked = BlockedSender.objects.get()
        assert (blocked.address, blocked.reason, blocked.created_by) == ("@bulk.example", "Spam", admin_user)
        assert BlockedSender.blocks("other@BULK.example")
        assert "@bulk.example" in staff_client.get("/admin/twinning/blocked/").content.decode()

        staff_client.logout()
        send(staff_client, sinop, finder["en"], message(email="again@bulk.example"))
        assert RelayMessage.objects.filter(author_email="again@bulk.example").get().status == "blocked"

    def test_the_request_page_in_the_admin_lists_its_conversations(self, staff_client, finder, sinop):
        RelayMessageFactory(conversation=ConversationFactory(partnership_request=sinop, sender_name="Jonas"))
        html = staff_client.get(f"/admin/twinning/requests/inspect/{sinop.pk}/").content.decode()
        assert "Jonas" in html
        assert "/admin/twinning/messages/inspect/" in html
