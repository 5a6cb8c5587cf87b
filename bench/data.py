"""The benchmark's data set: the demo content scaled up, in every language.

10,000 signatories, 300 supporters, 2,000 news items and 500 events, each in the four
locales as real translations sharing a translation key (not aliases), written in bulk by the
search benchmark's helpers (bench/search.py), which this module gives builders for supporters
and events. Idempotent: a second run tops up to the same numbers, i.e. adds nothing.
"""

import datetime

from bench import search as search_bench

SCALE = {"signatories": 10_000, "supporters": 300, "news": 2_000, "events": 500}

SUPPORTER_KINDS = ["national_association", "regional_network", "region_or_province", "energy_agency", "other"]
EVENT_TYPES = ["conference", "workshop", "training", "study_visit", "webinar", "meeting"]
COUNTRIES = ["TR", "TM", "PT", "AT", "GE", "UA"]


def _supporter_fields(rng, language, number):
    place = search_bench._place(rng, language, number)
    kind = SUPPORTER_KINDS[number % len(SUPPORTER_KINDS)]
    country = rng.choice(COUNTRIES)
    return {
        "title": place,
        "original_name": place,
        "kind": kind,
        "role": "coordinator" if kind == "region_or_province" else "supporter",
        "country": country,
        "countries_covered": [country, rng.choice(COUNTRIES)],
        "member_authorities": 5 + number % 400,
        "description": f"<p>{search_bench._text(rng, language, 60)}</p>",
        "services_introduction": search_bench._text(rng, language, 30),
        "listing_summary": search_bench._text(rng, language, 16),
    }


def _event_fields(rng, language, number):
    # Half in the past, half to come, a few days apart: the agenda always has upcoming events.
    start = datetime.datetime(2025, 1, 6, 9, tzinfo=datetime.UTC) + datetime.timedelta(days=3 * number)
    return {
        "title": f"{search_bench._text(rng, language, 4)[:-1]} {number}",
        "event_type": EVENT_TYPES[number % len(EVENT_TYPES)],
        "start": start,
        "end": start + datetime.timedelta(hours=7),
        "time_zone": "Europe/Istanbul",
        "city": search_bench._place(rng, language, number),
        "country": rng.choice(COUNTRIES),
        "organiser": search_bench._place(rng, language, number % 40),
        "intro": search_bench._text(rng, language, 30),
    }


search_bench.BUILDERS.setdefault("supporters", _supporter_fields)
search_bench.BUILDERS.setdefault("events", _event_fields)


def scale_content(scale=None, stdout=None):
    """Top the site up to `scale` ({facet: count}, default SCALE); returns {facet: items added}."""
    counts = {**SCALE, **(scale or {})}
    return search_bench.scale_content(stdout=stdout, **counts)
