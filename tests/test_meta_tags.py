"""What pages tell search engines and the sites they are shared on: the description and its fallbacks,
the canonical link, Open Graph and card tags (the lead image's rendition, the locales of the real
translations) and the share links of news and events, in every language.

The pages are built once for the module; each test reads them in a savepoint.
"""

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from core.templatetags.meta_tags import DESCRIPTION_LENGTH, default_description, open_graph_locale, shorten
from core.translation import synchronise_trees, translate
from home.models import HomePage
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory
from tests.application_factories import ExpressionOfInterestPageFactory
from tests.database import fresh, keys, rolled_back
from tests.factories import ImageFactory, SitemapPageFactory, StandardPageFactory, locale
from tests.hypothesis_profiles import examples
from tests.news_factories import NewsIndexPageFactory, NewsPageFactory
from tests.supporter_factories import SupporterIndexPageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_meta_tags"),
]

LANGUAGES = ["en", "tr", "tk", "ru"]
LONG_INTRO = (
    "The mid-term evaluation workshop of the twinning grant projects took place in Ankara, where "
    "twenty-three municipalities compared their performance indicators and planned the next steps."
)


@pytest.fixture(scope="module")
def shared_pages(shared_site_tree, django_db_blocker):
    with rolled_back(django_db_blocker):
        home = HomePage.objects.get(pk=shared_site_tree["en"])
        news_index = NewsIndexPageFactory(parent=home)
        news = NewsPageFactory(
            parent=news_index,
            title="Study visit & workshop",
            slug="study-visit",
            intro=LONG_INTRO,
            lead_image=ImageFactory(),
            lead_image_alt="Mayors in front of Muğla's town hall",
        )
        translate(news, locale("tr"), {LONG_INTRO: "Hibe projelerinin ara değerlendirme çalıştayı Ankara'da yapıldı."})
        described = StandardPageFactory(
            parent=home,
            title="About",
            slug="about",
            search_description="What the network is, in one sentence.",
            listing_summary="Not this one.",
            introduction="Nor this one.",
        )
        summarised = StandardPageFactory(
            parent=home, title="Legal", slug="legal", listing_summary="Who runs the site.", introduction="Not this."
        )
        introduced = StandardPageFactory(
            parent=home, title="Thanks", slug="thanks", introduction="<b>Our</b>   partners &amp; funders."
        )
        sitemap = SitemapPageFactory(parent=home, title="Sitemap", slug="sitemap")
        event = EventPageFactory(parent=AgendaIndexPageFactory(parent=home), title="Partner-finding day")
        form = ExpressionOfInterestPageFactory(parent=SupporterIndexPageFactory(parent=home))
        synchronise_trees()
        yield keys(
            {
                "home": home,
                "news": news,
                "described": described,
                "summarised": summarised,
                "introduced": introduced,
                "sitemap": sitemap,
                "event": event,
                "form": form,
            }
        )


@pytest.fixture
def pages(shared_pages):
    return fresh(shared_pages)


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").head


def meta(head, key):
    """The content of every `<meta property|name=key>`, in order."""
    return [
        tag["content"]
        for tag in head.find_all("meta", attrs={"property": key}) + head.find_all("meta", attrs={"name": key})
    ]


def translated_url(page, code):
    return page.get_translation(locale(code)).url


# Descriptions -------------------------------------------------------------------------------------


@given(st.text(alphabet=st.sampled_from("abcçğıİöşü ,.-"), max_size=400))
@settings(max_examples=examples(200))
def test_a_description_fits_in_160_characters_and_ends_with_a_whole_word(text):
    text = " ".join(text.split())
    shortened = shorten(text)
    assert len(shortened) <= DESCRIPTION_LENGTH
    if len(text) <= DESCRIPTION_LENGTH:
        assert shortened == text
    else:
        kept = shortened.removesuffix("…")
        assert shortened.endswith("…") and text.startswith(kept)
        following = text[len(kept) :]
        # Cut between two words, or inside a word only when one word alone is longer than the limit.
        assert not following or following[0] in " ,.-" or kept[-1:] in " ,.-" or " " not in kept


def test_a_long_introduction_is_cut_at_a_word(client, pages):
    [description] = meta(head_of(client, pages["news"].url), "description")
    assert len(LONG_INTRO) > DESCRIPTION_LENGTH
    assert description == (
        "The mid-term evaluation workshop of the twinning grant projects took place in Ankara, where "
        "twenty-three municipalities compared their performance indicators…"
    )


@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("described", "What the network is, in one sentence."),  # the editor's search description first
        ("summarised", "Who runs the site."),  # then the listing summary
        ("introduced", "Our partners & funders."),  # then the introduction, as plain text
        ("event", "A twinning workshop on climate neutrality."),  # an event's intro
    ],
)
def test_the_description_falls_back_from_the_search_description_to_the_summary_and_intro(
    client, pages, name, description
):
    head = head_of(client, pages[name].url)
    assert meta(head, "description") == [description]
    assert meta(head, "og:description") == [description]


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_page_with_nothing_to_say_has_the_site_description_in_its_language(client, pages, code):
    url = translated_url(pages["sitemap"], code)
    with translation.override(code):
        expected = shorten(default_description())
    assert meta(head_of(client, url), "description") == [expected]


def test_a_page_outside_the_page_tree_has_a_description_too(client, pages):
    head = head_of(client, "/en/search/?q=workshop")
    assert meta(head, "description") == [shorten(default_description())]
    assert head.find("link", rel="canonical") is None  # search results are no page to index


# Canonical address, Open Graph and cards -----------------------------------------------------------


def test_a_news_item_is_an_article_with_its_lead_image(client, pages):
    news = pages["news"]
    head = head_of(client, news.url)
    canonical = head.find("link", rel="canonical")["href"]
    assert canonical == "http://testserver/en/news/study-visit/"
    assert meta(head, "og:url") == [canonical]
    assert meta(head, "og:title") == ["Study visit & workshop"]
    assert meta(head, "og:type") == ["article"]
    assert meta(head, "og:site_name") == ["Covenant of Mayors network"]
    [image] = meta(head, "og:image")
    assert image.startswith("http://testserver/") and image.endswith(".jpg")
    [width], [height] = meta(head, "og:image:width"), meta(head, "og:image:height")
    assert int(width) * 9 == int(height) * 16  # the 16:9 rendition of the structured data
    assert meta(head, "og:image:alt") == ["Mayors in front of Muğla's town hall"]
    assert meta(head, "twitter:card") == ["summary_large_image"]


def test_a_page_without_an_image_is_a_website_with_a_small_card(client, pages):
    head = head_of(client, pages["described"].url)
    assert meta(head, "og:type") == ["website"]
    assert meta(head, "og:image") == []
    assert meta(head, "twitter:card") == ["summary"]


def test_og_locale_alternates_name_the_real_translations_only(client, pages):
    news = pages["news"]
    # English and Turkish are real; Turkmen and Russian are aliases that repeat the English.
    assert meta(head_of(client, news.url), "og:locale") == ["en_GB"]
    assert meta(head_of(client, news.url), "og:locale:alternate") == ["tr_TR"]
    turkish = head_of(client, translated_url(news, "tr"))
    assert meta(turkish, "og:locale") == ["tr_TR"]
    assert meta(turkish, "og:locale:alternate") == ["en_GB"]
    assert meta(turkish, "og:description") == ["Hibe projelerinin ara değerlendirme çalıştayı Ankara'da yapıldı."]


def test_an_alias_points_to_its_source_and_says_the_language_of_its_content(client, pages):
    news = pages["news"]
    head = head_of(client, translated_url(news, "tk"))
    assert head.find("link", rel="canonical")["href"] == "http://testserver/en/news/study-visit/"
    assert meta(head, "og:url") == ["http://testserver/en/news/study-visit/"]
    assert meta(head, "og:locale") == ["en_GB"]  # the content is the English source's
    assert meta(head, "og:locale:alternate") == ["tr_TR"]


def test_a_sub_route_is_its_own_canonical_address(client, pages):
    form = pages["form"]
    head = head_of(client, form.url + "thanks/")
    assert head.find("link", rel="canonical")["href"] == form.full_url + "thanks/"


@pytest.mark.parametrize(("code", "expected"), [("en", "en_GB"), ("tk", "tk_TM"), ("uk", "uk_UA"), ("pt-br", "pt_BR")])
def test_open_graph_locales_have_a_territory(code, expected):
    assert open_graph_locale(code) == expected


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_locale_has_one_description_canonical_and_card(client, pages, code):
    head = head_of(client, translated_url(pages["event"], code))
    assert len(meta(head, "description")) == 1
    assert len(head.find_all("link", rel="canonical")) == 1
    assert meta(head, "og:type") == ["article"]
    assert meta(head, "twitter:card") == ["summary"]


# Share links -----------------------------------------------------------------------------------------


def share_links(client, url):
    response = client.get(url)
    section = BeautifulSoup(response.content, "html.parser").find("section", class_="share-links")
    return section, {a.get_text(strip=True): a["href"] for a in section.find_all("a")} if section else {}


def test_a_news_item_has_plain_share_links_to_its_canonical_address(client, pages):
    section, links = share_links(client, pages["news"].url)
    canonical = "http://testserver/en/news/study-visit/"
    assert set(links) == {"Email", "LinkedIn", "Facebook", "X (Twitter)", "Telegram", "WhatsApp"}
    email = urlsplit(links["Email"])
    assert email.scheme == "mailto"
    assert parse_qs(email.query) == {"subject": ["Study visit & workshop"], "body": [canonical]}
    assert "+" not in links["Email"]  # mail programs show a + as it is
    assert parse_qs(urlsplit(links["LinkedIn"]).query) == {"url": [canonical]}
    assert parse_qs(urlsplit(links["Facebook"]).query) == {"u": [canonical]}
    assert parse_qs(urlsplit(links["X (Twitter)"]).query) == {"url": [canonical], "text": ["Study visit & workshop"]}
    assert parse_qs(urlsplit(links["WhatsApp"]).query) == {"text": [f"Study visit & workshop {canonical}"]}
    assert not section.find("script")


@pytest.mark.parametrize("code", LANGUAGES)
def test_an_event_has_share_links_labelled_in_the_visitors_language(client, pages, code):
    section, links = share_links(client, translated_url(pages["event"], code))
    with translation.override(code):
        assert section.h2.get_text(strip=True) == translation.gettext("Share this page")
        assert translation.gettext("Email") in links
    assert section["lang"] == code  # the labels are the interface's, also on an untranslated event


def test_other_pages_have_no_share_links(client, pages):
    section, _links = share_links(client, pages["described"].url)
    assert section is None
