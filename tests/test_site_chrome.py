"""Menus, footer and site settings: translated, pointing at each language's pages, and cheap."""

import pytest
from wagtail.models import Site

from core.translation import synchronise_trees, translate
from home.models import Footer, MainMenu, SiteSettings
from tests.factories import FeedsPageFactory, StandardPageFactory, locale

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_site_chrome"),
]

DISCLAIMER = "This publication was produced with the financial support of the European Union."


@pytest.fixture
def chrome(site_tree):
    home = site_tree["en"]
    about = StandardPageFactory(parent=home, title="About", slug="about")
    legal = StandardPageFactory(parent=home, title="Legal", slug="legal")
    feeds = FeedsPageFactory(parent=home, title="RSS help", slug="rss-help")
    translate(about, locale("tr"), {"About": "Hakkımızda", "about": "hakkimizda"})
    synchronise_trees()

    def link(page, label=""):
        return ("link", {"page": page, "url": "", "label": label})

    menu = MainMenu.objects.create(locale=locale("en"), links=[link(about), link(legal, "Legal notice")])
    footer = Footer.objects.create(
        locale=locale("en"),
        links=[link(feeds), ("link", {"page": None, "url": "https://example.org/press", "label": "Press"})],
        funding_disclaimer=DISCLAIMER,
    )
    translate(footer, locale("tr"), {DISCLAIMER: "Bu yayın Avrupa Birliği'nin mali desteğiyle hazırlanmıştır."})
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.twitter_url = "https://twitter.com/eumayors"
    settings.contact_email = "info@network.example"
    settings.save()
    return {"menu": menu, "footer": footer}


def test_main_menu_points_at_the_pages_of_the_visitors_language(client, chrome):
    html = client.get("/tr/").content.decode()
    assert '<a href="/tr/hakkimizda/">Hakkımızda</a>' in html
    # Legal is not translated: the link goes to its Turkish-locale alias, labelled as configured.
    assert '<a href="/tr/legal/">Legal notice</a>' in html


def test_current_section_is_marked_in_the_menu(client, chrome):
    html = client.get("/en/about/").content.decode()
    assert '<a href="/en/about/" aria-current="page">About</a>' in html


def test_footer_is_translated_and_falls_back_to_the_default_language(client, chrome):
    turkish = client.get("/tr/").content.decode()
    assert "Bu yayın Avrupa Birliği&#x27;nin mali desteğiyle hazırlanmıştır." in turkish
    russian = client.get("/ru/").content.decode()
    assert DISCLAIMER in russian  # no Russian footer yet: the English one stands in
    assert '<a href="/ru/rss-help/">RSS help</a>' in russian
    assert '<a href="https://example.org/press">Press</a>' in russian


def test_footer_shows_social_links_and_contact_from_site_settings(client, chrome):
    html = client.get("/en/").content.decode()
    assert '<a href="https://twitter.com/eumayors" rel="noopener">X</a>' in html
    assert '<a href="mailto:info@network.example">info@network.example</a>' in html


def test_home_page_renders_in_a_fixed_number_of_queries(client, chrome, django_assert_num_queries):
    client.get("/tr/")  # fills the shared cache: menus, footer, settings, languages (core/cache.py)
    with django_assert_num_queries(1):  # the page itself; its route is cached too (core/routing.py)
        response = client.get("/tr/")
    assert response.status_code == 200
