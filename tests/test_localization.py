"""Languages and the localized page tree: redirects, switcher, alternates, aliases, translation."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

from core.translation import synchronise_trees, translate
from home.models import StandardPage
from tests.factories import StandardPageFactory, locale

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_localization"),
]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("tr-TR,tr;q=0.9,en;q=0.5", "/tr/"), ("ru", "/ru/"), ("tk", "/tk/"), ("de-DE,de", "/en/"), ("", "/en/")],
)
def test_root_redirects_to_the_best_language_for_the_browser(client, site_tree, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.fixture
def about(site_tree):
    """An English page translated into Turkish only; the other locales get aliases."""
    page = StandardPageFactory(parent=site_tree["en"], title="About the network", slug="about")
    translated = translate(page, locale("tr"), {"About the network": "Ağ hakkında", "about": "hakkimizda"})
    synchronise_trees()
    return {"en": page, "tr": translated}


def test_translation_is_served_under_its_language_prefix(client, about):
    response = client.get("/tr/hakkimizda/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="tr"' in html
    assert "<h1>Ağ hakkında</h1>" in html
    assert "not yet available" not in html


def test_untranslated_page_shows_the_source_marked_with_its_language(client, about):
    alias = Page.objects.get(translation_key=about["en"].translation_key, locale=locale("ru"))
    assert alias.alias_of_id == about["en"].pk
    response = client.get("/ru/about/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ru"' in html
    assert '<main id="main" tabindex="-1" lang="en">' in html
    assert "<h1>About the network</h1>" in html
    assert 'class="notice" lang="ru"' in html
    # An alias repeats its source: search engines are sent to the original.
    assert '<link rel="canonical" href="http://testserver/en/about/">' in html
    assert '<meta name="robots" content="noindex, follow">' in html


def test_language_switcher_links_each_language_to_the_same_page(client, about):
    html = client.get("/en/about/").content.decode()
    assert '<a href="/en/about/" lang="en" hreflang="en" aria-current="true">English</a>' in html
    assert '<a href="/tr/hakkimizda/" lang="tr" hreflang="tr">Türkçe</a>' in html
    assert '<a href="/ru/about/" lang="ru" hreflang="ru">Русский</a>' in html


def test_language_switcher_falls_back_to_the_home_of_a_language_without_the_page(client, site_tree):
    StandardPageFactory(parent=site_tree["en"], title="Only in English", slug="only-english")
    html = client.get("/en/only-english/").content.decode()
    assert '<a href="/tr/" lang="tr" hreflang="tr">Türkçe</a>' in html
    assert '<a href="/tk/" lang="tk" hreflang="tk">Türkmençe</a>' in html


def test_hreflang_alternates_list_only_real_translations(client, about):
    html = client.get("/en/about/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">' in html
    assert '<link rel="alternate" hreflang="tr" href="http://testserver/tr/hakkimizda/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/en/about/">' in html
    assert 'hreflang="ru" href="http://testserver/ru/about/"' not in html


def test_unknown_page_answers_a_translated_404(client, site_tree):
    response = client.get("/tr/olmayan-sayfa/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="tr"' in html
    assert "Sayfa bulunamadı" in html


def test_unknown_language_prefix_is_not_an_error(client, site_tree):
    response = client.get("/xx/anything/", follow=True, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


def test_sitemap_lists_translations_with_alternates_and_leaves_out_aliases(client, about):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert "<loc>http://testserver/en/about/</loc>" in xml
    assert "<loc>http://testserver/tr/hakkimizda/</loc>" in xml
    assert '<xhtml:link rel="alternate" hreflang="tr" href="http://testserver/tr/hakkimizda/"/>' in xml
    assert "http://testserver/ru/about/" not in xml
    for code in ("en", "tr", "tk", "ru"):
        assert f"<loc>http://testserver/{code}/</loc>" in xml


def test_robots_txt_points_at_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_translation_round_trip_through_the_wagtail_localize_admin(
    client, site_tree, admin_user, django_capture_on_commit_callbacks
):
    """Submit for translation, translate every segment, publish: the page is live at /tr/."""
    page = StandardPageFactory(
        parent=site_tree["en"],
        title="Acknowledgements",
        slug="acknowledgements",
        introduction="This site carries the work of many partners.",
    )
    client.force_login(admin_user)

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [locale("tr").pk]}
    )
    assert response.status_code == 302
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale("tr"))
    draft = page.get_translation(locale("tr"))
    assert not draft.live

    turkish = {
        "Acknowledgements": "Teşekkürler",
        "acknowledgements": "tesekkurler",
        "This site carries the work of many partners.": "Bu site birçok ortağın emeğini taşır.",
    }
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    assert {segment.string.data for segment in segments} >= set(turkish)
    for segment in segments:
        if segment.string.data in turkish:
            url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
            response = client.put(
                url,
                data=urlencode({"value": turkish[segment.string.data]}),
                content_type="application/x-www-form-urlencoded; charset=utf-8",
            )
            assert response.status_code == 201, response.content

    # wagtail-localize publishes once the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), {"action": "publish"})
    assert response.status_code == 302

    published = StandardPage.objects.get(pk=draft.pk)
    assert published.live
    assert published.title == "Teşekkürler"
    response = client.get("/tr/tesekkurler/")
    assert response.status_code == 200
    assert "Bu site birçok ortağın emeğini taşır." in response.content.decode()
