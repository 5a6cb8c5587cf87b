"""Every public page type of the demo site, by locale: the addresses that the accessibility and
HTML-validity checks visit (tests/browser/test_accessibility.py, tests/test_html_validity.py).

The demo content (`manage.py load_demo`) must be loaded. Pages reached by a form (the
expression-of-interest form with its errors, the newsletter signup's answer) are listed in
FORM_STATES; each checking module submits them its own way (browser or test client).
"""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from home.models import FeedsPage, HomePage, SitemapPage, StandardPage
from legal.models import AccessibilityStatementPage, PrivacyNoticePage
from network.agenda.models import AgendaIndexPage, EventPage
from network.aggregation.models import NetworkNewsIndexPage
from network.applications.models import ExpressionOfInterestPage
from network.contact.models import ContactPage
from network.news.models import NewsIndexPage, NewsPage
from network.newsletter.models import NewsletterIndexPage, NewsletterIssuePage, Subscriber
from network.newsletter.tokens import confirmation_token
from network.supporters.models import SupporterIndexPage, SupporterPage
from network.twinning.models import PartnerFinderPage, TwinningIndexPage, TwinningPage
from network.twinning.pool import open_requests
from signatories.models import SignatoryIndexPage, SignatoryPage

LANGUAGES = ["en", "tr", "tk", "ru"]

#: A query with results in each locale's search (Turkish: dotted capital İ, Russian: Cyrillic).
SEARCH_QUERIES = {"en": "twinning", "tr": "İstanbul", "tk": "twinning", "ru": "сеть"}

PAGE_MODELS = {
    "home": HomePage,
    "standard page": StandardPage,
    "feeds page": FeedsPage,
    "sitemap page": SitemapPage,
    "news index": NewsIndexPage,
    "news item": NewsPage,
    "network news": NetworkNewsIndexPage,
    "agenda index": AgendaIndexPage,
    "event": EventPage,
    "signatory index": SignatoryIndexPage,
    "signatory profile": SignatoryPage,
    "twinning index": TwinningIndexPage,
    "twinning": TwinningPage,
    "partner finder": PartnerFinderPage,
    "supporter index": SupporterIndexPage,
    "supporter profile": SupporterPage,
    "expression of interest": ExpressionOfInterestPage,
    "newsletter index": NewsletterIndexPage,
    "newsletter issue": NewsletterIssuePage,
    "contact": ContactPage,
    "accessibility statement": AccessibilityStatementPage,
    "privacy notice": PrivacyNoticePage,
}
ROUTES = [
    "partner request",
    "partner request form",
    "partner suggestions",
    "open data",
    "search results",
    "not found",
]
FORM_STATES = ["expression of interest, with errors", "newsletter signup done", "newsletter confirmation"]
PAGE_TYPES = [*PAGE_MODELS, *ROUTES, *FORM_STATES]

#: Status of the pages that do not answer 200.
STATUS = {"not found": 404}


def _representative(model, locale):
    """A live page of `model` in `locale`: its own translation where one exists (not an alias),
    and for news the first with a picture, so that the richest markup is checked."""
    pages = model.objects.live().public().filter(locale=locale).order_by("alias_of_id", "path")
    if model is NewsPage:
        pages = pages.order_by("alias_of_id", "lead_image_id", "path").exclude(lead_image=None)
    page = pages.first()
    assert page is not None, f"the demo has no live {model.__name__} in {locale.language_code}"
    return page


def page_urls(language):
    """{page type: address} of every page type and route reached with GET."""
    locale = Locale.objects.get(language_code=language)
    urls = {name: _representative(model, locale).url for name, model in PAGE_MODELS.items()}
    finder = _representative(PartnerFinderPage, locale)
    partnership_request = open_requests().exclude(signatory=None).order_by("pk").first()
    assert partnership_request is not None, "the demo has no open partnership request"
    urls["partner request"] = finder.route_url("request", partnership_request.pk)
    urls["partner request form"] = finder.route_url("new_request")
    signatory = partnership_request.signatory.get_translation_or_none(locale) or partnership_request.signatory
    urls["partner suggestions"] = finder.route_url("authority", signatory.pk)
    urls["open data"] = urls["signatory index"] + "data/"
    with translation.override(language):
        urls["search results"] = f"{reverse('search')}?q={SEARCH_QUERIES[language]}"
    urls["not found"] = f"/{language}/no-such-page/"
    return urls


def expression_of_interest(language):
    """(form page address, the address the form posts to)."""
    page = _representative(ExpressionOfInterestPage, Locale.objects.get(language_code=language))
    return page.url, reverse("applications_submit", args=[page.pk])


def newsletter_signup(language):
    """(newsletter page address, the data of a valid signup)."""
    page = _representative(NewsletterIndexPage, Locale.objects.get(language_code=language))
    data = {
        "email": f"reader-{language}@example.org",
        "language": language,
        "consent": "on",
        "ui_language": language,
        "form_name": "page",
    }
    return page.url, data


def newsletter_confirmation_url(language):
    """The confirmation link (its path) of the signup made with newsletter_signup(language)."""
    subscriber = Subscriber.objects.get(email=f"reader-{language}@example.org")
    return reverse("newsletter_confirm", args=[confirmation_token(subscriber)])
