"""What an admin form may refer to: the images, documents, pages and snippets its user may choose.

Wagtail's choosers list only what a user may choose, but the forms behind them accept any id
that is posted: an image of a collection the user has no rights on, another supporter's
unpublished draft. The forms here check every object they refer to against what their user
may choose, and refuse the others with an error on the field (on the block, inside a
StreamField). The edit, create and preview views validate their form this way, so a refused
object is neither saved in a revision nor rendered in a preview.

A user may choose:

- an image or a document of a collection where they have the "choose" permission (what the
  image and document choosers list);
- a page they can see in the explorer, or a live page that is not private: its title and
  address are public anyway, unlike another supporter's draft;
- a snippet of a model they have a permission on, and any public snippet of other models (live,
  for models with a draft state): Wagtail's snippet choosers list every snippet to everyone in
  the admin, and editors choose the programme of a twinning page without managing programmes.

What the form's object already refers to is never refused: a translator, who may choose no
image, keeps the images an editor chose.

Checked: chooser fields (foreign keys and many-to-many fields to those models), StreamField
values at any depth (chooser blocks, rich text blocks), rich text fields, and the same in the
forms of inline panels. A form shown again with a refused object shows it as not chosen: a
chooser would show its title and a thumbnail, which would tell anyone posting ids what they are.
"""

import contextlib
import re

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.blocks import (
    BlockField,
    ListBlock,
    ListBlockValidationError,
    RichTextBlock,
    StreamBlock,
    StreamBlockValidationError,
    StreamValue,
    StructBlock,
    StructBlockValidationError,
    StructValue,
)
from wagtail.blocks.list_block import ListValue
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page
from wagtail.permissions import policy_registry
from wagtail.rich_text import RichText, extract_references_from_rich_text
from wagtail.snippets.models import get_snippet_models

IMAGE, DOCUMENT, PAGE, SNIPPET = "image", "document", "page", "snippet"

REFUSED = {
    IMAGE: _("Choose an image from a collection you have access to."),
    DOCUMENT: _("Choose a document from a collection you have access to."),
    PAGE: _("Choose a published page, or a page you have access to."),
    SNIPPET: _("Choose an item you have access to."),
}
# A rich text may refer to several kinds of objects at once.
REFUSED_IN_TEXT = _("This text links to or shows a page, document or image you have no access to.")


def kind_of(model):
    """IMAGE, DOCUMENT, PAGE or SNIPPET; None for a model that no chooser offers."""
    if issubclass(model, get_image_model()):
        return IMAGE
    if issubclass(model, get_document_model()):
        return DOCUMENT
    if issubclass(model, Page):
        return PAGE
    if model in get_snippet_models():
        return SNIPPET
    return None


def reference(model, pk):
    """(kind, model, primary key as text) of one object, the same whatever class it was found as
    (a page as its specific type or as a Page); None for an object no chooser offers."""
    kind = kind_of(model)
    if kind is None or pk is None or pk == "":
        return None
    base = {IMAGE: get_image_model(), DOCUMENT: get_document_model(), PAGE: Page}.get(kind)
    return (kind, base or model._meta.concrete_model, str(pk))


# What a user may choose ---------------------------------------------------------------------------


def choosable_images(user):
    return policy_registry.get_by_type(get_image_model()).instances_user_has_any_permission_for(user, ["choose"])


def choosable_documents(user):
    return policy_registry.get_by_type(get_document_model()).instances_user_has_any_permission_for(user, ["choose"])


def choosable_pages_among(user, pks):
    """The primary keys among `pks` of the pages `user` sees in the explorer or that are live and public."""
    from .models import BasePageQuerySet  # core.models imports this module

    explorable = policy_registry.get_by_type(Page).explorable_instances(user)
    seen = set(explorable.filter(pk__in=pks).values_list("pk", flat=True))
    # Private as the site's listings mean it (BasePageQuerySet.private_q), not only as Wagtail does.
    public = BasePageQuerySet(Page).live().public().filter(pk__in=pks)
    return seen | set(public.values_list("pk", flat=True))


def choosable_pages(user, pages):
    """`pages` (a queryset) narrowed to those `user` may choose, as `choosable_pages_among` decides."""
    from .models import BasePageQuerySet

    explorable = policy_registry.get_by_type(Page).explorable_instances(user)
    private = BasePageQuerySet(Page).private_q()
    return pages.filter(Q(pk__in=explorable.values("pk")) | (Q(live=True) & ~private))


def choosable_snippets(model, user):
    if not issubclass(model, DraftStateMixin):
        return model._default_manager.all()
    policy = policy_registry.get_by_type(model)
    managed = policy.instances_user_has_any_permission_for(user, ["view", "change", "delete", "choose"])
    return managed | model._default_manager.filter(live=True)


def choosable_among(user, references):
    """The subset of `references` (made by `reference`) that `user` may choose."""
    wanted = {}
    for kind, model, pk in references:
        wanted.setdefault((kind, model), set()).add(pk)
    allowed = set()
    for (kind, model), pks in wanted.items():
        if kind == PAGE:
            found = choosable_pages_among(user, pks)
        else:
            choosable = {IMAGE: choosable_images, DOCUMENT: choosable_documents}.get(kind)
            queryset = choosable(user) if choosable else choosable_snippets(model, user)
            found = queryset.filter(pk__in=pks).values_list("pk", flat=True)
        allowed |= {(kind, model, str(pk)) for pk in found}
    return allowed


# What a form refers to -------------------------------------------------------------------------------


def block_references(block, value):
    """The references of a block's value (a whole StreamField, or one block of it), at any depth."""
    if value is None:
        return set()
    return {key for model, pk, *_path in block.extract_references(value) if (key := reference(model, pk))}


def text_references(html):
    return {key for model, pk, *_path in extract_references_from_rich_text(html) if (key := reference(model, pk))}


class FieldReferences:
    """Reads the references of one field of a form, in its cleaned value or in its initial one."""

    def __init__(self, form, name):
        self.field = form.fields[name]
        self.model_field = None
        model = getattr(getattr(form, "_meta", None), "model", None)
        if model is not None:
            with contextlib.suppress(FieldDoesNotExist):  # a field of the form only
                self.model_field = model._meta.get_field(name)

    @property
    def checked(self):
        if isinstance(self.field, BlockField):
            return True
        if isinstance(self.field, forms.ModelChoiceField):
            return kind_of(self.field.queryset.model) is not None
        return isinstance(self.model_field, RichTextField)

    def of(self, value):
        if isinstance(self.field, BlockField):
            return block_references(self.field.block, value) if isinstance(value, StreamValue) else set()
        if isinstance(self.field, forms.ModelChoiceField):
            values = value if isinstance(self.field, forms.ModelMultipleChoiceField) else [value]
            keys = (reference(self.field.queryset.model, getattr(item, "pk", item)) for item in values or [])
            return {key for key in keys if key}
        return text_references(value) if isinstance(value, str) else set()

    def without(self, value, refused):
        """The value with the objects of `refused` taken out, to show the form again."""
        if isinstance(self.field, BlockField):
            return block_without(self.field.block, value, refused) if isinstance(value, StreamValue) else value
        if isinstance(self.field, forms.ModelChoiceField):
            model = self.field.queryset.model

            def kept(item):
                return reference(model, getattr(item, "pk", item)) not in refused

            if isinstance(self.field, forms.ModelMultipleChoiceField):
                return [item for item in value or [] if kept(item)]
            return value if value in (None, "") or kept(value) else None
        return text_without(value, refused) if isinstance(value, str) else value

    def error(self, value, refused):
        """The error to show on the field for a value that refers to objects of `refused`, or None."""
        if isinstance(self.field, BlockField):
            return block_error(self.field.block, value, refused)
        kinds = {kind for kind, _model, _pk in self.of(value) & refused}
        if not kinds:
            return None
        single = isinstance(self.field, forms.ModelChoiceField) or len(kinds) == 1
        return ValidationError(REFUSED[kinds.pop()] if single else REFUSED_IN_TEXT, code="not_choosable")


def block_error(block, value, refused):
    """An error shaped like the block's value, on each block whose value refers to objects of `refused`;
    None when none does."""
    if isinstance(block, StreamBlock) and isinstance(value, StreamValue):
        errors = {
            i: error for i, child in enumerate(value) if (error := block_error(child.block, child.value, refused))
        }
        return StreamBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, ListBlock) and value is not None:
        errors = {i: error for i, item in enumerate(value) if (error := block_error(block.child_block, item, refused))}
        return ListBlockValidationError(block_errors=errors) if errors else None
    if isinstance(block, StructBlock) and isinstance(value, StructValue):
        errors = {
            name: error
            for name, child_block in block.child_blocks.items()
            if (error := block_error(child_block, value.get(name), refused))
        }
        return StructBlockValidationError(block_errors=errors) if errors else None
    kinds = {kind for kind, _model, _pk in block_references(block, value) & refused}
    if not kinds:
        return None
    return ValidationError(REFUSED[kinds.pop()] if len(kinds) == 1 else REFUSED_IN_TEXT, code="not_choosable")


LINK = re.compile(r"<a(\b[^>]*)>(.*?)</a>", re.DOTALL)
EMBED = re.compile(r"<embed(\b[^>]*)/>")


def text_without(html, refused):
    """Rich text without the links to objects of `refused` (their text stays) and their embeds."""

    def link(match):
        return match[2] if text_references(f"<a{match[1]}>") & refused else match[0]

    def embed(match):
        return "" if text_references(match[0]) & refused else match[0]

    return EMBED.sub(embed, LINK.sub(link, html))


def block_without(block, value, refused):
    """A copy of a block's value in which choosers of objects of `refused` are empty, at any depth."""
    if isinstance(block, StreamBlock) and isinstance(value, StreamValue):
        children = [(child.block_type, block_without(child.block, child.value, refused), child.id) for child in value]
        return StreamValue(block, children)
    if isinstance(block, ListBlock) and isinstance(value, ListValue):
        item_block = block.child_block
        children = [
            ListValue.ListChild(item_block, block_without(item_block, child.value, refused), id=child.id)
            for child in value.bound_blocks
        ]
        return ListValue(block, bound_blocks=children)
    if isinstance(block, StructBlock) and isinstance(value, StructValue):
        children = [
            (name, block_without(child, value.get(name), refused)) for name, child in block.child_blocks.items()
        ]
        return block.meta.value_class(block, children)
    if not block_references(block, value) & refused:
        return value
    if isinstance(block, RichTextBlock):
        return RichText(text_without(value.source, refused))
    return None


class ChosenObjectBoundField(BoundField):
    """Shows the objects its form refused as not chosen."""

    def value(self):
        value = super().value()
        refused = getattr(self.form, "refused_chosen_objects", None)
        if refused:
            reader = FieldReferences(self.form, self.name)
            if reader.checked:
                return reader.without(value, refused)
        return value


# The forms ---------------------------------------------------------------------------------------------


def inline_forms(form):
    """The forms of the form's inline panels, at any depth."""
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            yield child
            yield from inline_forms(child)


def cleaned_forms(form):
    """The form and the forms of its inline panels at any depth, those validated and not deleted."""
    if not hasattr(form, "cleaned_data"):
        return
    yield form
    for formset in getattr(form, "formsets", {}).values():
        for child in formset.forms:
            if not (formset.can_delete and getattr(child, "cleaned_data", {}).get("DELETE")):
                yield from cleaned_forms(child)


class ChosenObjectsFormMixin:
    """Refuses the objects that the form's user (`for_user`) may not choose: see the module's docstring.

    Without a user (a form built outside the admin's views) nothing is checked.
    """

    bound_field_class = ChosenObjectBoundField

    def is_valid(self):
        if self.is_bound:
            for child in inline_forms(self):  # before validation makes their bound fields
                child.bound_field_class = ChosenObjectBoundField
        valid = super().is_valid()
        if not self.is_bound or getattr(self, "for_user", None) is None:
            return valid
        if not hasattr(self, "refused_chosen_objects"):
            self.refused_chosen_objects = self.refuse_unchoosable_objects()
        return valid and not self.refused_chosen_objects

    def refuse_unchoosable_objects(self):
        """Add an error to each field that refers to an object the user may not choose; the refused ones."""
        fields = []  # (form, name, reader) of each checked field
        for form in cleaned_forms(self):
            fields += [(form, name, reader) for name in form.fields if (reader := FieldReferences(form, name)).checked]
        chosen = set()
        for form, name, reader in fields:
            if name in form.cleaned_data:
                chosen |= reader.of(form.cleaned_data[name])
        if not chosen:
            return set()
        kept = set()  # initial values: those of the objects before the form was bound
        for form, name, reader in fields:
            kept |= reader.of(form.initial.get(name))
        new = chosen - kept
        refused = new - choosable_among(self.for_user, new) if new else set()
        if refused:
            for form, name, reader in fields:
                form.refused_chosen_objects = refused
                if name in form.cleaned_data and (error := reader.error(form.cleaned_data[name], refused)):
                    form.add_error(name, error)
        return refused


class ChosenObjectsPageForm(ChosenObjectsFormMixin, WagtailAdminPageForm):
    """The base form of every page type (core.models.BasePage)."""


class ChosenObjectsModelForm(ChosenObjectsFormMixin, WagtailAdminModelForm):
    """A base form (`base_form_class`) for snippets and settings that refer to images, documents, pages
    or snippets."""
