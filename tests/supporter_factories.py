"""Factories and fixtures for supporter pages and their owners."""

import factory
import pytest
import wagtail_factories

from core.translation import translate
from network.supporters.choices import SupporterKind
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


# Fixtures shared by the supporter and application tests (import them into a test module) ------

TR_INDEX = {"Supporters": "Destekçiler", "supporters": "destekciler"}


@pytest.fixture(name="supporter_index")
def supporter_index_fixture(site_tree):
    """{language code: SupporterIndexPage}: the English index and its Turkish translation."""
    index = SupporterIndexPageFactory(parent=site_tree["en"])
    indexes = {"en": index, "tr": translate(index, locale("tr"), TR_INDEX)}
    return indexes


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
