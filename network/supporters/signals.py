"""A profile written in another language than the default one still appears once in every locale.

wagtail-localize makes every locale follow the default one: a page created in English appears in
the other trees as an alias until it is translated. A profile created in Turkish (an applicant who
wrote in Turkish) has no English source to follow, so when it is first published it gets aliases in
the locales that have no version of it yet, under the translations of its parent.
"""

from django.conf import settings
from wagtail.models import Locale, Page


def follow_in_every_locale(sender, instance, **kwargs):
    page = instance
    if page.alias_of_id is not None or page.locale.language_code == settings.LANGUAGE_CODE:
        return
    present = set(Page.objects.filter(translation_key=page.translation_key).values_list("locale_id", flat=True))
    if Locale.get_default().pk in present:
        return  # a translation of a default-language page: the tree sync already follows that source
    parent = page.get_parent()
    for locale in Locale.objects.exclude(pk__in=present):
        if parent.get_translation_or_none(locale) is None:
            continue
        page.copy_for_translation(locale, copy_parents=False, alias=True)
