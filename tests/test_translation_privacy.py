"""Privacy follows translations (core/privacy.py): a view restriction on any page of a translation set
protects every page of the set, its aliases and their subtrees, when serving and in `.public()`
(listings, search, sitemaps, feeds); a password given once opens the whole set.

The site is built once for the module, in a transaction rolled back at its end; each test runs in a
savepoint of it and adds the restrictions it needs.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction
from wagtail_localize.models import TranslationSource

from core import cache as content_cache
from core.translation import synchronise_trees, translate
from tests.database import fresh, keys, rolled_back
from tests.factories import SitemapPageFactory, StandardPageFactory, build_site_tree, locale
from tests.news_factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("translation_privacy")]

ABOUT_EN, ABOUT_TR = "/en/about/", "/tr/hakkimizda/"
NEWS_EN, NEWS_TR = "/en/news/board-meeting/", "/tr/haberler/yonetim-toplantisi/"
PASSWORD = "board-only"


@pytest.fixture(autouse=True)
def database_search(settings):
    """Search through the database backend, even when ELASTICSEARCH_URL is set."""
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.LanguageDatabaseSearchBackend"}}
    settings.SEARCH_FALLBACK_BACKEND = None


def build():
    homes = build_site_tree()
    about = StandardPageFactory(
        parent=homes["en"], title="About", slug="about", introduction="Minutes of the Kirkpinar board."
    )
    about_tr = translate(
        about,
        locale("tr"),
        {
            "About": "Hakkımızda",
            "about": "hakkimizda",
            "Minutes of the Kirkpinar board.": "Kırkpınar kurulu tutanakları.",
        },
    )
    index = NewsIndexPageFactory(parent=homes["en"])
    translate(index, locale("tr"), {"News": "Haberler", "news": "haberler"})
    item = NewsPageFactory(
        parent=index, title="Board meeting", slug="board-meeting", intro="The Kirkpinar board met in Edirne."
    )
    item_tr = translate(
        item,
        locale("tr"),
        {
            "Board meeting": "Yönetim toplantısı",
            "board-meeting": "yonetim-toplantisi",
            "The Kirkpinar board met in Edirne.": "Kırkpınar kurulu Edirne'de toplandı.",
        },
    )
    sitemap = SitemapPageFactory(parent=homes["en"], slug="sitemap")
    translate(sitemap, locale("tr"), {"Sitemap": "Site haritası", "sitemap": "site-haritasi"})
    synchronise_trees()  # the Turkmen and Russian aliases
    return keys({"about": about, "about_tr": about_tr, "index": index, "item": item, "item_tr": item_tr})


@pytest.fixture(scope="module")
def shared(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        yield build()


@pytest.fixture
def site(shared):
    return fresh(shared)


def restrict(page, password=PASSWORD, **fields):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=password, **fields
    )


def html(response):
    return BeautifulSoup(response.content, "html.parser")


def asks_for_password(response):
    return response.status_code == 200 and html(response).select_one("input[name=password]") is not None


def give_password(client, url, password):
    """The password form of `url`, filled in and sent as a browser sends it."""
    form = html(client.get(url)).select_one("form:has(input[name=password])")
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    return client.post(form["action"], {**data, "password": password})


# Serving ---------------------------------------------------------------------------------------------


def test_the_turkish_translation_of_a_password_protected_page_asks_for_the_password(client, site):
    assert "Kırkpınar kurulu" in client.get(ABOUT_TR).content.decode()
    restrict(site["about"])

    response = client.get(ABOUT_TR)
    assert asks_for_password(response)
    assert "Kırkpınar kurulu" not in response.content.decode()
    assert "public" not in response["Cache-Control"]


def test_the_english_password_opens_the_turkish_page_and_the_session_remembers_it_for_the_set(client, site):
    restrict(site["about"])

    assert asks_for_password(give_password(client, ABOUT_TR, "wrong"))
    response = give_password(client, ABOUT_TR, "board-only")
    assert response.status_code == 302 and response["Location"] == ABOUT_TR
    assert "Kırkpınar kurulu" in client.get(ABOUT_TR).content.decode()
    for url in [ABOUT_EN, "/tk/about/", "/ru/about/"]:
        response = client.get(url)
        assert not asks_for_password(response), url
        assert "Kirkpinar board" in response.content.decode(), url


def test_the_copies_that_wagtail_localize_makes_ask_for_the_password_once(client, site):
    restrict(site["about"])
    source = TranslationSource.objects.get_for_instance(site["about"])
    source.update_target_view_restrictions(locale("tr"))  # what a sync does
    assert site["about_tr"].view_restrictions.get().password == "board-only"

    give_password(client, ABOUT_EN, "board-only")
    assert "Kırkpınar kurulu" in client.get(ABOUT_TR).content.decode()


def test_each_password_of_a_set_is_asked_for(client, site):
    restrict(site["about"], password="board-only")
    restrict(site["about_tr"], password="kurul-icin")

    give_password(client, ABOUT_EN, "board-only")
    assert asks_for_password(client.get(ABOUT_EN))  # the Turkish page's password too
    give_password(client, ABOUT_EN, "kurul-icin")
    assert "Kirkpinar board" in client.get(ABOUT_EN).content.decode()
    assert "Kırkpınar kurulu" in client.get(ABOUT_TR).content.decode()


def test_a_restriction_on_the_turkish_page_only_protects_the_english_page_and_its_aliases(client, site):
    restrict(site["about_tr"], password="kurul-icin")

    for url in [ABOUT_TR, ABOUT_EN, "/tk/about/", "/ru/about/"]:
        assert asks_for_password(client.get(url)), url
    give_password(client, ABOUT_EN, "kurul-icin")
    assert "Kirkpinar board" in client.get(ABOUT_EN).content.decode()
    assert "Kırkpınar kurulu" in client.get(ABOUT_TR).content.decode()


def test_aliases_of_a_protected_page_are_still_protected(client, site):
    restrict(site["about"])
    for url in ["/tk/about/", "/ru/about/"]:
        response = client.get(url)
        assert asks_for_password(response), url
        assert "Kirkpinar board" not in response.content.decode(), url


def test_a_restriction_held_by_an_alias_counts_for_nothing_as_in_wagtail(client, site):
    alias = Page.objects.get(translation_key=site["about"].translation_key, locale=locale("tk"))
    assert alias.alias_of_id == site["about"].pk
    restrict(alias)
    for url in [ABOUT_EN, ABOUT_TR, "/tk/about/"]:
        assert not asks_for_password(client.get(url)), url


def test_the_subtree_of_a_translation_of_a_protected_section_is_protected(client, site):
    restrict(site["index"])
    for url in ["/tr/haberler/", NEWS_TR, NEWS_EN, "/tk/news/board-meeting/"]:
        assert asks_for_password(client.get(url)), url


def test_a_login_restriction_on_the_english_page_sends_visitors_of_the_turkish_one_to_sign_in(client, site):
    PageViewRestriction.objects.create(page=site["about"], restriction_type=PageViewRestriction.LOGIN)
    response = client.get(ABOUT_TR)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_group_restriction_follows_the_translations(client, site, django_user_model):
    restriction = PageViewRestriction.objects.create(page=site["about_tr"], restriction_type=PageViewRestriction.GROUPS)
    members = Group.objects.create(name="Board members")
    restriction.groups.add(members)
    outsider = django_user_model.objects.create_user("outsider", "outsider@example.org", "a-long-test-password")
    member = django_user_model.objects.create_user("member", "member@example.org", "a-long-test-password")
    member.groups.add(members)

    client.force_login(outsider)
    assert client.get(ABOUT_EN).status_code == 302
    client.force_login(member)
    assert "Kirkpinar board" in client.get(ABOUT_EN).content.decode()


def test_a_restriction_change_starts_a_new_cache_generation_and_shows_at_once(client, site):
    before = content_cache.generation()
    restriction = restrict(site["about"])
    assert content_cache.generation() != before
    assert asks_for_password(client.get(ABOUT_TR))

    restriction.password = "new-password"
    before = content_cache.generation()
    restriction.save()
    assert content_cache.generation() != before
    assert asks_for_password(give_password(client, ABOUT_TR, "board-only"))
    give_password(client, ABOUT_TR, "new-password")
    assert not asks_for_password(client.get(ABOUT_TR))

    before = content_cache.generation()
    restriction.delete()
    assert content_cache.generation() != before
    assert "Kırkpınar kurulu" in client.get(ABOUT_TR).content.decode()


# Listings, search, sitemaps, feeds ---------------------------------------------------------------------


def search_titles(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    return [a.get_text() for a in html(response).select("section[aria-labelledby=results-heading] h3 a")]


def sitemap_xml(client):
    return client.get("/sitemap.xml").content.decode()


def test_the_listings_of_the_turkish_locale_leave_the_translation_out(client, site):
    assert "Yönetim toplantısı" in client.get("/tr/haberler/").content.decode()
    assert "Yönetim toplantısı" in client.get("/tr/feeds/news/rss/").content.decode()
    assert sorted(search_titles(client, "tr", "kırkpınar")) == ["Hakkımızda", "Yönetim toplantısı"]
    assert f"http://testserver{ABOUT_TR}" in sitemap_xml(client)
    assert "Hakkımızda" in client.get("/tr/site-haritasi/").content.decode()

    restrict(site["about"])
    restrict(site["item"])

    assert "Yönetim toplantısı" not in client.get("/tr/haberler/").content.decode()
    assert "Yönetim toplantısı" not in client.get("/tr/feeds/news/rss/").content.decode()
    assert "Yönetim toplantısı" not in client.get("/tr/feeds/news/atom/").content.decode()
    assert search_titles(client, "tr", "kırkpınar") == []
    assert client.get("/tr/search/autocomplete/", {"q": "hakkım"}).json()["results"] == []
    assert f"http://testserver{ABOUT_TR}" not in sitemap_xml(client)
    assert f"http://testserver{NEWS_TR}" not in sitemap_xml(client)
    assert "Hakkımızda" not in client.get("/tr/site-haritasi/").content.decode()
    # ...and those of the other locales, aliases included
    assert "Board meeting" not in client.get("/tk/news/").content.decode()
    assert search_titles(client, "en", "kirkpinar") == []
    assert search_titles(client, "ru", "kirkpinar") == []


def test_a_restriction_on_the_turkish_page_takes_the_english_one_out_of_the_listings(client, site):
    restrict(site["item_tr"])
    assert "Board meeting" not in client.get("/en/news/").content.decode()
    assert "Board meeting" not in client.get("/en/feeds/news/rss/").content.decode()
    assert f"http://testserver{NEWS_EN}" not in sitemap_xml(client)
    assert "Yönetim toplantısı" not in client.get("/tr/haberler/").content.decode()


# The admin ---------------------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_the_admin_says_a_page_protected_through_its_translation_is_private(admin_client, site):
    def private_in_side_panel(page):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        zone = html(response).select_one('div[data-w-zone-switch-key-value="!isPublic"]')
        return "w-hidden" not in zone["class"]

    def indicators():
        home = Page.objects.get(pk=site["about"].get_parent().pk)
        return len(html(admin_client.get(f"/admin/pages/{home.pk}/")).select(".privacy-indicator"))

    assert not private_in_side_panel(site["about"])
    assert indicators() == 0
    restrict(site["about_tr"])
    assert private_in_side_panel(site["about"])
    assert indicators() == 1
    # The privacy dialog of the English page points to the page that holds the restriction.
    dialog = admin_client.get(f"/admin/pages/{site['about'].pk}/privacy/").json()["html"]
    assert f"/admin/pages/{site['about_tr'].pk}/edit/" in dialog


def test_the_privacy_dialog_of_each_page_changes_its_own_copy(admin_client, site):
    restrict(site["about"])
    TranslationSource.objects.get_for_instance(site["about"]).update_target_view_restrictions(locale("tr"))

    def dialog(page):
        return admin_client.get(f"/admin/pages/{page.pk}/privacy/").json()["html"]

    for page in (site["about"], site["about_tr"]):
        assert "inherited" not in dialog(page), page
        assert 'value="board-only"' in dialog(page), page
    admin_client.post(f"/admin/pages/{site['about_tr'].pk}/privacy/", {"restriction_type": "none"})
    assert not site["about_tr"].view_restrictions.exists()
    assert site["about"].view_restrictions.exists()
    # The English page's restriction still protects the Turkish one, and its dialog says where it is.
    assert f"/admin/pages/{site['about'].pk}/edit/" in dialog(site["about_tr"])
