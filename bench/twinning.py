"""Speed of the partner finder's ranking with 10,000 authorities and 2,000 open requests.

Two measurements:

- `time_ranking()`: the ranking alone, on generated profiles (no database): building the Pool
  and ranking targets against it. This is the number that must stay small as the network grows.
- `run_benchmark()`: the same on a database scaled to that size (signatory pages and requests
  written in bulk): reading the pool from the database, ranking from the cached pool, and the
  finder's pages (listing, a request with its suggestions, an authority) over HTTP.

Standalone (builds its own scratch database, SQLite in /tmp unless told otherwise):

    .venv/bin/python -m bench.twinning                 # ranking only, a few seconds
    .venv/bin/python -m bench.twinning --database      # also the database and pages
    .venv/bin/python -m bench.twinning --database --database-url postgres://postgres@127.0.0.1:5432/twinning_bench

From other code (`make bench`):

    from bench.twinning import time_ranking, report
    print(report(time_ranking(authorities=10_000, requests=2_000)))
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid

from network.twinning.choices import COUNTRY_LANGUAGES, DEFAULT_THEMES
from network.twinning.ranking import AUTHORITY, REQUEST, Pool, Profile

DEFAULT_DATABASE_URL = "sqlite:////tmp/twinning-bench.sqlite3"
SLUG_PREFIX = "bench-"
THEMES = [slug for slug, _english, _turkish in DEFAULT_THEMES]
COUNTRIES = sorted(COUNTRY_LANGUAGES)
PROGRAMMES = ["twin", "netzerocities", "other"]


def _population(rng):
    """Log-uniform between 2,000 and 3 million, like the municipalities of a national association."""
    return int(10 ** rng.uniform(3.3, 6.5))


def _place(rng):
    return round(rng.uniform(36, 60), 4), round(rng.uniform(-9, 45), 4)


def synthetic_profiles(authorities=10_000, requests=2_000, seed=42):
    """Profiles like the finder builds: authorities offering 1-3 themes, requests seeking 1-4 and offering 0-3."""
    rng = random.Random(seed)  # noqa: S311 - reproducible sample data, not secrets
    profiles = []
    for number in range(requests):
        country = rng.choice(COUNTRIES)
        latitude, longitude = _place(rng)
        profiles.append(
            Profile(
                kind=REQUEST,
                id=number + 1,
                authority=f"n:request-{number}",
                sought=frozenset(rng.sample(THEMES, rng.randint(1, 4))),
                offered=frozenset(rng.sample(THEMES, rng.randint(0, 3))),
                population=_population(rng),
                languages=frozenset({*COUNTRY_LANGUAGES[country][:1], *rng.sample(["en", "fr", "de", "ru"], 1)}),
                programme=rng.choice(PROGRAMMES),
                country=country,
                latitude=latitude,
                longitude=longitude,
            )
        )
    for number in range(authorities):
        country = rng.choice(COUNTRIES)
        latitude, longitude = _place(rng)
        profiles.append(
            Profile(
                kind=AUTHORITY,
                id=number + 1,
                authority=f"s:authority-{number}",
                offered=frozenset(rng.sample(THEMES, rng.randint(1, 3))),
                population=_population(rng),
                languages=frozenset(COUNTRY_LANGUAGES[country]),
                country=country,
                latitude=latitude,
                longitude=longitude,
            )
        )
    return profiles


def _timed(function, repeat, warmup=1):
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def _row(name, times, **extra):
    ordered = sorted(times)
    return {
        "name": name,
        "runs": len(ordered),
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 2),
        "max_ms": round(ordered[-1], 2),
        **extra,
    }


def time_ranking(authorities=10_000, requests=2_000, targets=50, limit=10, seed=42):
    """Build a Pool of generated profiles and rank `targets` of its requests against it; timing rows."""
    profiles = synthetic_profiles(authorities, requests, seed)
    build_times = _timed(lambda: Pool(profiles), repeat=3)
    pool = Pool(profiles)
    chosen = profiles[: min(targets, requests)] or profiles[:targets]
    rank_times, near_times = [], []
    for target in chosen:
        rank_times += _timed(lambda target=target: pool.rank(target, limit=limit), repeat=1, warmup=0)
        near_times += _timed(lambda target=target: pool.rank(target, limit=limit, near=True), repeat=1, warmup=0)
    candidates = len(pool)
    return [
        _row("pool build", build_times, candidates=candidates),
        _row("rank (top 10)", rank_times, candidates=candidates),
        _row("rank, near", near_times, candidates=candidates),
    ]


# The database-backed measurement ------------------------------------------------------------------


def scale_data(authorities=10_000, requests=2_000, seed=42, stdout=None):
    """Top the database up to `authorities` signatories (default language) and `requests` open requests.

    Needs the demo's home page, directory and themes (`manage.py load_demo`). Idempotent.
    """
    from datetime import timedelta

    from django.conf import settings
    from django.db import transaction
    from django.utils import timezone

    from core.tree import bulk_add_children
    from network.twinning.models import PartnershipRequest, PartnershipTheme
    from signatories.models import SignatoryIndexPage, SignatoryPage
    from signatories.text import fold

    rng = random.Random(seed)  # noqa: S311
    directory = SignatoryIndexPage.objects.get(locale__language_code=settings.LANGUAGE_CODE, alias_of__isnull=True)
    existing = SignatoryPage.objects.child_of(directory).filter(slug__startswith=SLUG_PREFIX).count()
    with transaction.atomic():
        for start in range(existing, authorities, 1000):
            items = []
            for number in range(start, min(start + 1000, authorities)):
                latitude, longitude = _place(rng)
                committed = rng.random() < 0.8
                items.append(
                    SignatoryPage(
                        slug=f"{SLUG_PREFIX}{number}",
                        title=f"Municipality {number}",
                        name_sort=fold(f"Municipality {number}"),
                        translation_key=uuid.uuid4(),
                        country=rng.choice(COUNTRIES),
                        population=_population(rng),
                        latitude=latitude,
                        longitude=longitude,
                        commitment_2030=committed,
                        target_2030_percent=40 if committed else None,
                        commitment_adaptation=rng.random() < 0.4,
                        commitment_energy_poverty=rng.random() < 0.2,
                        status="adhesion",
                    )
                )
            bulk_add_children(directory, SignatoryPage, items)
    _write(stdout, f"signatories: {max(existing, authorities)} generated")

    themes = list(PartnershipTheme.objects.filter(locale__language_code=settings.LANGUAGE_CODE))
    bench_requests = PartnershipRequest.objects.filter(contact_email__endswith="@bench.example")
    existing = bench_requests.count()
    today = timezone.localdate()
    sought_rows, offered_rows = [], []
    through_sought = PartnershipRequest.themes_sought.through
    through_offered = PartnershipRequest.themes_offered.through
    with transaction.atomic():
        created = []
        for number in range(existing, requests):
            country = rng.choice(COUNTRIES)
            latitude, longitude = _place(rng)
            item = PartnershipRequest(
                status="open",
                language=rng.choice(["en", "tr"]),
                authority_name=f"Town {number}",
                country=country,
                population=_population(rng),
                latitude=latitude,
                longitude=longitude,
                title=f"Town {number} seeks a partner",
                description="Generated for the benchmark.",
                programme=rng.choice(PROGRAMMES),
                contact_name="Bench",
                contact_email=f"request{number}@bench.example",
                valid_from=today - timedelta(days=10),
                valid_until=today + timedelta(days=300),
                consented_at=timezone.now(),
                published_at=timezone.now(),
            )
            item.working_language_codes = [*COUNTRY_LANGUAGES[country][:1], "en"]
            created.append(item)
        PartnershipRequest.objects.bulk_create(created, batch_size=500)
        for item in created:
            for theme in rng.sample(themes, rng.randint(1, 4)):
                sought_rows.append(through_sought(partnershiprequest_id=item.pk, partnershiptheme_id=theme.pk))
            for theme in rng.sample(themes, rng.randint(0, 3)):
                offered_rows.append(through_offered(partnershiprequest_id=item.pk, partnershiptheme_id=theme.pk))
        through_sought.objects.bulk_create(sought_rows, batch_size=1000)
        through_offered.objects.bulk_create(offered_rows, batch_size=1000)
    _write(stdout, f"requests: {max(existing, requests)} generated")
    from network.twinning.pool import invalidate

    invalidate()


def measure(repeat=10):
    """Pool from the database, ranking from the cached pool, and the finder's pages over HTTP."""
    from django.conf import settings
    from django.test import Client

    from network.twinning.models import PartnerFinderPage, PartnershipRequest
    from network.twinning.pool import build_pool, get_pool, invalidate, request_profile

    rows = []
    pool_times = _timed(build_pool, repeat=max(3, repeat // 3))
    pool = get_pool()
    rows.append(_row("pool from the database", pool_times, candidates=len(pool)))
    targets = list(PartnershipRequest.objects.filter(status="open").order_by("pk")[:repeat])
    profiles = [request_profile(target) for target in targets]
    rank_times = []
    for profile in profiles:
        rank_times += _timed(lambda profile=profile: get_pool().rank(profile), repeat=1, warmup=0)
    rows.append(_row("rank from the cached pool", rank_times, candidates=len(pool)))

    client = Client(HTTP_HOST="localhost")
    page = PartnerFinderPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if page is not None:
        url = page.url
        rows.append(_row("page: open requests", _timed(lambda: client.get(url), repeat)))
        rows.append(
            _row("page: filtered requests", _timed(lambda: client.get(url, {"theme": "waste", "page": 3}), repeat))
        )
        detail = page.route_url("request", targets[0].pk) if targets else None
        if detail:
            rows.append(_row("page: request and suggestions", _timed(lambda: client.get(detail), repeat)))

            def cold():
                invalidate()
                client.get(detail)

            rows.append(_row("page: request, pool rebuilt", _timed(cold, max(3, repeat // 3))))
    return rows


def report(rows, title="Twinning partner finder"):
    lines = [title, f"{'measure':<32}{'candidates':>11}{'runs':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}"]
    for row in rows:
        lines.append(
            f"{row['name']:<32}{row.get('candidates', '')!s:>11}{row['runs']:>6}"
            f"{row['p50_ms']:>10.1f}{row['p95_ms']:>10.1f}{row['max_ms']:>10.1f}"
        )
    return "\n".join(lines)


def run_benchmark(authorities=10_000, requests=2_000, repeat=10, stdout=None):
    """Scale the database and measure (Django set up, database migrated, demo loaded)."""
    scale_data(authorities=authorities, requests=requests, stdout=stdout)
    return measure(repeat=repeat)


def _write(stdout, text):
    if stdout is not None:
        stdout.write(text + "\n")
        stdout.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--authorities", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--database", action="store_true", help="also measure on a scaled database and its pages")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help=f"a scratch database, reused between runs (default {DEFAULT_DATABASE_URL})",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args(argv)

    rows = time_ranking(authorities=args.authorities, requests=args.requests, targets=args.repeat * 5)
    print(report(rows, "Ranking on generated profiles"))
    if args.database:
        os.environ["DATABASE_URL"] = args.database_url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from network.twinning.models import PartnerFinderPage

        if not PartnerFinderPage.objects.exists():
            # Once only: the generated signatories exist in the default language alone, and a
            # second run of the demo would give each of them an alias in every other language.
            call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
        db_rows = run_benchmark(args.authorities, args.requests, args.repeat, stdout=sys.stdout)
        print(report(db_rows, "On the database"))
        rows += db_rows
    if args.json:
        import json

        with open(args.json, "w") as handle:
            json.dump(rows, handle, indent=2)
    return rows


if __name__ == "__main__":
    main()
