"""Every page type says what a translation copies, and forgets no field an editor can change.

wagtail-localize guesses when a model declares nothing; here every type extends
BasePage.translatable_fields (core/translatable.py), so a new field must be placed on purpose.
"""

import pytest
from django.apps import apps
from wagtail.models import Page, get_page_models
from wagtail_localize.fields import SynchronizedField, TranslatableField, get_translatable_fields

from core.models import BasePage
from core.translatable import PAGE_FIELDS

pytestmark = pytest.mark.backend_independent

PAGE_TYPES = [model for model in get_page_models() if model is not Page]
# Publishing schedule and comments belong to each version of a page, not to its content.
PER_VERSION = {"go_live_at", "expire_at", "comment_notifications", "wagtail_admin_comments"}


def declared(model):
    return {field.field_name: field for field in get_translatable_fields(model)}


def test_every_page_type_extends_base_page():
    assert PAGE_TYPES
    assert all(issubclass(model, BasePage) for model in PAGE_TYPES)


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_page_type_declares_the_shared_fields(model):
    fields = declared(model)
    for shared in PAGE_FIELDS:
        assert type(fields.get(shared.field_name)) is type(shared), (model, shared.field_name)


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_every_editable_field_is_translated_or_synchronised(model):
    form_options = model.get_edit_handler().get_form_options()
    editable = set(form_options.get("fields", [])) | set(form_options.get("formsets", {}))
    assert editable - PER_VERSION - set(declared(model)) == set()


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_no_field_is_declared_twice_or_unknown(model):
    names = [field.field_name for field in get_translatable_fields(model)]
    assert len(names) == len(set(names))
    known = {field.name for field in model._meta.get_fields()}
    assert set(names) <= known


def test_prose_is_translated_and_facts_synchronised():
    """Spot checks of the choices the declarations make, one per kind of field."""
    news = declared(apps.get_model("news", "NewsPage"))
    assert isinstance(news["body"], TranslatableField)
    assert isinstance(news["date"], SynchronizedField)
    event = declared(apps.get_model("agenda", "EventPage"))
    assert isinstance(event["time_zone"], SynchronizedField)
    assert isinstance(event["city"], TranslatableField)
