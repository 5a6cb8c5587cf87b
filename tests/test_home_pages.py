"""Home, standard, RSS help and sitemap pages: the page tree rules and rendering in every locale."""

import pytest
from wagtail.models import Page

from home.models import FeedsPage, HomePage, SitemapPage, StandardPage
from tests.factories import FeedsPageFactory, SitemapPageFactory, StandardPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_home_pages"),
]


class TestPageTreeRules:
    def test_home_page_lives_only_under_the_root(self):
        assert HomePage.allowed_parent_page_models() == [Page]
        assert set(HomePage.allowed_subpage_models()) >= {StandardPage, FeedsPage, SitemapPage}

    def test_standard_pages_nest_under_home_and_each_other(self):
        assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}
        assert StandardPage.allowed_subpage_models() == [StandardPage]

    @pytest.mark.parametrize("model", [FeedsPage, SitemapPage])
    def test_singletons_are_leaves_under_home(self, model):
        assert model.allowed_parent_page_models() == [HomePage]
        assert model.allowed_subpage_models() == []
        assert model.max_count_per_parent == 1

    def test_second_feeds_page_cannot_be_created_under_the_same_home(self, site_tree):
        home = site_tree["en"]
        assert FeedsPage.can_create_at(home)
        FeedsPageFactory(parent=home)
        assert not FeedsPage.can_create_at(home)


def test_every_locale_home_renders_in_its_language(client, site_tree):
    for code, home in site_tree.items():
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{code}"' in html
        assert f"<title>{home.title} ·" in html


@pytest.mark.parametrize("factory", [StandardPageFactory, FeedsPageFactory, SitemapPageFactory])
def test_page_types_render_in_every_locale(client, site_tree, factory):
    from core.translation import translate
    from tests.factories import locale

    page = factory(parent=site_tree["en"], title="Legal notice", slug="legal")
    for code in site_tree:
        if code != "en":
            translate(page, locale(code), {"Legal notice": f"Legal notice ({code})", "legal": f"legal-{code}"})
    for code in site_tree:
        target = page if code == "en" else page.get_translation(locale(code))
        response = client.get(target.url)
        assert response.status_code == 200, (code, target.url)
        assert f"<h1>{target.title}</h1>" in response.content.decode()
