"""Translation through wagtail-localize, for code that is not an editor in the admin.

The demo content and the tests translate pages exactly as the admin does: a
TranslationSource is extracted from the source page, each segment gets a StringTranslation,
and wagtail-localize writes the target page. Editing the result later in the admin therefore
shows the usual translation editor with every segment filled in.
"""

from collections.abc import Mapping

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.synctree import synchronize_tree


@transaction.atomic
def translate(instance, locale: Locale, strings: Mapping[str, str], *, user=None, publish=True):
    """Translate `instance` into `locale`, mapping each source string to `strings[source]`.

    Strings without an entry keep the source text (wagtail-localize's fallback), so a partial
    dictionary gives a partial translation rather than an error.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        translated = strings.get(segment.string.data)
        if translated:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": translated, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    # save_target() publishes in an on_commit hook; publishing here instead makes the
    # translation live at once, inside or outside an outer transaction (tests, commands).
    draftable = isinstance(instance, DraftStateMixin)
    target, _created = source.create_or_update_translation(
        locale, user=user, publish=not draftable, fallback=True, copy_parent_pages=True
    )
    translation.translations_last_updated_at = translation.destination_last_updated_at = timezone.now()
    translation.save(update_fields=["translations_last_updated_at", "destination_last_updated_at"])
    if draftable and publish:
        revision = target.get_latest_revision()
        if revision is not None:
            revision.publish(user=user)
            target.refresh_from_db()
    return target


def synchronise_trees():
    """Make every locale follow the default one, and fill in what is not translated yet.

    Untranslated pages appear in the other locales as aliases of their source: the visitor
    sees each item exactly once, in their language where it exists, else in the original.
    """
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    for locale in Locale.objects.exclude(pk=source.pk):
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})
        synchronize_tree(source, locale)
