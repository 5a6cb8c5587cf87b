"""Factories and fixtures for the expression-of-interest page and applications."""

import factory
import pytest
import wagtail_factories
from django.utils import timezone

from core.translation import translate
from network.applications.models import Application, ApplicationEvent, ApplicationStatus, ExpressionOfInterestPage
from network.supporters.choices import ServiceCategory, SupporterKind
from tests.factories import index_of, locale
from tests.supporter_factories import SupporterIndexPageFactory


class ExpressionOfInterestPageFactory(wagtail_factories.PageFactory):
    parent = index_of(SupporterIndexPageFactory)
    title = "Expression of interest"
    slug = "expression-of-interest"
    introduction = "Tell us about your organisation."
    thank_you_title = "Thank you"
    thank_you_text = "We received your expression of interest."

    class Meta:
        model = ExpressionOfInterestPage


class ApplicationFactory(factory.django.DjangoModelFactory):
    organisation = factory.Sequence(lambda n: f"Union of Municipalities {n}")
    kind = SupporterKind.NATIONAL_ASSOCIATION
    country = "TR"
    website = "https://www.tbb.gov.tr"
    contact_name = "Ayşe Yılmaz"
    position = "Head of foreign relations"
    email = factory.Sequence(lambda n: f"contact{n}@tbb.example")
    phone = "+90 312 123 45 67"
    member_authorities = 1389
    motivation = "We want to support our members in their climate action."
    planned_services = factory.LazyFunction(lambda: [ServiceCategory.TRAINING, ServiceCategory.FUNDING_ADVICE])
    planned_services_details = "Training on energy action plans."
    consented_at = factory.LazyFunction(timezone.now)
    language = "en"
    status = ApplicationStatus.RECEIVED

    class Meta:
        model = Application
        skip_postgeneration_save = True

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            ApplicationEvent.objects.create(application=obj, from_status="", to_status=ApplicationStatus.RECEIVED)


TR_FORM = {
    "Expression of interest": "İlgi beyanı",
    "expression-of-interest": "ilgi-beyani",
    "Tell us about your organisation.": "Bize kuruluşunuzu anlatın.",
    "Thank you": "Teşekkürler",
    "We received your expression of interest.": "İlgi beyanınızı aldık. Teşekkür ederiz.",
}


@pytest.fixture(name="form_pages")
def form_pages_fixture(supporter_index):
    """{language code: ExpressionOfInterestPage}, in English and Turkish."""
    page = ExpressionOfInterestPageFactory(parent=supporter_index["en"])
    return {"en": page, "tr": translate(page, locale("tr"), TR_FORM)}


def approve_application(organisation, email, admin):
    """A supporter's draft page and account, made as the approval in the admin makes them."""
    from network.applications import transitions

    application = ApplicationFactory(organisation=organisation, email=email, status=ApplicationStatus.AGREEMENT_SIGNED)
    application = transitions.approve(application, admin)
    return application.supporter_page.specific, application.user
