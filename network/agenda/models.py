"""The agenda: the index of a locale and its events, each in its own time zone."""

import datetime
import re
import zoneinfo
from functools import cache

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.search import index

from core import cache as content_cache
from core.blocks import BodyBlock
from core.chosen import ChosenObjectsPageForm
from core.feeds import ICALENDAR, RSS, FeedLink
from core.models import BasePage
from core.translatable import synchronised, translated

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


class EventType(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")
    TRAINING = "training", _("Training")
    STUDY_VISIT = "study_visit", _("Study visit")
    MATCHMAKING = "matchmaking", _("Partner-finding day")
    WEBINAR = "webinar", _("Webinar")
    MEETING = "meeting", _("Meeting")


@cache
def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def default_time_zone():
    return settings.TIME_ZONE


def validate_time_zone(value):
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value}) from error


class AgendaIndexPage(BasePage):
    """The events of one locale: upcoming by default, past on request, filtered by month, country and type."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [*BasePage.translatable_fields, *translated("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["agenda.EventPage"]
    max_count_per_parent = 1

    per_page = 12

    class Meta:
        verbose_name = _("agenda index page")

    def events(self):
        """The live, public events of this index, cheap to list."""
        return (
            EventPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .select_related("locale", "alias_of__locale")
        )

    def feed_links(self):
        with translation.override(self.locale.language_code):
            return [
                FeedLink(_("Upcoming events (RSS)"), reverse("agenda_rss"), RSS),
                FeedLink(_("Agenda (iCalendar)"), reverse("agenda_ics"), ICALENDAR),
            ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        past = request.GET.get("when") == "past"
        events = self.events()
        events = events.filter(end__lt=now).order_by("-start", "-pk") if past else events.filter(end__gte=now)
        if not past:
            events = events.order_by("start", "pk")

        event_type = request.GET.get("type", "")
        if event_type not in EventType.values:
            event_type = ""
        if event_type:
            events = events.filter(event_type=event_type)

        # Facets and counts change only when content does (or, for upcoming events, when one ends):
        # kept in the shared cache (core.cache) for the current generation and hour.
        scope = (self.pk, past, event_type, now.strftime("%Y%m%d%H"))
        countries = content_cache.cached(
            None,
            "agenda-countries",
            lambda: sorted(
                {code for code in events.order_by().values_list("country", flat=True).distinct() if code},
                key=lambda code: str(all_countries.name(code)),
            ),
            *scope,
        )
        country = request.GET.get("country", "").upper()
        if country not in countries:
            country = ""
        if country:
            events = events.filter(country=country)

        months = content_cache.cached(
            None,
            "agenda-months",
            lambda: list(events.dates("start", "month", order="DESC" if past else "ASC")),
            *scope,
            country,
        )
        month = parse_month(request.GET.get("month", ""))
        if month not in months:
            month = None
        if month:
            start = timezone.make_aware(datetime.datetime.combine(month, datetime.time()))
            following = (month + datetime.timedelta(days=32)).replace(day=1)
            end = timezone.make_aware(datetime.datetime.combine(following, datetime.time()))
            events = events.filter(start__gte=start, start__lt=end)

        count = content_cache.cached_count(events, "agenda-count", *scope, country, month or "")
        paginator = content_cache.CountedPaginator(events, self.per_page, count=count)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except (EmptyPage, PageNotAnInteger) as error:
            raise Http404(str(error)) from error

        context.update(
            events=page,
            paginator=paginator,
            past=past,
            event_types=EventType.choices,
            countries=[(code, all_countries.name(code)) for code in countries],
            months=months,
            selected={"type": event_type, "country": country, "month": month.strftime("%Y-%m") if month else ""},
            is_filtered=bool(event_type or country or month),
            feed_discovery=self.feed_links(),
        )
        return context


def parse_month(value):
    """`2027-05` as the first day of that month, or None for anything else."""
    match = MONTH_PATTERN.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


class EventPageForm(ChosenObjectsPageForm):
    """Start and end are typed in the event's own time zone, whatever the editor's own."""

    zoned_fields = ("start", "end")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            zone = self.instance.zone
            for name in self.zoned_fields:
                value = getattr(self.instance, name)
                if name in self.fields and value is not None:
                    self.initial[name] = timezone.make_naive(value, zone)

    def clean(self):
        cleaned_data = super().clean()
        zone_name = cleaned_data.get("time_zone") or self.instance.time_zone
        try:
            zone = zoneinfo.ZoneInfo(zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return cleaned_data  # the field's own validation reports it
        editor_zone = timezone.get_current_timezone()
        for name in self.zoned_fields:
            value = cleaned_data.get(name)
            if value is not None:
                cleaned_data[name] = timezone.make_aware(timezone.make_naive(value, editor_zone), zone)
        start, end = cleaned_data.get("start"), cleaned_data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The event cannot end before it starts."))
        return cleaned_data


class EventPage(BasePage):
    """An event of the network: when (in its own time zone), where or online, who organises, how to join."""

    event_type = models.CharField(_("type"), max_length=20, choices=EventType.choices, default=EventType.CONFERENCE)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_("Where the event happens; start and end are entered and shown in this time zone."),
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    online_url = models.URLField(_("online link"), blank=True, help_text=_("For online or hybrid events."))
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown in listings and feeds."))
    description = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))
    programme = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    report = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    base_form_class = EventPageForm
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("event_type"),
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone", widget=forms.Select(choices=time_zone_choices())),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("city"), FieldPanel("country"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
            ],
            heading=_("Organisation"),
        ),
        FieldPanel("intro"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("programme"), FieldPanel("report")], heading=_("Documents")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("description"),
        index.SearchField("city"),
        index.SearchField("organiser"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("event_type"),
        index.FilterField("country"),
    ]
    # Dates, places, addresses and documents are facts, the same in every language (the time zone
    # too); names and descriptions are translated.
    translatable_fields = [
        *BasePage.translatable_fields,
        *translated("venue", "city", "organiser", "contact_name", "intro", "description"),
        *synchronised(
            "event_type",
            "start",
            "end",
            "time_zone",
            "country",
            "online_url",
            "registration_url",
            "registration_deadline",
            "contact_email",
            "programme",
            "report",
        ),
    ]

    parent_page_types = ["agenda.AgendaIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event page")
        indexes = [
            models.Index(fields=["start"], name="agenda_event_start"),
            models.Index(fields=["end"], name="agenda_event_end"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event cannot end before it starts.")
        if not self.online_url and not self.country:
            errors["country"] = _("Give the country where the event takes place, or an online link.")
        if self.registration_deadline and self.end and self.registration_deadline > self.local_end.date():
            errors["registration_deadline"] = _("The registration deadline cannot be after the event.")
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return timezone.get_default_timezone()

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.zone)

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def is_online(self):
        return bool(self.online_url)

    @property
    def is_in_person(self):
        return bool(self.country or self.city or self.venue)

    @property
    def registration_open(self):
        if not self.registration_url or self.is_past:
            return False
        return not self.registration_deadline or self.registration_deadline >= timezone.localdate(timezone=self.zone)

    @cached_property
    def country_name(self):
        return str(self.country.name) if self.country else ""

    @property
    def place(self):
        """Venue, city and country on one line ("" for online-only events)."""
        return ", ".join(part for part in (self.venue, self.city, self.country_name) if part)

    @property
    def attendance_mode(self):
        if self.is_online and self.is_in_person:
            return "https://schema.org/MixedEventAttendanceMode"
        if self.is_online:
            return "https://schema.org/OnlineEventAttendanceMode"
        return "https://schema.org/OfflineEventAttendanceMode"

    def ics_url(self):
        with translation.override(self.locale.language_code):
            return reverse("agenda_event_ics", args=[self.pk])

    def structured_data(self, request):
        """schema.org Event, for search engines and calendars."""
        locations = []
        if self.is_in_person:
            address = {"@type": "PostalAddress", "addressLocality": self.city, "addressCountry": self.country.code}
            locations.append({"@type": "Place", "name": self.venue or self.city, "address": address})
        if self.is_online:
            locations.append({"@type": "VirtualLocation", "url": self.online_url})
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.intro or self.listing_summary,
            "startDate": self.local_start.isoformat(),
            "endDate": self.local_end.isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": self.attendance_mode,
            "location": locations[0] if len(locations) == 1 else locations,
            "inLanguage": self.content_locale.language_code,
            "url": self.get_full_url(request),
        }
        if self.organiser:
            data["organizer"] = {"@type": "Organization", "name": self.organiser}
        if self.registration_url:
            data["offers"] = {"@type": "Offer", "url": self.registration_url}
        return data

    def localized_news(self):
        """News of this locale that link to this event."""
        from network.news.models import NewsPage

        return NewsPage.mentioning(self, "related_events__event")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.get_parent().specific
        feeds = index_page.feed_links() if isinstance(index_page, AgendaIndexPage) else []
        ics = self.ics_url()
        context.update(
            agenda_index=index_page,
            related_news=self.localized_news(),
            structured_data=self.structured_data(request),
            ics_url=ics,
            feed_discovery=[*feeds, FeedLink(self.title, ics, ICALENDAR)],
        )
        return context
