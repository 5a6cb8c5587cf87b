"""Factories for the newsletter: archive and issue pages, subscribers in every state."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory

from network.newsletter.models import CONSENT_VERSION, NewsletterIndexPage, NewsletterIssuePage, Subscriber
from tests.factories import english_home, index_of


class NewsletterIndexPageFactory(wagtail_factories.PageFactory):
    parent = factory.LazyFunction(english_home)
    title = "Newsletter"
    slug = "newsletter"
    introduction = "Twice a year, the news of the network in your inbox."

    class Meta:
        model = NewsletterIndexPage


class NewsletterIssuePageFactory(wagtail_factories.PageFactory):
    parent = index_of(NewsletterIndexPageFactory)
    title = factory.Sequence(lambda n: f"Newsletter issue {n}")
    slug = factory.Sequence(lambda n: f"issue-{n}")
    issue_date = datetime.date(2019, 10, 15)
    introduction = "Study visit to Belgium and the Netherlands, and the European Week of Regions and Cities."
    body = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = NewsletterIssuePage


class SubscriberFactory(DjangoModelFactory):
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "en"
    status = Subscriber.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    consent_at = factory.LazyFunction(timezone.now)
    consent_version = CONSENT_VERSION
    consent_language = factory.SelfAttribute("language")
    consent_form = Subscriber.Form.PAGE

    class Meta:
        model = Subscriber

    class Params:
        pending = factory.Trait(status=Subscriber.Status.PENDING, confirmed_at=None)
        unsubscribed = factory.Trait(
            status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=factory.LazyFunction(timezone.now)
        )
