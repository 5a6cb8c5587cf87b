"""Import signatories from a CSV file: an idempotent upsert by organisation ID.

The file is read whole and every row checked before anything is written: one bad row (with
its line number and reason) rejects the file, and nothing of it is written. Good rows become
pages without going through treebeard's add_child one by one: paths are computed and pages
inserted in bulk, with their aliases in every other locale of the directory (the mechanism by
which untranslated pages appear in each locale's tree), then the search index is updated in
bulk. Importing the same file again changes nothing.

The column names are those of the open-data export (signatories.exports.COLUMNS), so an
exported file imports back unchanged. docs/open-data.md describes them.
"""

import csv
import functools
import io
import itertools
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django_countries.fields import CountryField
from wagtail.models import Locale, Page, Revision
from wagtail.search.backends import get_search_backends

from core.spreadsheets import FORMULA_PREFIXES
from core.tree import PathAllocator
from search.backends import bulk_indexing

from .countries import is_country_code
from .models import (
    ActionPlanStatus,
    AdhesionType,
    SignatoryIndexPage,
    SignatoryPage,
    SignatoryStatus,
    SignatoryStatusChange,
)
from .text import ascii_slug, fold

REQUIRED_COLUMNS = ("organisation_id", "name", "country_code")
ORGANISATION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")
TRUE = {"1", "true", "yes", "y", "t"}
FALSE = {"", "0", "false", "no", "n", "f"}
MAX_POPULATION = 100_000_000
MAX_EMISSIONS = Decimal("1e12")

# Page fields the import may change: facts (copied to every locale) and texts (source and aliases).
FACT_FIELDS = [
    "organisation_id",
    "country",
    "latitude",
    "longitude",
    "population",
    "population_year",
    "status",
    "adhesion_type",
    "adhesion_date",
    "commitment_2020",
    "commitment_2030",
    "target_2030_percent",
    "commitment_2050",
    "commitment_adaptation",
    "commitment_energy_poverty",
    "baseline_year",
    "baseline_emissions",
    "action_plan_status",
    "action_plan_submitted_on",
    "mayor",
    "website",
    "is_demo_data",
]
TEXT_FIELDS = ["title", "region"]


class RowInvalid(ValueError):
    pass


@dataclass
class ImportReport:
    created: list = field(default_factory=list)  # [(line, organisation_id, name)]
    updated: list = field(default_factory=list)  # [(line, organisation_id, name, [changed fields])]
    unchanged: list = field(default_factory=list)  # [(line, organisation_id)]
    rejected: list = field(default_factory=list)  # [(line, organisation_id, reason)]
    dry_run: bool = False
    aliases: int = 0
    timings: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.rejected


class ImportRejected(Exception):
    def __init__(self, report):
        super().__init__(f"{len(report.rejected)} rows rejected")
        self.report = report


# Reading and checking rows ---------------------------------------------------------------------


def read_csv(file):
    """[(line number, {column: text})] of a CSV file (bytes or text; comma or semicolon)."""
    text = file.read()
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise RowInvalid(f"line 1: the file is not UTF-8 ({error.reason} at byte {error.start})") from error
    text = text.removeprefix("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise RowInvalid(f"line 1: missing column(s) {', '.join(missing)}")
    reader.fieldnames = header
    rows = []
    for raw in reader:
        if None in raw:
            rows.append((reader.line_num, {"__error__": "more cells than columns in the header"}))
            continue
        if not any((value or "").strip() for value in raw.values()):
            continue  # blank line
        rows.append((reader.line_num, {key: (value or "") for key, value in raw.items()}))
    return rows


def _text(raw, name, max_length):
    value = (raw.get(name) or "").strip()
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        value = value[1:]  # the export's guard against spreadsheet formulas
    if len(value) > max_length:
        raise RowInvalid(f"{name}: longer than {max_length} characters")
    return value


def _integer(raw, name, minimum, maximum):
    value = (raw.get(name) or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"[0-9]+", value):
        raise RowInvalid(f"{name}: {value!r} is not a whole number")
    number = int(value)
    if not minimum <= number <= maximum:
        raise RowInvalid(f"{name}: {number} is outside {minimum}–{maximum}")
    return number


def _decimal(raw, name, minimum, maximum, places):
    value = (raw.get(name) or "").strip()
    if not value:
        return None
    if "," in value and "." not in value:
        value = value.replace(",", ".")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise RowInvalid(f"{name}: {value!r} is not a number") from None
    if not number.is_finite() or not minimum <= number <= maximum:
        raise RowInvalid(f"{name}: {value} is outside {minimum}–{maximum}")
    return number.quantize(Decimal(1).scaleb(-places))


def _date(raw, name):
    value = (raw.get(name) or "").strip()
    if not value:
        return None
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise RowInvalid(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None
    if not date(1990, 1, 1) <= parsed <= timezone.localdate():
        raise RowInvalid(f"{name}: {value} is not between 1990 and today")
    return parsed


def _boolean(raw, name):
    value = (raw.get(name) or "").strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise RowInvalid(f"{name}: {value!r} is not 1/0, true/false or yes/no")


def _choice(raw, name, choices, default):
    value = (raw.get(name) or "").strip().lower()
    if not value:
        return default
    if value not in choices.values:
        raise RowInvalid(f"{name}: {value!r} is not one of {', '.join(choices.values)}")
    return value


def clean_row(raw):
    """The page field values of one CSV row, or RowInvalid with the reason."""
    if "__error__" in raw:
        raise RowInvalid(raw["__error__"])
    organisation_id = _text(raw, "organisation_id", 32)
    if not ORGANISATION_ID.match(organisation_id):
        raise RowInvalid(f"organisation_id: {organisation_id!r} is empty or has characters other than A-Z 0-9 . _ -")
    name = _text(raw, "name", 255)
    if not name:
        raise RowInvalid("name: empty")
    country = _text(raw, "country_code", 10).upper()
    if not is_country_code(country):
        raise RowInvalid(f"country_code: {country!r} is not an ISO 3166-1 alpha-2 country code")
    values = {
        "organisation_id": organisation_id,
        "title": name,
        "country": country,
        "region": _text(raw, "region", 200),
        "latitude": _decimal(raw, "latitude", Decimal(-90), Decimal(90), 6),
        "longitude": _decimal(raw, "longitude", Decimal(-180), Decimal(180), 6),
        "population": _integer(raw, "population", 0, MAX_POPULATION),
        "population_year": _integer(raw, "population_year", 1900, 2100),
        "status": _choice(raw, "signatory_status", SignatoryStatus, SignatoryStatus.ADHESION),
        "adhesion_type": _choice(raw, "adhesion_type", AdhesionType, AdhesionType.INDIVIDUAL),
        "adhesion_date": _date(raw, "date_of_adhesion"),
        "commitment_2020": _boolean(raw, "commitment_2020"),
        "commitment_2030": _boolean(raw, "commitment_2030"),
        "target_2030_percent": _integer(raw, "target_2030_percent", 1, 100),
        "commitment_2050": _boolean(raw, "commitment_2050"),
        "commitment_adaptation": _boolean(raw, "commitment_adaptation"),
        "commitment_energy_poverty": _boolean(raw, "commitment_energy_poverty"),
        "baseline_year": _integer(raw, "baseline_year", 1990, 2100),
        "baseline_emissions": _decimal(raw, "baseline_emissions_tco2e", Decimal(0), MAX_EMISSIONS, 1),
        "action_plan_submitted_on": _date(raw, "action_plan_submission_date"),
        "mayor": _text(raw, "mayor", 200),
        "website": _text(raw, "website", 200),
        "is_demo_data": _boolean(raw, "demo_data"),
    }
    default_plan = ActionPlanStatus.SUBMITTED if values["action_plan_submitted_on"] else ActionPlanStatus.NOT_SUBMITTED
    values["action_plan_status"] = _choice(raw, "action_plan_status", ActionPlanStatus, default_plan)
    if (values["latitude"] is None) != (values["longitude"] is None):
        raise RowInvalid("latitude and longitude: give both or neither")
    if values["population_year"] and values["population"] is None:
        raise RowInvalid("population_year: given without a population")
    if values["commitment_2030"] and not values["target_2030_percent"]:
        raise RowInvalid("target_2030_percent: required with commitment_2030")
    if values["baseline_emissions"] is not None and not values["baseline_year"]:
        raise RowInvalid("baseline_year: required with baseline_emissions_tco2e")
    if values["action_plan_submitted_on"] and values["action_plan_status"] == ActionPlanStatus.NOT_SUBMITTED:
        raise RowInvalid("action_plan_status: not_submitted, but a submission date is given")
    if values["website"]:
        try:
            URLValidator(schemes=["http", "https"])(values["website"])
        except ValidationError:
            raise RowInvalid(f"website: {values['website']!r} is not an http(s) address") from None
    return values


# Writing pages in bulk ---------------------------------------------------------------------------


def _comparable(value):
    if value is None:
        return None
    if hasattr(value, "code"):  # django-countries Country
        return value.code or ""
    return value


def changed_fields(current, values):
    """The fields whose value in the file differs from `current` ({field: value} of the page)."""
    return [name for name in TEXT_FIELDS + FACT_FIELDS if _comparable(current[name]) != values[name]]


def find_index(index=None):
    """The directory the import writes into: the given one, or the only one in the default locale."""
    if index is not None:
        return index if isinstance(index, SignatoryIndexPage) else SignatoryIndexPage.objects.get(pk=index)
    source = Locale.get_default()
    indexes = list(SignatoryIndexPage.objects.filter(locale=source, alias_of__isnull=True))
    if len(indexes) != 1:
        raise RowInvalid(
            f"line 1: expected one signatory directory in the {source.language_code} tree, found {len(indexes)}; "
            "choose one with --index"
        )
    return indexes[0]


class RowInserter:
    """Writes page rows (dicts of field attname -> Python value) with one executemany per table.

    Building 40,000 model instances and letting the ORM compile each INSERT costs most of an
    import's time; this prepares only the values that need it (dates, decimals, UUIDs, JSON)
    and sends plain tuples. New page IDs are read back by their tree path, which is unique.
    """

    SIMPLE = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)

    def __init__(self):
        blank = SignatoryPage()
        self.tables = []
        for model, fields in (
            (Page, [f for f in Page._meta.concrete_fields if not f.primary_key]),
            (SignatoryPage, list(SignatoryPage._meta.local_concrete_fields)),
        ):
            columns = []
            for model_field in fields:
                simple = isinstance(model_field, self.SIMPLE) and not isinstance(model_field, CountryField)
                prepare = None if simple else model_field.get_db_prep_save
                columns.append((model_field.attname, model_field.column, prepare, getattr(blank, model_field.attname)))
            self.tables.append((model._meta.db_table, columns))

    def _values(self, row, columns):
        values = []
        for attname, _column, prepare, default in columns:
            value = row.get(attname, default)
            if prepare is not None and value is not None:
                value = prepare(value, connection)
            values.append(value)
        return tuple(values)

    def _executemany(self, table, columns, rows):
        quote = connection.ops.quote_name
        placeholders = "({})".format(", ".join(["%s"] * len(columns)))
        # Table and column names come from the models; every value is a query parameter.
        head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608
            quote(table), ", ".join(quote(column) for _attname, column, _prepare, _default in columns)
        )
        with connection.cursor() as cursor:
            copy = getattr(cursor.cursor, "copy", None)  # psycopg 3 on PostgreSQL
            if connection.vendor == "postgresql" and copy is not None:
                # COPY streams every row in one statement: the fastest way in.
                names = ", ".join(quote(column) for _attname, column, _prepare, _default in columns)
                with copy(f"COPY {quote(table)} ({names}) FROM STDIN") as stream:
                    for row in rows:
                        stream.write_row(self._values(row, columns))
            else:
                # SQLite runs executemany in C, row after row, with no round trips.
                for start in range(0, len(rows), 2000):
                    chunk = rows[start : start + 2000]
                    cursor.executemany(head + placeholders, [self._values(row, columns) for row in chunk])

    def insert(self, rows):
        """Insert the rows; each row gets its new "id" and "page_ptr_id"."""
        if not rows:
            return
        (page_table, page_columns), (own_table, own_columns) = self.tables
        self._executemany(page_table, page_columns, rows)
        paths = sorted(row["path"] for row in rows)
        ids = {}
        for start in range(0, len(paths), 5000):
            chunk = paths[start : start + 5000]
            ids.update(Page.objects.filter(path__in=chunk).values_list("path", "id"))
        for row in rows:
            row["id"] = row["page_ptr_id"] = ids[row["path"]]
        self._executemany(own_table, own_columns, rows)


def _slug_for(values, taken):
    slug = ascii_slug(values["title"], fallback=values["organisation_id"])[:80].strip("-") or "signatory"
    if slug in taken:
        slug = f"{slug}-{ascii_slug(values['organisation_id'])}"[:255]
    counter = 2
    base = slug
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    taken.add(slug)
    return slug


def import_rows(rows, *, index=None, dry_run=False, user=None, update_search_index=True):
    """Upsert the signatories of `rows` ([(line, {column: text})]) into the directory.

    Returns an ImportReport; raises ImportRejected (having written nothing) if any row is bad.
    """
    started = time.perf_counter()
    report = ImportReport(dry_run=dry_run)
    index = find_index(index)
    cleaned = []
    seen = {}
    for line, raw in rows:
        organisation_id = (raw.get("organisation_id") or "").strip()
        try:
            values = clean_row(raw)
            if values["organisation_id"] in seen:
                raise RowInvalid(f"organisation_id: {organisation_id} already on line {seen[organisation_id]}")
        except RowInvalid as error:
            report.rejected.append((line, organisation_id, str(error)))
            continue
        seen[organisation_id] = line
        cleaned.append((line, values))
    report.timings["check"] = time.perf_counter() - started
    if report.rejected:
        raise ImportRejected(report)

    with transaction.atomic():
        # One import at a time per directory (a no-op lock on SQLite, which serialises writes anyway).
        Page.objects.select_for_update().filter(pk=index.pk).first()
        # Plain values, not pages: comparing 10,000 rows must not build 10,000 page objects.
        existing = {
            current["organisation_id"]: current
            for current in SignatoryPage.objects.filter(
                locale_id=index.locale_id, alias_of__isnull=True, organisation_id__in=list(seen)
            ).values("pk", "translation_key", *TEXT_FIELDS, *FACT_FIELDS)
        }
        to_create, to_update = [], []
        for line, values in cleaned:
            current = existing.get(values["organisation_id"])
            if current is None:
                to_create.append((line, values))
                report.created.append((line, values["organisation_id"], values["title"]))
                continue
            changes = changed_fields(current, values)
            if changes:
                to_update.append((current, values))
                report.updated.append((line, values["organisation_id"], values["title"], changes))
            else:
                report.unchanged.append((line, values["organisation_id"]))
        report.timings["compare"] = time.perf_counter() - started
        if dry_run:
            return report

        created = _create(index, to_create, user, report)
        updated = _update(to_update, user)
        report.timings["write"] = time.perf_counter() - started
        if update_search_index and (created or updated):
            # From the pages in memory: reading 40,000 pages back would cost as much as indexing them.
            index_pages(itertools.chain(map(_page_from_row, created), updated))
        report.timings["search index"] = time.perf_counter() - started
    return report


def _directories(index):
    """{locale id: the directory page of that locale} for the index and its translations or aliases."""
    return {
        page.locale_id: page
        for page in SignatoryIndexPage.objects.filter(translation_key=index.translation_key).select_related("locale")
    }


def _create(index, to_create, user, report):
    if not to_create:
        return []
    directories = _directories(index)
    siblings = Q()
    for directory in directories.values():
        siblings |= Q(path__startswith=directory.path, depth=directory.depth + 1)
    taken = set(Page.objects.filter(siblings).values_list("slug", flat=True))
    now = timezone.now()
    today = timezone.localdate()
    common = {
        "content_type_id": ContentType.objects.get_for_model(SignatoryPage).pk,
        "numchild": 0,
        "live": True,
        "has_unpublished_changes": False,
        "first_published_at": now,
        "last_published_at": now,
        "owner_id": user.pk if user else None,
    }
    allocators = {locale_id: PathAllocator(directory) for locale_id, directory in directories.items()}
    inserter = RowInserter()
    sources = []
    for _line, values in to_create:
        slug = _slug_for(values, taken)
        sources.append(
            {
                **common,
                **values,
                "slug": slug,
                "draft_title": values["title"],
                "name_sort": fold(values["title"])[:255],
                "locale_id": index.locale_id,
                "translation_key": uuid.uuid4(),
                "path": allocators[index.locale_id].take(),
                "depth": index.depth + 1,
                "url_path": f"{index.url_path}{slug}/",
            }
        )
    inserter.insert(sources)

    # Each other locale's tree gets an alias of each new page, as wagtail-localize would make.
    aliases = []
    for locale_id, directory in directories.items():
        if locale_id == index.locale_id:
            continue
        for source in sources:
            aliases.append(
                {
                    **source,
                    "locale_id": locale_id,
                    "alias_of_id": source["id"],
                    "path": allocators[locale_id].take(),
                    "depth": directory.depth + 1,
                    "url_path": f"{directory.url_path}{source['slug']}/",
                }
            )
    inserter.insert(aliases)
    report.aliases = len(aliases)

    SignatoryStatusChange.objects.bulk_create(
        [
            SignatoryStatusChange(page_id=row["id"], status=row["status"], date=row["adhesion_date"] or today)
            for row in sources + aliases
        ],
        batch_size=1000,
    )
    for directory in directories.values():
        Page.objects.filter(pk=directory.pk).update(
            numchild=Page.objects.filter(path__startswith=directory.path, depth=directory.depth + 1).count()
        )
    return sources + aliases


@functools.cache
def _signatory_attnames():
    return frozenset(model_field.attname for model_field in SignatoryPage._meta.concrete_fields)


def _page_from_row(row):
    """The SignatoryPage of a row that RowInserter has just written."""
    attnames = _signatory_attnames()
    page = SignatoryPage(**{name: value for name, value in row.items() if name in attnames})
    page._state.adding = False
    page._state.db = connection.alias
    return page


def _update(to_update, user):
    """Write the new values to each updated page and to its versions in the other locales; returns
    the pages written."""
    if not to_update:
        return []
    today = timezone.localdate()
    sources = {current["pk"]: values for current, values in to_update}
    by_key = {current["translation_key"]: values for current, values in to_update}
    changed_pages, history, revised = [], [], []
    for version in SignatoryPage.objects.filter(translation_key__in=list(by_key)):
        values = by_key[version.translation_key]
        # Facts follow the source everywhere; names and regions wherever nobody translated them.
        translated = version.pk not in sources and version.alias_of_id is None
        fields = FACT_FIELDS if translated else FACT_FIELDS + TEXT_FIELDS
        if version.status != values["status"]:
            history.append(SignatoryStatusChange(page_id=version.pk, status=values["status"], date=today))
        for name in fields:
            setattr(version, name, values[name])
        if not translated:
            version.draft_title = version.title
            version.name_sort = fold(version.title)[:255]
        version.last_published_at = timezone.now()
        changed_pages.append(version)
        if version.pk in sources and version.latest_revision_id:
            revised.append(version)
    SignatoryPage.objects.bulk_update(
        changed_pages,
        [*FACT_FIELDS, *TEXT_FIELDS, "draft_title", "name_sort", "last_published_at"],
        batch_size=500,
    )
    SignatoryStatusChange.objects.bulk_create(history, batch_size=1000)
    _record_revisions(revised, user)
    return changed_pages


def index_pages(pages, chunk=5000):
    """Add or update `pages` (an iterable of SignatoryPage) in every search backend, `chunk` at a time
    (the database backends refresh their title norms once, after the last chunk)."""
    backends = list(get_search_backends(with_auto_update=True))
    pages = iter(pages)
    with bulk_indexing(backends):
        while batch := list(itertools.islice(pages, chunk)):
            for backend in backends:
                backend.add_bulk(SignatoryPage, batch)


def _record_revisions(pages, user):
    """A new published revision for each updated page that has revisions (edited in the admin), so
    the editor opens the imported values rather than the older revision's."""
    if not pages:
        return
    now = timezone.now()
    content_type = ContentType.objects.get_for_model(SignatoryPage)
    base_content_type = ContentType.objects.get_for_model(Page)
    pages = list(SignatoryPage.objects.filter(pk__in=[page.pk for page in pages]))  # with their child relations
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=str(page.pk),
                created_at=now,
                user=user,
                object_str=page.title,
                content=page.serializable_data(),
            )
            for page in pages
        ]
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = now
    Page.objects.bulk_update(pages, ["latest_revision", "live_revision", "latest_revision_created_at"])
