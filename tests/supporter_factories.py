"""Factories for supporter pages, the expression-of-interest page and applications."""

import factory
import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.utils import timezone

from core.translation import translate
from network.applications.models import Application, ApplicationEvent, ApplicationStatus, ExpressionOfInterestPage
from network.supporters.choices import ServiceCategory, SupporterKind
from network.supporters.models import SupporterIndexPage, SupporterPage, SupporterService
from tests.factories import english_home, index_of, locale


class SupporterIndexPageFactory(wagtail_factories.PageFactory):
    parent = factory.LazyFunction(english_home)
    title = "Supporters"
    slug = "supporters"
    introduction = "Associations, regions and agencies that support the signatories."

    class Meta:
        model = SupporterIndexPage


class SupporterPageFactory(wagtail_factories.PageFactory):
    parent = index_of(SupporterIndexPageFactory)
    title = factory.Sequence(lambda n: f"Union of Provinces {n}")
    original_name = "Vilayetler Birliği"
    kind = SupporterKind.NATIONAL_ASSOCIATION
    country = "TR"
    member_authorities = 51
    head_name = "Mustafa Tuna"
    head_title = "President"
    description = "<p>Founded in Ankara on 31 December 1985.</p>"
    website = "https://www.vilayetlerbirligi.gov.tr"

    class Meta:
        model = SupporterPage
        skip_postgeneration_save = True

    @factory.post_generation
    def services(obj, create, extracted, **kwargs):
        if not create or extracted is None:
            return
        for category in extracted:
            SupporterService.objects.create(page=obj, category=category, locale_id=obj.locale_id, description="")


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


# Fixtures shared by the supporter and application tests (import them into a test module) ------

TR_INDEX = {"Supporters": "Destekçiler", "supporters": "destekciler"}
TR_FORM = {
    "Expression of interest": "İlgi beyanı",
    "expression-of-interest": "ilgi-beyani",
    "Tell us about your organisation.": "Bize kuruluşunuzu anlatın.",
    "Thank you": "Teşekkürler",
    "We received your expression of interest.": "İlgi beyanınızı aldık. Teşekkür ederiz.",
}


@pytest.fixture(name="supporter_index")
def supporter_index_fixture(site_tree):
    """{language code: SupporterIndexPage}: the English index and its Turkish translation."""
    index = SupporterIndexPageFactory(parent=site_tree["en"])
    indexes = {"en": index, "tr": translate(index, locale("tr"), TR_INDEX)}
    return indexes


@pytest.fixture(name="form_pages")
def form_pages_fixture(supporter_index):
    """{language code: ExpressionOfInterestPage}, in English and Turkish."""
    page = ExpressionOfInterestPageFactory(parent=supporter_index["en"])
    return {"en": page, "tr": translate(page, locale("tr"), TR_FORM)}


def browser_form_data(html, form_id):
    """What a browser would send for the form `form_id` as rendered (no JavaScript): {name: [values]}."""
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    assert form is not None, form_id
    data = {}
    for control in form.find_all(["input", "select", "textarea"]):
        name = control.get("name")
        if not name or "__prefix__" in name or control.find_parent("template") or control.has_attr("disabled"):
            continue
        if control.name == "input":
            kind = control.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if control.has_attr("checked"):
                    data.setdefault(name, []).append(control.get("value", "on"))
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                data.setdefault(name, []).append(control.get("value", ""))
        elif control.name == "textarea":
            text = control.get_text()
            data.setdefault(name, []).append(text[1:] if text.startswith("\n") else text)
        else:
            options = control.find_all("option")
            chosen = [option.get("value", option.get_text()) for option in options if option.has_attr("selected")]
            if not chosen and not control.has_attr("multiple") and options:
                chosen = [options[0].get("value", options[0].get_text())]
            data.setdefault(name, []).extend(chosen)
    return data


@pytest.fixture(name="supporter_world")
def supporter_world_fixture(supporter_index, django_user_model):
    """Two published supporter profiles with their owners, a draft of a third, and media in each collection."""
    from types import SimpleNamespace

    from wagtail_factories import DocumentFactory, ImageFactory

    from network.supporters.owners import grant_owner_rights

    index = supporter_index["en"]
    own = SupporterPageFactory(parent=index, title="Union of Provinces", slug="union-of-provinces")
    own.save_revision().publish()
    other = SupporterPageFactory(parent=index, title="Union of Municipalities of Turkey", slug="tbb")
    other.save_revision().publish()
    draft = SupporterPageFactory(parent=index, title="Secret draft supporter", slug="secret-draft", live=False)
    draft.save_revision()
    owner = django_user_model.objects.create_user(
        "owner@vilayetler.example", "owner@vilayetler.example", "Pw-1985-Ankara"
    )
    someone_else = django_user_model.objects.create_user("owner@tbb.example", "owner@tbb.example", "Pw-1945-Ankara")
    mine = grant_owner_rights(own, owner)
    theirs = grant_owner_rights(other, someone_else)
    return SimpleNamespace(
        index=index,
        own=own,
        other=other,
        draft=draft,
        owner=owner,
        someone_else=someone_else,
        own_collection=mine.collection,
        other_collection=theirs.collection,
        own_image=ImageFactory(title="Our logo", collection=mine.collection, uploaded_by_user=owner),
        other_image=ImageFactory(title="Their logo", collection=theirs.collection),
        own_document=DocumentFactory(title="Our report", collection=mine.collection, uploaded_by_user=owner),
        other_document=DocumentFactory(title="Their report", collection=theirs.collection),
    )


def approve_application(organisation, email, admin):
    """A supporter's draft page and account, made as the approval in the admin makes them."""
    from network.applications import transitions

    application = ApplicationFactory(organisation=organisation, email=email, status=ApplicationStatus.AGREEMENT_SIGNED)
    application = transitions.approve(application, admin)
    return application.supporter_page.specific, application.user
