"""The upcoming events, as a block of the home page's body."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import PageListBlock

from .models import AgendaIndexPage, EventPage


class UpcomingEventsBlock(PageListBlock):
    pinned = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="agenda.EventPage", label=_("Event")),
        label=_("Pinned events"),
        required=False,
        default=[],
        help_text=_("Shown first, in this order, until they end; the next events fill the rest of the list."),
    )

    page_model = EventPage
    index_model = AgendaIndexPage

    class Meta:
        icon = "date"
        label = _("Upcoming events")
        template = "agenda/blocks/upcoming_events.html"
        description = _("The next events of this language, with pinned events first.")
        preview_value = {"count": 3}

    def listing(self, locale, value):
        # An event that has ended is no longer upcoming, pinned or not.
        return super().listing(locale, value).filter(end__gte=timezone.now()).order_by("start", "pk")
