"""The partner finder's pages: open requests and their filters, a request with its suggested
partners and their reasons, suggestions for a signatory, example partnerships; bad query strings
and query counts that do not grow with the number of requests."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network.twinning.choices import RequestStatus
from tests.factories import locale
from tests.hypothesis_profiles import examples
from tests.signatory_factories import SignatoryPageFactory, in_locale, make_directory
from tests.twinning_factories import (  # noqa: F401 - fixtures
    PartnershipRequestFactory,
    TwinningIndexPageFactory,
    TwinningPageFactory,
    add_partners,
    finder_fixture,
    programmes_fixture,
    themes_fixture,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_twinning_listing"),
]
TODAY = timezone.localdate()


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def titles(response):
    return sorted(
        card.find(class_="request-card__title").get_text(strip=True) for card in soup(response).select(".request-card")
    )


@pytest.fixture
def requests_(finder):
    """A small network of open requests, and some that must not be listed."""
    made = {
        "sinop": PartnershipRequestFactory(
            title="Sinop: tourism", sought=["tourism"], offered=["culture"], country="TR", population=45_000,
            programme="twin", languages=["tr", "en"], language="tr",
        ),
        "sopot": PartnershipRequestFactory(
            title="Sopot: waste", sought=["waste"], offered=["tourism"], country="PL", population=34_000,
            programme="netzerocities", languages=["pl", "en"],
        ),
        "mersin": PartnershipRequestFactory(
            title="Mersin: water", sought=["water"], country="TR", population=1_920_000, programme="other",
            other_programme="Sister cities", languages=["tr"], language="tr",
        ),
        "sinaia": PartnershipRequestFactory(
            title="Sinaia: youth", sought=["youth-employment"], country="RO", population=9_000,
            programme="twin", languages=["ro", "en", "fr"],
        ),
    }  # fmt: skip
    for status in (RequestStatus.PENDING, RequestStatus.CLOSED, RequestStatus.REJECTED, RequestStatus.MATCHED):
        PartnershipRequestFactory(title=f"Not listed: {status}", status=status, sought=["tourism"])
    PartnershipRequestFactory(title="Not listed: expired", valid_until=TODAY - timedelta(days=1))
    PartnershipRequestFactory(
        title="Not listed: not yet", valid_from=TODAY + timedelta(days=3), valid_until=TODAY + timedelta(days=90)
    )
    return made


class TestOpenRequests:
    def test_only_open_requests_valid_today_are_listed_newest_first(self, client, finder, requests_):
        response = client.get(finder["en"].url)
        html = soup(response)
        assert html.find(id="finder-results-heading").get_text(strip=True) == "4 open requests"
        assert titles(response) == ["Mersin: water", "Sinaia: youth", "Sinop: tourism", "Sopot: waste"]
        first = html.select(".request-card")[0]
        assert first.find(class_="request-card__title").get_text(strip=True) == "Sinaia: youth"

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"theme": "tourism"}, ["Sinop: tourism", "Sopot: waste"]),  # sought by one, offered by the other
            ({"theme": "culture"}, ["Sinop: tourism"]),
            ({"country": "TR"}, ["Mersin: water", "Sinop: tourism"]),
            ({"population": "lt10k"}, ["Sinaia: youth"]),
            ({"population": "10k-50k"}, ["Sinop: tourism", "Sopot: waste"]),
            ({"population": "gt1m"}, ["Mersin: water"]),
            ({"programme": "twin"}, ["Sinaia: youth", "Sinop: tourism"]),
            ({"programme": "other"}, ["Mersin: water"]),
            ({"language": "en"}, ["Sinaia: youth", "Sinop: tourism", "Sopot: waste"]),
            ({"language": "fr"}, ["Sinaia: youth"]),
            ({"theme": "tourism", "country": "PL", "language": "en"}, ["Sopot: waste"]),
            ({"theme": "water", "population": "lt10k"}, []),
        ],
    )
    def test_each_filter_and_their_combination(self, client, finder, requests_, query, expected):
        response = client.get(finder["en"].url, query)
        assert titles(response) == expected
        html = soup(response)
        for name, value in query.items():
            selected = html.find("select", {"name": name}).find("option", selected=True)
            assert selected["value"] == value
        if not expected:
            assert "No open request matches these filters." in html.get_text()

    @pytest.mark.parametrize(
        "query",
        [
            {"theme": "astrology"},
            {"country": "ZZ"},
            {"population": "huge"},
            {"programme": "erasmus"},
            {"language": "klingon"},
            {"page": "999"},
            {"page": "-1"},
            {"page": "abc"},
            {"theme": ["tourism", "waste"]},
            {"country": "tr"},
            {"theme": "\x00"},
        ],
    )
    def test_values_that_are_not_understood_are_ignored_and_said_so(self, client, finder, requests_, query):
        response = client.get(finder["en"].url, query)
        html = soup(response)
        assert len(html.select(".request-card")) >= 1
        if set(query) - {"page"} and query != {"theme": ["tourism", "waste"]}:
            assert "were not understood" in html.get_text()
        # The links to other pages never carry what was not understood.
        for link in html.select(".pagination a"):
            assert "astrology" not in link["href"]

    @settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        params=st.dictionaries(
            st.sampled_from(["theme", "country", "population", "programme", "language", "page", "near", "kind", "x"]),
            st.text(max_size=30),
            max_size=5,
        )
    )
    def test_no_query_string_breaks_the_listing(self, client, finder, params):
        assert client.get(finder["en"].url, params).status_code == 200

    def test_the_pages_follow_each_other_with_the_filters_kept(self, client, finder):
        for number in range(45):
            PartnershipRequestFactory(title=f"Request {number:02d}", sought=["waste"], country="TR")
        first = soup(client.get(finder["en"].url, {"country": "TR"}))
        assert len(first.select(".request-card")) == 20
        next_link = first.select_one(".pagination a[rel=next]")["href"]
        assert next_link == "?country=TR&page=2"
        last = soup(client.get(finder["en"].url, {"country": "TR", "page": "99"}))
        assert len(last.select(".request-card")) == 5  # past the end: the last page

    def test_in_turkish_the_themes_are_turkish_and_requests_keep_their_own_language(self, client, finder, requests_):
        html = soup(client.get(finder["tr"].url))
        assert html.html["lang"] == "tr"
        theme_options = [option.get_text() for option in html.find("select", {"name": "theme"}).find_all("option")]
        assert "Sürdürülebilir turizm" in theme_options
        cards = {
            card.find(class_="request-card__title").get_text(strip=True): card for card in html.select(".request-card")
        }
        assert cards["Sopot: waste"]["lang"] == "en"
        assert cards["Sinop: tourism"]["lang"] == "tr"
        badges = cards["Sopot: waste"].select(".request-card__themes")[0]
        assert badges["lang"] == "tr"
        assert "Atık ve geri dönüşüm" in badges.get_text()
        assert cards["Sopot: waste"].find("a")["href"] == f"{finder['tr'].url}requests/{requests_['sopot'].pk}/"

    def test_no_contact_address_is_ever_on_the_pages(self, client, finder, requests_):
        pages = [client.get(finder["en"].url), client.get(finder["tr"].url)]
        pages += [client.get(f"{finder['en'].url}requests/{item.pk}/") for item in requests_.values()]
        for response in pages:
            html = response.content.decode()
            for item in requests_.values():
                assert item.contact_email not in html
            assert "@municipality.example" not in html

    def test_example_partnerships_come_from_the_twinning_projects(self, client, finder, site_tree, programmes):
        directory = make_directory(site_tree)
        mentese = SignatoryPageFactory(parent=directory["en"], title="Menteşe")
        elbasan = SignatoryPageFactory(parent=directory["en"], title="Elbasan", country="AL")
        index = TwinningIndexPageFactory(parent=site_tree["en"])
        twinning = TwinningPageFactory(
            parent=index, title="Menteşe – Elbasan", programme=programmes["netzerocities"], theme="climate-energy",
            start_year=2024, end_year=None, status="ongoing",
        )  # fmt: skip
        add_partners(twinning, mentese, elbasan)
        html = soup(client.get(finder["en"].url))
        examples = html.find(id="examples-heading").find_parent("section")
        assert "Menteşe – Elbasan" in examples.get_text()
        assert examples.find("a", string="Elbasan")["href"] == elbasan.url


class TestQueryCounts:
    def count(self, client, url):
        for _warm_up in range(2):  # caches filled and settled (site, menus, routes, the candidate pool)
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    def make(self, number, directory):
        for position in range(number):
            signatory = None
            if position % 3 == 0:
                signatory = SignatoryPageFactory(parent=directory["en"])
            PartnershipRequestFactory(
                signatory=signatory,
                sought=["waste", "tourism"][: 1 + position % 2],
                offered=["culture"] if position % 2 else [],
                languages=["en", "tr"],
            )

    def test_the_listing_costs_the_same_for_5_and_50_requests(self, client, finder, site_tree):
        directory = make_directory(site_tree)
        self.make(5, directory)
        few = self.count(client, finder["en"].url)
        few_filtered = self.count(client, finder["tr"].url + "?theme=waste&language=en&page=2")
        self.make(45, directory)
        assert self.count(client, finder["en"].url) == few
        assert self.count(client, finder["tr"].url + "?theme=waste&language=en&page=2") == few_filtered
        print(f"\nqueries: listing {few}, filtered Turkish listing {few_filtered}")

    def test_a_request_and_its_suggestions_cost_the_same_for_5_and_50_requests(self, client, finder, site_tree):
        directory = make_directory(site_tree)
        target = PartnershipRequestFactory(sought=["waste"], offered=["tourism"])
        self.make(5, directory)
        url = f"{finder['en'].url}requests/{target.pk}/"
        few = self.count(client, url)
        self.make(45, directory)
        assert self.count(client, url) == few
        print(f"\nqueries: request page with suggestions {few}")


class TestRequestPage:
    def test_the_request_shows_its_facts_and_the_best_partners_with_their_reasons(self, client, finder, requests_):
        sinop = requests_["sinop"]
        html = soup(client.get(f"{finder['en'].url}requests/{sinop.pk}/"))
        assert html.find("h1").get_text(strip=True) == "Sinop: tourism"
        assert html.find("h1")["lang"] == "tr"
        facts = html.find(class_="facts").get_text(" ", strip=True)
        assert "Turkey" in facts or "Türkiye" in facts
        assert "45,000" in facts
        suggestions = html.select(".suggestion")
        # Sopot offers what Sinop seeks (tourism): the only request with a theme in common.
        assert suggestions[0].find("a").get_text(strip=True) == requests_["sopot"].authority_name
        reasons = [item.get_text(strip=True) for item in suggestions[0].select(".suggestion__reasons li")]
        assert reasons == [
            "shares 1 theme: Sustainable tourism",
            f"offers what {sinop.authority_name} seeks: Sustainable tourism",
            "similar population",
            "works in English",
        ]
        assert "Score" in suggestions[0].find(class_="badge--score").get_text()
        names = [item.find("a").get_text(strip=True) for item in suggestions]
        assert requests_["mersin"].authority_name not in names  # water only: nothing in common

    def test_the_reasons_name_the_themes_in_the_visitors_language(self, client, finder, requests_):
        html = soup(client.get(f"{finder['tr'].url}requests/{requests_['sinop'].pk}/"))
        reasons = html.select_one(".suggestion .suggestion__reasons").get_text()
        assert "Sürdürülebilir turizm" in reasons

    def test_suggestions_can_prefer_neighbours_or_one_kind_and_ignore_what_they_do_not_understand(
        self, client, finder, requests_, site_tree
    ):
        directory = make_directory(site_tree)
        SignatoryPageFactory(parent=directory["en"], title="Tourist town", commitment_2030=False)
        url = f"{finder['en'].url}requests/{requests_['sopot'].pk}/"
        for query in ({"near": "on"}, {"kind": "authority"}, {"kind": "request"}, {"near": "maybe", "kind": "x"}):
            assert client.get(url, query).status_code == 200
        only_requests = soup(client.get(url, {"kind": "request"}))
        assert {
            badge.get_text(strip=True) for badge in only_requests.select(".suggestion__meta .badge:nth-of-type(2)")
        } <= {"Open request"}

    @pytest.mark.parametrize("status", ["pending", "closed", "rejected"])
    def test_requests_that_are_not_public_are_not_found(self, client, finder, status):
        item = PartnershipRequestFactory(status=status)
        assert client.get(f"{finder['en'].url}requests/{item.pk}/").status_code == 404

    @pytest.mark.parametrize(
        "tail",
        [
            "requests/999999/",
            "requests/99999999999999999999999/",
            "requests/abc/",
            "requests/1/sent/x/",
            "authorities/0/",
            "authorities/99999999999999999999999/",
            "nothing/",
        ],
    )
    def test_unknown_addresses_are_not_found(self, client, finder, tail):
        assert client.get(finder["en"].url + tail).status_code == 404

    def test_an_authority_id_too_long_for_the_database_is_ignored_by_the_form(self, client, finder):
        assert client.get(finder["en"].url + "new/", {"authority": "9" * 25}).status_code == 200

    def test_an_expired_request_stays_readable_without_the_contact_form(self, client, finder):
        item = PartnershipRequestFactory(valid_from=TODAY - timedelta(days=300), valid_until=TODAY - timedelta(days=1))
        html = soup(client.get(f"{finder['en'].url}requests/{item.pk}/"))
        assert "past its end date" in html.get_text()
        assert html.find("form", action=lambda action: action and "/contact/" in action) is None


class TestAuthorityPage:
    @pytest.fixture
    def kusadasi(self, site_tree, finder, programmes):
        directory = make_directory(site_tree)
        kusadasi = SignatoryPageFactory(
            parent=directory["en"], title="Kuşadası", population=134_000, commitment_2030=True, target_2030_percent=40
        )
        sinaia = SignatoryPageFactory(parent=directory["en"], title="Sinaia", country="RO", population=9_000)
        index = TwinningIndexPageFactory(parent=site_tree["en"])
        twinning = TwinningPageFactory(
            parent=index, title="Kuşadası – Sinaia", theme="tourism", programme=programmes["twin"]
        )
        add_partners(twinning, kusadasi, sinaia)
        from core.translation import synchronise_trees

        synchronise_trees()
        return kusadasi

    def test_a_signatory_gets_suggestions_from_its_commitments_and_twinnings(self, client, finder, kusadasi, requests_):
        html = soup(client.get(f"{finder['en'].url}authorities/{kusadasi.pk}/"))
        assert "Kuşadası" in html.find("h1").get_text()
        partnerships = html.find(id="partnerships-heading").find_parent("section")
        assert "Kuşadası – Sinaia" in partnerships.get_text()
        works_on = html.find(class_="facts").get_text()
        assert "Sustainable tourism" in works_on and "Climate mitigation" in works_on
        names = [item.find("a").get_text(strip=True) for item in html.select(".suggestion")]
        # Sinop seeks tourism, which Kuşadası has done with Sinaia.
        assert requests_["sinop"].authority_name in names
        sinop = html.select(".suggestion")[names.index(requests_["sinop"].authority_name)]
        assert "seeks what Kuşadası offers: Sustainable tourism" in sinop.get_text()
        assert html.find("a", href=f"{finder['en'].url}new/?authority={kusadasi.pk}")

    def test_another_languages_id_leads_to_this_languages_profile(self, client, finder, kusadasi):
        turkish = in_locale(kusadasi, "tr")
        response = client.get(f"{finder['en'].url}authorities/{turkish.pk}/")
        assert response.status_code == 302
        assert response["Location"] == f"{finder['en'].url}authorities/{kusadasi.pk}/"

    def test_a_page_that_is_no_signatory_is_not_found(self, client, finder, kusadasi, site_tree):
        assert client.get(f"{finder['en'].url}authorities/{site_tree['en'].pk}/").status_code == 404

    def test_a_signatory_with_an_open_request_is_suggested_once_through_its_request(self, client, finder, kusadasi):
        own = PartnershipRequestFactory(
            signatory=kusadasi, authority_name="Kuşadası", sought=["water"], offered=["tourism"]
        )
        seeker = PartnershipRequestFactory(sought=["tourism"])
        html = soup(client.get(f"{finder['en'].url}requests/{seeker.pk}/"))
        links = [item.find("a")["href"] for item in html.select(".suggestion")]
        assert f"{finder['en'].url}requests/{own.pk}/" in links
        assert f"{finder['en'].url}authorities/{kusadasi.pk}/" not in links
        profile = soup(client.get(f"{finder['en'].url}authorities/{kusadasi.pk}/"))
        own_section = profile.find(id="own-heading").find_parent("section")
        assert own.title in own_section.get_text()
        assert own_section.select_one(".request-card__authority a")["href"] == kusadasi.url

    def test_directory_authorities_are_suggested_with_links_to_their_page_in_this_language(
        self, client, finder, kusadasi
    ):
        seeker = PartnershipRequestFactory(sought=["tourism"], languages=["tr"])
        html = soup(client.get(f"{finder['tr'].url}requests/{seeker.pk}/"))
        turkish = in_locale(kusadasi, "tr")
        link = html.find("a", href=f"{finder['tr'].url}authorities/{turkish.pk}/")
        assert link is not None
        assert link.get_text(strip=True) == turkish.title
        reasons = link.find_parent(class_="suggestion").find(class_="suggestion__reasons").get_text()
        assert "Sürdürülebilir turizm" in reasons  # what Kuşadası did with Sinaia
        assert "Türkçe" in reasons  # the official language of its country


def test_the_finder_exists_once_per_language_with_its_translated_address(finder):
    assert finder["tr"].url == "/tr/ortaklar/"
    assert finder["tk"].alias_of_id == finder["en"].pk
    assert finder["tr"].locale == locale("tr")


def test_a_signatory_profile_can_link_to_its_partner_suggestions_in_its_language(finder, site_tree):
    from django.template import Context, Template

    from core.translation import synchronise_trees

    directory = make_directory(site_tree)
    kusadasi = SignatoryPageFactory(parent=directory["en"], title="Kuşadası")
    synchronise_trees()
    template = Template("{% load twinning_tags %}{% partner_finder_link signatory %}")
    turkish = in_locale(kusadasi, "tr")
    html = BeautifulSoup(template.render(Context({"signatory": turkish})), "html.parser")
    assert html.find("a")["href"] == f"{finder['tr'].url}authorities/{turkish.pk}/"
    finder["tr"].unpublish()
    assert template.render(Context({"signatory": turkish})).strip() == ""
