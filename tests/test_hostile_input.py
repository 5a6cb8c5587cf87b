"""Hostile input: every public form and every query parameter of every public page, fed random and
malicious values by hypothesis (invalid UTF-8, NUL bytes, 1 MB strings, nested brackets, SQL and
template injection, CR/LF in email fields, huge and negative numbers, repeated parameters).

The forms: the newsletter signup and preferences, the expression of interest, the partnership
request, the contact form and the new-link form of a request, and the forms reached by the
links of emails (a request's management page, an answer through the relay). The pages: every
listing with its filters, the directory's exports, the partner finder's routes, search and its
autocomplete, the feeds, the sitemap, and the signed links with forged tokens.

Whatever is sent:
- the answer is never a server error (5xx);
- a refused submission (4xx) stores nothing, and an accepted one stores only clean values;
- no payload's markup comes back raw in an HTML answer, and no template in it is evaluated;
- no email carries a header or a recipient that came from the input, and none fails to go out.

Rate limits are raised for this module (every `*_RATE` and `*_RATE_LIMIT` setting): they are
tested in their own modules and would otherwise answer 429 before the input is even read.
"""

import datetime
from email import message_from_bytes
from types import SimpleNamespace
from urllib.parse import quote, quote_from_bytes

import pytest
from django.conf import settings as django_settings
from django.core import mail as django_mail
from django.core.validators import validate_email
from django.db import models
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, Phase, event, example, given, settings
from hypothesis import strategies as st

from core.models import OutgoingEmail
from core.translation import synchronise_trees
from network.applications.models import Application, ApplicationEvent
from network.newsletter.models import Subscriber
from network.newsletter.tokens import manage_token as manage_token_of
from network.twinning.models import Conversation, PartnershipRequest, RelayMessage
from network.twinning.relay import Direction
from network.twinning.tokens import manage_token, reply_token
from signatories.filters import FILTER_NAMES
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory
from tests.application_factories import ExpressionOfInterestPageFactory
from tests.hypothesis_profiles import examples
from tests.news_factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory
from tests.newsletter_factories import NewsletterIndexPageFactory, SubscriberFactory
from tests.signatory_factories import SignatoryPageFactory, make_directory
from tests.supporter_factories import SupporterPageFactory, supporter_index_fixture  # noqa: F401
from tests.twinning_factories import (  # noqa: F401 - fixtures
    ConversationFactory,
    PartnershipRequestFactory,
    TwinningIndexPageFactory,
    TwinningPageFactory,
    finder_fixture,
    programmes_fixture,
    themes_fixture,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_hostile_input"),
]

TODAY = timezone.localdate()
MEGABYTE = 1_000_000
INJECTED = "hx-injected@evil.example"


def unlimited_rates():
    """Every rate setting of the site, raised far above what a test sends."""
    return {
        name: "1000000/h"
        for name in dir(django_settings)
        if name.isupper() and name.endswith(("_RATE", "_RATE_LIMIT")) and "/" in str(getattr(django_settings, name, ""))
    }


@pytest.fixture(autouse=True)
def _no_rate_limits():
    with override_settings(**unlimited_rates()):
        yield


# What a hostile visitor sends ------------------------------------------------------------------

SQL = [
    "' OR '1'='1",
    "1; DROP TABLE wagtailcore_page; --",
    "1 UNION SELECT password, username FROM auth_user --",
    '") OR 1=1 --',
    "%' AND 1=0 UNION SELECT NULL --",
    "\\'; SELECT pg_sleep(10); --",
    "1' AND (SELECT COUNT(*) FROM sqlite_master) > 0 --",
]
TEMPLATES = [
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "{{ 7|add:'7' }}hx-template",
    "{% load log %}{% get_admin_log 10 as log %}{{ log }}",
    "{{ request.user.password }}",
    "${7*7} #{7*7} <%= 7*7 %>",
]
# Each contains a fragment (MARKUP_FRAGMENTS) that no page of the site ever contains by itself.
MARKUP = [
    '<script>alert("hx")</script>',
    '"><img src=x onerror=alert("hx")>',
    "'><svg onload=alert('hx')>",
    '</textarea><script>alert("hx")</script>',
    '</title><script>alert("hx")</script><title>',
    "<a href=\"javascript:alert('hx')\">hx</a>",
]
MARKUP_FRAGMENTS = ['<script>alert("hx")', "<img src=x onerror", "<svg onload", "<a href=\"javascript:alert('hx')"]
HEADERS = [
    f"hx\r\nBcc: {INJECTED}",
    f"hx\nCc: {INJECTED}",
    f"reader@example.org\r\nBcc: {INJECTED}",
    "reader@example.org\nX-Hx-Injected: yes\n\nbody",
    f"reader@example.org%0d%0aBcc:{INJECTED}",
    f"reader@example.org, {INJECTED}",
    f"reader@example.org;{INJECTED}",
    f'"hx\r\nBcc: {INJECTED}" <reader@example.org>',
    f"=?utf-8?q?hx=0D=0ABcc=3A_{INJECTED}?= <reader@example.org>",
    "reader@example.org\x00",
    "reader@[127.0.0.1]",
    "ünïcode@exämple.org",
    "a" * 300 + "@example.org",
]
NUMBERS = [
    "-1",
    "0",
    "9" * 400,
    str(2**63),
    str(-(2**63) - 1),
    "1e309",
    "NaN",
    "-inf",
    "0x10",
    "1.5",
    " 1 ",
    "²",
    "¹²³",
    "٣",
    "１２",
    "𝟗",
    "9999-12-31",
    "0001-01-01",
    "2024-02-30",
    "-2024-01-01",
]
ODD = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "[" * 200 + "]" * 200,
    "{" * 300 + "}" * 300,
    "(" * 500,
    "a[b][c][d]",
    "\u202eevil\u202c",
    "\ufeff\u200b",
    "İstanbul ıi",
    "😀" * 20,
    "\r\n\r\n",
    "\t\x0b\x0c\x1b[31m",
    "../../etc/passwd",
    "%00%ff%2e%2e",
]
HUGE = ["x" * MEGABYTE, MARKUP[0] * (MEGABYTE // len(MARKUP[0])), "[" * MEGABYTE, "9" * MEGABYTE]
PAYLOADS = SQL + TEMPLATES + MARKUP + HEADERS + NUMBERS + ODD
RAW_BYTES = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x00", b"%ff%fe"]

payload = st.sampled_from(PAYLOADS)
hostile_text = st.one_of(
    payload,
    payload,
    st.sampled_from(HUGE),
    st.text(max_size=60),
    st.builds(lambda head, tail: head + tail, payload, st.text(max_size=20)),
)
#: One value, or the same name repeated (a=1&a=2).
hostile_value = st.one_of(hostile_text, hostile_text, st.lists(hostile_text, min_size=2, max_size=3))
odd_names = st.sampled_from(["x", "a[]", "q[0][1]", "page[]", "__proto__", "", "\x00", "csrfmiddlewaretoken"])


def hostile_params(names):
    """Query or form data: some of `names` (and stray names) with hostile values."""
    return st.dictionaries(st.one_of(st.sampled_from(names), odd_names), hostile_value, max_size=4)


def hostile_form(valid):
    """A valid submission with one to four of its fields (or stray ones) replaced by hostile values."""
    return st.builds(
        lambda changes: {**valid, **changes},
        st.dictionaries(
            st.one_of(st.sampled_from(sorted(valid)), st.sampled_from(sorted(valid)), odd_names),
            hostile_value,
            min_size=1,
            max_size=4,
        ),
    )


raw_query = st.lists(
    st.tuples(
        st.sampled_from([b"q", b"page", b"country", b"type", b"sort", b"x"]),
        st.one_of(st.sampled_from(RAW_BYTES), st.binary(max_size=24)),
        st.booleans(),
    ),
    min_size=1,
    max_size=4,
).map(
    # Raw bytes as a browser should never send them, or percent-encoded: both must be survived.
    lambda pairs: b"&".join(
        name + b"=" + (quote_from_bytes(value).encode() if encoded else value) for name, value, encoded in pairs
    )
)


# What must hold ----------------------------------------------------------------------------------

SETTLED_MODELS = [Subscriber, Application, ApplicationEvent, PartnershipRequest, Conversation, RelayMessage]


def row_counts():
    return {model.__name__: model.objects.count() for model in [*SETTLED_MODELS, OutgoingEmail]}


def assert_answered(response, sent=""):
    """No server error, nothing unescaped, no template evaluated."""
    assert response.status_code < 500, (response.status_code, repr(sent)[:300])
    if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
        body = response.content.decode(errors="replace")
        for fragment in MARKUP_FRAGMENTS:
            assert fragment not in body, (fragment, repr(sent)[:300])
        assert django_settings.SECRET_KEY not in body
        assert "14hx-template" not in body


def assert_clean(instance):
    """What an accepted submission stored: no NUL byte, valid email addresses."""
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(value, str):
            assert "\x00" not in value, (field.name, value[:100])
        if isinstance(field, models.EmailField) and value:
            validate_email(value)


def assert_no_injected_headers(messages):
    for message in messages:
        recipients = [*message.recipients(), *message.reply_to]
        for address in recipients:
            assert INJECTED not in address, address
            assert "\n" not in address and "\r" not in address, address
        parsed = message_from_bytes(message.message().as_bytes())
        names = {name.lower() for name in parsed}
        assert not names & {"bcc", "cc", "x-hx-injected"}, names


def assert_settled(response, before, sent, *, outbox_before):
    """After a submission: nothing stored if refused, clean rows if accepted, safe emails, none failed."""
    assert_answered(response, sent)
    after = row_counts()
    if response.status_code >= 400:
        assert after == before, (response.status_code, repr(sent)[:300])
    for model in SETTLED_MODELS:
        new = after[model.__name__] - before[model.__name__]
        for instance in model.objects.order_by("-pk")[: max(new, 0)]:
            assert_clean(instance)
    new_emails = after["OutgoingEmail"] - before["OutgoingEmail"]
    if new_emails > 0:
        statuses = set(OutgoingEmail.objects.order_by("-pk")[:new_emails].values_list("status", flat=True))
        assert statuses <= {OutgoingEmail.Status.SENT}, statuses
    assert_no_injected_headers(django_mail.outbox[outbox_before:])


def hostile_settings(count):
    """Few examples (each is a real request), one site per test, and no slow explain phase."""
    return settings(
        max_examples=examples(count),
        deadline=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# The site ------------------------------------------------------------------------------------------


@pytest.fixture
def newsletter(site_tree):
    page = NewsletterIndexPageFactory(parent=site_tree["en"])
    synchronise_trees()
    return page


@pytest.fixture
def form_page(supporter_index):
    return ExpressionOfInterestPageFactory(parent=supporter_index["en"])


@pytest.fixture
def open_request(finder):
    return PartnershipRequestFactory(title="Sinop seeks a partner for sustainable tourism", sought=["tourism"])


@pytest.fixture
def site(site_tree, newsletter, form_page, finder, programmes, open_request):
    """One of each public page with something to list, in the English tree."""
    home = site_tree["en"]
    news = NewsIndexPageFactory(parent=home)
    category = NewsCategoryFactory(name="Energy", slug="energy")
    item = NewsPageFactory(parent=news, title="Workshop in Ankara")
    item.categories.add(category)
    item.save_revision().publish()
    NewsPageFactory(parent=news, title="Study visit", date=datetime.date(2021, 3, 1))
    agenda = AgendaIndexPageFactory(parent=home)
    event = EventPageFactory(parent=agenda, title="Twinning workshop")
    directory = make_directory({"en": home})["en"]
    signatory = SignatoryPageFactory(parent=directory, title="Muğla")
    SignatoryPageFactory(parent=directory, title="Sinop", population=None, population_year=None)
    supporter = SupporterPageFactory(parent=form_page.get_parent(), title="Union of Provinces")
    supporter.save_revision().publish()
    twinning_index = TwinningIndexPageFactory(parent=home)
    TwinningPageFactory(parent=twinning_index, title="Muğla and Kaštela", programme=programmes["twin"])
    synchronise_trees()
    return {
        "news": news,
        "agenda": agenda,
        "event": event,
        "directory": directory,
        "signatory": signatory,
        "supporters": form_page.get_parent(),
        "twinning": twinning_index,
        "finder": finder["en"],
        "request": open_request,
        "newsletter": newsletter,
    }


DIRECTORY = [*FILTER_NAMES, "sort", "page"]
SUGGESTIONS = ["near", "kind"]
#: {public page or endpoint: the query parameters it reads}
PARAMETERS = {
    "home": ["page"],
    "news index": ["type", "category", "year", "page"],
    "news RSS": ["page", "type"],
    "news Atom": ["page", "type"],
    "category feed": ["page"],
    "agenda": ["when", "type", "country", "month", "page"],
    "agenda RSS": ["page"],
    "agenda iCalendar": ["type"],
    "event iCalendar": ["type"],
    "signatory directory": DIRECTORY,
    "directory CSV": DIRECTORY,
    "directory JSON": DIRECTORY,
    "directory GeoJSON": DIRECTORY,
    "signatory profile": ["page", "q"],
    "supporter index": ["country", "kind", "role", "service", "status", "page"],
    "expression of interest": ["page"],
    "twinning listing": ["programme", "theme", "country", "page"],
    "partner finder": ["theme", "country", "population", "programme", "language", "page"],
    "partnership request": SUGGESTIONS,
    "authority suggestions": SUGGESTIONS,
    "request form": ["authority"],
    "search": ["q", "type", "page"],
    "autocomplete": ["q"],
    "newsletter page": ["page"],
    "newsletter privacy": ["language"],
    "newsletter signup (GET)": ["email", "language"],
    "sitemap": ["p"],
}


def paths(site):
    """{public page or endpoint: its address}."""
    directory, finder = site["directory"].url, site["finder"].url
    return {
        "home": "/en/",
        "news index": site["news"].url,
        "news RSS": "/en/feeds/news/rss/",
        "news Atom": "/en/feeds/news/atom/",
        "category feed": "/en/feeds/news/category/energy/rss/",
        "agenda": site["agenda"].url,
        "agenda RSS": "/en/feeds/agenda/rss/",
        "agenda iCalendar": "/en/feeds/agenda/agenda.ics",
        "event iCalendar": f"/en/feeds/agenda/events/{site['event'].pk}.ics",
        "signatory directory": directory,
        "directory CSV": directory + "data/csv/",
        "directory JSON": directory + "data/json/",
        "directory GeoJSON": directory + "data/geojson/",
        "signatory profile": site["signatory"].url,
        "supporter index": site["supporters"].url,
        "expression of interest": site["supporters"].url + "expression-of-interest/",
        "twinning listing": site["twinning"].url,
        "partner finder": finder,
        "partnership request": f"{finder}requests/{site['request'].pk}/",
        "authority suggestions": f"{finder}authorities/{site['signatory'].pk}/",
        "request form": f"{finder}new/",
        "search": "/en/search/",
        "autocomplete": "/en/search/autocomplete/",
        "newsletter page": site["newsletter"].url,
        "newsletter privacy": "/newsletter/privacy/",
        "newsletter signup (GET)": "/newsletter/subscribe/",
        "sitemap": "/sitemap.xml",
    }


def too_many_fields():
    """More values than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS): refused with a 400."""
    return "&".join(f"q={number}" for number in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))


def queries(target):
    names = PARAMETERS[target]
    query = st.one_of(hostile_params(names), hostile_params(names), raw_query, st.builds(too_many_fields))
    return st.tuples(st.just(target), query)


def read(response):
    """The whole answer, streamed ones included (an export fails while it streams, not before)."""
    if response.streaming:
        b"".join(response.streaming_content)
    return response


# Query strings -----------------------------------------------------------------------------------


@hostile_settings(150)
@given(visit=st.sampled_from(sorted(PARAMETERS)).flatmap(queries))
@example(visit=("news index", {"year": "²"}))  # was a 500: a digit to str.isdigit(), not to int()
@example(visit=("news index", {"year": "9" * MEGABYTE}))  # was a 500: more digits than int() reads
@example(visit=("request form", {"authority": "²"}))  # was a 500, as above
def test_no_query_string_breaks_a_public_page(client, site, visit):
    target, query = visit
    path = paths(site)[target]
    if isinstance(query, dict):
        response = client.get(path, query)
    else:  # the bytes as they came, which the server reads as latin-1 (PEP 3333)
        response = client.get(path, QUERY_STRING=query if isinstance(query, str) else query.decode("latin-1"))
    event(f"{target}: {response.status_code}")
    assert_answered(read(response), visit)


LINK_TOKENS = st.one_of(
    st.sampled_from(PAYLOADS).filter(bool),
    st.text(min_size=1, max_size=80),
    st.sampled_from(["x" * 5000, "a:b:c", "1:2:3:4", "eyJ" + "A" * 200 + ":1abc:sig"]),
)


@hostile_settings(40)
@given(
    endpoint=st.sampled_from(
        [
            "newsletter_confirm",
            "newsletter_preferences",
            "newsletter_unsubscribe",
            "twinning_manage",
            "twinning_reply",
            "twinning_report",
        ]
    ),
    token=LINK_TOKENS,
    method=st.sampled_from(["get", "post"]),
)
def test_signed_links_with_forged_tokens_are_refused_not_an_error(client, db, endpoint, token, method):
    before = row_counts()
    path = reverse(endpoint, args=["TOKEN"]).replace("TOKEN", quote(token, safe=""))
    response = getattr(client, method)(path, {"action": "erase", "message": "hx"} if method == "post" else None)
    assert_answered(response, (endpoint, token))
    assert response.status_code in {400, 404}, (endpoint, token, response.status_code)
    assert row_counts() == before


# Forms ------------------------------------------------------------------------------------------------

NEWSLETTER_SIGNUP = {
    "email": "reader@example.org",
    "language": "tr",
    "consent": "on",
    "ui_language": "tr",
    "form_name": "footer",
}
EXPRESSION_OF_INTEREST = {
    "organisation": "Türkiye Belediyeler Birliği",
    "kind": "national_association",
    "country": "AZ",
    "website": "https://www.tbb.gov.tr",
    "contact_name": "Ayşe Yılmaz",
    "position": "Dış ilişkiler uzmanı",
    "email": "ayse@tbb.example",
    "phone": "+90 312 123 45 67",
    "member_authorities": "1389",
    "motivation": "Üyelerimizin iklim eylemini desteklemek istiyoruz.",
    "planned_services": ["training", "funding_advice"],
    "planned_services_details": "Enerji eylem planları üzerine eğitim.",
    "consent": "on",
}
PARTNERSHIP_REQUEST = {
    "authority_name": "Sinop Belediyesi",
    "country": "TR",
    "population": "45000",
    "title": "Karadeniz kıyısında sürdürülebilir turizm için ortak arıyoruz",
    "description": "Kıyı turizmini yönetmeyi ve atıkları azaltmayı bilen bir belediyeyle çalışmak istiyoruz.",
    "themes_sought": ["tourism", "waste"],
    "themes_offered": ["culture"],
    "programme": "twin",
    "languages": ["tr", "en"],
    "valid_from": TODAY.isoformat(),
    "valid_until": (TODAY + datetime.timedelta(days=200)).isoformat(),
    "contact_name": "Ayşe Yılmaz",
    "contact_position": "Dış ilişkiler uzmanı",
    "contact_email": "ayse@sinop.example",
    "consent": "on",
}
CONTACT = {
    "name": "Jonas Petraitis",
    "organisation": "Trakai District Municipality",
    "email": "jonas@trakai.example",
    "message": "Labas! Trakai welcomes many visitors around its lake castle. Shall we compare notes?",
    "share_address": "on",
    "consent": "on",
}
PREFERENCES = {"action": "language", "language": "tr"}
REQUEST_MANAGEMENT = {
    **{name: value for name, value in PARTNERSHIP_REQUEST.items() if name != "consent"},
    "action": "save",
}
NEW_LINK = {"email": "someone@sinop.example"}
RELAY_REPLY = {"message": "Thank you: shall we meet in Sinop in May?", "share_address": "on"}

#: {form: (valid data, status of an accepted submission)}
FORMS = {
    "newsletter signup": (NEWSLETTER_SIGNUP, 200),
    "newsletter preferences": (PREFERENCES, 200),
    "expression of interest": (EXPRESSION_OF_INTEREST, 302),
    "partnership request": (PARTNERSHIP_REQUEST, 302),
    "partnership contact": (CONTACT, 302),
    "new management link": (NEW_LINK, 200),
    "request management": (REQUEST_MANAGEMENT, 200),
    "relay reply": (RELAY_REPLY, 200),
}


@pytest.fixture
def forms(site_tree, newsletter, form_page, finder, open_request):
    """The address each form posts to, and the stored objects that some of them change."""
    subscriber = SubscriberFactory(email="reader@example.org", language="en")
    conversation = ConversationFactory(partnership_request=open_request)
    # Another request for its contact to change: an accepted change sends it back to review,
    # which would take `open_request` off the site, and its contact form with it.
    managed = PartnershipRequestFactory(title="Kuşadası seeks a partner for waste collection", sought=["waste"])
    finder_page = finder["en"]
    return SimpleNamespace(
        addresses={
            "newsletter signup": reverse("newsletter_subscribe"),
            "newsletter preferences": reverse("newsletter_preferences", args=[manage_token_of(subscriber)]),
            "expression of interest": reverse("applications_submit", args=[form_page.pk]),
            "partnership request": reverse("twinning_submit", args=[finder_page.pk]),
            "partnership contact": reverse("twinning_contact", args=[open_request.pk, finder_page.pk]),
            "new management link": reverse("twinning_new_link", args=[open_request.pk, finder_page.pk]),
            "request management": reverse("twinning_manage", args=[manage_token(managed)]),
            "relay reply": reverse("twinning_reply", args=[reply_token(conversation, Direction.TO_CONTACT)]),
        },
        changed={"newsletter preferences": subscriber, "request management": managed},
    )


def snapshot(instance):
    fresh = type(instance).objects.get(pk=instance.pk)
    return {field.attname: getattr(fresh, field.attname) for field in instance._meta.concrete_fields}


def assert_kept_or_cleanly_changed(instance, before, response, accepted):
    """An object a form changes: untouched by a refused submission, clean after an accepted one."""
    if instance is None:
        return
    assert_clean(type(instance).objects.get(pk=instance.pk))
    if response.status_code != accepted:
        assert snapshot(instance) == before, response.status_code


#: The fields of each form that reach an email: addresses, names, subjects.
MAIL_FIELDS = {
    "newsletter signup": ["email"],
    "expression of interest": ["email", "contact_name", "organisation", "position"],
    "partnership request": ["contact_email", "contact_name", "authority_name", "title"],
    "partnership contact": ["email", "name", "organisation"],
}
#: A new address for each submission, so that each one is a first signup that sends its email.
fresh_address = st.integers(1, 10**9).map("reader{}@example.org".format)
injected_header = st.one_of(
    st.sampled_from(HEADERS),
    st.builds(
        lambda head, newline, header: head + newline + header,
        st.sampled_from(["hx", "reader@example.org", "Ayşe Yılmaz", ""]),
        st.sampled_from(["\r\n", "\n", "\r", "\r\n\r\n", "%0d%0a", "\u2028", "\x85"]),
        st.sampled_from([f"Bcc: {INJECTED}", f"Cc: {INJECTED}", "X-Hx-Injected: yes", f"To: {INJECTED}"]),
    ),
)


def submit(client, address, sent, capture):
    """POST `sent` and deliver the emails it queues; (response, row counts before, outbox size before)."""
    before, outbox = row_counts(), len(django_mail.outbox)
    with capture(execute=True):
        response = client.post(address, sent)
    return response, before, outbox


def with_fresh_addresses(form, data):
    valid, _accepted = FORMS[form]
    fresh = {name: data.draw(fresh_address) for name in MAIL_FIELDS.get(form, []) if "email" in name}
    return {**valid, **fresh}


@hostile_settings(120)
@given(form=st.sampled_from(sorted(FORMS)), data=st.data())
def test_no_submission_breaks_a_form_or_stores_what_it_refused(
    client, forms, form, data, django_capture_on_commit_callbacks
):
    sent = data.draw(hostile_form(with_fresh_addresses(form, data)), label="sent")
    changed = forms.changed.get(form)
    kept = snapshot(changed) if changed else None
    response, before, outbox = submit(client, forms.addresses[form], sent, django_capture_on_commit_callbacks)
    event(f"{form}: {response.status_code}, {len(django_mail.outbox) - outbox} emails")
    if response.status_code != FORMS[form][1]:
        assert row_counts() == before, (form, response.status_code, repr(sent)[:300])
    assert_settled(response, before, sent, outbox_before=outbox)
    assert_kept_or_cleanly_changed(changed, kept, response, FORMS[form][1])


@hostile_settings(50)
@given(form=st.sampled_from(sorted(MAIL_FIELDS)), data=st.data())
def test_no_header_is_injected_into_an_email(client, forms, form, data, django_capture_on_commit_callbacks):
    field = data.draw(st.sampled_from(MAIL_FIELDS[form]), label="field")
    sent = {**with_fresh_addresses(form, data), field: data.draw(injected_header, label="value")}
    response, before, outbox = submit(client, forms.addresses[form], sent, django_capture_on_commit_callbacks)
    event(f"{form}.{field}: {response.status_code}, {len(django_mail.outbox) - outbox} emails")
    if response.status_code != FORMS[form][1]:
        assert row_counts() == before, (form, response.status_code, repr(sent)[:300])
    assert_settled(response, before, sent, outbox_before=outbox)


def multipart(fields):
    """A multipart/form-data body (boundary "hx") of (name, raw bytes) pairs."""
    parts = [b'--hx\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % field for field in fields]
    return b"".join(parts) + b"--hx--\r\n"


RAW_BODIES = st.one_of(
    st.binary(max_size=200),
    st.lists(st.sampled_from(RAW_BYTES), min_size=1, max_size=8).map(b"".join),
    st.builds(lambda value: b"email=" + value + b"&consent=on&language=tr", st.binary(max_size=40)),
    st.lists(
        st.tuples(
            st.sampled_from([b"email", b"language", b"consent", b"name", b"message", b"organisation"]),
            st.one_of(st.sampled_from(RAW_BYTES), st.binary(max_size=30)),
        ),
        min_size=1,
        max_size=5,
    ).map(multipart),
    st.just(b"email=" + b"\xff" * 3 * MEGABYTE),  # over DATA_UPLOAD_MAX_MEMORY_SIZE
)
CONTENT_TYPES = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=hx-unknown",
        "multipart/form-data; boundary=hx",
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "application/json",
        "text/plain; charset=utf-8",
    ]
)
INVALID_UTF8_SIGNUP = multipart([(b"email", b"\xff\xfe@example.org"), (b"language", b"tr"), (b"consent", b"on")])


@hostile_settings(60)
@given(form=st.sampled_from(sorted(FORMS)), body=RAW_BODIES, content_type=CONTENT_TYPES)
@example(form="newsletter signup", body=INVALID_UTF8_SIGNUP, content_type="multipart/form-data; boundary=hx")
def test_undecodable_bodies_are_refused_not_an_error(
    client, forms, form, body, content_type, django_capture_on_commit_callbacks
):
    changed = forms.changed.get(form)
    kept = snapshot(changed) if changed else None
    before, outbox = row_counts(), len(django_mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.generic("POST", forms.addresses[form], body, content_type=content_type)
    event(f"{form}, {content_type}: {response.status_code}")
    assert_settled(response, before, body, outbox_before=outbox)
    assert_kept_or_cleanly_changed(changed, kept, response, FORMS[form][1])
