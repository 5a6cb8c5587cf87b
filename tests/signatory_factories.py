"""Factories for signatory pages, and CSV files for the import."""

import csv
import io
import random
from datetime import date
from decimal import Decimal

import factory
import wagtail_factories

from signatories.exports import COLUMN_NAMES
from signatories.models import MonitoringReport, SignatoryIndexPage, SignatoryPage
from tests.factories import english_home, index_of, locale


class SignatoryIndexPageFactory(wagtail_factories.PageFactory):
    parent = factory.LazyFunction(english_home)
    title = "Signatories"
    slug = "signatories"
    introduction = "Every local authority of the network."

    class Meta:
        model = SignatoryIndexPage


class SignatoryPageFactory(wagtail_factories.PageFactory):
    parent = index_of(SignatoryIndexPageFactory)
    title = factory.Sequence(lambda n: f"Town {n}")
    organisation_id = factory.Sequence(lambda n: f"ORG{n:05d}")
    country = "TR"
    region = "Aydın"
    population = 50_000
    population_year = 2023
    latitude = Decimal("37.860000")
    longitude = Decimal("27.260000")
    adhesion_date = date(2019, 3, 1)
    status = "adhesion"

    class Meta:
        model = SignatoryPage


class MonitoringReportFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(SignatoryPageFactory)
    year = 2020
    emissions = Decimal("90000")
    actions_completed = 5
    actions_ongoing = 3
    actions_not_started = 2

    class Meta:
        model = MonitoringReport


COUNTRIES = ["TR", "LV", "LT", "PL", "RO", "HU", "ES", "PT", "GR", "AL"]


def csv_row(n, **overrides):
    """One valid import row, different for each n, with every column of the export."""
    rng = random.Random(n)
    commitment_2030 = n % 2 == 0
    row = dict.fromkeys(COLUMN_NAMES, "")
    row.update(
        organisation_id=f"IMP{n:06d}",
        name=f"Municipality {n}",
        country_code=COUNTRIES[n % len(COUNTRIES)],
        region=f"Region {n % 40}",
        latitude=f"{36 + rng.random() * 20:.6f}",
        longitude=f"{-9 + rng.random() * 45:.6f}",
        population=str(1_000 + (n * 7919) % 2_000_000),
        population_year="2023",
        signatory_status=["adhesion", "action_plan_submitted", "monitoring", "on_hold", "suspended"][n % 5],
        adhesion_type="individual" if n % 7 else "group",
        date_of_adhesion=f"{2009 + n % 15}-{1 + n % 12:02d}-{1 + n % 28:02d}",
        commitment_2020="1" if n % 3 == 0 else "0",
        commitment_2030="1" if commitment_2030 else "0",
        target_2030_percent="40" if commitment_2030 else "",
        commitment_2050="1" if n % 4 == 0 else "0",
        commitment_adaptation="1" if n % 5 == 0 else "0",
        commitment_energy_poverty="1" if n % 6 == 0 else "0",
        baseline_year="2015",
        baseline_emissions_tco2e=str(10_000 + n),
        action_plan_status="submitted" if n % 2 else "not_submitted",
        action_plan_submission_date="2021-05-01" if n % 2 else "",
        mayor=f"Mayor {n}",
        website=f"https://municipality-{n}.example.org/",
        demo_data="1",
    )
    row.update(overrides)
    return row


def csv_file(rows, columns=None):
    """The text of a CSV file holding `rows` (dictionaries)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns or COLUMN_NAMES, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def import_rows_for(rows):
    """The (line number, row) pairs the importer reads from a file of `rows`."""
    return [(position + 2, {key: str(value) for key, value in row.items()}) for position, row in enumerate(rows)]


def make_directory(homes):
    """{language code: SignatoryIndexPage}: the English directory, translated into Turkish,
    and aliases of it in the other languages (as the demo and wagtail-localize make them)."""
    from core.translation import synchronise_trees, translate

    index = SignatoryIndexPageFactory(parent=homes["en"])
    if "tr" in homes:
        translate(index, locale("tr"), {"Signatories": "İmzacılar", "signatories": "imzacilar"})
    synchronise_trees()
    return {
        code: SignatoryIndexPage.objects.get(translation_key=index.translation_key, locale__language_code=code)
        for code in homes
    }


def in_locale(page, code):
    """The version of `page` in a language (its translation or its alias)."""
    return type(page).objects.get(translation_key=page.translation_key, locale__language_code=code)
