"""News from the network in the admin: sources, the fetch log, moderation one by one and in bulk,
"Fetch now", and republishing an item as a draft news page.

Communications staff (the "Communications" and "Moderators" groups) do all of it; an editor sees none
of it. The site is built once for the module (in a transaction rolled back at its end).
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.translation import translate
from network.aggregation.models import FeedItem, FeedSource, FetchOutcome, ItemStatus, OwnerKind, identity_of
from network.news.models import NewsPage, NewsType
from network.supporters.models import SupporterPage
from tests.aggregation_factories import NetworkNewsIndexPageFactory
from tests.database import rolled_back
from tests.factories import build_site_tree, locale
from tests.loopback_http import LoopbackServer
from tests.news_factories import NewsIndexPageFactory
from tests.supporter_factories import SupporterPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("aggregation_admin")]

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Vilayetler Birliği</title><link>https://vilayetler.example/</link>
<description>Haberler</description><language>tr</language>
<item><title>İzleme ziyaretleri başladı</title><link>https://vilayetler.example/haber/izleme/</link>
<guid>izleme-2019</guid><pubDate>Thu, 13 Jun 2019 09:00:00 +0300</pubDate>
<description>&lt;p&gt;İkinci etap 13 Haziran 2019’da başladı.&lt;/p&gt;</description></item>
</channel></rss>"""


def make_item(source, number, status=ItemStatus.PENDING, **fields):
    guid = f"item-{number}"
    return FeedItem.objects.create(
        source=source,
        guid=guid,
        identity=identity_of(guid, "", ""),
        content_hash=f"{number:064d}",
        link=f"https://vilayetler.example/haber/{number}/",
        title=fields.pop("title", f"Haber {number}"),
        summary=fields.pop("summary", f"Özet {number}."),
        content=fields.pop("content", f"<p>Metin {number}.</p>"),
        language="tr",
        published_at=datetime.datetime(2019, 6, number, 9, tzinfo=datetime.UTC),
        status=status,
        **fields,
    )


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        build_site_tree()
        NetworkNewsIndexPageFactory()
        english_news = NewsIndexPageFactory()
        translate(english_news, locale("tr"), {"News": "Haberler", "news": "haberler"})
        supporter = SupporterPageFactory(title="Union of Provinces", slug="union-of-provinces")
        source = FeedSource.objects.create(
            name="Vilayetler Birliği",
            url="https://vilayetler.example/rss/",
            owner_kind=OwnerKind.SUPPORTER,
            supporter=supporter,
            language="tr",
        )
        items = [make_item(source, number) for number in (1, 2, 3)]
        User = get_user_model()
        staff = User.objects.create_user("communications", "comms@example.org", "a-long-test-password")
        staff.groups.add(*Group.objects.filter(name__in=["Communications", "Moderators"]))
        editor = User.objects.create_user("editor", "editor@example.org", "a-long-test-password")
        editor.groups.add(Group.objects.get(name="Editors"))
        yield {"source": source.pk, "items": [item.pk for item in items], "supporter": supporter.pk}


@pytest.fixture
def staff(client, built):
    client.force_login(get_user_model().objects.get(username="communications"))
    return client


@pytest.fixture
def editor(client, built):
    client.force_login(get_user_model().objects.get(username="editor"))
    return client


def refused(response):
    """Wagtail answers a refusal with a 403, or by sending the user back to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


def statuses(built):
    return list(FeedItem.objects.filter(pk__in=built["items"]).order_by("pk").values_list("status", flat=True))


@pytest.mark.parametrize("name", ["aggregation_items:list", "aggregation_sources:list", "aggregation_fetches:list"])
def test_staff_see_the_listings_and_editors_do_not(staff, built, name, django_user_model):
    response = staff.get(reverse(name))
    assert response.status_code == 200
    staff.force_login(django_user_model.objects.get(username="editor"))
    assert refused(staff.get(reverse(name)))


def test_the_items_listing_filters_by_status(staff, built):
    FeedItem.objects.filter(pk=built["items"][0]).update(status=ItemStatus.PUBLISHED)
    html = staff.get(reverse("aggregation_items:list") + "?status=pending").content.decode()
    assert "Haber 2" in html and "Haber 3" in html
    assert "Haber 1" not in html


def test_nobody_adds_items_by_hand_and_nothing_chooses_them(staff, built):
    assert refused(staff.get(reverse("aggregation_items:add")))
    for model in ("feeditem", "feedsource", "fetchrecord"):
        with pytest.raises(NoReverseMatch):
            reverse(f"wagtailsnippetchoosers_aggregation_{model}:choose")


def test_bulk_publish_then_hide(staff, built):
    first, second, third = built["items"]
    url = reverse("wagtail_bulk_action", args=["aggregation", "feeditem", "publish_items"])
    query = f"?id={first}&id={second}"
    confirmation = staff.get(url + query)
    assert confirmation.status_code == 200
    assert "Haber 1" in confirmation.content.decode()
    assert staff.post(url + query).status_code == 302
    assert statuses(built) == [ItemStatus.PUBLISHED, ItemStatus.PUBLISHED, ItemStatus.PENDING]

    hide = reverse("wagtail_bulk_action", args=["aggregation", "feeditem", "hide_items"])
    assert staff.post(hide + f"?id={second}&id={third}").status_code == 302
    assert statuses(built) == [ItemStatus.PUBLISHED, ItemStatus.HIDDEN, ItemStatus.HIDDEN]


def test_an_editor_cannot_change_a_status_in_bulk_or_one_by_one(editor, built):
    first = built["items"][0]
    url = reverse("wagtail_bulk_action", args=["aggregation", "feeditem", "publish_items"])
    editor.post(url + f"?id={first}")
    assert refused(editor.post(reverse("aggregation_items:status", args=[first, "published"])))
    assert statuses(built)[0] == ItemStatus.PENDING


def test_one_item_is_moderated_from_its_page(staff, built):
    first = built["items"][0]
    page = staff.get(reverse("aggregation_items:inspect", args=[first])).content.decode()
    assert "<p>Metin 1.</p>" in page  # the sanitised text as the site shows it
    assert reverse("aggregation_items:status", args=[first, "published"]) in page
    assert staff.get(reverse("aggregation_items:status", args=[first, "published"])).status_code == 405
    response = staff.post(reverse("aggregation_items:status", args=[first, "published"]))
    assert response.status_code == 302
    assert statuses(built)[0] == ItemStatus.PUBLISHED
    assert refused(staff.post(reverse("aggregation_items:status", args=[first, "nonsense"])))


def test_an_item_is_republished_as_a_draft_community_news_page_in_its_language(staff, built):
    first = built["items"][0]
    response = staff.post(reverse("aggregation_items:republish", args=[first]))
    item = FeedItem.objects.get(pk=first)
    page = NewsPage.objects.get(pk=item.republished_as_id)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.locale.language_code == "tr"
    assert page.get_parent().slug == "haberler"
    assert (page.title, page.news_type, page.date) == ("Haber 1", NewsType.COMMUNITY, datetime.date(2019, 6, 1))
    assert page.intro == "Özet 1."
    body = str(page.body)
    assert "Metin 1." in body
    assert "Vilayetler Birliği" in body and "https://vilayetler.example/haber/1/" in body
    assert [link.supporter_id for link in page.related_supporters.all()] == [built["supporter"]]

    again = staff.post(reverse("aggregation_items:republish", args=[first]), follow=True)
    assert "republished already" in again.content.decode()
    assert NewsPage.objects.filter(title="Haber 1").count() == 1


def test_an_editor_cannot_republish(editor, built):
    assert refused(editor.post(reverse("aggregation_items:republish", args=[built["items"][0]])))
    assert not NewsPage.objects.filter(title="Haber 1").exists()


def test_a_source_of_a_supporter_needs_the_supporter(staff, built):
    response = staff.post(
        reverse("aggregation_sources:add"),
        {
            "name": "Somebody",
            "url": "https://somebody.example/rss/",
            "owner_kind": OwnerKind.SUPPORTER,
            "language": "en",
            "fetch_interval": "60",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "Choose the supporter whose site this is." in response.content.decode()
    assert not FeedSource.objects.filter(url="https://somebody.example/rss/").exists()


def test_a_source_takes_its_owners_country_and_translation_key(built):
    source = FeedSource.objects.get(pk=built["source"])
    assert source.country == "TR"
    assert source.owner_key == source.supporter.translation_key
    source.owner_kind = OwnerKind.MEDIA
    source.save()
    source.refresh_from_db()
    assert (source.supporter_id, source.owner_key) == (None, None)


@override_settings(OUTBOUND_ALLOW_INTERNAL_ADDRESSES=True)
def test_fetch_now_reads_the_feed_and_says_what_it_found(staff, built):
    with LoopbackServer() as server:
        url = server.route("/rss/", body=RSS, headers={"Content-Type": "application/rss+xml; charset=utf-8"})
        FeedSource.objects.filter(pk=built["source"]).update(url=url)
        response = staff.post(reverse("aggregation_sources:fetch", args=[built["source"]]), follow=True)
    html = response.content.decode()
    assert "1 new, 0 updated" in html
    stored = FeedItem.objects.get(source_id=built["source"], guid="izleme-2019")
    assert stored.title == "İzleme ziyaretleri başladı"
    assert stored.status == ItemStatus.PENDING  # the source is not trusted
    source_page = staff.get(reverse("aggregation_sources:inspect", args=[built["source"]])).content.decode()
    assert "<td>Fetched</td>" in source_page and "<td>200</td>" in source_page


def test_a_failed_fetch_is_shown_with_its_error(staff, built):
    # The setting is off: the loopback address is refused before any request.
    with LoopbackServer() as server:
        url = server.route("/rss/", body=RSS)
        FeedSource.objects.filter(pk=built["source"]).update(url=url)
        response = staff.post(reverse("aggregation_sources:fetch", args=[built["source"]]), follow=True)
        assert server.requests == []
    source = FeedSource.objects.get(pk=built["source"])
    record = source.fetches.get()
    assert record.outcome == FetchOutcome.ERROR
    assert record.error and record.error in response.content.decode()
    log = staff.get(reverse("aggregation_fetches:list")).content.decode()
    assert source.name in log
    assert source.last_fetched_at <= timezone.now()


def test_publishing_items_purges_the_listing_its_feeds_and_the_owners_profile(
    staff, built, settings, django_capture_on_commit_callbacks
):
    from core.frontend_cache import RecordingBackend

    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": "core.frontend_cache.RecordingBackend"}}
    RecordingBackend.purged.clear()
    url = reverse("wagtail_bulk_action", args=["aggregation", "feeditem", "publish_items"])
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(url + f"?id={built['items'][0]}")
    purged = set(RecordingBackend.purged)
    RecordingBackend.purged.clear()
    supporter = SupporterPage.objects.get(pk=built["supporter"])
    assert {
        "http://testserver/en/from-the-network/",
        "http://testserver/en/from-the-network/media/",
        "http://testserver/en/feeds/network/rss/",
        "http://testserver/en/feeds/network/atom/",
        "http://testserver" + supporter.url,
    } <= purged
