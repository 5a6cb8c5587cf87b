"""iCalendar (.ics) of the agenda of a locale and of each event, with their time zones (VTIMEZONE)."""

import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event, vCalAddress

from core.syndication import conditional_response, freshness, validators

from .feeds import CALENDAR_EVENTS, agenda_scope


def calendar_uid(event):
    """Stable across edits, moves and new slugs: the same event in another language is another entry."""
    return f"event-{event.translation_key}-{event.locale.language_code}"


def event_component(event, request):
    url = event.get_full_url(request)
    component = Event()
    component.add("uid", calendar_uid(event))
    component.add("dtstamp", event.last_published_at or timezone.now())
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    component.add("summary", event.title)
    text = "\n\n".join(part for part in (event.intro or event.listing_summary, url) if part)
    component.add("description", text)
    location = event.place or event.online_url
    if location:
        component.add("location", location)
    component.add("url", url)
    component.add("categories", [str(event.get_event_type_display())])
    component.add("status", "CONFIRMED")
    if event.first_published_at:
        component.add("created", event.first_published_at)
    if event.last_published_at:
        component.add("last-modified", event.last_published_at)
    if event.contact_email:
        organizer = vCalAddress(f"mailto:{event.contact_email}")
        name = event.organiser or event.contact_name
        if name:
            organizer.params["cn"] = name
        component.add("organizer", organizer)
    return component


def build_calendar(events, request, *, name, description=""):
    language = request.LANGUAGE_CODE if hasattr(request, "LANGUAGE_CODE") else settings.LANGUAGE_CODE
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.WAGTAIL_SITE_NAME}//Agenda//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    for event in events:
        calendar.add_component(event_component(event, request))
    if events:
        # Only the years the events need, rather than every rule since 1970.
        first = min(event.local_start.date() for event in events) - datetime.timedelta(days=366)
        last = max(event.local_end.date() for event in events) + datetime.timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar


def calendar_response(calendar, filename=None):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    if filename:
        response.headers["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@require_safe
def agenda_ics(request):
    """The whole agenda of the active language (past and upcoming), to subscribe to in a calendar."""
    scope = agenda_scope(request)
    events = scope.events()

    def build():
        items = list(events.defer_streamfields().select_related("locale").order_by("-start", "-pk")[:CALENDAR_EVENTS])
        name = f"{scope.index.title} · {settings.WAGTAIL_SITE_NAME}"
        return calendar_response(build_calendar(items, request, name=name, description=scope.index.intro))

    return conditional_response(
        request, freshness(events, scope.locale.language_code, since=scope.index.last_published_at), build
    )


@require_safe
def event_ics(request, page_id):
    """One event, to add to a calendar."""
    scope = agenda_scope(request)
    event = scope.events().defer_streamfields().select_related("locale").filter(pk=page_id).first()
    if event is None:
        raise Http404(_("No such event."))

    def build():
        calendar = build_calendar([event], request, name=event.title)
        return calendar_response(calendar, filename=f"{event.slug}.ics")

    return conditional_response(
        request, validators(event.last_published_at, event.pk, scope.locale.language_code), build
    )
