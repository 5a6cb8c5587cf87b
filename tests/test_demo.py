"""`manage.py load_demo`: the whole demo site, in every locale, loaded once however often it runs.

The first load of the run is `demo_content`'s (tests/database.py): the real command, or the copy it keeps.
"""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from network.aggregation.models import FeedItem, ItemStatus
from network.news.models import NewsPage
from tests.database import demo_content

pytestmark = pytest.mark.django_db


def row_counts():
    """Rows of every model of the project's own apps and of Wagtail's content tables."""
    labels = {
        "core", "home", "news", "agenda", "supporters", "applications", "newsletter", "signatories", "twinning",
        "aggregation",
    }  # fmt: skip
    counts = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in labels and not model._meta.abstract
    }
    for label in ("wagtailcore.Page", "wagtailcore.Revision", "wagtailimages.Image", "wagtaildocs.Document"):
        counts[label] = apps.get_model(label).objects.count()
    return counts


def test_demo_loads_every_locale_and_a_second_run_changes_nothing(client):
    demo_content()
    after_first = row_counts()
    assert after_first["twinning.PartnershipRequest"] > 0 and after_first["wagtailcore.Page"] > 300
    second_output = StringIO()
    call_command("load_demo", stdout=second_output)

    assert row_counts() == after_first
    assert "nothing changed" in second_output.getvalue()

    for path in ("/en/", "/tr/", "/tk/", "/ru/", "/en/about/", "/tr/hakkimizda/", "/en/legal/", "/tr/yasal-uyari/"):
        assert client.get(path).status_code == 200, path
    supporters_in_turkmen = client.get("/tk/barada/goldayjy-bolmak/")
    assert supporters_in_turkmen.status_code == 200
    assert "Kim goşulyp biler?" in supporters_in_turkmen.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert "/tr/hakkimizda/" in sitemap.content.decode()

    # The news link to the signatories and supporters they name, in every language.
    story = NewsPage.objects.get(locale__language_code="tr", slug="nilufere-yunanistan-ve-litvanyadan-calisma-ziyareti")
    assert [page.slug for page in story.localized_links()["related_signatories"]] == ["nilufer", "chios", "trakai"]
    profile = client.get("/ru/podpisanty/kusadasi/").content.decode()
    assert "/ru/novosti/city-to-city-cooperation-between-kusadasi-and-sinaia/" in profile

    # News from the network: five feeds of five formats, read through the parser, in every language.
    assert after_first["aggregation.FeedSource"] == 5
    assert FeedItem.objects.filter(status=ItemStatus.PUBLISHED).count() == after_first["aggregation.FeedItem"] - 1
    listing = client.get("/tk/torundan-habarlar/").content.decode()
    assert "Her okulda en az bir Yeşil Bayrak Bilgi Masası" in listing  # the TWIN grant projects (RSS 2.0)
    assert "Interim evaluation workshop of the TWIN grant projects in Ankara" in listing  # JSON Feed
    assert "Şimdi şehir eşleştirme zamanı" in client.get("/ru/novosti-seti/media/").content.decode()  # Atom
    supporter = client.get("/en/supporters/union-of-provinces/").content.decode()
    assert "Hibe projelerine izleme ziyaretleri devam ediyor" in supporter  # RSS 1.0, on its owner's profile
