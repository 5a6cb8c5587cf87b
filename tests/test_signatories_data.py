"""Open data and the CSV import: exports parsed back, and the import's upsert, checks, dry run and bulk writes."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from signatories.exports import COLUMN_NAMES
from signatories.importer import ImportRejected, import_rows, read_csv
from signatories.models import SignatoryPage, SignatoryStatusChange
from tests.signatory_factories import (
    MonitoringReportFactory,
    SignatoryPageFactory,
    csv_file,
    csv_row,
    import_rows_for,
    make_directory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_signatories_data"),
]


@pytest.fixture
def directories(site_tree):
    return make_directory(site_tree)


@pytest.fixture
def directory(directories):
    return directories["en"]


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode("utf-8")


def parse_csv(text):
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


class TestExports:
    @pytest.fixture
    def signatories(self, directory):
        kusadasi = SignatoryPageFactory(
            parent=directory,
            title="Kuşadası",
            slug="kusadasi",
            organisation_id="TR-KUSADASI",
            country="TR",
            region="Aydın",
            population=134_000,
            population_year=2023,
            latitude=Decimal("37.857900"),
            longitude=Decimal("27.261000"),
            status="action_plan_submitted",
            adhesion_type="individual",
            adhesion_date=date(2016, 3, 14),
            commitment_2030=True,
            target_2030_percent=40,
            commitment_adaptation=True,
            baseline_year=2015,
            baseline_emissions=Decimal("410000.0"),
            action_plan_status="submitted",
            action_plan_submitted_on=date(2018, 6, 20),
            mayor='=HYPERLINK("http://evil")',
            website="https://www.kusadasi.bel.tr/",
        )
        MonitoringReportFactory(page=kusadasi, year=2019, emissions=Decimal("395000"))
        MonitoringReportFactory(page=kusadasi, year=2022, emissions=Decimal("370000"))
        SignatoryPageFactory(
            parent=directory,
            title="Sinaia",
            slug="sinaia",
            organisation_id="RO-SINAIA",
            country="RO",
            latitude=None,
            longitude=None,
            population=None,
            population_year=None,
            adhesion_date=None,
        )
        return kusadasi

    def test_csv_columns_and_values(self, client, directory, signatories):
        response = client.get(directory.url + "data/csv/")
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == 'attachment; filename="signatories-en.csv"'
        rows = parse_csv(body(response))
        assert list(rows[0]) == COLUMN_NAMES
        row = next(row for row in rows if row["organisation_id"] == "TR-KUSADASI")
        assert row["name"] == "Kuşadası"
        assert row["country_code"] == "TR"
        assert row["country_name"] == "Türkiye"
        assert (row["latitude"], row["longitude"]) == ("37.8579", "27.261")
        assert row["population"] == "134000"
        assert row["signatory_status"] == "action_plan_submitted"
        assert row["date_of_adhesion"] == "2016-03-14"
        assert (row["commitment_2030"], row["target_2030_percent"], row["commitment_2050"]) == ("1", "40", "0")
        assert row["baseline_emissions_tco2e"] == "410000"
        assert (row["latest_monitoring_year"], row["latest_emissions_tco2e"]) == ("2022", "370000")
        assert row["mayor"] == '\'=HYPERLINK("http://evil")'  # not run as a formula by a spreadsheet
        assert row["url"] == "http://testserver/en/signatories/kusadasi/"
        empty = next(row for row in rows if row["organisation_id"] == "RO-SINAIA")
        assert (empty["latitude"], empty["population"], empty["date_of_adhesion"]) == ("", "", "")

    def test_json_is_typed_and_filtered(self, client, directory, signatories):
        data = json.loads(body(client.get(directory.url + "data/json/?country=TR")))
        assert data["count"] == 1
        assert data["columns"] == COLUMN_NAMES
        (record,) = data["results"]
        assert record["organisation_id"] == "TR-KUSADASI"
        assert record["latitude"] == pytest.approx(37.8579)
        assert record["population"] == 134000
        assert record["commitment_2030"] is True and record["commitment_2050"] is False
        assert record["date_of_adhesion"] == "2016-03-14"
        assert record["baseline_emissions_tco2e"] == 410000.0

    def test_geojson_holds_the_signatories_with_coordinates(self, client, directory, signatories):
        data = json.loads(body(client.get(directory.url + "data/geojson/")))
        assert data["type"] == "FeatureCollection"
        (feature,) = data["features"]  # Sinaia has no coordinates
        assert feature["geometry"] == {"type": "Point", "coordinates": [27.261, 37.8579]}
        assert feature["properties"]["name"] == "Kuşadası"
        assert feature["properties"]["url"] == "http://testserver/en/signatories/kusadasi/"
        assert feature["properties"]["status_label"] == "Action plan submitted"

    def test_exports_in_another_language_list_that_language_s_pages(self, client, directories, signatories):
        from core.translation import synchronise_trees

        synchronise_trees()
        rows = parse_csv(body(client.get(directories["tr"].url + "data/csv/")))
        assert {row["organisation_id"] for row in rows} == {"TR-KUSADASI", "RO-SINAIA"}
        row = next(row for row in rows if row["organisation_id"] == "RO-SINAIA")
        assert row["country_name"] == "Romanya"
        assert row["url"].startswith("http://testserver/tr/imzacilar/")
        data = json.loads(body(client.get(directories["ru"].url + "data/geojson/")))
        assert data["features"][0]["properties"]["country_name"] == "Турция"

    def test_directory_links_to_the_filtered_downloads_and_documents_the_columns(self, client, directory):
        html = client.get(directory.url + "?country=TR&plan=yes").content.decode()
        assert f'href="{directory.url}data/csv/?country=TR&amp;plan=yes"' in html
        assert f'href="{directory.url}data/json/?country=TR&amp;plan=yes"' in html
        # The columns are documented on a page of their own, linked from the downloads.
        assert f'href="{directory.url}data/"' in html
        assert "<code>" not in html
        documentation = client.get(directory.url + "data/").content.decode()
        for column in COLUMN_NAMES:
            assert f"<code>{column}</code>" in documentation, column

    def test_an_exported_file_imports_back_unchanged(self, client, directory, signatories):
        exported = body(client.get(directory.url + "data/csv/"))
        report = import_rows(read_csv(io.StringIO(exported)))
        assert report.created == [] and report.updated == []
        assert len(report.unchanged) == 2


class TestImport:
    def test_a_good_file_creates_published_pages_and_aliases(self, client, directories):
        report = import_rows(import_rows_for([csv_row(n) for n in range(5)]))
        assert [organisation_id for _line, organisation_id, _name in report.created] == [
            f"IMP{n:06d}" for n in range(5)
        ]
        assert report.aliases == 15  # tr (a translation of the directory), tk and ru (aliases)
        page = SignatoryPage.objects.get(organisation_id="IMP000002", locale__language_code="en")
        assert page.live and page.title == "Municipality 2" and page.slug == "municipality-2"
        assert page.country.code == "LT" and page.population == 1_000 + 2 * 7919
        assert page.get_parent().specific == directories["en"]
        assert page.status_history.get().status == page.status
        for code in ["tr", "tk", "ru"]:
            alias = SignatoryPage.objects.get(translation_key=page.translation_key, locale__language_code=code)
            assert alias.alias_of_id == page.pk
            assert alias.get_parent().specific == directories[code]
            assert client.get(alias.url).status_code == 200
        assert client.get(page.url).status_code == 200
        # The tree stays consistent for treebeard and Wagtail.
        assert Page.find_problems() == ([], [], [], [], [])
        directories["en"].refresh_from_db()
        assert directories["en"].numchild == directories["en"].get_children().count() == 5

    def test_new_pages_are_searchable(self, directories):
        import_rows(import_rows_for([csv_row(7, name="Lüleburgaz")]))
        results = SignatoryPage.objects.live().filter(locale_id=directories["en"].locale_id).search("Lüleburgaz")
        assert [page.title for page in results] == ["Lüleburgaz"]

    def test_reimport_changes_nothing(self, directories):
        rows = import_rows_for([csv_row(n) for n in range(5)])
        import_rows(rows)
        before = list(Page.objects.order_by("pk").values())
        history = SignatoryStatusChange.objects.count()
        report = import_rows(rows)
        assert (report.created, report.updated, len(report.unchanged)) == ([], [], 5)
        assert list(Page.objects.order_by("pk").values()) == before
        assert SignatoryStatusChange.objects.count() == history

    def test_changed_rows_update_every_language_and_record_the_status(self, directories):
        import_rows(import_rows_for([csv_row(n) for n in range(3)]))
        from core.translation import translate
        from tests.factories import locale

        source = SignatoryPage.objects.get(organisation_id="IMP000001", locale__language_code="en")
        translate(source, locale("tr"), {"Municipality 1": "Belediye 1"})
        changed = csv_row(1, name="Municipality One", population="12345", signatory_status="monitoring")
        report = import_rows(import_rows_for([csv_row(0), changed, csv_row(2)]))
        ((_line, organisation_id, _name, fields),) = report.updated
        assert organisation_id == "IMP000001"
        assert set(fields) == {"title", "population", "status"}
        versions = {
            page.locale.language_code: page
            for page in SignatoryPage.objects.filter(translation_key=source.translation_key).select_related("locale")
        }
        assert {page.population for page in versions.values()} == {12345}
        assert {page.status for page in versions.values()} == {"monitoring"}
        assert versions["en"].title == versions["ru"].title == "Municipality One"
        assert versions["tr"].title == "Belediye 1"  # a translator's title is kept
        assert versions["en"].slug == "municipality-1"  # addresses do not change
        assert versions["en"].status_history.order_by("date").last().status == "monitoring"

    def test_bad_rows_are_reported_and_nothing_is_written(self, directories):
        rows = [
            csv_row(0),
            csv_row(1, country_code="XX"),
            csv_row(2, date_of_adhesion="31/12/2019"),
            csv_row(3, population="lots"),
            csv_row(4, latitude="123.5"),
            csv_row(5, population="999999999999"),
            csv_row(6, commitment_2030="1", target_2030_percent=""),
            csv_row(7, signatory_status="deleted"),
            csv_row(8, organisation_id="IMP000000"),
            csv_row(9, website="javascript:alert(1)"),
            csv_row(10, name=""),
            csv_row(11, commitment_2050="perhaps"),
            csv_row(12, date_of_adhesion="2999-01-01"),
        ]
        pages_before = Page.objects.count()
        with pytest.raises(ImportRejected) as rejected:
            import_rows(import_rows_for(rows))
        reasons = {line: reason for line, _organisation_id, reason in rejected.value.report.rejected}
        assert sorted(reasons) == list(range(3, 15))  # line 2 (the first row) is good
        assert "country_code: 'XX'" in reasons[3]
        assert "date_of_adhesion: '31/12/2019' is not a date" in reasons[4]
        assert "population: 'lots' is not a whole number" in reasons[5]
        assert "latitude" in reasons[6]
        assert "population: 999999999999 is outside" in reasons[7]
        assert "target_2030_percent: required" in reasons[8]
        assert "signatory_status: 'deleted'" in reasons[9]
        assert "already on line 2" in reasons[10]
        assert "website" in reasons[11]
        assert "name: empty" in reasons[12]
        assert "commitment_2050" in reasons[13]
        assert "between 1990 and today" in reasons[14]
        assert Page.objects.count() == pages_before

    def test_dry_run_writes_nothing(self, directories):
        pages_before = Page.objects.count()
        report = import_rows(import_rows_for([csv_row(n) for n in range(4)]), dry_run=True)
        assert len(report.created) == 4 and report.dry_run
        assert Page.objects.count() == pages_before

    def test_semicolon_files_with_a_bom_and_decimal_commas(self, directories):
        text = "\ufefforganisation_id;name;country_code;latitude;longitude\nLV-1;Rēzekne;lv;56,5099;27,3332\n"
        rows = read_csv(io.BytesIO(text.encode("utf-8")))
        import_rows(rows)
        page = SignatoryPage.objects.get(organisation_id="LV-1", locale__language_code="en")
        assert (page.country.code, page.latitude, page.slug) == ("LV", Decimal("56.509900"), "rezekne")


class TestCommand:
    def write(self, tmp_path, rows, name="signatories.csv"):
        path = tmp_path / name
        path.write_text(csv_file(rows), encoding="utf-8")
        return str(path)

    def test_report_and_timing(self, directories, tmp_path):
        path = self.write(tmp_path, [csv_row(n) for n in range(3)])
        out = io.StringIO()
        call_command("import_signatories", path, "--dry-run", stdout=out)
        assert "Dry run, nothing written: would create 3, would update 0, unchanged 0, rejected 0." in out.getvalue()
        assert not SignatoryPage.objects.exists()
        out = io.StringIO()
        call_command("import_signatories", path, stdout=out)
        assert "Created 3, updated 0, unchanged 0, rejected 0 (9 aliases in other languages)." in out.getvalue()
        assert "Time: " in out.getvalue()
        out = io.StringIO()
        call_command("import_signatories", path, stdout=out)
        assert "Created 0, updated 0, unchanged 3, rejected 0." in out.getvalue()

    def test_rejected_rows_fail_the_command_with_their_line_and_reason(self, directories, tmp_path):
        path = self.write(tmp_path, [csv_row(0), csv_row(1, date_of_adhesion="2019-13-45")])
        err = io.StringIO()
        with pytest.raises(CommandError, match="1 of 2 rows rejected; nothing was written"):
            call_command("import_signatories", path, stderr=err)
        assert "line 3: rejected IMP000001: date_of_adhesion: '2019-13-45' is not a date" in err.getvalue()
        assert not SignatoryPage.objects.exists()

    def test_a_file_without_the_required_columns_is_refused(self, directories, tmp_path):
        path = tmp_path / "bad.csv"
        path.write_text("name,population\nEspiye,39000\n", encoding="utf-8")
        with pytest.raises(CommandError, match="missing column"):
            call_command("import_signatories", str(path))

    def test_a_large_file_is_written_and_indexed_in_bulk(self, directories, tmp_path, django_assert_max_num_queries):
        """1,000 signatories and their 3,000 aliases in a few dozen queries, not one or more per page
        (the time of 10,000 and 100,000 rows is measured by `make bench`)."""
        from django.db import connection

        path = self.write(tmp_path, [csv_row(n, name=f"Çeşme {n}") for n in range(1_000)])
        # SQLite binds at most 999 parameters a statement: its bulk inserts are more, smaller ones.
        budget = 50 if connection.vendor == "postgresql" else 100
        with django_assert_max_num_queries(budget):
            call_command("import_signatories", path, stdout=io.StringIO())
        assert SignatoryPage.objects.filter(locale__language_code="en").count() == 1_000
        assert SignatoryPage.objects.count() == 4_000
        # Every language version is in the search index.
        from wagtail.search.models import IndexEntry

        from search import service as search_service

        page_ids = [str(pk) for pk in SignatoryPage.objects.values_list("pk", flat=True)]
        assert IndexEntry.objects.filter(object_id__in=page_ids).count() == 4_000
        for directory in directories.values():
            results = search_service.search("Çeşme 517", directory.locale)
            assert [hit.page.title for hit in results.hits] == ["Çeşme 517"], directory.locale
