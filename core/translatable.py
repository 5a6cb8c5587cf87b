"""What a translation copies: declared once per field, in one vocabulary for every model.

wagtail-localize guesses when a model declares nothing (text is translated, anything else is
synchronised), and a guess silently changes when a field is added. Every page type therefore
declares its fields: `BasePage.translatable_fields` holds what all pages share, and each type
extends it with its own prose (`translated`) and facts (`synchronised`). tests/test_translatable_fields.py
fails when a field an editor can change is in neither list.
"""

from wagtail_localize.fields import SynchronizedField, TranslatableField


def translated(*names):
    """Prose: each language has its own version, made in the translation editor."""
    return [TranslatableField(name) for name in names]


def synchronised(*names, overridable=True):
    """Facts: copied from the source on every sync. `overridable=False` where a translation must
    never differ (identifiers, figures); otherwise a translator may replace the copy (a logo with
    text in it, a local phone number)."""
    return [SynchronizedField(name, overridable=overridable) for name in names]


#: Shared by every page: its title and address, the promote tab's texts, and whether it is in menus.
PAGE_FIELDS = [
    *translated("title", "slug", "seo_title", "search_description", "listing_summary"),
    *synchronised("show_in_menus"),
]
