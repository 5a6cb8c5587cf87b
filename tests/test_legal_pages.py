"""The accessibility statement and the privacy notice, on the demo content: where they may be created,
their structure (the EU model statement's sections, the notice's purposes and cookies) in every
language, their query counts, the footer's links, and every form's consent text pointing to the notice."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, PageViewRestriction

from home.models import HomePage, StandardPage
from legal.demo import PRIVACY
from legal.models import AccessibilityStatementPage, PrivacyNoticePage
from network.applications.models import ExpressionOfInterestPage
from network.contact.models import ContactPage
from network.twinning.models import PartnerFinderPage
from tests.database import demo_content, rolled_back

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("test_legal_pages")]

LANGUAGES = ["en", "tr", "tk", "ru"]
STATEMENT_SECTIONS = [
    "Compliance status",
    "Non-accessible content",
    "Preparation of this accessibility statement",
    "Feedback and contact information",
    "Enforcement procedure",
]
NOTICE_SECTIONS = [
    "Data controller and contact",
    "What we collect, why, and for how long",
    "Transfers abroad",
    "Your rights",
    "Cookies",
]
FORMS = ["expression_of_interest", "newsletter", "partner_finder", "contact"]


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        demo_content()
        yield


@pytest.fixture
def demo_admin(django_user_model):
    return django_user_model.objects.get(username="admin")


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def translated(language, texts):
    with translation.override(language):
        return [gettext(text) for text in texts]


def page_of(model, language):
    return model.objects.live().get(locale__language_code=language)


class TestWhereTheyGo:
    @pytest.mark.parametrize("model", [AccessibilityStatementPage, PrivacyNoticePage])
    def test_one_per_home_page_without_children(self, model):
        home = HomePage.objects.get(locale__language_code="en")
        assert model in HomePage.allowed_subpage_models()
        assert model.allowed_parent_page_models() == [HomePage]
        assert model.allowed_subpage_models() == []
        assert not model.can_create_at(home)  # the demo has one already
        assert not model.can_create_at(StandardPage.objects.filter(locale=home.locale).first())

    def test_an_editor_is_offered_them_on_a_new_home_page_only(self, client, demo_admin):
        client.force_login(demo_admin)
        home = HomePage.objects.get(locale__language_code="en")
        for model in (AccessibilityStatementPage, PrivacyNoticePage):
            url = reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, home.pk])
            assert client.get(url).status_code in {302, 403}  # max one per home


class TestAccessibilityStatement:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_model_statements_sections_are_headings_with_lists(self, client, language):
        page = page_of(AccessibilityStatementPage, language)
        assert page.alias_of_id is None  # a real translation, not the English text
        html = soup(client.get(page.url))
        assert html.html["lang"] == language
        article = html.find("article")
        assert [h2.get_text() for h2 in article.find_all("h2")] == translated(language, STATEMENT_SECTIONS)
        reasons = [h3.get_text() for h3 in article.find_all("h3")]
        assert reasons == translated(
            language,
            [
                "Non-compliance with the accessibility requirements",
                "Disproportionate burden",
                "Content not within the scope of the applicable legislation",
            ],
        )
        items = [ul.find_all("li") for ul in article.find_all("ul")]
        assert [len(group) for group in items[:3]] == [1, 1, 1]
        assert article.find("a", href="mailto:accessibility@network.example") is not None
        assert article.find("a", href="https://www.ombudsman.europa.eu/") is not None
        assert page.organisation in article.find(class_="lead").get_text()

    def test_the_translations_differ_from_the_source(self):
        texts = {page_of(AccessibilityStatementPage, code).feedback_text for code in LANGUAGES}
        assert len(texts) == 4


class TestPrivacyNotice:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_controller_purposes_per_form_rights_and_cookies(self, client, language):
        page = page_of(PrivacyNoticePage, language)
        assert page.alias_of_id is None
        html = soup(client.get(page.url))
        article = html.find("article")
        assert [h2.get_text() for h2 in article.find_all("h2")] == translated(language, NOTICE_SECTIONS)
        assert article.find("address").find("a", href="mailto:info@network.example") is not None
        for form in FORMS:
            heading = article.find("h3", id=f"purpose-{form}")
            assert heading is not None, form
            facts = heading.find_next("dl")
            assert [dt.get_text() for dt in facts.find_all("dt")] == translated(
                language, ["Personal data", "Purpose", "Legal basis", "Retention", "Recipients"]
            )
        assert (
            len(article.find("h2", string=translated(language, ["Your rights"])[0]).find_next("ul").find_all("li")) == 4
        )
        names = [row.find("th").get_text() for row in article.select("table tbody tr")]
        assert names == [block["name"] for _type, block in PRIVACY["cookies"]]

    def test_the_notice_lists_every_cookie_the_site_sets(self, demo_admin):
        """Walk a visitor's and a member of staff's path and collect the cookies they are given."""
        listed = {block["name"] for _type, block in PRIVACY["cookies"]}
        assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} <= listed
        visitor = Client()
        contact = page_of(ContactPage, "tr")
        given = set()
        for response in (
            visitor.get("/tr/"),
            visitor.get(contact.url),
            visitor.post(reverse("contact_submit", args=[contact.pk]), {"name": "x"}),
            visitor.get(page_of(ExpressionOfInterestPage, "ru").url),
        ):
            given |= set(response.cookies)
        # A protected page's password is remembered in the session.
        protected = StandardPage.objects.live().filter(locale__language_code="en").first()
        restriction = PageViewRestriction.objects.create(
            page=protected, restriction_type=PageViewRestriction.PASSWORD, password="open-sesame"
        )
        form = visitor.get(protected.url)
        given |= set(form.cookies)
        answer = visitor.post(
            reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, protected.pk]),
            {"password": "open-sesame", "return_url": protected.url},
        )
        given |= set(answer.cookies)
        staff = Client()
        staff.force_login(demo_admin)
        given |= set(staff.cookies)
        # The admin's one message after an action (Django's messages framework).
        given |= set(staff.post(reverse("wagtailadmin_pages:unpublish", args=[protected.pk])).cookies)
        assert settings.CSRF_COOKIE_NAME in given and settings.SESSION_COOKIE_NAME in given
        assert given <= listed, given - listed

    def test_the_newsletters_privacy_link_opens_the_notice_of_the_language(self, client):
        for language in LANGUAGES:
            response = client.get(reverse("newsletter_privacy"), {"language": language})
            assert response.status_code == 302
            assert response["Location"] == page_of(PrivacyNoticePage, language).url


class TestLinks:
    @pytest.mark.parametrize("language", LANGUAGES)
    def test_the_footer_links_to_contact_accessibility_and_privacy(self, client, language):
        home = HomePage.objects.get(locale__language_code=language)
        footer = soup(client.get(home.url)).find("nav", class_="footer-menu")
        hrefs = {link["href"] for link in footer.find_all("a")}
        for model in (ContactPage, AccessibilityStatementPage, PrivacyNoticePage):
            assert page_of(model, language).url in hrefs, model

    @pytest.mark.parametrize("language", LANGUAGES)
    @pytest.mark.parametrize("model", [ExpressionOfInterestPage, PartnerFinderPage, ContactPage])
    def test_every_forms_consent_text_links_to_the_notice_of_its_language(self, client, language, model):
        page = model.objects.live().filter(locale__language_code=language).order_by("alias_of_id").first()
        url = page.url if model is not PartnerFinderPage else page.route_url("new_request")
        notice = page_of(PrivacyNoticePage, language)
        links = [link["href"].split("#")[0] for link in soup(client.get(url)).find("main").find_all("a", href=True)]
        assert notice.url in links

    def test_a_form_without_a_chosen_notice_links_to_the_notice_of_its_language(self):
        form = ExpressionOfInterestPage.objects.get(locale__language_code="en", alias_of=None)
        form.privacy_page = None
        for language in LANGUAGES:
            form.locale = Locale.objects.get(language_code=language)
            assert form.localized_privacy_page() == page_of(PrivacyNoticePage, language)


class TestQueries:
    @pytest.mark.parametrize("language", LANGUAGES)
    @pytest.mark.parametrize("model", [AccessibilityStatementPage, PrivacyNoticePage, ContactPage])
    def test_each_page_renders_in_a_fixed_small_number_of_queries(self, client, model, language):
        url = page_of(model, language).url
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert len(queries) <= 12, [query["sql"] for query in queries]


def test_the_pages_are_in_the_sitemap():
    sitemap = Client().get("/sitemap.xml").content.decode()
    for model in (AccessibilityStatementPage, PrivacyNoticePage, ContactPage):
        for page in model.objects.live():
            assert page.full_url in sitemap or page.url in sitemap
