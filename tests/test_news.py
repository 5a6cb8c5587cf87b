"""News: page tree rules, categories, the listing (filters, pagination, locales, bad input) and news pages."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from core.translation import synchronise_trees, translate
from home.models import HomePage
from network.agenda.models import EventPage
from network.news.models import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedEvent,
    NewsPageRelatedSignatory,
    NewsPageRelatedSupporter,
    NewsType,
)
from network.supporters.models import SupporterPage
from signatories.models import SignatoryPage
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory
from tests.factories import ImageFactory, locale
from tests.news_factories import NewsCategoryFactory, NewsIndexPageFactory, NewsPageFactory
from tests.signatory_factories import SignatoryIndexPageFactory, SignatoryPageFactory
from tests.supporter_factories import SupporterIndexPageFactory, SupporterPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_site_tree"), pytest.mark.xdist_group("test_news")]

LANGUAGES = ["en", "tr", "tk", "ru"]


@pytest.fixture
def news_index(site_tree):
    """The English news index, translated into Turkish ("haberler"); other locales get aliases on sync."""
    index = NewsIndexPageFactory(parent=site_tree["en"])
    translate(index, locale("tr"), {"News": "Haberler", "news": "haberler"})
    return index


def titles(html):
    return re.findall(r'<h2 class="card__title"><a href="[^"]*">([^<]*)</a></h2>', html)


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return response.content.decode()


class TestPageTreeRules:
    def test_news_index_lives_once_under_each_home(self, site_tree):
        assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
        assert NewsIndexPage.allowed_subpage_models() == [NewsPage]
        home = site_tree["en"]
        assert NewsIndexPage.can_create_at(home)
        NewsIndexPageFactory(parent=home)
        assert not NewsIndexPage.can_create_at(home)

    def test_news_pages_are_leaves_of_the_index_only(self, news_index, site_tree):
        assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
        assert NewsPage.allowed_subpage_models() == []
        assert NewsPage.can_create_at(news_index)
        assert not NewsPage.can_create_at(site_tree["en"])

    def test_a_funding_call_needs_its_entity_and_deadline(self, news_index):
        call = NewsPage(title="Call", slug="call", intro="Apply.", news_type=NewsType.FUNDING_CALL)
        with pytest.raises(ValidationError) as error:
            call.full_clean()
        assert {"funding_entity", "application_deadline"} <= set(error.value.message_dict)
        call.funding_entity = "NetZeroCities"
        call.application_deadline = datetime.date(2027, 3, 31)
        news_index.add_child(instance=call)  # full_clean passes now

    def test_an_article_needs_no_funding_fields(self, news_index):
        news_index.add_child(instance=NewsPage(title="Article", slug="article", intro="Text."))


class TestCategories:
    def test_slug_is_unique_within_a_language(self, site_tree):
        NewsCategoryFactory(name="Town twinning", slug="town-twinning")
        with pytest.raises(IntegrityError):
            NewsCategoryFactory(name="Twinning", slug="town-twinning")

    def test_translation_keeps_the_slug_and_translates_the_name(self, site_tree):
        category = NewsCategoryFactory(name="Town twinning", slug="town-twinning")
        turkish = translate(category, locale("tr"), {"Town twinning": "Şehir eşleştirme"})
        assert (turkish.name, turkish.slug) == ("Şehir eşleştirme", "town-twinning")
        assert turkish.translation_key == category.translation_key

    def test_a_locale_sees_its_translations_and_the_source_for_the_rest(self, site_tree):
        twinning = NewsCategoryFactory(name="Town twinning", slug="town-twinning")
        NewsCategoryFactory(name="Climate", slug="climate")
        translate(twinning, locale("tr"), {"Town twinning": "Şehir eşleştirme"})
        names = sorted(c.name for c in NewsCategory.for_locale(locale("tr")).values())
        assert names == ["Climate", "Şehir eşleştirme"]
        assert NewsCategory.find(locale("tr"), "town-twinning").name == "Şehir eşleştirme"
        assert NewsCategory.find(locale("tr"), "unknown") is None

    def test_the_editor_is_offered_the_categories_of_the_page_language(self, news_index):
        english = NewsCategoryFactory(name="Climate", slug="climate")
        turkish = translate(english, locale("tr"), {"Climate": "İklim"})
        page = NewsPageFactory(parent=news_index)
        form_class = NewsPage.get_edit_handler().get_form_class()
        assert list(form_class(instance=page, for_user=None).fields["categories"].queryset) == [english]
        tr_index = news_index.get_translation(locale("tr"))
        new_page = NewsPage(locale=tr_index.locale)
        form = form_class(instance=new_page, parent_page=tr_index, for_user=None)
        assert list(form.fields["categories"].queryset) == [turkish]


class TestListing:
    def test_newest_first_ten_a_page(self, client, news_index):
        for day in range(1, 13):
            NewsPageFactory(parent=news_index, title=f"May {day}", date=datetime.date(2019, 5, day))
        first = get(client, "/en/news/")
        assert titles(first) == [f"May {day}" for day in range(12, 2, -1)]
        assert "Page 1 of 2" in first
        assert 'href="?page=2" rel="next"' in first
        second = get(client, "/en/news/", page=2)
        assert titles(second) == ["May 2", "May 1"]
        assert 'rel="prev"' in second

    def test_filter_by_type(self, client, news_index):
        NewsPageFactory(parent=news_index, title="An article")
        NewsPageFactory(parent=news_index, title="A city story", news_type=NewsType.CITY_STORY)
        html = get(client, "/en/news/", type="city_story")
        assert titles(html) == ["A city story"]
        assert '<option value="city_story" selected>' in html

    def test_filter_by_category(self, client, news_index):
        climate = NewsCategoryFactory(name="Climate", slug="climate")
        NewsPageFactory(parent=news_index, title="Climate news", categories=[climate])
        NewsPageFactory(parent=news_index, title="Other news")
        html = get(client, "/en/news/", category="climate")
        assert titles(html) == ["Climate news"]
        assert '<option value="climate" selected>Climate</option>' in html

    def test_filter_by_year_offers_the_years_that_have_news(self, client, news_index):
        NewsPageFactory(parent=news_index, title="Old", date=datetime.date(2019, 4, 19))
        NewsPageFactory(parent=news_index, title="New", date=datetime.date(2026, 10, 1))
        html = get(client, "/en/news/", year="2019")
        assert titles(html) == ["Old"]
        assert re.findall(r'<option value="(\d+)"', html) == ["2026", "2019"]

    def test_filters_combine_and_pagination_keeps_them(self, client, news_index):
        for day in range(1, 13):
            NewsPageFactory(parent=news_index, news_type=NewsType.CITY_STORY, date=datetime.date(2019, 6, day))
        NewsPageFactory(parent=news_index, news_type=NewsType.NEWS, date=datetime.date(2019, 6, 1))
        html = get(client, "/en/news/", type="city_story", year="2019")
        assert "12 news items" in html
        assert 'href="?type=city_story&amp;year=2019&amp;page=2"' in html

    @pytest.mark.parametrize(
        "params",
        [
            {"type": "gossip"},
            {"type": ""},
            {"category": "no-such-category"},
            {"category": "<script>"},
            {"year": "nineteen"},
            {"year": "1800"},
            {"year": "-1"},
            {"year": "99999999999999999999999"},
            {"year": "2019-05-03"},
            {"year": "²"},  # a digit to str.isdigit(), not to int()
            {"year": "9" * 5000},  # more digits than int() converts
            {"unknown": "value"},
        ],
    )
    def test_bad_filters_are_ignored(self, client, news_index, params):
        NewsPageFactory(parent=news_index, title="Only item")
        html = get(client, "/en/news/", **params)
        assert titles(html) == ["Only item"]
        assert "<script>" not in html.split("<main", 1)[1]

    @pytest.mark.parametrize("page", ["2", "99", "0", "-1", "abc", "1.5", "99999999999999999999"])
    def test_pages_that_do_not_exist_are_not_found(self, client, news_index, page):
        NewsPageFactory(parent=news_index)
        assert client.get("/en/news/", {"page": page}).status_code == 404

    def test_empty_index_says_so(self, client, news_index):
        assert "No news matches these filters." in get(client, "/en/news/")

    def test_drafts_and_private_news_are_not_listed(self, client, news_index):
        NewsPageFactory(parent=news_index, title="Published")
        draft = NewsPageFactory(parent=news_index, title="Draft", publish=False)
        draft.unpublish()
        private = NewsPageFactory(parent=news_index, title="Private")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="secret")
        assert titles(get(client, "/en/news/")) == ["Published"]

    def test_each_locale_lists_its_own_items_once(self, client, news_index):
        translated = NewsPageFactory(parent=news_index, title="Study visit", date=datetime.date(2019, 4, 19))
        NewsPageFactory(parent=news_index, title="Internship in Barcelona", date=datetime.date(2019, 5, 17))
        synchronise_trees()
        translate(translated, locale("tr"), {"Study visit": "Çalışma ziyareti"})
        html = get(client, "/tr/haberler/")
        assert titles(html) == ["Internship in Barcelona", "Çalışma ziyareti"]
        # The untranslated item is marked as English content, the translation is not.
        alias_item, translated_item = re.findall(r'<li class="card"([^>]*)>', html)
        assert alias_item == ' lang="en"' and translated_item == ""
        assert html.count('class="badge badge--language"') == 1
        for code in ["tk", "ru"]:
            assert len(titles(get(client, f"/{code}/news/"))) == 2

    def test_category_names_follow_the_visitor_language(self, client, news_index):
        climate = NewsCategoryFactory(name="Climate", slug="climate")
        translate(climate, locale("tr"), {"Climate": "İklim"})
        NewsPageFactory(parent=news_index, title="Climate news", categories=[climate])
        synchronise_trees()
        html = get(client, "/tr/haberler/", category="climate")
        assert titles(html) == ["Climate news"]
        assert '<a href="?category=climate">İklim</a>' in html

    def test_feed_discovery_links_follow_the_filters(self, client, news_index):
        climate = NewsCategoryFactory(name="Climate", slug="climate")
        NewsPageFactory(parent=news_index, categories=[climate])
        head = get(client, "/en/news/", category="climate").split("</head>")[0]
        links = re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]*" href="([^"]+)">', head)
        assert ("application/rss+xml", "/en/feeds/news/rss/") in links
        assert ("application/atom+xml", "/en/feeds/news/atom/") in links
        assert ("application/rss+xml", "/en/feeds/news/category/climate/rss/") in links
        assert ("application/atom+xml", "/en/feeds/news/category/climate/atom/") in links


class TestQueryCounts:
    """The listing costs the same number of queries for 5 items as for 50."""

    def make_news(self, index, count, categories, image):
        for number in range(count):
            NewsPageFactory(
                parent=index,
                date=datetime.date(2019, 1, 1) + datetime.timedelta(days=number % 300),
                categories=categories,
                lead_image=image,
                lead_image_alt="A street in Muğla",
            )
        synchronise_trees()

    URLS = ["/en/news/", "/tr/haberler/", "/en/news/?category=climate&year=2019"]

    def test_listing_queries_do_not_grow_with_items(self, client, news_index, django_assert_num_queries):
        climate = NewsCategoryFactory(name="Climate", slug="climate")
        image = ImageFactory()
        self.make_news(news_index, 5, [climate], image)
        counts = {}
        for url in self.URLS:
            client.get(url)  # renditions are made on the first view
            reset_queries()
            with CaptureQueriesContext(connection) as five:
                assert client.get(url).status_code == 200
            counts[url] = len(five)  # read now: the query log is cleared by the next request
        self.make_news(news_index, 45, [climate], image)
        for url in self.URLS:
            client.get(url)
            reset_queries()
            with django_assert_num_queries(counts[url], info=url):
                assert client.get(url).status_code == 200


class TestNewsPage:
    def test_renders_type_date_categories_image_and_body(self, client, news_index):
        climate = NewsCategoryFactory(name="Climate", slug="climate")
        page = NewsPageFactory(
            parent=news_index,
            title="Women's climate action in Çankaya",
            news_type=NewsType.CITY_STORY,
            date=datetime.date(2019, 5, 7),
            categories=[climate],
            lead_image=ImageFactory(),
            lead_image_alt="Participants of the seminar",
        )
        html = get(client, page.url)
        assert "<h1>Women&#x27;s climate action in Çankaya</h1>" in html
        assert '<time datetime="2019-05-07">May 7, 2019</time>' in html
        assert '<span class="badge">City story</span>' in html
        assert '<a href="/en/news/?category=climate">Climate</a>' in html
        assert 'alt="Participants of the seminar"' in html
        assert "<h2>Performance indicators</h2>" in html

    def test_funding_call_shows_entity_and_deadline(self, client, news_index):
        page = NewsPageFactory(
            parent=news_index,
            news_type=NewsType.FUNDING_CALL,
            funding_entity="NetZeroCities consortium",
            application_deadline=datetime.date(2019, 3, 31),
        )
        html = get(client, page.url)
        assert "<dd>NetZeroCities consortium</dd>" in html
        assert '<time datetime="2019-03-31">March 31, 2019</time> <span class="badge">closed</span>' in html

    def test_related_events_are_shown_in_the_visitor_language(self, client, news_index, site_tree):
        agenda = AgendaIndexPageFactory(parent=site_tree["en"])
        translate(agenda, locale("tr"), {"Agenda": "Etkinlikler", "agenda": "etkinlikler"})
        event = EventPageFactory(parent=agenda, title="Twinning workshop")
        page = NewsPageFactory(parent=news_index, title="Workshop announced")
        page.related_events = [NewsPageRelatedEvent(event=event)]
        page.save_revision().publish()
        translate(event, locale("tr"), {"Twinning workshop": "Eşleştirme atölyesi"})
        turkish = translate(page, locale("tr"), {"Workshop announced": "Atölye duyuruldu"})
        html = get(client, turkish.url)
        tr_event = EventPage.objects.get(locale=locale("tr"), translation_key=event.translation_key)
        assert f'<a href="{tr_event.url}">Eşleştirme atölyesi</a>' in html
        # and the event page lists the news that mention it
        assert f'<a href="{turkish.url}">Atölye duyuruldu</a>' in get(client, tr_event.url)

    def test_related_signatories_and_supporters_are_shown_in_the_visitor_language(self, client, news_index, site_tree):
        directory = SignatoryIndexPageFactory(parent=site_tree["en"])
        translate(directory, locale("tr"), {"Signatories": "İmzacılar", "signatories": "imzacilar"})
        kusadasi = SignatoryPageFactory(parent=directory, title="Kusadasi", slug="kusadasi", country="TR")
        sinaia = SignatoryPageFactory(parent=directory, title="Sinaia", slug="sinaia", country="RO")
        supporters = SupporterIndexPageFactory(parent=site_tree["en"])
        union = SupporterPageFactory(parent=supporters, title="Union of Provinces", slug="union-of-provinces")
        page = NewsPageFactory(parent=news_index, title="City-to-city cooperation")
        page.related_signatories = [
            NewsPageRelatedSignatory(signatory=sinaia),
            NewsPageRelatedSignatory(signatory=kusadasi),
        ]
        page.related_supporters = [NewsPageRelatedSupporter(supporter=union)]
        page.save_revision().publish()
        translate(kusadasi, locale("tr"), {"Kusadasi": "Kuşadası"})
        turkish = translate(page, locale("tr"), {"City-to-city cooperation": "Şehirden şehre işbirliği"})
        synchronise_trees()  # what is not translated appears as an alias, in English

        section = BeautifulSoup(get(client, turkish.url), "html.parser").find(id="related-network").parent
        tr_kusadasi = SignatoryPage.objects.get(locale=locale("tr"), translation_key=kusadasi.translation_key)
        tr_sinaia = SignatoryPage.objects.get(locale=locale("tr"), translation_key=sinaia.translation_key)
        links = [(a["href"], a.get_text(), a.get("lang")) for a in section.find_all("a")]
        assert links == [
            (tr_sinaia.url, "Sinaia", "en"),  # in the editor's order, an alias marked in its language
            (tr_kusadasi.url, "Kuşadası", None),
            (
                SupporterPage.objects.get(locale=locale("tr"), translation_key=union.translation_key).url,
                "Union of Provinces",
                "en",
            ),
        ]
        assert "Romanya" in section.get_text()  # the country in the visitor's language
        turkmen = NewsPage.objects.get(locale=locale("tk"), translation_key=page.translation_key)
        turkmen_section = BeautifulSoup(get(client, turkmen.url), "html.parser").find(id="related-network").parent
        assert "Rumyniýa" in turkmen_section.get_text()  # the site's own Turkmen names

        # and the profiles list the news that mention them, in their own language
        in_the_news = BeautifulSoup(get(client, tr_kusadasi.url), "html.parser").find(id="news-heading").parent
        assert [a["href"] for a in in_the_news.find_all("a")] == [turkish.url]
        english = BeautifulSoup(get(client, union.url), "html.parser").find(id="news-heading").parent
        assert [a.get_text() for a in english.find_all("a")] == ["City-to-city cooperation"]

    def test_the_links_of_a_draft_are_previewed_before_publishing(self, admin_client, news_index, site_tree):
        directory = SignatoryIndexPageFactory(parent=site_tree["en"])
        espiye = SignatoryPageFactory(parent=directory, title="Espiye", slug="espiye")
        page = NewsPageFactory(parent=news_index, title="Green flag in every school")
        page.related_signatories = [NewsPageRelatedSignatory(signatory=espiye)]
        page.save_revision()  # a draft: the links live in the revision, not yet in the tables
        assert not NewsPageRelatedSignatory.objects.filter(page=page).exists()
        html = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk])).content.decode()
        assert f'<a href="{espiye.url}">Espiye</a>' in html

    def test_structured_data_is_a_news_article_that_cannot_break_out(self, client, news_index):
        page = NewsPageFactory(
            parent=news_index, title="</script><script>alert('x')</script>", date=datetime.date(2019, 6, 21)
        )
        html = get(client, page.url)
        assert "<script>alert" not in html
        payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
        data = json.loads(payload)
        assert data["@type"] == "NewsArticle"
        assert data["headline"] == "</script><script>alert('x')</script>"
        assert data["datePublished"] == "2019-06-21"
        assert data["url"] == "http://testserver" + page.url
        assert data["inLanguage"] == "en"

    def test_alias_in_another_locale_is_marked_and_noticed(self, client, news_index):
        page = NewsPageFactory(parent=news_index, title="Training held in Istanbul")
        synchronise_trees()
        alias = NewsPage.objects.get(locale=locale("ru"), translation_key=page.translation_key)
        assert alias.is_untranslated
        html = get(client, alias.url)
        assert '<main id="main" tabindex="-1" lang="en">' in html
        assert 'class="notice"' in html
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1])
        assert data["inLanguage"] == "en"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_news_page_type_renders_in_every_locale(client, news_index, code):
    page = NewsPageFactory(parent=news_index, title="Study visit", categories=[NewsCategoryFactory(name="Visits")])
    synchronise_trees()
    translate(page, locale("tr"), {"Study visit": "Çalışma ziyareti"})
    for source in (news_index, page):
        target = source.get_translation(locale(code)).specific
        response = client.get(target.url)
        assert response.status_code == 200, (code, target.url)
        html = response.content.decode()
        assert f'<html lang="{code}"' in html
        assert f"<h1>{target.title}</h1>" in html
        assert ('class="notice"' in html) == target.is_untranslated
    assert code not in {"en", "tr"} or not page.get_translation(locale(code)).alias_of_id


class TestAdmin:
    def test_editors_can_open_the_news_forms(self, client, admin_user, news_index):
        from django.urls import reverse

        client.force_login(admin_user)
        climate = NewsCategoryFactory(name="Climate", slug="climate")
        page = NewsPageFactory(parent=news_index, categories=[climate])
        for url in [
            reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk)),
            reverse("wagtailadmin_pages:edit", args=(page.pk,)),
            reverse("wagtailadmin_pages:edit", args=(news_index.pk,)),
            reverse("wagtailsnippets_news_newscategory:add"),
            reverse("wagtailsnippets_news_newscategory:edit", args=(climate.pk,)),
        ]:
            response = client.get(url)
            assert response.status_code == 200, url
        html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
        assert f'type="checkbox" name="categories" value="{climate.pk}"' in html
