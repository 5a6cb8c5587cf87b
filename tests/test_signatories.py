"""Signatory profiles and twinning: page rules, commitments and progress, twinning on both partners,
rendering in every locale."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Page

from core.translation import synchronise_trees, translate
from home.models import HomePage
from network.twinning.models import TwinningIndexPage, TwinningPage, TwinningPartner
from signatories.charts import progress_chart, target_path
from signatories.models import SignatoryIndexPage, SignatoryPage, SignatoryStatusChange
from signatories.text import ascii_slug, fold
from tests.factories import locale
from tests.signatory_factories import MonitoringReportFactory, SignatoryPageFactory, in_locale, make_directory
from tests.twinning_factories import (
    TwinningIndexPageFactory,
    TwinningPageFactory,
    TwinningProgrammeFactory,
    add_partners,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_signatories"),
]


@pytest.fixture
def directories(site_tree):
    return make_directory(site_tree)


@pytest.fixture
def directory(directories):
    return directories["en"]


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


class TestPageTreeRules:
    def test_directory_lives_under_home_once_and_holds_signatories(self):
        assert SignatoryIndexPage.allowed_parent_page_models() == [HomePage]
        assert SignatoryIndexPage.allowed_subpage_models() == [SignatoryPage]
        assert SignatoryIndexPage.max_count_per_parent == 1

    def test_signatory_is_a_leaf_of_the_directory(self):
        assert SignatoryPage.allowed_parent_page_models() == [SignatoryIndexPage]
        assert SignatoryPage.allowed_subpage_models() == []

    def test_twinning_pages_live_under_their_index(self):
        assert TwinningIndexPage.allowed_parent_page_models() == [HomePage]
        assert TwinningIndexPage.allowed_subpage_models() == [TwinningPage]
        assert TwinningPage.allowed_parent_page_models() == [TwinningIndexPage]
        assert TwinningPage.allowed_subpage_models() == []

    def test_home_accepts_the_directory_and_the_twinning_index(self):
        assert {SignatoryIndexPage, TwinningIndexPage} <= set(HomePage.allowed_subpage_models())

    def test_second_directory_cannot_be_created_under_the_same_home(self, directory):
        assert not SignatoryIndexPage.can_create_at(directory.get_parent())

    def test_facts_are_synchronised_and_text_is_translatable(self):
        from wagtail_localize.fields import SynchronizedField, TranslatableField

        kinds = {field.field_name: type(field) for field in SignatoryPage.translatable_fields}
        for fact in ["country", "population", "latitude", "status", "commitment_2030", "monitoring_reports"]:
            assert kinds[fact] is SynchronizedField, fact
        for text in ["title", "region", "introduction", "body"]:
            assert kinds[text] is TranslatableField, text


class TestValidation:
    def test_coordinates_come_in_pairs(self, directory):
        page = SignatoryPageFactory.build(latitude=Decimal("40"), longitude=None, locale=directory.locale)
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "longitude" in error.value.message_dict

    def test_a_2030_commitment_needs_its_target(self, directory):
        page = SignatoryPageFactory.build(commitment_2030=True, target_2030_percent=None, locale=directory.locale)
        with pytest.raises(ValidationError) as error:
            page.clean()
        assert "target_2030_percent" in error.value.message_dict

    def test_organisation_id_is_unique_in_the_directory(self, directory):
        SignatoryPageFactory(parent=directory, organisation_id="TR-1")
        duplicate = SignatoryPageFactory.build(organisation_id="TR-1", locale=directory.locale)
        with pytest.raises(ValidationError) as error:
            duplicate.clean()
        assert "organisation_id" in error.value.message_dict

    def test_latitude_out_of_range_is_refused(self, directory):
        page = SignatoryPageFactory.build(latitude=Decimal("91"), longitude=Decimal("10"), locale=directory.locale)
        with pytest.raises(ValidationError):
            page.full_clean(exclude=["path", "depth", "url_path", "slug"])

    def test_twinning_partner_needs_a_signatory_or_a_name_and_country(self):
        with pytest.raises(ValidationError):
            TwinningPartner(name="Condomar").clean()
        TwinningPartner(name="Elbasan", country="AL").clean()


class TestNames:
    @pytest.mark.parametrize(
        ("typed", "name"),
        [("kusadasi", "Kuşadası"), ("IZMIR", "İzmir"), ("izmir", "İZMİR"), ("cankaya", "Çankaya"), ("pecs", "Pécs")],
    )
    def test_folded_names_match_without_turkish_letters_or_accents(self, typed, name):
        assert fold(typed) == fold(name)

    def test_slugs_are_plain_letters(self):
        assert ascii_slug("Kuşadası") == "kusadasi"
        assert ascii_slug("Lüleburgaz") == "luleburgaz"
        assert ascii_slug("Москва") == "москва"


class TestProfile:
    def test_profile_shows_facts_commitments_and_badges(self, client, directory):
        page = SignatoryPageFactory(
            parent=directory,
            title="Nilüfer",
            region="Bursa",
            population=530_000,
            commitment_2030=True,
            target_2030_percent=40,
            commitment_adaptation=True,
            baseline_year=2012,
            baseline_emissions=Decimal("1610000"),
            action_plan_status="accepted",
            action_plan_submitted_on=date(2014, 5, 30),
            is_demo_data=True,
        )
        html = html_of(client.get(page.url))
        assert "<h1>Nilüfer</h1>" in html
        assert "Türkiye · Bursa" in html
        assert "530,000" in html
        assert "at least −40% emissions by 2030" in html
        assert "Demo data:" in html
        pillars = re.search(r'<table class="data-table pillars">.*?</table>', html, re.S).group(0)
        mitigation = re.search(r"<th scope=\"row\">Mitigation</th>(.*?)</tr>", pillars, re.S).group(1)
        assert mitigation.count("Done") == 3  # inventory, target and plan
        adaptation = re.search(r"<th scope=\"row\">Adaptation</th>(.*?)</tr>", pillars, re.S).group(1)
        assert adaptation.count("Not yet") == 2  # target only: no risk assessment, plan does not cover it

    def test_status_history_is_shown_in_date_order(self, client, directory):
        page = SignatoryPageFactory(parent=directory, status="monitoring")
        SignatoryStatusChange.objects.create(page=page, status="monitoring", date=date(2021, 3, 1))
        SignatoryStatusChange.objects.create(page=page, status="adhesion", date=date(2015, 6, 1))
        html = html_of(client.get(page.url))
        history = re.search(r'<ol class="status-history">(.*?)</ol>', html, re.S).group(1)
        assert history.index("Adhesion") < history.index("Monitoring started")

    def test_monitoring_reports_are_listed(self, client, directory):
        page = SignatoryPageFactory(parent=directory, baseline_year=2015, baseline_emissions=Decimal("100000"))
        MonitoringReportFactory(page=page, year=2019, emissions=Decimal("90000"), actions_completed=7)
        html = html_of(client.get(page.url))
        assert '<th scope="row">2019</th>' in html
        assert "90,000" in html

    def test_supporter_links_point_to_the_profile_in_the_same_language(self, client, site_tree, directories):
        from signatories.models import SignatoryNetworkLink
        from tests.factories import StandardPageFactory

        supporter = StandardPageFactory(parent=site_tree["en"], title="Union of Municipalities", slug="union")
        translate(supporter, locale("tr"), {"Union of Municipalities": "Belediyeler Birliği", "union": "birlik"})
        page = SignatoryPageFactory(parent=directories["en"])
        SignatoryNetworkLink.objects.create(page=page, role="supporter", supporter_page=supporter)
        synchronise_trees()
        html = html_of(client.get(in_locale(page, "tr").url))
        assert 'href="/tr/birlik/"' in html


class TestProgressChart:
    def test_target_path_runs_from_the_baseline_to_each_milestone(self):
        page = SignatoryPage(
            baseline_year=2010,
            baseline_emissions=Decimal("1000"),
            commitment_2020=True,
            commitment_2030=True,
            target_2030_percent=55,
            commitment_2050=True,
        )
        assert target_path(page) == [
            (2010, Decimal("1000")),
            (2020, Decimal("800")),
            (2030, Decimal("450")),
            (2050, Decimal("0")),
        ]

    def test_no_chart_without_a_baseline(self):
        assert progress_chart(SignatoryPage(title="X"), []) is None

    def test_chart_is_accessible_svg_with_a_data_table(self, client, directory):
        page = SignatoryPageFactory(
            parent=directory,
            title="Tarragona",
            commitment_2030=True,
            target_2030_percent=40,
            baseline_year=2005,
            baseline_emissions=Decimal("790000"),
        )
        MonitoringReportFactory(page=page, year=2018, emissions=Decimal("640000"))
        html = html_of(client.get(page.url))
        svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
        assert 'role="img"' in svg
        assert "<title id=" in svg and "Emissions of Tarragona compared with the target path" in svg
        desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
        assert "790,000 t CO2e in 2005" in desc
        assert "640,000 t CO2e in 2018 (-19% compared with the baseline)" in desc
        assert "Target for 2030: 474,000 t CO2e" in desc
        assert 'class="progress-chart__target"' in svg
        table = re.search(r"<details>.*?</details>", html, re.S).group(0)
        assert re.search(r"<th scope=\"row\">2018</th>\s*<td class=\"number\">640,000</td>", table)
        assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing from outside

    def test_chart_coordinates_are_not_localised(self, client, directory):
        page = SignatoryPageFactory(
            parent=directory, title="Konak", baseline_year=2012, baseline_emissions=Decimal("120000")
        )
        MonitoringReportFactory(page=page, year=2016, emissions=Decimal("110000"))
        synchronise_trees()
        html = html_of(client.get(in_locale(page, "tr").url))  # Turkish writes decimals with a comma
        svg = re.search(r"<svg .*?</svg>", html, re.S).group(0)
        coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy)="([^"]*)"', svg)
        assert coordinates and all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), coordinates
        for points in re.findall(r'points="([^"]*)"', svg):
            assert re.fullmatch(r"(-?\d+(\.\d+)?,-?\d+(\.\d+)? ?)+", points.strip()), points


class TestTwinning:
    @pytest.fixture
    def twinning_index(self, site_tree):
        index = TwinningIndexPageFactory(parent=site_tree["en"])
        return index

    def test_twinning_shows_on_both_partners_and_links_them(self, client, directory, twinning_index):
        nilufer = SignatoryPageFactory(parent=directory, title="Nilüfer", slug="nilufer")
        trakai = SignatoryPageFactory(parent=directory, title="Trakai", slug="trakai", country="LT")
        twinning = TwinningPageFactory(
            parent=twinning_index, title="Nilüfer – Chios – Trakai", theme="rural-development"
        )
        add_partners(twinning, nilufer, ("Chios", "GR"), trakai)
        for page, other in [(nilufer, trakai), (trakai, nilufer)]:
            html = html_of(client.get(page.url))
            section = re.search(r'<h2 id="twinning-heading">.*?</ul>', html, re.S).group(0)
            assert "Nilüfer – Chios – Trakai" in section
            assert f'href="{other.url}"' in section
            assert "Chios (Greece)" in section  # a partner that is not a signatory
            assert "Rural development" in section

    def test_twinning_is_shown_in_every_locale_with_local_links(self, client, site_tree, directories):
        index = TwinningIndexPageFactory(parent=site_tree["en"])
        mentese = SignatoryPageFactory(parent=directories["en"], title="Menteşe", slug="mentese")
        twinning = TwinningPageFactory(parent=index, title="Menteşe – Elbasan", theme="climate-energy")
        add_partners(twinning, mentese, ("Elbasan", "AL"))
        synchronise_trees()
        translate(mentese, locale("tr"), {})
        for code in site_tree:
            page = in_locale(mentese, code)
            html = html_of(client.get(page.url))
            assert "Menteşe – Elbasan" in html, code
            assert f'href="{in_locale(twinning, code).url}"' in html, code
            twinning_html = html_of(client.get(in_locale(twinning, code).url))
            assert f'href="{page.url}"' in twinning_html, code

    def test_twinning_index_filters_by_programme_theme_and_country(self, client, directory, twinning_index):
        twin = TwinningProgrammeFactory()
        nzc = TwinningProgrammeFactory(name="NetZeroCities Twinning Learning Programme", acronym="NZC", slug="nzc")
        konak = SignatoryPageFactory(parent=directory, title="Konak")
        add_partners(
            TwinningPageFactory(parent=twinning_index, title="Kuşadası – Sinaia", programme=twin, theme="tourism"),
            ("Kuşadası", "TR"),
            ("Sinaia", "RO"),
        )
        add_partners(
            TwinningPageFactory(
                parent=twinning_index, title="Menteşe – Elbasan", programme=nzc, theme="climate-energy"
            ),
            ("Menteşe", "TR"),
            ("Elbasan", "AL"),
        )
        add_partners(
            TwinningPageFactory(
                parent=twinning_index, title="Konak – Bucharest", programme=twin, theme="participation"
            ),
            konak,
            ("Bucharest District 2", "RO"),
        )

        def titles(query):
            html = html_of(client.get(twinning_index.url + query))
            return set(re.findall(r'class="twinning-card__title"><a href="[^"]+">([^<]+)</a>', html))

        assert titles("") == {"Kuşadası – Sinaia", "Menteşe – Elbasan", "Konak – Bucharest"}
        assert titles("?programme=nzc") == {"Menteşe – Elbasan"}
        assert titles("?theme=tourism") == {"Kuşadası – Sinaia"}
        assert titles("?country=RO") == {"Kuşadası – Sinaia", "Konak – Bucharest"}
        assert titles("?country=TR&programme=twin&theme=participation") == {"Konak – Bucharest"}
        assert titles("?country=AL&theme=tourism") == set()
        assert titles("?programme=nope&theme=%3Cscript%3E&country=ZZZ") == titles("")


class TestEveryLocale:
    @pytest.mark.parametrize("code", ["en", "tr", "tk", "ru"])
    def test_directory_and_profile_render_in_every_locale(self, client, directories, code):
        page = SignatoryPageFactory(parent=directories["en"], title="Kuşadası", slug="kusadasi")
        synchronise_trees()
        directory_html = html_of(client.get(directories[code].url))
        assert f'<html lang="{code}"' in directory_html
        assert "Kuşadası" in directory_html
        profile = in_locale(page, code)
        profile_html = html_of(client.get(profile.url))
        assert f'<html lang="{code}"' in profile_html
        assert "<h1>Kuşadası</h1>" in profile_html
        if code != "en":
            # An alias of the English profile is marked as English content.
            assert '<main id="main" tabindex="-1" lang="en">' in profile_html
            assert re.search(r'<li class="signatory-card" lang="en">', directory_html)

    def test_country_names_are_translated(self, client, directories):
        SignatoryPageFactory(parent=directories["en"], title="Daugavpils", country="LV")
        synchronise_trees()
        expected = {"en": "Latvia", "tr": "Letonya", "ru": "Латвия", "tk": "Latwiýa"}
        for code, name in expected.items():
            assert f">{name}</option>" in html_of(client.get(directories[code].url)), code

    def test_translated_profile_keeps_the_facts_of_the_source(self, client, directories):
        page = SignatoryPageFactory(parent=directories["en"], title="Chios", region="North Aegean", population=51_000)
        MonitoringReportFactory(page=page, year=2020, emissions=Decimal("300000"))
        page.save_revision().publish()
        synchronise_trees()
        translated = translate(page, locale("tr"), {"Chios": "Sakız", "North Aegean": "Kuzey Ege"})
        assert translated.alias_of_id is None
        assert translated.population == 51_000
        assert [(report.year, report.emissions) for report in translated.monitoring_reports.all()] == [
            (2020, Decimal("300000"))
        ]
        html = html_of(client.get(translated.url))
        assert "<h1>Sakız</h1>" in html and "Kuzey Ege" in html
        assert '<main id="main" tabindex="-1">' in html  # a real translation, not marked as foreign


def test_key_figures_tag_counts_the_active_language(site_tree, directories):
    SignatoryPageFactory(parent=directories["en"], population=1000, commitment_adaptation=True, country="TR")
    SignatoryPageFactory(parent=directories["en"], population=2500, country="LV")
    synchronise_trees()
    request = RequestFactory().get("/tr/")
    from django.utils import translation

    with translation.override("tr"):
        html = Template("{% load signatory_tags %}{% signatory_key_figures_panel %}").render(
            Context({"request": request})
        )
    numbers = re.findall(r"<dd>([^<]+)</dd>", html)
    assert numbers[:3] == ["2", "2", "3.500"]  # signatories, countries, population (Turkish grouping)
    assert Page.objects.filter(locale__language_code="tr").count() > 2


class TestAdmin:
    def test_editors_can_open_every_form(self, client, admin_user, directory, site_tree):
        client.force_login(admin_user)
        signatory = SignatoryPageFactory(parent=directory)
        twinning_index = TwinningIndexPageFactory(parent=site_tree["en"])
        twinning = TwinningPageFactory(parent=twinning_index)
        add_partners(twinning, signatory, ("Sinaia", "RO"))
        for url in [
            f"/admin/pages/{signatory.pk}/edit/",
            f"/admin/pages/add/signatories/signatorypage/{directory.pk}/",
            f"/admin/pages/{directory.pk}/edit/",
            f"/admin/pages/{twinning.pk}/edit/",
            f"/admin/pages/add/twinning/twinningpage/{twinning_index.pk}/",
            "/admin/snippets/twinning/twinningprogramme/",
        ]:
            response = client.get(url)
            assert response.status_code == 200, url
        html = client.get(f"/admin/pages/{signatory.pk}/edit/").content.decode()
        assert "Commitments and progress" in html
        assert "Monitoring reports" in html
