"""The signatory directory: search, every filter and their combinations, sorting, pagination,
bad input, the map's data and a query count that does not grow with the number of signatories."""

import json
import re
from datetime import date
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import cache as content_cache
from core.translation import translate
from signatories.importer import import_rows
from signatories.models import SignatoryNetworkLink, SignatoryPage
from tests.factories import locale
from tests.signatory_factories import SignatoryPageFactory, csv_row, import_rows_for, make_directory
from tests.supporter_factories import SupporterIndexPageFactory, SupporterPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_signatories_directory"),
]

PEOPLE = [
    # title, country, population, status, commitments, action plan status, adhesion date
    ("Kuşadası", "TR", 134_000, "action_plan_submitted", ["commitment_2030", "commitment_adaptation"], "submitted",
     date(2016, 3, 14)),
    ("Konak", "TR", 336_000, "monitoring",
     ["commitment_2030", "commitment_adaptation", "commitment_energy_poverty"], "accepted", date(2014, 10, 8)),
    ("Sinaia", "RO", 9_000, "adhesion", ["commitment_2020"], "not_submitted", date(2013, 6, 18)),
    ("Daugavpils", "LV", 78_000, "monitoring", ["commitment_2020", "commitment_2030"], "accepted", date(2010, 9, 1)),
    ("Mersin", "TR", 1_920_000, "on_hold", ["commitment_2030"], "submitted", date(2015, 5, 20)),
    ("Sopot", "PL", 34_000, "suspended", [], "not_submitted", None),
    ("İzmir", "TR", None, "adhesion", ["commitment_2050"], "not_submitted", date(2020, 1, 1)),
]  # fmt: skip
ALL = {row[0] for row in PEOPLE}


@pytest.fixture
def directories(site_tree):
    directories = make_directory(site_tree)
    for title, country, population, status, commitments, plan, joined in PEOPLE:
        fields = dict.fromkeys(commitments, True)
        if "commitment_2030" in commitments:
            fields["target_2030_percent"] = 40
        SignatoryPageFactory(
            parent=directories["en"],
            title=title,
            country=country,
            population=population,
            population_year=2023 if population else None,
            status=status,
            action_plan_status=plan,
            action_plan_submitted_on=date(2018, 1, 1) if plan != "not_submitted" else None,
            adhesion_date=joined,
            **fields,
        )
    from core.translation import synchronise_trees

    synchronise_trees()
    return directories


@pytest.fixture
def directory(directories):
    return directories["en"]


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def names(html):
    return re.findall(r'<h3 class="signatory-card__name"><a href="[^"]+">([^<]+)</a></h3>', html)


def found(client, directory, query=""):
    return set(names(get(client, directory.url + query)))


class TestFilters:
    def test_without_filters_every_signatory_is_listed_with_the_count(self, client, directory):
        html = get(client, directory.url)
        assert set(names(html)) == ALL
        assert "7 signatories" in html

    EACH_FILTER = [
        ("?q=kusadasi", {"Kuşadası"}),
        ("?q=KUŞADASI", {"Kuşadası"}),
        ("?q=izmir", {"İzmir"}),
        ("?q=IZMIR", {"İzmir"}),
        ("?q=  daugav  ", {"Daugavpils"}),
        ("?q=o", {"Konak", "Sopot"}),
        ("?country=TR", {"Kuşadası", "Konak", "Mersin", "İzmir"}),
        ("?country=tr", {"Kuşadası", "Konak", "Mersin", "İzmir"}),
        ("?country=FR", set()),  # a real country without signatories: no results
        ("?population=lt10k", {"Sinaia"}),
        ("?population=10k-50k", {"Sopot"}),
        ("?population=50k-250k", {"Kuşadası", "Daugavpils"}),
        ("?population=250k-1m", {"Konak"}),
        ("?population=gt1m", {"Mersin"}),
        ("?commitment=commitment_2020", {"Sinaia", "Daugavpils"}),
        ("?commitment=commitment_2030", {"Kuşadası", "Konak", "Daugavpils", "Mersin"}),
        ("?commitment=commitment_2050", {"İzmir"}),
        ("?commitment=commitment_adaptation", {"Kuşadası", "Konak"}),
        ("?commitment=commitment_energy_poverty", {"Konak"}),
        ("?status=monitoring", {"Konak", "Daugavpils"}),
        ("?status=on_hold", {"Mersin"}),
        ("?status=suspended", {"Sopot"}),
        ("?status=adhesion", {"Sinaia", "İzmir"}),
        ("?status=action_plan_submitted", {"Kuşadası"}),
        ("?plan=yes", {"Kuşadası", "Konak", "Daugavpils", "Mersin"}),
        ("?plan=no", {"Sinaia", "Sopot", "İzmir"}),
    ]
    COMBINATIONS = [
        ("?country=TR&commitment=commitment_adaptation", {"Kuşadası", "Konak"}),
        ("?commitment=commitment_2030&commitment=commitment_adaptation", {"Kuşadası", "Konak"}),
        ("?status=monitoring&status=on_hold", {"Konak", "Daugavpils", "Mersin"}),
        ("?country=TR&status=monitoring&status=on_hold", {"Konak", "Mersin"}),
        ("?country=TR&population=gt1m&plan=yes", {"Mersin"}),
        ("?country=TR&population=gt1m&plan=no", set()),
        ("?plan=yes&commitment=commitment_2020", {"Daugavpils"}),
        ("?q=k&country=TR&commitment=commitment_2030&status=monitoring&plan=yes&population=250k-1m", {"Konak"}),
        ("?q=sinaia&country=TR", set()),
    ]

    def test_each_filter(self, client, directory):
        for query, expected in self.EACH_FILTER:
            assert found(client, directory, query) == expected, query

    def test_filters_combine(self, client, directory):
        for query, expected in self.COMBINATIONS:
            assert found(client, directory, query) == expected, query

    def test_filters_work_in_other_languages(self, client, directories):
        assert found(client, directories["tr"], "?country=TR&plan=yes") == {"Kuşadası", "Konak", "Mersin"}
        assert found(client, directories["ru"], "?q=konak") == {"Konak"}

    def test_the_form_is_a_shareable_get_form_that_keeps_its_values(self, client, directory):
        html = get(client, directory.url + "?q=konak&country=TR&commitment=commitment_2030&plan=yes&sort=-population")
        form = re.search(r"<form class=\"directory-filters\"[^>]*>", html).group(0)
        assert 'method="get"' in form and f'action="{directory.url}"' in form
        assert 'name="q" value="konak"' in html
        assert '<option value="TR" selected>' in html
        assert 'value="commitment_2030" id="id_commitment_1" checked' in html
        assert '<option value="yes" selected>' in html
        assert '<option value="-population" selected>' in html
        for label in ["Name", "Country", "Population", "Action plan", "Sort by"]:
            assert re.search(rf'<label for="id_\w+">{label}</label>', html), label

    def test_no_results_is_said_clearly(self, client, directory):
        html = get(client, directory.url + "?q=atlantis")
        assert "0 signatories" in html
        assert "No signatory matches these filters." in html
        assert f'<a href="{directory.url}">Show all signatories</a>' in html


class TestSupporterFilter:
    """Signatories by the supporter (or coordinator) that their profiles name."""

    @pytest.fixture
    def supporters(self, site_tree, directories):
        index = SupporterIndexPageFactory(parent=site_tree["en"])
        marmara = SupporterPageFactory(parent=index, title="Union of Marmara Municipalities", slug="marmara")
        provinces = SupporterPageFactory(parent=index, title="Union of Provinces", slug="provinces")
        SupporterPageFactory(parent=index, title="Nobody's supporter", slug="lonely")  # no signatory names it
        translate(provinces, locale("tr"), {"Union of Provinces": "Vilayetler Birliği", "provinces": "vilayetler"})
        links = {"Konak": [marmara, provinces], "Kuşadası": [marmara], "Mersin": [provinces]}
        for title, pages in links.items():
            signatory = SignatoryPage.objects.get(title=title, locale=locale("en"))
            for supporter in pages:
                role = "coordinator" if supporter is provinces else "supporter"
                SignatoryNetworkLink.objects.create(page=signatory, role=role, supporter_page=supporter)
            signatory.save_revision().publish()  # the aliases in the other languages follow
        # A link by name only (no profile) and one to an unpublished profile are no choices.
        draft = SupporterPageFactory(parent=index, title="Draft supporter", slug="draft", live=False)
        sopot = SignatoryPage.objects.get(title="Sopot", locale=locale("en"))
        SignatoryNetworkLink.objects.create(page=sopot, name="A local association")
        SignatoryNetworkLink.objects.create(page=sopot, supporter_page=draft)
        return {"marmara": marmara, "provinces": provinces}

    def test_each_supporter_lists_the_signatories_that_name_it(self, client, directory, supporters):
        assert found(client, directory, "?supporter=marmara") == {"Konak", "Kuşadası"}
        assert found(client, directory, "?supporter=provinces") == {"Konak", "Mersin"}  # as coordinator too

    def test_it_combines_with_the_other_filters(self, client, directory, supporters):
        assert found(client, directory, "?supporter=marmara&status=monitoring") == {"Konak"}
        assert found(client, directory, "?supporter=provinces&population=gt1m&country=TR") == {"Mersin"}
        assert found(client, directory, "?supporter=marmara&country=RO") == set()

    def test_the_choices_are_the_named_published_profiles_and_the_choice_is_kept(self, client, directory, supporters):
        html = get(client, directory.url + "?supporter=provinces")
        assert '<label for="id_supporter">Supporter</label>' in html
        select = re.search(r'<select name="supporter" id="id_supporter">(.*?)</select>', html, re.S).group(1)
        options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]+)</option>', select)
        assert options == [
            ("", "", "All supporters"),
            ("marmara", "", "Union of Marmara Municipalities"),
            ("provinces", " selected", "Union of Provinces"),
        ]
        assert "2 signatories" in html

    def test_each_language_offers_its_own_names_and_addresses(self, client, directories, supporters):
        html = get(client, directories["tr"].url + "?supporter=vilayetler")
        assert '<option value="vilayetler" selected>Vilayetler Birliği</option>' in html
        assert set(names(html)) == {"Konak", "Mersin"}
        # Where the supporter is not translated, its source name and address.
        assert found(client, directories["ru"], "?supporter=marmara") == {"Konak", "Kuşadası"}
        assert found(client, directories["ru"], "?supporter=provinces") == {"Konak", "Mersin"}

    def test_the_filtered_downloads_and_map_follow_it(self, client, directory, supporters):
        html = get(client, directory.url + "?supporter=marmara")
        assert 'href="/en/signatories/data/csv/?supporter=marmara"' in html
        csv_text = client.get(directory.url + "data/csv/?supporter=marmara").getvalue().decode()
        assert len(csv_text.strip().splitlines()) == 1 + 2
        geojson = client.get(directory.url + "data/geojson/?supporter=provinces").getvalue()
        assert len(json.loads(geojson)["features"]) == 2

    @pytest.mark.parametrize(
        "value",
        [
            "nobody",
            "lonely",  # a supporter that no signatory names
            "draft",  # not published
            "signatories",  # a page, but not a supporter named here
            "vilayetler",  # the Turkish address, in the English directory
            "%27%20OR%201%3D1--",
            "marmara%00",
            "x" * 300,
            "",
        ],
    )
    def test_a_value_that_names_no_choice_is_ignored_and_said_so(self, client, directory, supporters, value):
        html = get(client, directory.url + f"?supporter={value}")
        assert set(names(html)) == ALL
        if value:
            assert "Some filters were not understood and have been ignored: Supporter." in html

    def test_without_any_named_supporter_the_field_is_not_shown(self, client, directory):
        html = get(client, directory.url + "?supporter=marmara")
        assert 'name="supporter"' not in html
        assert set(names(html)) == ALL


class TestSorting:
    def test_default_sort_is_by_name_ignoring_turkish_letters(self, client, directory):
        assert names(get(client, directory.url)) == [
            "Daugavpils",
            "İzmir",
            "Konak",
            "Kuşadası",
            "Mersin",
            "Sinaia",
            "Sopot",
        ]

    def test_sort_by_population_puts_unknown_last(self, client, directory):
        order = names(get(client, directory.url + "?sort=-population"))
        assert order[:3] == ["Mersin", "Konak", "Kuşadası"]
        assert order[-1] == "İzmir"
        assert names(get(client, directory.url + "?sort=population"))[:2] == ["Sinaia", "Sopot"]

    def test_sort_by_adhesion_and_country(self, client, directory):
        assert names(get(client, directory.url + "?sort=adhesion"))[0] == "Daugavpils"
        assert names(get(client, directory.url + "?sort=-adhesion"))[0] == "İzmir"
        assert names(get(client, directory.url + "?sort=country"))[0] == "Daugavpils"  # LV < PL < RO < TR
        assert names(get(client, directory.url + "?sort=-name"))[0] == "Sopot"


class TestPagination:
    @pytest.fixture
    def small_pages(self, directory):
        directory.per_page = 5
        directory.save_revision().publish()
        return directory

    def test_pages_show_the_result_count_and_keep_the_filters(self, client, small_pages):
        html = get(client, small_pages.url + "?sort=-name&commitment=bogus")
        assert "Showing 1–5 of 7." in html
        assert "Page 1 of 2" in html
        link = re.search(r'<a href="([^"]+)" rel="next">', html).group(1)
        assert unquote(link.replace("&amp;", "&")) == "?sort=-name&page=2"  # the unknown value is not echoed
        html = get(client, small_pages.url + "?sort=-name&page=2")
        assert names(html) == ["İzmir", "Daugavpils"]
        assert "Showing 6–7 of 7." in html

    def test_bad_page_numbers_show_a_page(self, client, small_pages):
        for page in ["0", "-1", "abc", "99999999999999999999999", "2.5", "1e9", "%00", "3"]:
            assert names(get(client, small_pages.url + f"?page={page}")), page


class TestBadInput:
    BAD_QUERIES = [
        "?country=ZZ",
        "?country=TUR",
        "?country=%27%20OR%201%3D1--",
        "?population=999999999999999999999",
        "?population=-5",
        "?commitment=commitment_2030%27--",
        "?status=deleted",
        "?status[]=monitoring",
        "?plan=maybe",
        "?sort=title;DROP TABLE wagtailcore_page",
        "?sort=__class__",
        "?q=" + "x" * 500,
        "?q=%00",
        "?q=%27%3B%20DROP%20TABLE%20wagtailcore_page%3B--",
        "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "?q=%25",
        "?q=_",
        "?country=TR&country=%00",
        "?page=1&page=abc",
    ]

    def test_bad_values_never_fail(self, client, directory):
        for query in self.BAD_QUERIES:
            html = get(client, directory.url + query)
            assert "<script>alert" not in html, query

    def test_unknown_values_are_ignored_and_said_so(self, client, directory):
        html = get(client, directory.url + "?country=ZZ&status=deleted&status=monitoring")
        assert set(names(html)) == {"Konak", "Daugavpils"}  # the known status applies, the rest is ignored
        assert "Some filters were not understood and have been ignored: Country, Status." in html

    def test_percent_and_underscore_are_matched_literally(self, client, directory):
        assert found(client, directory, "?q=%25") == set()
        assert found(client, directory, "?q=_") == set()

    def test_unknown_filter_values_do_not_break_exports(self, client, directory):
        for route in ["data/csv/", "data/json/", "data/geojson/"]:
            response = client.get(directory.url + route + "?country=ZZ&sort=%00&population=huge&q=%00")
            assert response.status_code == 200, route


class TestKeyFigures:
    def test_key_figures_describe_the_filtered_results(self, client, directory):
        html = get(client, directory.url + "?country=TR")
        figures = re.search(r'<section class="key-figures".*?</section>', html, re.S).group(0)
        values = dict(re.findall(r"<dt>([^<]+)</dt>\s*<dd>([^<]+)</dd>", figures))
        assert values["Signatories"] == "4"
        assert values["Countries"] == "1"
        assert values["Population covered"] == "2,390,000"
        assert values["2030 mitigation"] == "3"
        assert values["2050 climate neutrality"] == "1"


class TestMap:
    def test_map_is_fed_by_the_filtered_geojson_and_served_from_this_site(self, client, directory):
        html = get(client, directory.url + "?country=TR")
        geojson = re.search(r'data-geojson="([^"]+)"', html).group(1).replace("&amp;", "&")
        assert geojson == directory.url + "data/geojson/?country=TR"
        assert 'src="/static/signatories/leaflet/leaflet.js"' in html
        assert 'href="/static/signatories/leaflet/leaflet.css"' in html
        assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
        response = client.get(geojson)
        assert response["Content-Type"] == "application/geo+json"

    def test_the_map_is_hidden_without_javascript(self, client, directory):
        html = get(client, directory.url)
        assert re.search(r'<div class="signatory-map" id="signatory-map" hidden', html)


class TestQueryCount:
    def test_directory_queries_do_not_grow_with_the_number_of_signatories(self, client, site_tree):
        directories = make_directory(site_tree)
        supporters = SupporterIndexPageFactory(parent=site_tree["en"])
        marmara = SupporterPageFactory(parent=supporters, title="Union of Marmara Municipalities", slug="marmara")

        def add_signatories(numbers):
            import_rows(import_rows_for([csv_row(n) for n in numbers]), update_search_index=False)
            # Every other new signatory names the supporter.
            SignatoryNetworkLink.objects.bulk_create(
                SignatoryNetworkLink(page=page, supporter_page=marmara)
                for page in SignatoryPage.objects.filter(
                    organisation_id__in=[f"IMP{n:06d}" for n in numbers[::2]], alias_of__isnull=True
                )
            )

        def count(url, *, cold=False):
            client.get(url)  # warm the site-root and menu caches
            if cold:  # ...or not: the directory's choices, count and key figures computed again
                content_cache.new_generation()
                client.get("/en/")  # the chrome again, not what is measured
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200
            return len(queries)

        urls = [
            directories["en"].url,
            directories["tr"].url + "?country=TR&sort=-population",
            directories["ru"].url + "?commitment=commitment_2030&plan=yes&page=2",
            directories["en"].url + "?supporter=marmara&sort=-population&page=2",
            directories["tk"].url + "?supporter=marmara&status=monitoring",
        ]
        add_signatories(range(10))
        small = [count(url) for url in urls] + [count(url, cold=True) for url in urls]
        add_signatories(range(10, 1000))
        large = [count(url) for url in urls] + [count(url, cold=True) for url in urls]
        assert small == large
        assert max(large) <= 25
        html = client.get(urls[3]).content.decode()
        assert '<option value="marmara" selected>' in html
        assert "500 signatories" in html

    def test_profile_queries_do_not_grow_with_reports(self, client, directory):
        from tests.signatory_factories import MonitoringReportFactory

        page = SignatoryPageFactory(parent=directory, baseline_year=2010, baseline_emissions=Decimal("1000"))
        MonitoringReportFactory(page=page, year=2012, emissions=Decimal("900"))

        def count():
            client.get(page.url)
            with CaptureQueriesContext(connection) as queries:
                client.get(page.url)
            return len(queries)

        few = count()
        for year in range(2013, 2023):
            MonitoringReportFactory(page=page, year=year, emissions=Decimal("800"))
        assert count() == few
