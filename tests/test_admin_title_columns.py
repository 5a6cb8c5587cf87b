"""The listings of partnership requests and applications lead from their first column to the
record's inspect view (its history and next steps), with the row's buttons and the column's
sorting as Wagtail's own title column has them (core.admin_columns.InspectTitleColumn)."""

import pytest
from bs4 import BeautifulSoup

from tests.application_factories import ApplicationFactory
from tests.twinning_factories import PartnershipRequestFactory

pytestmark = pytest.mark.django_db


def first_cell(admin_client, listing_url, pk):
    html = BeautifulSoup(admin_client.get(listing_url).content, "html.parser")
    rows = [row for row in html.select("tbody tr") if row.find("a", href=lambda href: href and f"/{pk}/" in href)]
    assert len(rows) == 1
    return html, rows[0].find("td")


@pytest.mark.parametrize(
    ("listing_url", "make", "field", "heading"),
    [
        (
            "/admin/twinning/requests/",
            lambda: PartnershipRequestFactory(title="Sinop seeks a partner"),
            "title",
            "Title",
        ),
        (
            "/admin/applications/",
            lambda: ApplicationFactory(organisation="Marmara Municipalities Union"),
            "organisation",
            "Organisation",
        ),
    ],
)
def test_the_title_leads_to_the_inspect_view_with_the_row_buttons(admin_client, listing_url, make, field, heading):
    record = make()
    html, cell = first_cell(admin_client, listing_url, record.pk)
    title = cell.find("a", string=lambda text: text and getattr(record, field) in text)
    assert title["href"] == f"{listing_url}inspect/{record.pk}/"
    buttons = {link["href"] for link in cell.select("[data-controller~='w-dropdown'] a")}
    assert f"{listing_url}edit/{record.pk}/" in buttons  # the row's "More" menu, as in any listing
    sort = html.select("table.listing thead th a")[0]
    assert sort.get_text(strip=True) == heading and f"ordering={field}" in sort["href"]
