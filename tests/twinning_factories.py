"""Factories of twinning: themes, programmes and projects, the finder page, requests, conversations."""

from datetime import timedelta

import factory
import pytest
import wagtail_factories
from django.utils import timezone

from network.twinning.choices import DEFAULT_THEMES, RequestStatus
from network.twinning.models import (
    Conversation,
    PartnerFinderPage,
    PartnershipRequest,
    PartnershipTheme,
    RelayMessage,
    TwinningIndexPage,
    TwinningPage,
    TwinningPartner,
    TwinningProgramme,
)
from signatories.models import SignatoryPage
from tests.factories import english_home, index_of, locale

TURKISH_FINDER = {
    "Find a twinning partner": "Eşleştirme ortağı bulun",
    "partners": "ortaklar",
    "Local authorities say what partnership they seek; find the best-matched partners and write to them.": (
        "Yerel yönetimler aradıkları ortaklığı anlatır; en uygun ortakları bulun ve onlara yazın."
    ),
}


def make_themes(languages=("en", "tr")):
    """The default taxonomy in English, translated into Turkish: {slug: English theme}."""
    from core.translation import translate

    themes = {}
    for position, (slug, english, turkish) in enumerate(DEFAULT_THEMES):
        theme, _created = PartnershipTheme.objects.get_or_create(
            slug=slug, locale=locale("en"), defaults={"name": english, "sort_order": position}
        )
        if "tr" in languages:
            translate(theme, locale("tr"), {english: turkish})
        themes[slug] = theme
    return themes


def default_theme(slug):
    """The English theme of the default taxonomy with this slug (created the first time)."""
    positions = {slug: (position, english) for position, (slug, english, _turkish) in enumerate(DEFAULT_THEMES)}
    position, english = positions[slug]
    theme, _created = PartnershipTheme.objects.get_or_create(
        slug=slug, locale=locale("en"), defaults={"name": english, "sort_order": position}
    )
    return theme


class TwinningProgrammeFactory(factory.django.DjangoModelFactory):
    name = "Turkey-EU Town Twinning project"
    acronym = "TWIN"
    slug = "twin"
    locale = factory.LazyFunction(lambda: locale("en"))

    class Meta:
        model = TwinningProgramme


class TwinningIndexPageFactory(wagtail_factories.PageFactory):
    parent = factory.LazyFunction(english_home)
    title = "Twinning"
    slug = "twinning"

    class Meta:
        model = TwinningIndexPage


class TwinningPageFactory(wagtail_factories.PageFactory):
    """A twinning project; its theme may be given as a theme or by its slug (theme="water")."""

    parent = index_of(TwinningIndexPageFactory)
    title = factory.Sequence(lambda n: f"Twinning {n}")
    project_title = "Participatory approach for sustainable tourism"
    programme = factory.SubFactory(TwinningProgrammeFactory)
    theme = factory.Transformer(
        "tourism", transform=lambda theme: default_theme(theme) if isinstance(theme, str) else theme
    )
    start_year = 2019
    end_year = 2020
    status = "completed"

    class Meta:
        model = TwinningPage


def add_partners(twinning, *partners):
    """Partners given as SignatoryPage or (name, country) pairs; publishes the twinning again."""
    for position, partner in enumerate(partners):
        if isinstance(partner, SignatoryPage):
            TwinningPartner(page=twinning, signatory=partner, sort_order=position, is_lead=position == 0).save()
        else:
            name, country = partner
            TwinningPartner(page=twinning, name=name, country=country, sort_order=position).save()
    twinning.save_revision().publish()
    return twinning


class PartnerFinderPageFactory(wagtail_factories.PageFactory):
    parent = factory.LazyFunction(english_home)
    title = "Find a twinning partner"
    slug = "partners"
    introduction = "Local authorities say what partnership they seek; find the best-matched partners and write to them."
    per_page = 20

    class Meta:
        model = PartnerFinderPage


def make_programmes():
    """TWIN and NetZeroCities, with their Turkish names: {slug: programme}."""
    from core.translation import translate

    twin = TwinningProgrammeFactory()
    translate(twin, locale("tr"), {"Turkey-EU Town Twinning project": "Türkiye-AB Şehir Eşleştirme Projesi"})
    netzero = TwinningProgrammeFactory(
        name="NetZeroCities Twinning Learning Programme", acronym="NetZeroCities", slug="netzerocities"
    )
    return {"twin": twin, "netzerocities": netzero}


def make_finder(homes):
    """{language code: PartnerFinderPage}: English, a Turkish translation, aliases elsewhere."""
    from core.translation import synchronise_trees, translate

    page = PartnerFinderPageFactory(parent=homes["en"])
    if "tr" in homes:
        translate(page, locale("tr"), TURKISH_FINDER)
    synchronise_trees()
    return {
        code: PartnerFinderPage.objects.get(translation_key=page.translation_key, locale__language_code=code)
        for code in homes
    }


class PartnershipRequestFactory(factory.django.DjangoModelFactory):
    """An open request; pass sought=["waste"], offered=[...], languages=[...] as slugs and codes."""

    status = RequestStatus.OPEN
    language = "en"
    authority_name = factory.Sequence(lambda n: f"Municipality {n}")
    country = "TR"
    population = 50_000
    title = factory.Sequence(lambda n: f"Partner sought for project {n}")
    description = "We would like to learn from a town that has already done this."
    programme = "twin"
    working_languages = ",en,"
    contact_name = "Ayşe Yılmaz"
    contact_email = factory.Sequence(lambda n: f"contact{n}@municipality.example")
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=300))
    consented_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = PartnershipRequest

    @classmethod
    def _create(cls, model_class, *args, sought=("waste",), offered=(), languages=None, **kwargs):
        obj = model_class(**kwargs)
        if languages is not None:
            obj.working_language_codes = languages
        obj.copy_authority_facts()
        obj.save()
        obj.themes_sought.set(_themes(sought))
        obj.themes_offered.set(_themes(offered))
        return obj


def _themes(slugs):
    return list(PartnershipTheme.objects.filter(slug__in=slugs, locale__language_code="en"))


class ConversationFactory(factory.django.DjangoModelFactory):
    partnership_request = factory.SubFactory(PartnershipRequestFactory)
    sender_name = "Jonas Petraitis"
    sender_email = factory.Sequence(lambda n: f"visitor{n}@city.example")
    sender_language = "en"

    class Meta:
        model = Conversation


class RelayMessageFactory(factory.django.DjangoModelFactory):
    conversation = factory.SubFactory(ConversationFactory)
    direction = RelayMessage.Direction.TO_CONTACT
    author_email = factory.LazyAttribute(lambda message: message.conversation.sender_email)
    body = "Hello, we would like to work with you."
    status = RelayMessage.Status.RELAYED

    class Meta:
        model = RelayMessage


@pytest.fixture(name="themes")
def themes_fixture(db):
    return make_themes()


@pytest.fixture(name="programmes")
def programmes_fixture(db):
    return make_programmes()


@pytest.fixture(name="finder")
def finder_fixture(site_tree, themes, programmes):
    return make_finder(site_tree)
