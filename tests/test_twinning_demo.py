"""The partner finder's demo content: themes in three languages, the finder in every locale, open
requests in Turkish and English, Menteşe–Elbasan as a matched request and an example; loaded once."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from network.twinning.models import Conversation, PartnerFinderPage, PartnershipRequest, PartnershipTheme, RelayMessage
from tests.database import demo_content

pytestmark = pytest.mark.django_db


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (PartnerFinderPage, PartnershipRequest, PartnershipTheme, Conversation, RelayMessage)
    }


def test_the_demo_shows_the_finder_in_every_language_and_a_second_run_changes_nothing(client):
    demo_content()  # the first load of the run (tests/database.py)
    first = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == first
    assert first["PartnerFinderPage"] == 4  # en, tr, ru translated; tk an alias
    assert PartnershipTheme.objects.filter(locale__language_code="tr").count() == 14

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
