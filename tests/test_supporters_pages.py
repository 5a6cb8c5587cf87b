"""The supporters directory and the profile pages, as visitors see them in each language."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from wagtail.models import Page
from wagtail_factories import ImageFactory

from core.translation import synchronise_trees, translate
from home.models import HomePage
from network.applications.models import ExpressionOfInterestPage
from network.supporters.choices import ServiceCategory
from network.supporters.models import FeedbackReport, SupporterIndexPage, SupporterPage, SupporterService
from tests.application_factories import ExpressionOfInterestPageFactory
from tests.factories import locale
from tests.supporter_factories import SupporterPageFactory, supporter_index_fixture  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_supporters_pages"),
]


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def card_titles(html):
    return [h.get_text(strip=True) for h in html.select(".supporter-card__title")]


def supporter(index, title, **fields):
    services = fields.pop("services", [])
    page = SupporterPageFactory(parent=index, title=title, **fields)
    for category in services:
        SupporterService.objects.create(page=page, category=category, locale_id=page.locale_id)
    page.save_revision().publish()
    return page


class TestPageTree:
    def test_the_index_lives_under_home_once_and_holds_profiles_and_the_form(self):
        assert SupporterIndexPage.allowed_parent_page_models() == [HomePage]
        assert set(SupporterIndexPage.allowed_subpage_models()) == {SupporterPage, ExpressionOfInterestPage}
        assert SupporterIndexPage.max_count_per_parent == 1

    def test_profiles_and_the_form_are_leaves_under_the_index(self):
        assert SupporterPage.allowed_parent_page_models() == [SupporterIndexPage]
        assert SupporterPage.allowed_subpage_models() == []
        assert ExpressionOfInterestPage.allowed_parent_page_models() == [SupporterIndexPage]
        assert ExpressionOfInterestPage.allowed_subpage_models() == []
        assert ExpressionOfInterestPage.max_count_per_parent == 1

    def test_home_accepts_the_index(self):
        assert SupporterIndexPage in HomePage.allowed_subpage_models()


class TestDirectory:
    @pytest.fixture
    def directory(self, supporter_index):
        index = supporter_index["en"]
        supporter(
            index,
            "Union of Provinces",
            original_name="Vilayetler Birliği",
            country="TR",
            kind="national_association",
            services=[ServiceCategory.TRAINING, ServiceCategory.ADVOCACY],
        )
        supporter(
            index,
            "Union of Municipalities of Turkey",
            original_name="Türkiye Belediyeler Birliği",
            country="TR",
            kind="national_association",
            services=[ServiceCategory.FUNDING_ADVICE],
        )
        supporter(
            index,
            "Mary Province",
            country="TM",
            kind="region_or_province",
            role="coordinator",
            services=[ServiceCategory.MONITORING],
        )
        supporter(
            index,
            "Caspian Energy Agency",
            country="AZ",
            countries_covered=["AZ", "TM"],
            kind="energy_agency",
            services=[ServiceCategory.TECHNICAL_SUPPORT],
        )
        supporter(index, "Former Network", country="TR", kind="regional_network", status="withdrawn")
        supporter(index, "Paused Network", country="TR", kind="regional_network", status="on_hold")
        draft = SupporterPageFactory(parent=index, title="Draft Network", live=False)
        draft.save_revision()
        return index

    def test_lists_current_supporters_by_name_without_drafts_or_former_ones(self, client, directory):
        html = soup(client.get(directory.url))
        assert card_titles(html) == [
            "Caspian Energy Agency",
            "Mary Province",
            "Paused Network",
            "Union of Municipalities of Turkey",
            "Union of Provinces",
        ]
        assert "5 supporters" in html.find(class_="supporter-count").get_text()
        card = html.find("a", string="Union of Provinces").find_parent("li")
        assert "Vilayetler Birliği" in card.get_text()
        assert [li.get_text() for li in card.select(".tag-list li")] == ["Training and capacity building", "Advocacy"]
        paused = html.find("a", string="Paused Network").find_parent("li")
        assert "On hold" in paused.get_text()

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({"country": "TM"}, ["Caspian Energy Agency", "Mary Province"]),  # based in, or covering, Turkmenistan
            ({"country": "tm"}, ["Caspian Energy Agency", "Mary Province"]),
            ({"kind": "national_association"}, ["Union of Municipalities of Turkey", "Union of Provinces"]),
            ({"role": "coordinator"}, ["Mary Province"]),
            ({"service": "funding_advice"}, ["Union of Municipalities of Turkey"]),
            ({"service": "training", "country": "TR"}, ["Union of Provinces"]),
            ({"status": "withdrawn"}, ["Former Network"]),
            ({"country": "FR"}, []),
        ],
    )
    def test_filters(self, client, directory, query, expected):
        html = soup(client.get(directory.url, query))
        assert card_titles(html) == expected
        if not expected:
            assert "No supporter matches these filters." in html.get_text()

    @pytest.mark.parametrize(
        "query",
        [
            {"country": "Narnia"},
            {"country": "<script>"},
            {"kind": "city"},
            {"role": "king"},
            {"service": "bribery"},
            {"status": "deleted"},
            {"page": "999"},
            {"page": "-1"},
            {"page": "two"},
        ],
    )
    def test_unknown_filter_values_and_pages_are_ignored(self, client, directory, query):
        html = soup(client.get(directory.url, query))
        assert len(card_titles(html)) == 5
        assert "<script>" not in str(html.find("form", class_="supporter-filters"))

    def test_the_filter_form_works_without_javascript_and_keeps_the_choices(self, client, directory):
        html = soup(client.get(directory.url, {"country": "TM", "service": "monitoring"}))
        form = html.find("form", class_="supporter-filters")
        assert form["method"] == "get"
        assert form.find("select", attrs={"name": "country"}).find("option", selected=True)["value"] == "TM"
        assert form.find("select", attrs={"name": "service"}).find("option", selected=True)["value"] == "monitoring"
        countries = [o["value"] for o in form.find("select", attrs={"name": "country"}).find_all("option")]
        assert countries == ["", "AZ", "TR", "TM"]  # sorted by name: Azerbaijan, Türkiye, Turkmenistan
        for control in form.find_all(["select", "input"]):
            assert form.find("label", attrs={"for": control["id"]}), control

    def test_pagination_keeps_the_filters(self, client, supporter_index, settings):
        index = supporter_index["en"]
        for number in range(30):
            supporter(index, f"Network {number:02d}", country="TR", services=[ServiceCategory.TRAINING])
        html = soup(client.get(index.url, {"country": "TR"}))
        assert len(card_titles(html)) == SupporterIndexPage.per_page
        next_link = html.find("a", rel="next")["href"]
        assert "country=TR" in next_link and "page=2" in next_link
        second = soup(client.get(index.url + next_link))
        assert len(card_titles(second)) == 30 - SupporterIndexPage.per_page

    def test_the_form_page_is_offered_from_the_directory(self, client, supporter_index):
        ExpressionOfInterestPageFactory(parent=supporter_index["en"])
        html = soup(client.get(supporter_index["en"].url))
        assert html.find("a", string="Become a supporter")["href"] == "/en/supporters/expression-of-interest/"

    def test_the_listing_costs_the_same_number_of_queries_at_5_and_at_50_supporters(
        self, client, supporter_index, django_assert_num_queries, monkeypatch
    ):
        index = supporter_index["en"]
        monkeypatch.setattr(SupporterIndexPage, "per_page", 100)

        def add(start, stop):
            for number in range(start, stop):
                supporter(
                    index,
                    f"Network {number:02d}",
                    country="TR",
                    logo=ImageFactory(title=f"Logo {number}"),
                    services=[ServiceCategory.TRAINING, ServiceCategory.ADVOCACY],
                )
            client.get(index.url)  # renditions of new logos are created on the first view

        add(0, 5)
        cache.clear()  # measure a full rendering, not what the shared cache remembers of the page chrome
        queries = []

        def count(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            assert len(card_titles(soup(client.get(index.url)))) == 5
        five = len(queries)
        add(5, 50)
        cache.clear()
        with django_assert_num_queries(five):
            assert len(card_titles(soup(client.get(index.url)))) == 50
        assert five <= 30  # 23 when measured without the chrome cache, most of them for the page chrome


class TestLanguages:
    def test_each_supporter_appears_once_per_locale_marked_when_untranslated(self, client, supporter_index):
        index = supporter_index["en"]
        provinces = supporter(index, "Union of Provinces", country="TR", services=[ServiceCategory.TRAINING])
        supporter(index, "Energy Cities", country="FR")
        translate(provinces, locale("tr"), {"Union of Provinces": "Vilayetler Birliği"})
        synchronise_trees()

        html = soup(client.get("/tr/destekciler/"))
        assert html.html["lang"] == "tr"
        assert card_titles(html) == ["Energy Cities", "Vilayetler Birliği"]
        energy = html.find("a", string="Energy Cities").find_parent("li")
        assert energy["lang"] == "en"
        assert not html.find("a", string="Vilayetler Birliği").find_parent("li").has_attr("lang")

    def test_filters_work_on_aliases_too(self, client, supporter_index):
        index = supporter_index["en"]
        supporter(index, "Energy Cities", country="FR", services=[ServiceCategory.ADVOCACY])
        supporter(index, "Union of Provinces", country="TR", services=[ServiceCategory.TRAINING])
        synchronise_trees()
        assert card_titles(soup(client.get("/tr/destekciler/", {"service": "advocacy"}))) == ["Energy Cities"]


class TestProfile:
    @pytest.fixture
    def profile(self, supporter_index):
        page = supporter(
            supporter_index["en"],
            "Union of Provinces",
            original_name="Vilayetler Birliği",
            acronym="VB",
            country="TR",
            countries_covered=["TR", "CY"],
            member_authorities=51,
            head_name="Mustafa Tuna",
            head_title="President",
            description="<p>Founded in Ankara on 31 December 1985; 51 special provincial administrations.</p>",
            services_introduction="Guidance to provincial administrations.",
            contact_name="Ayşe Yılmaz",
            contact_position="Foreign relations",
            contact_email="ayse@vilayetler.example",
            contact_phone="+90 312 000 00 00",
            contact_is_public=False,
            website="https://www.vilayetlerbirligi.gov.tr",
            twitter_url="https://twitter.com/vilayetler",
            services=[ServiceCategory.TRAINING],
        )
        SupporterService.objects.filter(page=page).update(description="Training of provincial staff.")
        from wagtail_factories import DocumentFactory

        FeedbackReport.objects.create(
            page=page,
            locale_id=page.locale_id,
            date="2025-06-30",
            title="Feedback 2025",
            summary="Twelve provinces joined.",
            document=DocumentFactory(title="Feedback 2025"),
        )
        page.save_revision().publish()
        return SupporterPage.objects.get(pk=page.pk)

    def test_the_profile_shows_who_they_are_and_what_they_offer(self, client, profile):
        html = soup(client.get(profile.url))
        assert html.h1.get_text() == "Union of Provinces"
        assert "Vilayetler Birliği (VB)" in html.find(class_="supporter__original").get_text()
        facts = {
            dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in html.select("aside dt")
        }
        assert facts["Country"] == "Türkiye"
        assert facts["Countries covered"] == "Cyprus, Türkiye"
        assert facts["Member authorities"] == "51"
        assert facts["President"] == "Mustafa Tuna"
        assert facts["Website"] == "https://www.vilayetlerbirligi.gov.tr"
        assert "Last updated" in facts
        services = html.find("dl", class_="supporter__services")
        assert services.find("dt").get_text() == "Training and capacity building"
        assert services.find("dd").get_text() == "Training of provincial staff."
        report = html.find("ul", class_="supporter__reports")
        assert report.find("a").get_text() == "Feedback 2025"
        assert "Twelve provinces joined." in report.get_text()
        assert html.find("a", string="X")["href"] == "https://twitter.com/vilayetler"
        assert "Founded in Ankara" in html.find(class_="stream").get_text()

    def test_the_main_contact_is_shown_only_with_consent(self, client, profile):
        assert "ayse@vilayetler.example" not in client.get(profile.url).content.decode()
        profile.contact_is_public = True
        profile.save_revision().publish()
        html = soup(client.get(profile.url))
        contact = html.find(class_="supporter__contact")
        assert "Ayşe Yılmaz" in contact.get_text()
        assert contact.find("a", href="mailto:ayse@vilayetler.example")
        assert contact.find("a", href="tel:+903120000000")

    @pytest.mark.parametrize(
        ("status", "notice"),
        [("withdrawn", "no longer a supporter"), ("on_hold", "is on hold"), ("active", None)],
    )
    def test_the_status_is_stated(self, client, profile, status, notice):
        profile.status = status
        profile.save_revision().publish()
        html = soup(client.get(profile.url))
        notices = [p.get_text() for p in html.select("p.notice")]
        if notice:
            assert any(notice in text for text in notices)
        else:
            assert notices == []

    def test_the_profile_renders_in_turkish_when_translated(self, client, profile, supporter_index):
        translate(
            profile,
            locale("tr"),
            {
                "Union of Provinces": "Vilayetler Birliği",
                "union-of-provinces-0": "vilayetler-birligi",
                "President": "Başkan",
                "Training of provincial staff.": "İl personelinin eğitimi.",
            },
        )
        page = Page.objects.get(translation_key=profile.translation_key, locale=locale("tr")).specific
        html = soup(client.get(page.url))
        assert html.html["lang"] == "tr"
        assert html.h1.get_text() == "Vilayetler Birliği"
        assert "İl personelinin eğitimi." in html.find("dl", class_="supporter__services").get_text()
        assert "Başkan" in [dt.get_text(strip=True) for dt in html.select("aside dt")]


class TestSignatoriesSupported:
    def test_the_profile_lists_the_signatories_that_name_it(self, client, supporter_index, site_tree):
        from datetime import date

        from signatories.models import SignatoryNetworkLink
        from tests.signatory_factories import SignatoryIndexPageFactory, SignatoryPageFactory

        provinces = supporter(supporter_index["en"], "Union of Provinces", country="TR")
        other = supporter(supporter_index["en"], "Energy Cities", country="FR")
        directory = SignatoryIndexPageFactory(parent=site_tree["en"])
        mugla = SignatoryPageFactory(
            parent=directory, title="Muğla", population=1_048_185, adhesion_date=date(2021, 5, 4)
        )
        aydin = SignatoryPageFactory(parent=directory, title="Aydın", population=1_148_241, status="monitoring")
        elsewhere = SignatoryPageFactory(parent=directory, title="Elbasan")
        hidden = SignatoryPageFactory(parent=directory, title="Draft town", live=False)
        for signatory, role, profile in [
            (mugla, "supporter", provinces),
            (aydin, "coordinator", provinces),
            (elsewhere, "supporter", other),
            (hidden, "supporter", provinces),
        ]:
            SignatoryNetworkLink.objects.create(page=signatory, role=role, supporter_page=profile)

        html = soup(client.get(provinces.url))
        table = html.find("table", class_="supporter__signatories")
        rows = [
            [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
            for row in table.tbody.find_all("tr")
        ]
        assert rows == [
            ["Aydın coordinated", "1,148,241", "March 1, 2019", "Monitoring started"],
            ["Muğla", "1,048,185", "May 4, 2021", "Adhesion"],
        ]
        assert table.find("a", string="Muğla")["href"] == mugla.url

    def test_without_links_there_is_no_section(self, client, supporter_index):
        provinces = supporter(supporter_index["en"], "Union of Provinces", country="TR")
        html = soup(client.get(provinces.url))
        assert html.find("table", class_="supporter__signatories") is None


def test_a_translation_does_not_replace_the_source_in_the_other_locales(supporter_index):
    """Translating an English profile into Turkish leaves Turkmen and Russian following the English one."""
    provinces = supporter(supporter_index["en"], "Union of Provinces", country="TR")
    translate(provinces, locale("tr"), {"Union of Provinces": "Vilayetler Birliği"})
    synchronise_trees()
    versions = {
        page.locale.language_code: page
        for page in SupporterPage.objects.filter(translation_key=provinces.translation_key).select_related("locale")
    }
    assert set(versions) == {"en", "tr", "tk", "ru"}
    assert versions["tr"].alias_of_id is None
    assert versions["tk"].alias_of_id == versions["ru"].alias_of_id == provinces.pk
