"""Agenda feeds of the active language (inside i18n_patterns: /en/..., /tr/...)."""

from django.urls import path

from .feeds import UpcomingEventsFeed
from .ics import agenda_ics, event_ics

urlpatterns = [
    path("feeds/agenda/rss/", UpcomingEventsFeed.as_view(), name="agenda_rss"),
    path("feeds/agenda/agenda.ics", agenda_ics, name="agenda_ics"),
    path("feeds/agenda/events/<int:page_id>.ics", event_ics, name="agenda_event_ics"),
]
