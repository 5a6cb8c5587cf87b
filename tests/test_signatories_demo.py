"""The signatories' demo content: the authorities and twinnings of the seed documents, in English and
Turkish, marked as demo data, and loaded only once."""

import pytest
from django.conf import settings

from core.demo_context import DemoContext
from core.translation import synchronise_trees
from signatories import demo as signatories_demo
from signatories.models import SignatoryIndexPage, SignatoryPage
from tests.factories import locale

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_signatories_demo"),
]


@pytest.fixture
def loaded(site_tree, admin_user):
    context = DemoContext(
        user=admin_user,
        locales={code: locale(code) for code, _name in settings.LANGUAGES},
        homes=dict(site_tree),
    )
    signatories_demo.load(context)
    synchronise_trees()
    return context


def check_the_directory_has_the_slug_the_menu_uses(loaded, site_tree):
    home = site_tree["en"]
    assert SignatoryIndexPage.objects.child_of(home).get().slug == "signatories"
    for code in ["tr", "tk", "ru"]:
        translated = SignatoryIndexPage.objects.get(locale__language_code=code)
        assert translated.alias_of_id is None, code  # translated, not an alias


def check_the_authorities_of_the_seeds_are_there_with_real_places(loaded):
    source = SignatoryPage.objects.filter(locale__language_code="en")
    names = set(source.values_list("title", flat=True))
    for name in ["Espiye", "Kuşadası", "Suluova", "Konak", "Çanakkale", "Çorum", "Lüleburgaz", "Nilüfer",
                 "Kütahya", "Ereğli", "Çankaya", "Menteşe", "Sinaia", "Daugavpils", "Leszno", "Tarragona",
                 "Sopot", "Telšiai", "Szarvas", "Rēzekne", "Chios", "Trakai", "Pécs", "Elbasan"]:  # fmt: skip
        assert name in names, name
    kusadasi = source.get(title="Kuşadası")
    assert (round(float(kusadasi.latitude), 1), round(float(kusadasi.longitude), 1)) == (37.9, 27.3)
    assert 100_000 < kusadasi.population < 200_000
    assert all(source.values_list("is_demo_data", flat=True))
    assert source.filter(monitoring_reports__isnull=False).distinct().count() >= 5


def check_profiles_are_in_turkish_too(loaded, client):
    kusadasi = SignatoryPage.objects.get(locale__language_code="tr", organisation_id="TR-KUSADASI")
    assert kusadasi.alias_of_id is None
    html = client.get(kusadasi.url).content.decode()
    assert "Ege kıyısında turizm kenti ve ilçe belediyesi" in html
    pecs = SignatoryPage.objects.get(locale__language_code="tr", organisation_id="HU-PECS")
    assert pecs.title == "Peçuy (Pécs)"


def check_loading_twice_changes_nothing(loaded):
    pages = SignatoryPage.objects.count()
    loaded.created.clear()
    signatories_demo.load(loaded)
    assert loaded.created == []
    assert SignatoryPage.objects.count() == pages


def test_demo_content(loaded, site_tree, client):
    """One load of the demo (it takes most of a minute), checked from every side."""
    check_the_directory_has_the_slug_the_menu_uses(loaded, site_tree)
    check_the_authorities_of_the_seeds_are_there_with_real_places(loaded)
    check_profiles_are_in_turkish_too(loaded, client)
    check_loading_twice_changes_nothing(loaded)
