"""Network news on the public side: the listing page and its media route, the profiles' "From their
site", the programmes' block on the twinning index, the feeds, the RSS help page and the search.

Items are stored with the ORM, as the fetching code stores them. The site, its profiles and the
items are built once for the module; each test runs in a savepoint of that transaction.
"""

import datetime
import hashlib
import uuid

import feedparser
import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from core.feeds import feed_links
from core.translation import synchronise_trees, translate
from home.models import HomePage
from network.aggregation.models import FeedItem, FeedSource, ItemStatus, NetworkNewsIndexPage, OwnerKind, identity_of
from network.supporters.models import SupporterPage
from network.twinning.models import TwinningIndexPage
from signatories.models import SignatoryPage
from tests.aggregation_factories import NetworkNewsIndexPageFactory
from tests.database import fresh, keys, rolled_back
from tests.factories import FeedsPageFactory, locale
from tests.search_factories import page
from tests.signatory_factories import SignatoryIndexPageFactory, SignatoryPageFactory
from tests.supporter_factories import SupporterIndexPageFactory, SupporterPageFactory
from tests.twinning_factories import TwinningIndexPageFactory, TwinningProgrammeFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_aggregation_pages"),
]

LANGUAGES = ["en", "tr", "tk", "ru"]
NOW = datetime.datetime(2026, 5, 20, 9, 0, tzinfo=datetime.UTC)
BUDGET = 12  # queries of any listing, as tests/test_performance.py allows every public page


def add_item(source, title, *, days_ago, language=None, status=ItemStatus.PUBLISHED, link=True, summary=None):
    """An item as the fetching code stores it."""
    guid = f"urn:test:{source.pk}:{slugify(title, allow_unicode=True)}"
    content_hash = hashlib.sha256(title.encode()).hexdigest()
    return FeedItem.objects.create(
        source=source,
        identity=identity_of(guid, "", content_hash),
        guid=guid,
        link=f"https://{slugify(source.name)}.example.org/{slugify(title)}/" if link else "",
        content_hash=content_hash,
        title=title,
        summary=f"What happened: {title}." if summary is None else summary,
        language=language or source.language,
        published_at=NOW - datetime.timedelta(days=days_ago),
        status=status,
    )


def build_world(home):
    news_page = NetworkNewsIndexPageFactory(parent=home)
    translate(news_page, locale("tr"), {"From the network": "Ağdan haberler", "from-the-network": "agdan-haberler"})
    directory = SignatoryIndexPageFactory(parent=home)
    translate(directory, locale("tr"), {"Signatories": "İmzacılar", "signatories": "imzacilar"})
    konak = SignatoryPageFactory(parent=directory, title="Konak", slug="konak", country="TR")
    sinaia = SignatoryPageFactory(parent=directory, title="Sinaia", slug="sinaia", country="RO")
    supporters = SupporterIndexPageFactory(parent=home)
    union = SupporterPageFactory(parent=supporters, title="Union of Provinces", slug="union-of-provinces")
    twinnings = TwinningIndexPageFactory(parent=home)
    twin = TwinningProgrammeFactory()
    translate(twin, locale("tr"), {"Turkey-EU Town Twinning project": "Türkiye-AB Kardeş Şehir Projesi"})
    synchronise_trees()  # what is not translated appears in the other locales as an alias, in English
    translate(konak, locale("tr"), {"Konak": "Konak Belediyesi"})

    konak_site = FeedSource.objects.create(
        name="Konak Belediyesi", url="https://konak.example.org/rss/", owner_kind=OwnerKind.SIGNATORY,
        signatory=konak, language="tr",
    )  # fmt: skip
    union_site = FeedSource.objects.create(
        name="Union of Provinces news", url="https://union.example.org/feed/", owner_kind=OwnerKind.SUPPORTER,
        supporter=union, language="en",
    )  # fmt: skip
    twin_mis = FeedSource.objects.create(
        name="TWIN MIS", url="https://twin-mis.example.org/rss/", owner_kind=OwnerKind.PROGRAMME,
        programme=twin, language="tr", country="TR",
    )  # fmt: skip
    magazine = FeedSource.objects.create(
        name="Energy Cities Magazine", url="https://magazine.example.org/atom/", owner_kind=OwnerKind.MEDIA,
        language="en", country="RO",
    )  # fmt: skip
    add_item(konak_site, "Konak güneş santralini açtı", days_ago=1)
    add_item(union_site, "Union trains climate officers", days_ago=2)
    add_item(twin_mis, "Hibe projesi Muğla'yı ziyaret etti", days_ago=3)
    add_item(magazine, "Cities cut emissions faster", days_ago=4)
    add_item(magazine, "Города сети сокращают выбросы", days_ago=5, language="ru")
    add_item(konak_site, "Konak geri dönüşümü büyütüyor", days_ago=6)
    add_item(twin_mis, "Programme note without an address", days_ago=7, link=False, language="en")
    add_item(konak_site, "Waiting for a moderator", days_ago=0, status=ItemStatus.PENDING)
    add_item(konak_site, "Hidden by a moderator", days_ago=0, status=ItemStatus.HIDDEN)
    return {
        "news page": news_page,
        "konak": konak,
        "sinaia": sinaia,
        "union": union,
        "twinnings": twinnings,
        "twin": twin,
        "konak site": konak_site,
        "union site": union_site,
        "twin mis": twin_mis,
        "magazine": magazine,
    }


#: The published items, newest first.
PUBLISHED = [
    "Konak güneş santralini açtı",
    "Union trains climate officers",
    "Hibe projesi Muğla'yı ziyaret etti",
    "Cities cut emissions faster",
    "Города сети сокращают выбросы",
    "Konak geri dönüşümü büyütüyor",
    "Programme note without an address",
]


@pytest.fixture(scope="module")
def shared_world(shared_site_tree, django_db_blocker):
    with rolled_back(django_db_blocker):
        yield keys(build_world(HomePage.objects.get(pk=shared_site_tree["en"])))


@pytest.fixture
def world(shared_world):
    return fresh(shared_world)


def in_locale(page, code):
    """`page` as the locale `code` has it (its translation or its alias)."""
    return page.get_translation(locale(code)).specific


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def titles(html):
    """Titles of the listed items, without the words for screen readers."""
    found = []
    for heading in html.select(".cards .card__title"):
        for hidden in heading.select(".visually-hidden, [aria-hidden]"):
            hidden.extract()
        found.append(heading.get_text(strip=True))
    return found


def card(html, title):
    return next(li for li in html.select(".cards > li") if title in li.get_text())


def listing_url(code):
    return NetworkNewsIndexPage.objects.get(locale=locale(code)).url


# The page tree and the admin ---------------------------------------------------------------------


class TestPageTreeRules:
    def test_a_leaf_of_the_home_page_once_per_locale(self, world):
        assert NetworkNewsIndexPage.parent_page_types == ["home.HomePage"]
        assert NetworkNewsIndexPage.allowed_subpage_models() == []
        assert NetworkNewsIndexPage.max_count_per_parent == 1
        assert str(NetworkNewsIndexPage._meta.verbose_name) == "network news page"
        home = world["news page"].get_parent()
        assert not NetworkNewsIndexPage.can_create_at(home)  # it has one already
        assert not NetworkNewsIndexPage.can_create_at(world["news page"])

    def test_editors_may_add_it_under_a_home(self, world):
        assert NetworkNewsIndexPage.allowed_parent_page_models() == [HomePage]
        assert NetworkNewsIndexPage in HomePage.allowed_subpage_models()

    def test_editors_can_open_its_form(self, client, admin_user, world):
        client.force_login(admin_user)
        response = client.get(reverse("wagtailadmin_pages:edit", args=[world["news page"].pk]))
        assert response.status_code == 200
        assert 'name="intro"' in response.content.decode()


# The listing -------------------------------------------------------------------------------------


class TestListing:
    def test_every_published_item_newest_first(self, client, world):
        html = get(client, "/en/from-the-network/")
        assert titles(html) == PUBLISHED
        assert "7 news items" in html.select_one(".listing-count").get_text()
        assert html.h1.get_text() == "From the network"
        assert html.select_one(".lead").get_text() == "News from the sites of the network's members."

    def test_each_title_opens_the_original_on_its_site_and_says_so(self, client, world):
        item = card(get(client, "/en/from-the-network/"), "Cities cut emissions faster")
        link = item.select_one(".card__title a")
        assert link["href"] == "https://energy-cities-magazine.example.org/cities-cut-emissions-faster/"
        assert link["rel"] == ["nofollow", "noopener"]
        assert link.select_one(".visually-hidden").get_text() == " (opens the site of Energy Cities Magazine)"
        assert item.select_one(".card__text").get_text() == "What happened: Cities cut emissions faster."
        assert "From Energy Cities Magazine" in item.select_one(".card__source").get_text()

    def test_an_item_without_an_address_is_not_a_link(self, client, world):
        item = card(get(client, "/en/from-the-network/"), "Programme note without an address")
        assert item.select_one(".card__title a") is None

    def test_dates_are_written_in_the_visitor_language(self, client, world):
        english = card(get(client, "/en/from-the-network/"), "Konak güneş santralini açtı").time
        assert (english["datetime"], english.get_text()) == ("2026-05-19", "May 19, 2026")
        turkish = card(get(client, listing_url("tr")), "Konak güneş santralini açtı").time
        assert (turkish["datetime"], turkish.get_text()) == ("2026-05-19", "19 Mayıs 2026")
        russian = card(get(client, listing_url("ru")), "Konak güneş santralini açtı").time
        assert russian.get_text() == "19 мая 2026 г."

    def test_items_in_another_language_than_the_page_are_marked(self, client, world):
        english = get(client, "/en/from-the-network/")
        assert card(english, "Konak güneş santralini açtı").get("lang") == "tr"
        assert card(english, "Города сети").get("lang") == "ru"
        assert card(english, "Union trains climate officers").get("lang") is None
        assert "In Türkçe" in card(english, "Konak güneş").select_one(".badge--language").get_text()
        turkish = get(client, listing_url("tr"))
        assert card(turkish, "Konak güneş santralini açtı").get("lang") is None
        assert card(turkish, "Union trains climate officers").get("lang") == "en"
        # what the site writes around a foreign item stays in the visitor's language
        assert card(turkish, "Union trains").select_one(".card__meta")["lang"] == "tr"

    def test_the_owner_profile_is_linked_in_the_visitor_locale(self, client, world):
        konak, union = world["konak"], world["union"]
        turkish = get(client, listing_url("tr"))
        profile = card(turkish, "Konak güneş").select_one(".card__source a")
        tr_konak = SignatoryPage.objects.get(locale=locale("tr"), translation_key=konak.translation_key)
        assert (profile["href"], profile.get_text(), profile.get("lang")) == (tr_konak.url, "Konak Belediyesi", None)
        profile = card(turkish, "Union trains").select_one(".card__source a")
        tr_union = SupporterPage.objects.get(locale=locale("tr"), translation_key=union.translation_key)
        assert tr_union.alias_of_id  # an alias: shown in English, marked so
        assert (profile["href"], profile.get_text(), profile.get("lang")) == (tr_union.url, "Union of Provinces", "en")
        russian = get(client, listing_url("ru"))
        profile = card(russian, "Konak güneş").select_one(".card__source a")
        assert (profile["href"], profile.get("lang")) == (in_locale(konak, "ru").url, "en")
        assert profile["href"].startswith("/ru/")

    def test_a_programme_item_names_its_programme_in_the_visitor_language(self, client, world):
        english = card(get(client, "/en/from-the-network/"), "Hibe projesi").select_one(".card__source a")
        assert (english.get_text(), english["href"]) == (
            "Turkey-EU Town Twinning project",
            "/en/from-the-network/?programme=twin",
        )
        turkish = card(get(client, listing_url("tr")), "Hibe projesi").select_one(".card__source a")
        assert (turkish.get_text(), turkish["href"]) == (
            "Türkiye-AB Kardeş Şehir Projesi",
            "/tr/agdan-haberler/?programme=twin",
        )

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"kind": "signatory"}, ["Konak güneş santralini açtı", "Konak geri dönüşümü büyütüyor"]),
            ({"kind": "supporter"}, ["Union trains climate officers"]),
            ({"kind": "media"}, ["Cities cut emissions faster", "Города сети сокращают выбросы"]),
            ({"country": "RO"}, ["Cities cut emissions faster", "Города сети сокращают выбросы"]),
            ({"country": "ro"}, ["Cities cut emissions faster", "Города сети сокращают выбросы"]),
            ({"programme": "twin"}, ["Hibe projesi Muğla'yı ziyaret etti", "Programme note without an address"]),
            ({"language": "ru"}, ["Города сети сокращают выбросы"]),
            ({"language": "en", "kind": "media"}, ["Cities cut emissions faster"]),
            ({"language": "tr", "country": "TR", "kind": "programme"}, ["Hibe projesi Muğla'yı ziyaret etti"]),
        ],
    )
    def test_filters(self, client, world, params, expected):
        html = get(client, "/en/from-the-network/", **params)
        assert titles(html) == expected
        assert f"{len(expected)} news item" in html.select_one(".listing-count").get_text()
        assert html.find("a", string="Clear filters")["href"] == "/en/from-the-network/"
        for name, value in params.items():
            selected = html.select_one(f"form.filters select[name={name}] option[selected]")["value"]
            assert selected == (value.upper() if name == "country" else value)

    def test_filter_choices_are_what_the_items_offer_named_in_the_visitor_language(self, client, world):
        def options(html, name):
            return [
                (option["value"], option.get_text())
                for option in html.select(f"form.filters select[name={name}] option")
            ]

        english = get(client, "/en/from-the-network/")
        assert options(english, "kind") == [
            ("", "Everyone"), ("signatory", "Signatory"), ("supporter", "Supporter"), ("programme", "Programme"),
            ("media", "Media outlet"),
        ]  # fmt: skip
        assert options(english, "country") == [("", "All countries"), ("RO", "Romania"), ("TR", "Türkiye")]
        assert options(english, "programme") == [("", "All programmes"), ("twin", "Turkey-EU Town Twinning project")]
        assert options(english, "language") == [
            ("", "All languages"),
            ("en", "English"),
            ("tr", "Türkçe"),
            ("ru", "Русский"),
        ]
        assert english.select_one("form.filters select[name=language] option[value=ru]")["lang"] == "ru"
        turkish = get(client, listing_url("tr"))
        assert ("RO", "Romanya") in options(turkish, "country")
        assert ("twin", "Türkiye-AB Kardeş Şehir Projesi") in options(turkish, "programme")
        assert ("RO", "Rumyniýa") in options(get(client, listing_url("tk")), "country")  # the site's own Turkmen names
        assert ("RO", "Румыния") in options(get(client, listing_url("ru")), "country")

    def test_the_news_of_one_owner(self, client, world):
        key = world["konak"].translation_key
        html = get(client, listing_url("tr"), owner=str(key))
        assert titles(html) == ["Konak güneş santralini açtı", "Konak geri dönüşümü büyütüyor"]
        notice = html.select_one(".notice")
        tr_konak = SignatoryPage.objects.get(locale=locale("tr"), translation_key=key)
        assert notice.find("a", string="Konak Belediyesi")["href"] == tr_konak.url
        assert html.select_one("input[type=hidden][name=owner]")["value"] == str(key)  # kept by the other filters

    @pytest.mark.parametrize(
        "params",
        [
            {"kind": "gossip"},
            {"kind": "<script>alert(1)</script>"},
            {"country": "ZZ"},
            {"country": "TUR"},
            {"country": "DE"},  # a country, but none of the items'
            {"programme": "no-such-programme"},
            {"language": "xx"},
            {"language": "de"},
            {"owner": "not-a-uuid"},
            {"owner": str(uuid.UUID(int=7))},  # a key, but no profile's with a source
            {"kind": "media\x00"},
            {"country": "\x00"},
            {"language": "9" * 5000},
            {"programme": "twin' OR 1=1 --"},
        ],
    )
    def test_bad_filter_values_are_ignored_and_said_so(self, client, world, params):
        html = get(client, "/en/from-the-network/", **params)
        assert titles(html) == PUBLISHED
        assert "have been ignored" in html.select_one(".notice[role=status]").get_text()
        assert "<script>" not in str(html.main)

    def test_unknown_parameters_and_empty_values_are_no_filters(self, client, world):
        html = get(client, "/en/from-the-network/", unknown="value", kind="", country=" ")
        assert titles(html) == PUBLISHED
        assert html.select_one(".notice[role=status]") is None
        assert html.find("a", string="Clear filters") is None

    @pytest.mark.parametrize("page", ["2", "99", "0", "-1", "abc", "1.5", "99999999999999999999", "9" * 5000])
    def test_pages_that_do_not_exist_are_not_found(self, client, world, page):
        assert client.get("/en/from-the-network/", {"page": page}).status_code == 404
        assert client.get("/en/from-the-network/media/", {"page": page}).status_code == 404

    def test_twenty_a_page_and_the_filters_kept_across_pages(self, client, world):
        for number in range(25):
            add_item(world["magazine"], f"Magazine story {number:02d}", days_ago=10 + number)
        first = get(client, "/en/from-the-network/", kind="media")
        assert len(titles(first)) == 20
        assert "27 news items" in first.select_one(".listing-count").get_text()
        pagination = first.select_one("nav.pagination")
        assert pagination.select_one("[aria-current=page]").get_text() == "Page 1 of 2"
        assert pagination.select_one("a[rel=next]")["href"] == "?kind=media&page=2"
        second = get(client, "/en/from-the-network/", kind="media", page="2")
        assert titles(second) == [f"Magazine story {number:02d}" for number in range(18, 25)]
        assert second.select_one("nav.pagination a[rel=prev]")["href"] == "?kind=media&page=1"

    def test_nothing_published_says_so(self, client, world):
        FeedItem.objects.update(status=ItemStatus.HIDDEN)
        html = get(client, "/en/from-the-network/")
        assert titles(html) == []
        assert "0 news items" in html.select_one(".listing-count").get_text()
        assert "No news matches these filters." in html.get_text()

    def test_feed_discovery_in_the_head(self, client, world):
        for code in ["en", "tr"]:
            head = get(client, listing_url(code)).head
            links = [(link["type"], link["href"]) for link in head.select("link[rel=alternate][type]")]
            assert ("application/rss+xml", f"/{code}/feeds/network/rss/") in links
            assert ("application/atom+xml", f"/{code}/feeds/network/atom/") in links

    def test_the_form_works_without_javascript(self, client, world):
        html = get(client, listing_url("tr"))
        form = html.select_one("form.filters")
        assert (form["method"], form["action"]) == ("get", "/tr/agdan-haberler/")
        for select in form.select("select"):
            assert form.select_one(f"label[for={select['id']}]") is not None
        assert form.select_one("button[type=submit]") is not None


class TestMediaRoute:
    def test_lists_the_media_outlets_items_only(self, client, world):
        html = get(client, "/en/from-the-network/media/")
        assert titles(html) == ["Cities cut emissions faster", "Города сети сокращают выбросы"]
        assert html.h1.get_text() == "In the media"
        assert html.title.get_text().startswith("In the media · From the network")
        assert html.select_one("form.filters select[name=kind]") is None
        assert html.select_one("form.filters select[name=programme]") is None
        current = html.select_one(".network-news-sections [aria-current=page]")
        assert (current["href"], current.get_text()) == ("/en/from-the-network/media/", "In the media")

    def test_same_filters_and_template(self, client, world):
        html = get(client, "/en/from-the-network/media/", language="ru")
        assert titles(html) == ["Города сети сокращают выбросы"]
        assert html.select_one("form.filters")["action"] == "/en/from-the-network/media/"
        assert html.find("a", string="Clear filters")["href"] == "/en/from-the-network/media/"
        ignored = get(client, "/en/from-the-network/media/", kind="signatory")
        assert len(titles(ignored)) == 2
        assert "have been ignored" in ignored.select_one(".notice[role=status]").get_text()

    def test_in_every_locale(self, client, world):
        for code in LANGUAGES:
            html = get(client, listing_url(code) + "media/")
            assert len(titles(html)) == 2, code


@pytest.mark.parametrize("code", LANGUAGES)
def test_renders_in_every_locale(client, world, code):
    page = in_locale(world["news page"], code)
    html = get(client, page.url)
    assert html.html["lang"] == code
    assert html.h1.get_text() == page.title
    assert titles(html) == PUBLISHED  # the same items everywhere
    # Turkmen and Russian have the English page as an alias: marked English, with the notice.
    assert page.is_untranslated == (code in {"tk", "ru"})
    assert html.main.get("lang") == ("en" if page.is_untranslated else None)
    assert (html.select_one("main > .container > .notice") is not None) == page.is_untranslated


class TestQueryCounts:
    URLS = [
        "/en/from-the-network/",
        "/en/from-the-network/?kind=media&language=en",
        "/en/from-the-network/?country=TR&programme=twin",
        "/en/from-the-network/?page=2",
        "/en/from-the-network/?kind=media&page=2",
        f"/en/from-the-network/?owner={uuid.UUID(int=0)}",  # replaced by Konak's key
        "/tr/agdan-haberler/?language=tr",
        "/ru/novosti/media/?page=2",
    ]

    def measure(self, client, url):
        client.get(url)  # the page chrome in the shared cache, as between two visits
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(queries)

    def add(self, world, count):
        sources = [world["konak site"], world["union site"], world["twin mis"], world["magazine"]]
        for number in range(count):
            add_item(sources[number % 4], f"Story {count}-{number}", days_ago=30 + number)

    def test_a_fixed_few_queries_whatever_the_number_of_items(self, client, world):
        ru_page = in_locale(world["news page"], "ru")
        urls = [
            url.replace(str(uuid.UUID(int=0)), str(world["konak"].translation_key)).replace("/ru/novosti/", ru_page.url)
            for url in self.URLS
        ]
        self.add(world, 100)
        few = {url: self.measure(client, url) for url in urls}
        self.add(world, 400)
        many = {url: self.measure(client, url) for url in urls}
        assert few == many
        assert max(many.values()) <= BUDGET, many


# Profiles and the programmes' block --------------------------------------------------------------


def from_their_site(html):
    heading = html.find(id="network-news-heading")
    return heading.find_parent("section") if heading else None


def in_language(code, text):
    """`text` as the catalogue of `code` translates it: what the visitor of that language reads."""
    with translation.override(code):
        return translation.gettext(text)


def block_titles(section):
    found = []
    for link in section.select("li"):
        for hidden in link.select(".visually-hidden, [aria-hidden]"):
            hidden.extract()
        found.append(link.select_one("span").get_text(strip=True))
    return found


class TestProfiles:
    def test_a_signatory_shows_the_news_of_its_own_site_in_every_language(self, client, world):
        konak = world["konak"]
        expected = ["Konak güneş santralini açtı", "Konak geri dönüşümü büyütüyor"]
        for code, news_url in [("en", "/en/from-the-network/"), ("tr", "/tr/agdan-haberler/"), ("ru", None)]:
            profile = in_locale(konak, code)
            assert profile.is_untranslated == (code == "ru")
            section = from_their_site(get(client, profile.url))
            assert section.h2.get_text() == in_language(code, "From their site")
            assert block_titles(section) == expected, code
            first = section.select_one("li a")
            assert first["href"] == "https://konak-belediyesi.example.org/konak-gunes-santralini-act/"
            assert first["rel"] == ["nofollow", "noopener"]
            # a Turkish item is marked as such on the English and Russian profiles, not on the Turkish one
            assert section.select_one("li > span").get("lang") == (None if code == "tr" else "tr")
            all_news = section.find("a", string=in_language(code, "All their news"))["href"]
            assert all_news == (news_url or listing_url("ru")) + f"?owner={konak.translation_key}"
            assert titles(get(client, all_news)) == expected

    def test_a_supporter_and_its_alias_show_the_news_of_its_site(self, client, world):
        union = world["union"]
        for code in ["en", "tk"]:
            profile = in_locale(union, code)
            assert profile.is_untranslated == (code == "tk")
            section = from_their_site(get(client, profile.url))
            assert block_titles(section) == ["Union trains climate officers"], code
            assert section["lang"] == code
            assert section.time["datetime"] == "2026-05-18"

    def test_the_newest_five(self, client, world):
        for number in range(6):
            add_item(world["union site"], f"Older union news {number}", days_ago=20 + number)
        section = from_their_site(get(client, world["union"].url))
        assert block_titles(section) == ["Union trains climate officers", *[f"Older union news {n}" for n in range(4)]]

    def test_nothing_shows_without_items(self, client, world):
        assert from_their_site(get(client, world["sinaia"].url)) is None
        FeedItem.objects.filter(source=world["union site"]).update(status=ItemStatus.PENDING)
        assert from_their_site(get(client, world["union"].url)) is None

    @pytest.mark.parametrize("name", ["sinaia", "union"])
    def test_the_block_costs_at_most_one_query(self, client, world, name):
        page = world[name]
        if name == "union":
            FeedSource.objects.filter(pk=world["union site"].pk).delete()

        def measure():
            client.get(page.url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(page.url).status_code == 200
            return len(queries)

        without = measure()
        source = FeedSource.objects.create(
            name="Their site", url="https://their.example.org/rss/", language="en",
            owner_kind=OwnerKind.SIGNATORY if name == "sinaia" else OwnerKind.SUPPORTER,
            **{"signatory" if name == "sinaia" else "supporter": page},
        )  # fmt: skip
        add_item(source, "Their own news", days_ago=1)
        with_news = measure()
        assert block_titles(from_their_site(get(client, page.url))) == ["Their own news"]
        assert with_news <= without + 1


def programme_block(html):
    heading = html.find(id="programme-news-heading")
    return heading.find_parent("section") if heading else None


class TestProgrammeBlock:
    def test_the_twinning_index_shows_the_grant_projects_news(self, client, world):
        for code, name, news_url in [
            ("en", "Turkey-EU Town Twinning project", "/en/from-the-network/"),
            ("tr", "Türkiye-AB Kardeş Şehir Projesi", "/tr/agdan-haberler/"),
        ]:
            index = TwinningIndexPage.objects.get(locale=locale(code))
            section = programme_block(get(client, index.url))
            assert section.h2.get_text() == in_language(code, "News from the grant projects")
            assert block_titles(section) == ["Hibe projesi Muğla'yı ziyaret etti", "Programme note without an address"]
            programme = section.find("a", string=name)
            assert programme["href"] == f"{news_url}?programme=twin"
            all_news = section.find("a", string=in_language(code, "All news from the grant projects"))
            assert all_news["href"] == f"{news_url}?kind=programme"
            assert titles(get(client, programme["href"])) == block_titles(section)

    def test_nothing_shows_without_programme_sources(self, client, world):
        world["twin mis"].delete()
        assert programme_block(get(client, world["twinnings"].url)) is None


# Feeds -------------------------------------------------------------------------------------------


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


class TestFeeds:
    @pytest.mark.parametrize("kind", ["rss", "atom"])
    def test_every_published_item_linking_to_the_original(self, client, world, kind):
        feed = parse(client, f"/en/feeds/network/{kind}/")
        assert feed.feed.title == "From the network · Covenant of Mayors network"
        assert feed.feed.link == "http://testserver/en/from-the-network/"
        assert [entry.title for entry in feed.entries] == PUBLISHED
        first = feed.entries[0]
        assert first.link == "https://konak-belediyesi.example.org/konak-gunes-santralini-act/"
        assert first.author == "Konak Belediyesi"
        assert {tag.term for tag in first.tags} == {"Konak Belediyesi", "Signatory"}
        assert first.published_parsed[:4] == (2026, 5, 19, 9)
        assert first.id == FeedItem.objects.get(title=first.title).uid.urn
        assert "What happened: Konak güneş santralini açtı." in first.summary
        assert feed.entries[-1].link == "http://testserver/en/from-the-network/"  # an item without an address

    @pytest.mark.parametrize("kind", ["rss", "atom"])
    def test_each_locale_has_its_own(self, client, world, kind):
        feed = parse(client, f"/tr/feeds/network/{kind}/")
        assert feed.feed.title == "Ağdan haberler · Covenant of Mayors network"
        assert feed.feed.link == "http://testserver/tr/agdan-haberler/"
        assert feed.feed.get("language", "tr") == "tr"
        assert [entry.title for entry in feed.entries] == PUBLISHED

    def test_not_modified_until_the_items_change(self, client, world):
        url = "/en/feeds/network/rss/"
        etag = client.get(url)["ETag"]
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        FeedItem.objects.filter(title="Union trains climate officers").update(status=ItemStatus.HIDDEN)
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200
        assert "Union trains climate officers" not in [
            entry.title for entry in feedparser.parse(response.content).entries
        ]

    def test_a_locale_without_the_page_has_no_feed(self, client, world):
        NetworkNewsIndexPage.objects.get(locale=locale("tr")).unpublish()
        assert client.get("/tr/feeds/network/rss/").status_code == 404
        assert client.get("/en/feeds/network/rss/").status_code == 200

    def test_only_safe_methods(self, client, world):
        assert client.post("/en/feeds/network/rss/").status_code == 405

    def test_listed_on_the_rss_help_page(self, client, world):
        help_page = FeedsPageFactory(parent=world["news page"].get_parent(), slug="rss-help")
        synchronise_trees()
        for code in ["en", "tr"]:
            page = in_locale(help_page, code)
            html = get(client, page.url)
            group = next(
                section
                for section in html.select(".feed-group")
                if section.h2.get_text() == in_language(code, "From the network")
            )
            assert [a["href"] for a in group.select("a")] == [
                f"/{code}/feeds/network/rss/",
                f"/{code}/feeds/network/atom/",
            ]
            assert [link.url for link in feed_links(code) if "/feeds/network/" in link.url] == [
                f"/{code}/feeds/network/rss/",
                f"/{code}/feeds/network/atom/",
            ]


# Search ------------------------------------------------------------------------------------------


@pytest.fixture
def database_search(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.LanguageDatabaseSearchBackend"}}
    settings.SEARCH_FALLBACK_BACKEND = None


def network_results(client, code, q, **params):
    html = get(client, f"/{code}/search/", q=q, **params)
    heading = html.find(id="network-news-heading")
    if heading is None:
        return []
    section = heading.find_parent("section")
    found = []
    for title in section.select(".search-result__title"):
        for hidden in title.select(".visually-hidden, [aria-hidden]"):
            hidden.extract()
        found.append(title.get_text(strip=True))
    return found


@pytest.mark.usefixtures("database_search")
class TestSearch:
    def test_finds_the_published_items_of_the_visitor_language(self, client, world):
        assert network_results(client, "tr", "santral") == ["Konak güneş santralini açtı"]
        assert network_results(client, "en", "santral") == []  # a Turkish item: for Turkish visitors
        assert network_results(client, "en", "officers") == ["Union trains climate officers"]
        assert network_results(client, "ru", "выбросы") == ["Города сети сокращают выбросы"]

    def test_turkish_case_and_word_forms(self, client, world):
        assert network_results(client, "tr", "MUĞLA") == ["Hibe projesi Muğla'yı ziyaret etti"]
        assert network_results(client, "tr", "güneşli") == ["Konak güneş santralini açtı"]

    def test_moderated_items_are_not_found(self, client, world):
        assert network_results(client, "en", "moderator") == []

    def test_at_most_five_newest_first_on_the_first_page_of_an_unfiltered_search(self, client, world):
        for number in range(7):
            add_item(world["union site"], f"Workshop number {number}", days_ago=10 + number)
        for number in range(11):  # two pages of results
            page(world["news page"].get_parent(), f"Workshop page {number}")
        assert network_results(client, "en", "workshop") == [f"Workshop number {n}" for n in range(5)]
        assert network_results(client, "en", "workshop", type="pages") == []
        assert network_results(client, "en", "workshop", page="2") == []

    def test_each_result_links_to_the_original_with_its_source_and_date(self, client, world):
        html = get(client, "/en/search/", q="officers")
        result = html.find(id="network-news-heading").find_parent("section").select_one(".search-result")
        link = result.select_one("h3 a")
        assert link["href"] == "https://union-of-provinces-news.example.org/union-trains-climate-officers/"
        assert link["rel"] == ["nofollow", "noopener"]
        assert "From Union of Provinces news" in result.select_one(".search-result__meta").get_text()
        assert result.time["datetime"] == "2026-05-18"
        assert [mark.get_text() for mark in result.select(".search-result__snippet mark")] == ["officers"]
        # no page matched: the page says so only when nothing at all was found
        assert "Nothing matches these words." not in html.get_text()

    def test_costs_one_query_when_sources_exist_and_none_otherwise(self, client, world):
        def measure():
            get(client, "/en/search/", q="officers")
            with CaptureQueriesContext(connection) as queries:
                get(client, "/en/search/", q="officers")
            return len(queries)

        with_sources = measure()
        FeedSource.objects.all().delete()
        without = measure()
        assert with_sources == without + 1

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming: PostgreSQL only")
    def test_items_are_stemmed_in_their_own_language(self, client, world):
        add_item(world["konak site"], "Yeşil kent", days_ago=8)
        assert network_results(client, "tr", "kentler") == ["Yeşil kent"]
        add_item(world["union site"], "Retrofitting buildings", days_ago=8)
        assert network_results(client, "en", "retrofit") == ["Retrofitting buildings"]
