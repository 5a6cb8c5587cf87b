"""Agenda feeds of each locale: RSS of the upcoming events (the iCalendar feeds are in ics.py)."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from core.feeds import ICALENDAR, RSS, FeedLink
from core.syndication import FEED_ITEMS, LocalizedFeed, absolutize, active_locale, section_index, validators

from .models import AgendaIndexPage, EventPage

# The iCalendar feed carries the whole agenda, up to this many events (the latest first).
CALENDAR_EVENTS = 500


@dataclass
class AgendaScope:
    locale: Locale
    index: AgendaIndexPage
    now: object = field(default_factory=timezone.now)

    def events(self):
        return EventPage.objects.child_of(self.index).live().public()

    def upcoming(self):
        return self.events().filter(end__gte=self.now)

    def upcoming_freshness(self):
        """Validators of the upcoming events: they change when one is published and when one ends."""
        summary = (
            self.events()
            .order_by()
            .aggregate(
                latest=Max("last_published_at"),
                upcoming=Count("pk", filter=Q(end__gte=self.now)),
                ended=Max("end", filter=Q(end__lt=self.now)),
            )
        )
        latest = max(filter(None, [summary["latest"], summary["ended"], self.index.last_published_at]), default=None)
        return validators(latest, summary["upcoming"], self.locale.language_code)


def agenda_scope(request):
    locale = active_locale()
    return AgendaScope(locale=locale, index=section_index(request, AgendaIndexPage, locale))


def when_and_where(event):
    """ "12 May 2027, 10:00 – 14 May 2027, 17:00 (Europe/Istanbul) · Venue, City, Country" in the active language."""
    start, end = event.local_start, event.local_end
    if start.date() == end.date():
        when = f"{formats.date_format(start, 'DATETIME_FORMAT')} – {formats.time_format(end, 'TIME_FORMAT')}"
    else:
        when = f"{formats.date_format(start, 'DATETIME_FORMAT')} – {formats.date_format(end, 'DATETIME_FORMAT')}"
    where = event.place or str(_("Online"))
    return f"{when} ({event.time_zone}) · {where}"


class UpcomingEventsFeed(LocalizedFeed):
    feed_type = Rss201rev2Feed

    def get_scope(self, request):
        return agenda_scope(request)

    def freshness(self, scope):
        return scope.upcoming_freshness()

    def items(self, scope):
        events = scope.upcoming().select_related("locale").order_by("start", "pk")
        if not settings.FEEDS_FULL_TEXT:
            events = events.defer_streamfields()
        return events[:FEED_ITEMS]

    def title(self, scope):
        return f"{scope.index.title} · {settings.WAGTAIL_SITE_NAME}"

    def link(self, scope):
        return scope.index.get_full_url(self.request)

    def description(self, scope):
        return scope.index.intro or scope.index.listing_summary or scope.index.title

    def item_title(self, item):
        return f"{item.title} ({formats.date_format(item.local_start, 'SHORT_DATE_FORMAT')})"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_categories(self, item):
        return [str(item.get_event_type_display())]

    def item_description(self, item):
        parts = [
            format_html("<p><strong>{}</strong></p>", when_and_where(item)),
            format_html("<p>{}</p>", item.intro or item.listing_summary),
        ]
        if settings.FEEDS_FULL_TEXT:
            if item.registration_url:
                parts.append(format_html('<p><a href="{}">{}</a></p>', item.registration_url, _("Register")))
            parts.append(absolutize(str(item.description), self.base_url))
        return "".join(str(part) for part in parts)


def agenda_feed_links(language_code):
    """The agenda feeds of a language, for the RSS help page."""
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None or not AgendaIndexPage.objects.live().filter(locale=locale).exists():
        return []
    group = _("Agenda")
    with translation.override(language_code):
        return [
            FeedLink(_("Upcoming events"), reverse("agenda_rss"), RSS, group),
            FeedLink(_("The whole agenda, for your calendar"), reverse("agenda_ics"), ICALENDAR, group),
        ]
