"""Newsletter pages: the archive ("read online") in every locale, and the issues themselves."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.translation import synchronise_trees, translate
from home.models import HomePage
from network.newsletter.models import NewsletterIndexPage, NewsletterIssuePage
from tests.agenda_factories import AgendaIndexPageFactory, EventPageFactory
from tests.factories import locale
from tests.news_factories import NewsIndexPageFactory, NewsPageFactory
from tests.newsletter_factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("shared_site_tree"),
    pytest.mark.xdist_group("test_newsletter_pages"),
]


class TestPageTree:
    def test_the_archive_lives_under_a_home_page_once(self):
        assert NewsletterIndexPage.allowed_parent_page_models() == [HomePage]
        assert NewsletterIndexPage in HomePage.allowed_subpage_models()
        assert NewsletterIndexPage.max_count_per_parent == 1

    def test_issues_are_leaves_of_the_archive(self):
        assert NewsletterIndexPage.allowed_subpage_models() == [NewsletterIssuePage]
        assert NewsletterIssuePage.allowed_parent_page_models() == [NewsletterIndexPage]
        assert NewsletterIssuePage.allowed_subpage_models() == []

    def test_the_issue_date_is_the_same_in_every_language(self):
        synchronised = {
            field.field_name for field in NewsletterIssuePage.translatable_fields if not field.is_translated(None)
        }
        assert "issue_date" in synchronised


@pytest.fixture
def archive(site_tree):
    index = NewsletterIndexPageFactory(parent=site_tree["en"])
    spring = NewsletterIssuePageFactory(
        parent=index, title="Spring 2019", slug="spring-2019", issue_date=datetime.date(2019, 4, 30)
    )
    autumn = NewsletterIssuePageFactory(
        parent=index,
        title="Autumn 2019",
        slug="autumn-2019",
        issue_date=datetime.date(2019, 10, 15),
        listing_summary="The European Week of Regions and Cities in Brussels.",
    )
    synchronise_trees()
    translate(index, locale("tr"), {"Newsletter": "Bülten", "newsletter": "bulten"})
    translate(autumn, locale("tr"), {"Autumn 2019": "Sonbahar 2019", "autumn-2019": "sonbahar-2019"})
    return {"index": index, "spring": spring, "autumn": autumn}


class TestArchive:
    def test_newest_first_with_the_signup_form(self, client, archive):
        html = client.get("/en/newsletter/").content.decode()
        assert html.index("Autumn 2019") < html.index("Spring 2019")
        assert '<time datetime="2019-10-15"' in html
        assert "The European Week of Regions and Cities in Brussels." in html
        main = html[html.index('<main id="main"') : html.index("</main>")]
        assert 'action="/newsletter/subscribe/"' in main
        assert 'name="form_name" value="page"' in main
        assert '<option value="en" selected>' in main

    def test_each_locale_lists_every_issue_once_marking_untranslated_ones(self, client, archive):
        html = client.get("/tr/bulten/").content.decode()
        assert '<a href="/tr/bulten/sonbahar-2019/">Sonbahar 2019</a>' in html
        assert '<li lang="en">\n                            <a href="/tr/bulten/spring-2019/">Spring 2019</a>' in html
        assert html.count("/tr/bulten/spring-2019/") == 1
        assert '<option value="tr" selected>' in html

        turkmen = client.get("/tk/newsletter/").content.decode()
        assert turkmen.count('<li lang="en">') == 2

    def test_the_archive_costs_the_same_queries_for_5_and_50_issues(self, client, site_tree, django_assert_num_queries):
        index = NewsletterIndexPageFactory(parent=site_tree["en"])
        for n in range(5):
            NewsletterIssuePageFactory(parent=index, listing_summary=f"Issue {n}")
        client.get("/en/newsletter/")  # warm Wagtail's per-process caches
        with CaptureQueriesContext(connection) as five:
            assert client.get("/en/newsletter/").status_code == 200
        expected = len(five)  # read now: the query log is cleared by the next request
        for n in range(45):
            NewsletterIssuePageFactory(parent=index, listing_summary=f"Issue {n}")
        client.get("/en/newsletter/")  # new pages renew the shared cache of the page chrome, read again once
        with django_assert_num_queries(expected):
            html = client.get("/en/newsletter/").content.decode()
        assert html.count('class="badge"') == 0
        assert html.count("<time datetime=") == 50


@pytest.fixture
def issue(site_tree):
    home = site_tree["en"]
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home), title="Mid-term evaluation workshop in Ankara")
    event = EventPageFactory(parent=AgendaIndexPageFactory(parent=home), title="Twinning workshop in Muğla")
    index = NewsletterIndexPageFactory(parent=home)
    page = NewsletterIssuePageFactory(
        parent=index,
        title="Autumn 2019",
        slug="autumn-2019",
        introduction="Study visit to Belgium and the Netherlands.",
        body=[
            ("heading", {"text": "Grant projects", "level": "h2"}),
            ("paragraph", "<p>Twenty-three municipalities were paired with EU partner cities.</p>"),
            ("news_item", {"page": news, "summary": ""}),
            ("event", {"page": event, "summary": ""}),
        ],
    )
    synchronise_trees()
    return page


class TestIssuePage:
    def test_read_online_with_the_news_and_events_it_pulls_in(self, client, issue):
        html = client.get("/en/newsletter/autumn-2019/").content.decode()
        assert "<h1>Autumn 2019</h1>" in html
        assert '<time datetime="2019-10-15">' in html
        assert "<h2>Grant projects</h2>" in html
        assert "Twenty-three municipalities were paired with EU partner cities." in html
        assert '<a href="/en/news/' in html and "Mid-term evaluation workshop in Ankara</a>" in html
        assert "The mid-term evaluation workshop took place in Ankara." in html
        assert "Twinning workshop in Muğla</a>" in html
        assert "Congress centre, Muğla, Turkey" in html or "Congress centre, Muğla, Türkiye" in html
        assert 'aria-labelledby="newsletter-signup-title"' in html

    def test_an_untranslated_issue_is_shown_in_english_with_a_notice(self, client, issue):
        html = client.get("/ru/newsletter/autumn-2019/").content.decode()
        assert '<html lang="ru"' in html
        assert '<main id="main" tabindex="-1" lang="en">' in html
        assert '<p class="notice" lang="ru">' in html
        # The items link to the Russian side of the site.
        assert '<a href="/ru/news/' in html

    def test_a_news_item_that_was_unpublished_disappears_from_the_issue(self, client, issue):
        from network.news.models import NewsPage

        NewsPage.objects.get(locale__language_code="en").unpublish()
        html = client.get("/en/newsletter/autumn-2019/").content.decode()
        assert "Mid-term evaluation workshop in Ankara" not in html
        assert "Twinning workshop in Muğla" in html
