"""Open data: the columns of the CSV, JSON and GeoJSON exports of the directory.

Column names follow the JRC Covenant of Mayors dataset where it has one (organisation_id,
name, country_code, latitude, longitude, population, signatory_status, adhesion_type,
date_of_adhesion); docs/open-data.md documents every column. The CSV import reads the same
names, so an exported file can be imported back unchanged.
"""

import csv
import io
import json
from decimal import Decimal

from django.db.models import F, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from core.spreadsheets import neutralise

from .countries import country_name
from .models import MonitoringReport, SignatoryStatus

# (column, model field or annotation, kind, description)
COLUMNS = [
    ("organisation_id", "organisation_id", "text", _("Identifier of the local authority in the directory.")),
    ("name", "title", "text", _("Name of the local authority.")),
    ("country_code", "country", "text", _("ISO 3166-1 alpha-2 code of the country, e.g. TR.")),
    ("country_name", None, "text", _("Name of the country in the language of the download.")),
    ("region", "region", "text", _("Region or province.")),
    ("latitude", "latitude", "number", _("Latitude in decimal degrees (WGS 84).")),
    ("longitude", "longitude", "number", _("Longitude in decimal degrees (WGS 84).")),
    ("population", "population", "integer", _("Number of inhabitants.")),
    ("population_year", "population_year", "integer", _("Year of the population figure.")),
    (
        "signatory_status",
        "status",
        "text",
        _("adhesion, action_plan_submitted, monitoring, on_hold or suspended."),
    ),
    ("adhesion_type", "adhesion_type", "text", _("individual, or group (of neighbouring authorities).")),
    ("date_of_adhesion", "adhesion_date", "date", _("Date the authority joined (YYYY-MM-DD).")),
    ("commitment_2020", "commitment_2020", "boolean", _("Committed to cut emissions by 20 percent by 2020.")),
    ("commitment_2030", "commitment_2030", "boolean", _("Committed to reduce emissions by 2030.")),
    ("target_2030_percent", "target_2030_percent", "integer", _("2030 reduction target, in percent of the baseline.")),
    ("commitment_2050", "commitment_2050", "boolean", _("Committed to climate neutrality by 2050.")),
    ("commitment_adaptation", "commitment_adaptation", "boolean", _("Committed to adapt to climate change.")),
    (
        "commitment_energy_poverty",
        "commitment_energy_poverty",
        "boolean",
        _("Committed to alleviate energy poverty."),
    ),
    ("baseline_year", "baseline_year", "integer", _("Year of the baseline emission inventory.")),
    (
        "baseline_emissions_tco2e",
        "baseline_emissions",
        "number",
        _("Baseline emissions in tonnes of CO2 equivalent."),
    ),
    (
        "action_plan_status",
        "action_plan_status",
        "text",
        _("not_submitted, submitted, under_review, accepted or revision_requested."),
    ),
    ("action_plan_submission_date", "action_plan_submitted_on", "date", _("Date the action plan was submitted.")),
    ("latest_monitoring_year", "latest_monitoring_year", "integer", _("Year of the latest monitoring report.")),
    (
        "latest_emissions_tco2e",
        "latest_emissions",
        "number",
        _("Emissions reported in the latest monitoring report (t CO2e)."),
    ),
    ("mayor", "mayor", "text", _("Name of the mayor.")),
    ("website", "website", "text", _("Website of the local authority.")),
    ("demo_data", "is_demo_data", "boolean", _("1/true: example figures of the demo site, not official data.")),
    ("url", None, "text", _("Address of the profile on this site.")),
]
COLUMN_NAMES = [name for name, _field, _kind, _description in COLUMNS]


def export_queryset(queryset):
    """The rows of `queryset` as dictionaries of plain values, fetched in one query."""
    latest = MonitoringReport.objects.filter(page=OuterRef("pk")).order_by("-year", "-sort_order")
    fields = [field for _name, field, _kind, _description in COLUMNS if field and not field.startswith("latest_")]
    return queryset.annotate(
        latest_monitoring_year=Subquery(latest.values("year")[:1]),
        latest_emissions=Subquery(latest.values("emissions")[:1]),
        page_slug=F("slug"),
    ).values(*fields, "latest_monitoring_year", "latest_emissions", "page_slug")


def row_values(values, base_url):
    """{column: value} for one signatory, with Python types (Decimal, date, bool, None)."""
    row = {}
    for name, field, _kind, _description in COLUMNS:
        if name == "country_name":
            row[name] = country_name(values["country"])
        elif name == "url":
            row[name] = f"{base_url}{values['page_slug']}/"
        else:
            row[name] = values[field]
    row["country_code"] = str(row["country_code"] or "")
    return row


def _csv_cell(value, kind):
    if value is None:
        return ""
    if kind == "boolean":
        return "1" if value else "0"
    if kind == "date":
        return value.isoformat()
    if kind == "number":
        return format(Decimal(value).normalize(), "f")
    if kind == "text":
        return neutralise(str(value))
    return str(value)


def csv_lines(rows):
    """The CSV file, line by line, with a byte-order mark so spreadsheets read it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMN_NAMES)
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([_csv_cell(row[name], kind) for name, _field, kind, _description in COLUMNS])
        yield buffer.getvalue()


def _json_value(value, kind):
    if value is None:
        return None
    if kind == "date":
        return value.isoformat()
    if kind == "number":
        return float(value)
    return value


def json_record(row):
    return {name: _json_value(row[name], kind) for name, _field, kind, _description in COLUMNS}


def json_chunks(count, rows):
    """{"count": n, "columns": [...], "results": [...]} written piece by piece."""
    yield f'{{"count": {int(count)}, "columns": {json.dumps(COLUMN_NAMES)}, "results": ['
    for position, row in enumerate(rows):
        yield ("," if position else "") + json.dumps(json_record(row), ensure_ascii=False)
    yield "]}"


def geojson_chunks(rows):
    """A FeatureCollection of the signatories that have coordinates."""
    labels = dict(SignatoryStatus.choices)
    yield '{"type": "FeatureCollection", "features": ['
    first = True
    for row in rows:
        if row["latitude"] is None or row["longitude"] is None:
            continue
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(row["longitude"]), float(row["latitude"])]},
            "properties": {
                "organisation_id": row["organisation_id"],
                "name": row["name"],
                "url": row["url"],
                "country_code": row["country_code"],
                "country_name": row["country_name"],
                "population": row["population"],
                "signatory_status": row["signatory_status"],
                "status_label": str(labels.get(row["signatory_status"], "")),
            },
        }
        yield ("" if first else ",") + json.dumps(feature, ensure_ascii=False)
        first = False
    yield "]}"
