"""Search latency on the demo content scaled up: 10,000 signatories and 2,000 news items in four languages.

Standalone (builds its own scratch database, SQLite in /tmp unless told otherwise):

    .venv/bin/python -m bench.search                        # full size, a few minutes on SQLite
    .venv/bin/python -m bench.search --signatories 500 --news 100 --repeat 5
    .venv/bin/python -m bench.search --database-url postgres://postgres@127.0.0.1:5432/search_bench
    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/python -m bench.search   # the Elasticsearch backend

From other code (Django set up, database migrated, demo loaded):

    from bench.search import scale_content, measure, report
    scale_content(signatories=10_000, news=2_000)   # idempotent: tops up to those numbers
    rows = measure(repeat=20)                        # [{language, query, kind, results, p50_ms, ...}]
    print(report(rows))

Each scaled item exists in every configured language (up to four by default) as a real
translation sharing its translation key, with generated text in that language, so every
locale's search runs over the same number of pages. Pages are written in bulk (one multi-row
INSERT per batch and table) and then indexed with `update_index`, as a deployment would.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
import uuid

DEFAULT_DATABASE_URL = "sqlite:////tmp/search-bench.sqlite3"
SLUG_PREFIX = "bench-"

#: Words of each language the generated pages are made of (city names, climate and energy terms,
#: inflected forms so that stemming and Turkish case rules matter).
VOCABULARY = {
    "en": {
        "places": ["Istanbul", "Izmir", "Ankara", "Bursa", "Ashgabat", "Mary", "Lisbon", "Vienna", "Tbilisi", "Kyiv"],
        "words": "climate energy efficiency municipality municipalities buildings solar panels adaptation heat "
        "floods transport emissions plan plans renewable district heating cycling lanes retrofit schools "
        "mayors covenant targets reduction city cities water drought",
    },
    "tr": {
        "places": ["İstanbul", "İzmir", "Ankara", "Bursa", "Iğdır", "Sinop", "Eskişehir", "Antalya", "Kars", "Muğla"],
        "words": "iklim enerji verimliliği belediye belediyesi belediyeler belediyelerin binalar güneş panelleri "
        "uyum sıcak hava dalgası sel ulaşım emisyon eylem planı planları yenilenebilir bisiklet yolları "
        "okullar başkanlar sözleşme hedefler azaltım kent kentler su kuraklık ırmak ısı",
    },
    "ru": {
        "places": ["Стамбул", "Измир", "Анкара", "Ашхабад", "Мары", "Лиссабон", "Вена", "Тбилиси", "Киев", "Бурса"],
        "words": "климат энергия энергоэффективность город города городов городе здания солнечные панели "
        "адаптация жара наводнения транспорт выбросы план планы возобновляемая теплоснабжение велодорожки "
        "школы мэры соглашение цели сокращение вода засуха",
    },
    "tk": {
        "places": ["Aşgabat", "Mary", "Türkmenabat", "Daşoguz", "Balkanabat", "Tejen", "Bäherden", "Serdar"],
        "words": "howa energiýa netijelilik şäher şäherler şäherleriň binalar gün panelleri uýgunlaşma yssy "
        "suw joşmasy ulag zyňyndylar meýilnama meýilnamalary gaýtadan dikeldilýän welosiped ýollary "
        "mekdepler häkimler ylalaşyk maksatlar azaltmak guraklyk",
    },
}

#: What the benchmark searches for, per language.
DEFAULT_QUERIES = {
    "en": ["climate", "energy efficiency", "istanbul", "cities retrofit"],
    "tr": ["istanbul", "İZMİR", "belediyeler", "iklim eylem planı"],
    "ru": ["города", "энергоэффективность города"],
    "tk": ["şäher", "Aşgabat energiýa"],
}
AUTOCOMPLETE_QUERIES = {"en": "ist", "tr": "bele", "ru": "горо", "tk": "şäh"}


def _text(rng, language, words=24):
    vocabulary = VOCABULARY.get(language, VOCABULARY["en"])
    terms = vocabulary["words"].split()
    return " ".join(rng.choice(terms) for _ in range(words)).capitalize() + "."


def _place(rng, language, number):
    vocabulary = VOCABULARY.get(language, VOCABULARY["en"])
    return f"{rng.choice(vocabulary['places'])} {number}"


def _signatory_fields(rng, language, number):
    place = _place(rng, language, number)
    return {
        "title": place,
        "country": rng.choice(["TR", "TM", "PT", "AT", "GE", "UA"]),
        "region": _place(rng, language, number % 50),
        "introduction": _text(rng, language),
        "name_sort": place.casefold()[:255],
        "adhesion_date": datetime.date(2008, 1, 1) + datetime.timedelta(days=number % 6000),
    }


def _news_fields(rng, language, number):
    return {
        "title": f"{_text(rng, language, 5)[:-1]} {number}",
        "intro": _text(rng, language, 30),
        "date": datetime.date(2015, 1, 1) + datetime.timedelta(days=number % 3650),
    }


#: How to fill a scaled item, by search facet (see search.registry).
BUILDERS = {"signatories": _signatory_fields, "news": _news_fields}


def _model_for(facet):
    from search import registry

    for model in registry.page_models():
        if registry.facet_name(model) == facet and model.parent_page_types and model.subpage_types == []:
            return model
    return None


def _parent_in(model, locale, home):
    """The index page the items live under in `locale` (created if the demo has none)."""
    parent_model = model.allowed_parent_page_models()[0]
    parent = parent_model.objects.filter(locale=locale).first()
    if parent is None:
        parent = parent_model(
            title=parent_model._meta.verbose_name.title(), slug=f"{SLUG_PREFIX}{parent_model._meta.model_name}"
        )
        home.add_child(instance=parent)
        parent.save_revision().publish()
    from wagtail.models import Page

    return Page.objects.get(pk=parent.pk)


def scale_content(signatories=10_000, news=2_000, languages=None, stdout=None, seed=42, **more):
    """Top the site up to `signatories` and `news` generated items, each in every language.

    `more` asks for other facets too (e.g. `events=500`), each filled by its entry in BUILDERS.
    Needs the locales and their home pages (`manage.py load_demo`). Returns {facet: items added}.
    """
    from django.conf import settings
    from django.db import transaction
    from wagtail.models import Locale, Page

    from core.tree import bulk_add_children
    from home.models import HomePage

    languages = languages or [code for code, _name in settings.LANGUAGES][:4]
    wanted = {"signatories": signatories, "news": news, **more}
    added = {}
    rng = random.Random(seed)  # noqa: S311 - reproducible sample text, not secrets
    for facet, count in wanted.items():
        model = _model_for(facet)
        if model is None:
            _write(stdout, f"No page type with search_facet={facet!r} is installed: skipped.")
            continue
        parents = {}
        for language in languages:
            locale = Locale.objects.get(language_code=language)
            parents[language] = _parent_in(model, locale, HomePage.objects.get(locale=locale))
        existing = (
            Page.objects.child_of(parents[languages[0]])
            .filter(slug__startswith=SLUG_PREFIX, content_type__model=model._meta.model_name)
            .count()
        )
        todo = range(existing, count)
        _write(
            stdout, f"{model.__name__}: {existing} generated already, adding {len(todo)} in {len(languages)} languages"
        )
        with transaction.atomic():
            for start in range(todo.start, todo.stop, 1000):
                numbers = range(start, min(start + 1000, todo.stop))
                keys = [uuid.uuid4() for _ in numbers]
                for language in languages:
                    items = [
                        model(
                            slug=f"{SLUG_PREFIX}{number}", translation_key=key, **BUILDERS[facet](rng, language, number)
                        )
                        for number, key in zip(numbers, keys, strict=True)
                    ]
                    bulk_add_children(parents[language], model, items)
        added[facet] = len(todo)
    return added


def update_index(stdout=None):
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    _write(stdout, f"update_index: {time.perf_counter() - started:.1f} s")


def _timed(function, repeat, warmup):
    for _ in range(warmup):
        result = function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - started) * 1000)
    return result, times


def _row(language, query, kind, results, times):
    ordered = sorted(times)
    return {
        "language": language,
        "query": query,
        "kind": kind,
        "results": results,
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))], 2),
        "max_ms": round(ordered[-1], 2),
    }


def measure(queries=None, repeat=20, warmup=2):
    """Latency of each query: the search itself ("search"), the whole results page over HTTP
    ("page", templates and query log included) and the autocomplete endpoint ("autocomplete")."""
    from django.test import Client
    from wagtail.models import Locale

    from search import service

    queries = queries or DEFAULT_QUERIES
    client = Client(HTTP_HOST="localhost")
    rows = []
    for language, texts in queries.items():
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            continue
        for text in texts:
            outcome, times = _timed(lambda: service.search(text, locale), repeat, warmup)  # noqa: B023
            rows.append(_row(language, text, "search", outcome.all_count, times))
            response, times = _timed(lambda: client.get(f"/{language}/search/", {"q": text}), repeat, warmup)  # noqa: B023
            rows.append(_row(language, text, "page", response.status_code, times))
        typed = AUTOCOMPLETE_QUERIES.get(language)
        if typed:
            response, times = _timed(
                lambda: client.get(f"/{language}/search/autocomplete/", {"q": typed}),  # noqa: B023
                repeat,
                warmup,
            )
            rows.append(_row(language, typed, "autocomplete", len(response.json()["results"]), times))
    return rows


def report(rows, title="Search latency"):
    """A plain-text table of measure()'s rows."""
    lines = [title, f"{'lang':<5}{'kind':<14}{'query':<30}{'results':>9}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}"]
    for row in rows:
        lines.append(
            f"{row['language']:<5}{row['kind']:<14}{row['query'][:29]:<30}{row['results']!s:>9}"
            f"{row['p50_ms']:>10.1f}{row['p95_ms']:>10.1f}{row['max_ms']:>10.1f}"
        )
    return "\n".join(lines)


def run_benchmark(signatories=10_000, news=2_000, repeat=20, stdout=None):
    """Scale the content, index it, measure; returns {"backend", "pages", "rows"} (Django set up)."""
    from django.conf import settings
    from wagtail.models import Page

    added = scale_content(signatories=signatories, news=news, stdout=stdout)
    if any(added.values()):
        update_index(stdout)
    rows = measure(repeat=repeat)
    return {
        "backend": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
        "database": settings.DATABASES["default"]["ENGINE"],
        "pages": Page.objects.count(),
        "rows": rows,
    }


def _write(stdout, text):
    if stdout is not None:
        stdout.write(text + "\n")
        stdout.flush()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--signatories", type=int, default=10_000)
    parser.add_argument("--news", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query (after two warm-up runs)")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help=f"a scratch database, reused between runs (default {DEFAULT_DATABASE_URL})",
    )
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args(argv)

    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    import io
    import json

    from django.core.management import call_command

    out = sys.stdout
    _write(out, f"Database: {args.database_url}")
    call_command("migrate", verbosity=0, interactive=False)
    from home.models import HomePage

    if not HomePage.objects.exists():  # the demo once; on a scaled database it is slow to re-check
        call_command("load_demo", stdout=io.StringIO())
    result = run_benchmark(signatories=args.signatories, news=args.news, repeat=args.repeat, stdout=out)
    _write(out, f"Backend: {result['backend']} on {result['database']}, {result['pages']} pages")
    _write(out, report(result["rows"]))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, ensure_ascii=False, indent=2)
    return result


if __name__ == "__main__":
    main()
