"""Twinning's demo content: themes in three languages, the projects of the seeds, the finder in
every locale, open requests in Turkish and English, Menteşe–Elbasan as a matched request and an
example; loaded once."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from network.twinning.choices import DEFAULT_THEMES
from network.twinning.models import (
    Conversation,
    PartnerFinderPage,
    PartnershipRequest,
    PartnershipTheme,
    RelayMessage,
    TwinningIndexPage,
    TwinningPage,
)
from signatories.models import SignatoryPage
from tests.database import demo_content

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            PartnerFinderPage,
            PartnershipRequest,
            PartnershipTheme,
            Conversation,
            RelayMessage,
            TwinningPage,
        )
    }


def test_the_demo_shows_the_finder_in_every_language_and_a_second_run_changes_nothing(client):
    demo_content()  # the first load of the run (tests/database.py)
    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first
    assert first["PartnerFinderPage"] == 4  # en, tr, ru translated; tk an alias
    assert PartnershipTheme.objects.filter(locale__language_code="tr").count() == len(DEFAULT_THEMES)

    languages = set(PartnershipRequest.objects.filter(status="open").values_list("language", flat=True))
    assert languages == {"en", "tr"}
    statuses = set(PartnershipRequest.objects.values_list("status", flat=True))
    assert {"open", "matched", "pending"} <= statuses

    turkish = BeautifulSoup(client.get("/tr/eslestirme-ortagi/").content, "html.parser")
    cards = turkish.select(".request-card")
    assert len(cards) == PartnershipRequest.objects.filter(status="open").count()
    assert {card["lang"] for card in cards} == {"en", "tr"}
    examples = turkish.find(id="examples-heading").find_parent("section").get_text()
    assert "Menteşe" in examples and "Elbasan" in examples
    assert "Espiye" in examples and "Gondomar" in examples

    mugla = PartnershipRequest.objects.get(authority_name="Muğla Büyükşehir Belediyesi")
    page = BeautifulSoup(client.get(f"/en/partner-finder/requests/{mugla.pk}/").content, "html.parser")
    assert page.find("h1")["lang"] == "tr"
    assert len(page.select(".suggestion")) == 10
    matched = PartnershipRequest.objects.get(status="matched")
    assert "Elbasan" in client.get(f"/tr/eslestirme-ortagi/requests/{matched.pk}/").content.decode()
    for path in ("/tk/partner-finder/", "/ru/poisk-partnerov/", "/en/partner-finder/new/"):
        assert client.get(path).status_code == 200, path


def test_the_demo_twins_the_authorities_of_the_seeds_on_themes_of_the_taxonomy(client):
    demo_content()
    assert TwinningIndexPage.objects.get(locale__language_code="en").slug == "twinning"
    projects = TwinningPage.objects.filter(locale__language_code="en").select_related("theme")
    pairs = {page.slug: {partner.signatory.organisation_id for partner in page.partners.all()} for page in projects}
    assert pairs["kusadasi-sinaia"] == {"TR-KUSADASI", "RO-SINAIA"}
    assert pairs["corum-telsiai-szarvas"] == {"TR-CORUM", "LT-TELSIAI", "HU-SZARVAS"}
    assert pairs["nilufer-chios-trakai"] == {"TR-NILUFER", "GR-CHIOS", "LT-TRAKAI"}
    assert pairs["mentese-elbasan"] == {"TR-MENTESE", "AL-ELBASAN"}
    assert len(pairs) == 14
    themes = {page.slug: page.theme.slug for page in projects}
    assert themes["mentese-elbasan"] == "climate-energy" and themes["espiye-gondomar"] == "waste"
    assert set(themes.values()) <= {slug for slug, _english, _turkish in DEFAULT_THEMES}

    elbasan = SignatoryPage.objects.get(locale__language_code="tr", organisation_id="AL-ELBASAN")
    profile = BeautifulSoup(client.get(elbasan.url).content, "html.parser")
    twinnings = profile.find(id="twinning-heading").find_parent("section").get_text()
    assert "NetZeroCities" in twinnings and "Menteşe" in twinnings
    assert "İklim ve enerji" in twinnings  # the theme's name in the page's language
