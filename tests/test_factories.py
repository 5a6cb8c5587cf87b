"""The page factories build the site and the index a page needs when a test gives no parent."""

import pytest
from django.conf import settings
from wagtail.models import Site

from home.models import HomePage
from network.agenda.models import AgendaIndexPage
from network.news.models import NewsIndexPage
from signatories.models import SignatoryIndexPage
from tests.agenda_factories import EventPageFactory
from tests.factories import english_home
from tests.news_factories import NewsIndexPageFactory, NewsPageFactory
from tests.signatory_factories import SignatoryPageFactory

pytestmark = pytest.mark.django_db


def test_an_item_without_a_parent_goes_under_its_index_on_the_smallest_site():
    story = NewsPageFactory()
    index = story.get_parent().specific
    assert type(index) is NewsIndexPage
    home = index.get_parent().specific
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert home.locale.language_code == settings.LANGUAGE_CODE
    languages = {code for code, _name in settings.LANGUAGES}
    assert set(HomePage.objects.values_list("locale__language_code", flat=True)) == languages

    # Made once: the next items find the same site and index, or make the index of their own type.
    assert NewsPageFactory().get_parent().pk == index.pk
    assert type(EventPageFactory().get_parent().specific) is AgendaIndexPage
    assert type(SignatoryPageFactory().get_parent().specific) is SignatoryIndexPage
    assert english_home().pk == home.pk
    assert HomePage.objects.count() == len(languages)


def test_an_item_given_a_parent_stays_there(site_tree):
    index = NewsIndexPageFactory(parent=site_tree["en"], title="Stories", slug="stories")
    story = NewsPageFactory(parent=index)
    assert story.get_parent().pk == index.pk
    assert NewsIndexPage.objects.count() == 1  # no other index was made
