"""The registry of public feeds.

Each app that serves feeds registers a provider: a function that, given a language code,
returns the FeedLinks of that locale (one per feed, e.g. every news category). The RSS help
page and the `<link rel="alternate">` discovery tags are generated from the registry, never
typed by hand.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
ICALENDAR = "text/calendar"


@dataclass(frozen=True)
class FeedLink:
    title: str | Promise
    url: str
    mime_type: str = RSS
    group: str | Promise = ""  # heading under which the RSS help page lists it

    @property
    def format_name(self):
        return {RSS: "RSS 2.0", ATOM: "Atom", ICALENDAR: "iCalendar"}.get(self.mime_type, self.mime_type)


FeedProvider = Callable[[str], Iterable[FeedLink]]
_providers: dict[str, FeedProvider] = {}


def register_feed_provider(name: str, provider: FeedProvider) -> FeedProvider:
    _providers[name] = provider
    return provider


def feed_links(language_code: str) -> list[FeedLink]:
    """Every feed of a locale, in registration order."""
    return [link for provider in _providers.values() for link in provider(language_code)]
