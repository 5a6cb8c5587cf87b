"""What the public sees changes only with the right to publish, through wagtail-localize too.

wagtail-localize checks the right to edit (or to submit translations) before actions that change
live content. Its admin actions that do, and what they need here:

- Convert to alias (`convert_to_alias`): the translation is deleted and the page shows its source's
  live content from then on: publish rights on the page.
- Sync translated pages (`update_translations`) with "Publish immediately": every translation is
  published: publish rights on each (on the source where one is missing), or for snippets the right
  to change them. Without it the sync updates the source, and wagtail-localize also copies the
  source's privacy onto each translation: where that would remove or replace a translation's own
  restriction, Wagtail's right to set its privacy (publish rights).
- Translate this page (`submit_page_translation`): wagtail-localize publishes the translation when
  the source is live, and turns the live alias of the locale into a page with whatever translation
  memory holds. Who may not publish it starts the translation as a draft instead: a new page is not
  live, and a page already live in the locale keeps showing what it showed.
- Translate a snippet (`submit_snippet_translation`): the snippets of this site have no drafts, a
  translation is live at once: the right to add snippets of the type (to publish them, for
  snippets with drafts).
- Publish in the translation editor (the page's edit view, `action=publish`): publish rights, as
  wagtail-localize checks too (`refuse_publishing_translation`).

- Override a synchronised field in the translation editor (`edit_override`): an image, document,
  page or snippet chosen for the translation must be one its user may choose (core.chosen), as in
  every admin form; wagtail-localize accepts any id.

Draft-only, left to wagtail-localize's edit rights: editing strings, PO upload and download,
machine translation, preview, stopping and restarting a translation, the report.

The views below are wagtail-localize's, with these checks; `admin_urls` routes wagtail-localize's
own addresses to them (registered ahead of its URLs in core/wagtail_hooks.py).
"""

import io

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import QueryDict
from django.http.multipartparser import MultiPartParser
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import ngettext
from wagtail.blocks import ListBlock
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.permissions import get_permission_name
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import OverridableSegment, Translation, TranslationSource
from wagtail_localize.views import convert, edit_translation, submit_translations, update_translations

from .chosen import choosable_among, reference


def may_make_live(user, instance, *, new=False):
    """Whether `user` may change what the public sees of `instance` (a page, a snippet or its model):
    publish a page; publish a snippet with drafts; add (`new`) or change a snippet without."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    model = instance if isinstance(instance, type) else type(instance)
    action = "publish" if issubclass(model, DraftStateMixin) else "add" if new else "change"
    return user.has_perm(get_permission_name(action, model))


# Convert to alias -----------------------------------------------------------------------------------


def convert_to_alias(request, page_id):
    page = get_object_or_404(Page, id=page_id, alias_of_id__isnull=True)
    if not may_make_live(request.user, page):
        raise PermissionDenied
    return convert.convert_to_alias(request, page_id)


def hide_convert_to_alias(menu_items, request, context):
    """`construct_page_action_menu` hook: the action is not offered to who may not publish the page."""
    page = context.get("page")
    if page is not None and page.pk and not may_make_live(request.user, page):
        menu_items[:] = [item for item in menu_items if item.name != "localize-convert-to-alias"]


# Publishing from the translation editor --------------------------------------------------------------


def refuse_publishing_translation(request, page):
    """`before_edit_page` hook, ahead of wagtail-localize's: its translation editor publishes with
    `action=publish`."""
    if request.method == "POST" and request.POST.get("action") == "publish" and not may_make_live(request.user, page):
        raise PermissionDenied


# Translate this page ---------------------------------------------------------------------------------


def translation_enabled(instance):
    """Whether a new translation follows its source ("synced"), as wagtail-localize decides it."""
    mode = getattr(
        instance,
        "localize_default_translation_mode",
        getattr(settings, "WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE", "synced"),
    )
    return mode == "synced"


def start_draft_translation(page, locales, user):
    """Translate `page` into `locales` as wagtail-localize does, publishing nothing: [Translation].

    A page the locale already shows (its alias, live with the source's content) becomes the
    translation, whose content waits in its latest revision; the live page keeps what it showed.
    Related snippets are not translated: the draft falls back to the source's, as wagtail-localize does
    for what is missing.
    """
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translations = []
    for locale in locales:
        if locale.pk == source.locale_id:
            continue
        translation, _created = Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": translation_enabled(page)}
        )
        shown = Page.objects.filter(translation_key=page.translation_key, locale=locale, live=True).first()
        content = shown.specific.serializable_data() if shown is not None else None
        try:
            translation.save_target(user=user, publish=False)
        except ValidationError:
            continue  # wagtail-localize leaves these for the translation editor too
        if content is not None:
            # save_target() wrote the translation into the live page as well as into the draft
            translated = Page.objects.get(pk=shown.pk).specific
            translated.with_content_json(content).save(clean=False)
        translations.append(translation)
    return translations


class SubmitPageTranslationView(submit_translations.SubmitPageTranslationView):
    def form_valid(self, form):
        locales = list(form.cleaned_data["locales"])
        pages = [self.object]
        if form.cleaned_data["include_subtree"]:
            pages += list(self.object.get_descendants().order_by("path").specific())
        if self.may_publish(pages, locales):
            return super().form_valid(form)
        return self.start_drafts(pages, locales)

    def may_publish(self, pages, locales):
        """Publish rights on each page and on each of its translations in `locales` (a page that does
        not exist yet is judged by its source)."""
        user = self.request.user
        targets = Page.objects.filter(translation_key__in=[page.translation_key for page in pages], locale__in=locales)
        return all(may_make_live(user, page) for page in pages) and all(may_make_live(user, page) for page in targets)

    @transaction.atomic
    def start_drafts(self, pages, locales):
        translations = []
        for page in pages:
            translations += start_draft_translation(page, locales, self.request.user)
        self.components.save(self.object, sources_and_translations={t.source: [t] for t in translations})
        if len(locales) == 1:
            names, translated = locales[0].get_display_name(), self.object.get_translation_or_none(locales[0])
        else:
            names = ngettext("%(count)d language", "%(count)d languages", len(locales)) % {"count": len(locales)}
            translated = None
        messages.success(self.request, self.get_success_message(names))
        return redirect(self.get_success_url() or self.get_default_success_url(translated))


# Translate a snippet ---------------------------------------------------------------------------------


class SubmitSnippetTranslationView(submit_translations.SubmitSnippetTranslationView):
    def dispatch(self, request, *args, **kwargs):
        model = get_snippet_model_from_url_params(kwargs["app_label"], kwargs["model_name"])
        if not may_make_live(request.user, model, new=True):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Sync translated pages -------------------------------------------------------------------------------


def restriction_of(page):
    """What wagtail-localize copies of a page's privacy: its first restriction, or None."""
    restriction = page.view_restrictions.order_by("pk").first()
    if restriction is None:
        return None
    groups = frozenset(restriction.groups.values_list("pk", flat=True))
    return (restriction.restriction_type, restriction.password, groups)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    def get_form(self):
        form = super().get_form()
        if self.request.method != "POST" and not self.may_publish():
            del form.fields["publish_translations"]  # offered only to who may publish every translation
        return form

    def form_valid(self, form):
        allowed = self.may_publish() if form.cleaned_data["publish_translations"] else self.may_sync_privacy()
        if not allowed:
            raise PermissionDenied
        return super().form_valid(form)

    def targets(self):
        """[(source instance or None, translated instance or None)] of the enabled translations."""
        try:
            source = self.object.get_source_instance()
        except ObjectDoesNotExist:
            source = None
        found = []
        for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
            try:
                found.append((source, translation.get_target_instance()))
            except ObjectDoesNotExist:
                found.append((source, None))
        return found

    def may_publish(self):
        user = self.request.user
        return all(
            may_make_live(user, target, new=False) if target is not None else may_make_live(user, source, new=True)
            for source, target in self.targets()
            if target is not None or source is not None
        )

    def may_sync_privacy(self):
        """wagtail-localize gives each translated page its source's first restriction, or none: where
        the page holds a restriction of its own, that changes who may see it."""
        user = self.request.user
        wanted = {}
        for source, target in self.targets():
            if not isinstance(source, Page) or target is None or not target.view_restrictions.exists():
                continue
            if source.pk not in wanted:
                wanted[source.pk] = restriction_of(source)
            if (
                restriction_of(target) != wanted[source.pk]
                and not target.permissions_for_user(user).can_set_view_restrictions()
            ):
                return False
        return True


def overridden_model(source_instance, segment):
    """The model of the object an override of `segment` names (a chooser field or block), else None."""
    name, *blocks = segment.context.get_field_path(source_instance).split(".")
    field = source_instance._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        return field.related_model
    if not isinstance(field, StreamField):
        return None
    block = field.stream_block
    for part in blocks:
        while isinstance(block, ListBlock):
            block = block.child_block
        block = getattr(block, "child_blocks", {}).get(part)
        if block is None:
            return None
    while isinstance(block, ListBlock):
        block = block.child_block
    return getattr(block, "target_model", None)  # what a chooser block chooses


def submitted_value(request):
    """The `value` of wagtail-localize's PUT. The body is read here through `request.body`, which
    keeps a copy: wagtail-localize's own view reads the same body again."""
    body = request.body
    if request.content_type == "multipart/form-data":
        data, _files = MultiPartParser(
            request.META, io.BytesIO(body), request.upload_handlers, request.encoding
        ).parse()
    else:
        data = QueryDict(body, encoding=request.encoding)
    return data.get("value", "")


def edit_override(request, translation_id, overridable_segment_id):
    if request.method == "PUT":
        translation = get_object_or_404(Translation, id=translation_id)
        segment = get_object_or_404(OverridableSegment, id=overridable_segment_id)
        model = overridden_model(translation.source.get_source_instance(), segment)
        chosen = reference(model, submitted_value(request).strip()) if model is not None else None
        if chosen is not None and not choosable_among(request.user, {chosen}):
            raise PermissionDenied
    return edit_translation.edit_override(request, translation_id, overridable_segment_id)


def admin_urls():
    """wagtail-localize's addresses of the actions above, routed to them: register ahead of its own
    (`reverse("wagtail_localize:...")` gives the same addresses)."""
    return [
        path(
            "localize/page/<int:page_id>/convert_to_alias/",
            convert_to_alias,
            name="wagtail_localize_convert_to_alias",
        ),
        path(
            "localize/submit/page/<int:page_id>/",
            SubmitPageTranslationView.as_view(),
            name="wagtail_localize_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SubmitSnippetTranslationView.as_view(),
            name="wagtail_localize_submit_snippet_translation",
        ),
        path(
            "localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/",
            edit_override,
            name="wagtail_localize_edit_override",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsView.as_view(),
            name="wagtail_localize_update_translations",
        ),
    ]
