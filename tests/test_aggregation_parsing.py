"""Reading feeds: RSS 0.91, RSS 1.0, RSS 2.0, Atom and JSON Feed to the same entries, made safe.

feedparser parses for real; nothing here touches the database or the network.
"""

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from network.aggregation.parsing import (
    MAX_ENTRIES,
    SUMMARY_LENGTH,
    TITLE_LENGTH,
    NotAFeed,
    ParsedEntry,
    parse_feed,
    plain_text,
    sanitise_html,
)

pytestmark = pytest.mark.backend_independent

BASE = "https://city.example/news/feed.xml"

RSS_091 = b"""<?xml version="1.0" encoding="ISO-8859-9"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91">
  <channel>
    <title>Belediye haberleri</title>
    <link>https://city.example/</link>
    <description>News of the city</description>
    <language>tr-TR</language>
    <item>
      <title>Yeni   bisiklet
        yollar\xfd</title>
      <link>/news/bike-lanes</link>
      <description>Forty kilometres of &lt;b&gt;new&lt;/b&gt; lanes. &lt;a href="/map"&gt;See the map&lt;/a&gt;</description>
    </item>
  </channel>
</rss>"""

RSS_10 = """<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://region.example/">
    <title>Region</title>
    <link>https://region.example/</link>
    <description>Regional news</description>
    <dc:language>ru</dc:language>
    <items><rdf:Seq><rdf:li rdf:resource="https://region.example/1"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://region.example/1">
    <title>Солнечная станция</title>
    <link>https://region.example/1</link>
    <description>Станция на 5 МВт.</description>
    <dc:date>2024-03-01T10:00:00+03:00</dc:date>
    <dc:creator>Иван Петров</dc:creator>
  </item>
</rdf:RDF>""".encode()

RSS_20 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Climate programme</title>
    <link>https://programme.example/</link>
    <language>en-GB</language>
    <item>
      <title>Call for &lt;em&gt;proposals&lt;/em&gt;</title>
      <link>https://programme.example/calls/7</link>
      <guid isPermaLink="false">call-7</guid>
      <pubDate>Tue, 04 Jun 2024 09:30:00 +0200</pubDate>
      <dc:creator>Programme office</dc:creator>
      <description>Short description of the call.</description>
      <content:encoded><![CDATA[<p>The <strong>full</strong> text, with <a href="../rules">the rules</a>.</p>]]></content:encoded>
    </item>
    <item>
      <title>Second</title>
      <guid isPermaLink="false">second</guid>
      <pubDate>not a date at all</pubDate>
      <description>No link here.</description>
    </item>
  </channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="tk" xml:base="https://partner.example/blog/">
  <title type="text">Partner blog</title>
  <link href="https://partner.example/"/>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2024-05-02T00:00:00Z</updated>
  <entry xml:lang="ru">
    <title type="html">&lt;b&gt;Energy&lt;/b&gt; week</title>
    <id>tag:partner.example,2024:1</id>
    <link rel="alternate" href="posts/energy-week"/>
    <published>2024-05-01T08:00:00-05:00</published>
    <updated>2024-05-02T08:00:00Z</updated>
    <author><name>Aýna Orazowa</name><email>ayna@partner.example</email></author>
    <summary type="text">Plain &lt;summary&gt; &amp; more</summary>
    <content type="html">&lt;p&gt;Read &lt;a href="details"&gt;the details&lt;/a&gt;.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Only updated</title>
    <id>tag:partner.example,2024:2</id>
    <updated>2024-04-01T12:00:00Z</updated>
    <content type="text">Line one
with a &lt;tag&gt; in text</content>
  </entry>
</feed>""".encode()

JSON_FEED_11 = """{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Municipality",
  "home_page_url": "https://municipality.example/",
  "feed_url": "https://municipality.example/feed.json",
  "language": "tr-TR",
  "authors": [{"name": "Press office"}],
  "items": [
    {
      "id": "2024-001",
      "url": "/haber/1",
      "title": "  Güneş   enerjisi  ",
      "content_html": "<p>Çatılara <em>panel</em>.</p><script>steal()</script>",
      "summary": "Panels on the roofs.",
      "date_published": "2024-06-01T10:00:00+03:00",
      "language": "en"
    },
    {
      "id": 42,
      "external_url": "https://elsewhere.example/story",
      "content_text": "Plain text item.\\n\\nSecond paragraph with <b>no tags</b>.",
      "date_modified": "2024-06-02T10:00:00"
    },
    {"id": "empty"},
    "not an object",
    {"id": "bad date", "title": "Bad date", "date_published": "2024-13-45T99:00:00Z"}
  ]
}""".encode()

JSON_FEED_10 = b"""{
  "version": "https://jsonfeed.org/version/1",
  "title": "Old JSON",
  "items": [{"id": "a", "url": "https://old.example/a", "title": "A", "content_text": "Text",
             "author": {"name": "Old Author"}}]
}"""


def only(feed):
    [entry] = feed.entries
    return entry


class TestRss:
    def test_rss_091_channel_and_item(self):
        feed = parse_feed(RSS_091, base_url=BASE, content_type="application/rss+xml")
        assert (feed.title, feed.link, feed.language) == ("Belediye haberleri", "https://city.example/", "tr-TR")
        entry = only(feed)
        assert entry.title == "Yeni bisiklet yolları"  # decoded from ISO-8859-9 (Turkish), whitespace collapsed
        assert entry.link == "https://city.example/news/bike-lanes"
        assert entry.guid == ""
        assert entry.published_at is None
        assert entry.language == "tr-TR"  # the feed's, the item names none
        assert entry.summary == "Forty kilometres of new lanes. See the map"
        assert entry.content == (
            'Forty kilometres of <b>new</b> lanes. <a href="https://city.example/map" rel="nofollow noopener">'
            "See the map</a>"
        )

    def test_rss_10_rdf(self):
        feed = parse_feed(RSS_10, base_url="https://region.example/rss", content_type="application/rdf+xml")
        assert feed.language == "ru"
        entry = only(feed)
        assert entry.guid == "https://region.example/1"
        assert entry.title == "Солнечная станция"
        assert entry.author == "Иван Петров"
        assert entry.published_at == datetime(2024, 3, 1, 7, 0, tzinfo=UTC)
        assert entry.summary == "Станция на 5 МВт."

    def test_rss_20_prefers_the_full_text_for_content_and_the_description_for_the_summary(self):
        feed = parse_feed(RSS_20, base_url="https://programme.example/news/feed", content_type="text/xml")
        first, second = feed.entries
        assert first.guid == "call-7"
        assert first.title == "Call for proposals"
        assert first.author == "Programme office"
        assert first.published_at == datetime(2024, 6, 4, 7, 30, tzinfo=UTC)
        assert first.summary == "Short description of the call."
        assert first.content == (
            '<p>The <strong>full</strong> text, with <a href="https://programme.example/rules" '
            'rel="nofollow noopener">the rules</a>.</p>'
        )
        assert first.language == "en-GB"
        assert second.link == ""
        assert second.published_at is None  # an unreadable date is no date
        assert second.title == "Second"


class TestAtom:
    def test_entries_with_xml_base_language_and_author(self):
        feed = parse_feed(ATOM, base_url="https://partner.example/atom.xml", content_type="application/atom+xml")
        assert (feed.title, feed.language) == ("Partner blog", "tk")
        first, second = feed.entries
        assert first.guid == "tag:partner.example,2024:1"
        assert first.link == "https://partner.example/blog/posts/energy-week"
        assert first.title == "Energy week"
        assert first.author == "Aýna Orazowa"  # the name, never the address
        assert first.language == "ru"
        assert first.published_at == datetime(2024, 5, 1, 13, 0, tzinfo=UTC)  # published wins over updated
        assert first.summary == "Plain <summary> & more"
        assert 'href="https://partner.example/blog/details"' in first.content
        assert second.language == "tk"
        assert second.published_at == datetime(2024, 4, 1, 12, 0, tzinfo=UTC)
        # Plain text content is escaped, not read as markup.
        assert second.content == "<p>Line one<br>with a &lt;tag&gt; in text</p>"
        assert second.summary == "Line one with a <tag> in text"


class TestJsonFeed:
    def test_json_feed_11(self):
        feed = parse_feed(
            JSON_FEED_11, base_url="https://municipality.example/feed.json", content_type="application/feed+json"
        )
        assert (feed.title, feed.link, feed.language) == ("Municipality", "https://municipality.example/", "tr-TR")
        first, second, bad_date = feed.entries  # the empty item and the string are left out
        assert first.guid == "2024-001"
        assert first.link == "https://municipality.example/haber/1"
        assert first.title == "Güneş enerjisi"
        assert first.content == "<p>Çatılara <em>panel</em>.</p>"
        assert first.summary == "Panels on the roofs."
        assert first.author == "Press office"  # the feed's authors stand for the item's
        assert first.language == "en"
        assert first.published_at == datetime(2024, 6, 1, 7, 0, tzinfo=UTC)
        assert second.guid == "42"
        assert second.link == "https://elsewhere.example/story"
        assert second.title == "Plain text item. Second paragraph with <b>no tags</b>."
        assert second.content == "<p>Plain text item.</p>\n\n<p>Second paragraph with &lt;b&gt;no tags&lt;/b&gt;.</p>"
        assert second.published_at == datetime(2024, 6, 2, 10, 0, tzinfo=UTC)  # no offset: UTC
        assert second.language == "tr-TR"
        assert bad_date.published_at is None

    def test_json_feed_10_author_object(self):
        entry = only(parse_feed(JSON_FEED_10, base_url="https://old.example/feed.json"))
        assert (entry.guid, entry.title, entry.author) == ("a", "A", "Old Author")

    @pytest.mark.parametrize("content_type", ["application/json", "text/plain", ""])
    def test_recognised_by_its_version_whatever_the_content_type(self, content_type):
        feed = parse_feed(JSON_FEED_10, base_url="https://old.example/feed.json", content_type=content_type)
        assert feed.title == "Old JSON"

    def test_values_of_the_wrong_type_are_ignored(self):
        body = (
            b'{"version": "https://jsonfeed.org/version/1.1", "title": 7, "language": ["tr"], "items": ['
            b'{"id": true, "title": {"x": 1}, "url": 5, "content_html": ["<p>x</p>"], "summary": "Kept", '
            b'"authors": "nobody", "date_published": 20240101}]}'
        )
        feed = parse_feed(body, base_url=BASE)
        assert (feed.title, feed.language) == ("", "")
        entry = only(feed)
        assert entry == ParsedEntry(guid="", link="", title="Kept", summary="Kept", content="", author="")


HOSTILE = """
<p onclick="steal()" style="position:fixed">Hello <b onmouseover="x()">world</b></p>
<script>document.cookie</script><style>body{display:none}</style>
<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="x.swf">
<form action="https://evil.example/"><input name="password">Form text</form>
<svg onload="alert(1)"><a href="https://evil.example/">svg link</a></svg>
<img src="https://tracker.example/pixel.gif" onerror="alert(1)" alt="pixel">
<a href="javascript:alert(1)">js</a> <a href="JaVaScRiPt&#58;alert(2)">js2</a>
<a href=" data:text/html;base64,PHNjcmlwdD4=">data</a> <a href="vbscript:x">vb</a>
<a href="/about" target="_blank" rel="opener">about</a> <a href="mailto:press@city.example">mail</a>
<a href="//other.example/x">protocol-relative</a>
<figure><img src="photo.jpg"><figcaption>Caption</figcaption></figure>
<table><tr><td colspan="2" style="color:red">cell</td></tr></table>
"""


@pytest.fixture(scope="module")
def cleaned():
    return sanitise_html(HOSTILE, "https://city.example/news/item")


class TestSanitising:
    @pytest.mark.parametrize(
        "forbidden",
        [
            "<script", "document.cookie", "<style", "display:none", "<iframe", "<object", "<embed", "<form",
            "<input", "<svg", "svg link", "<img", "pixel.gif", "tracker", "onerror", "onclick", "onmouseover",
            "onload", "style=", "javascript", "JaVaScRiPt", "data:", "vbscript", "target=", 'rel="opener"',
        ],
    )  # fmt: skip
    def test_dangerous_markup_is_removed(self, cleaned, forbidden):
        assert forbidden.lower() not in cleaned.lower()

    def test_text_tags_and_text_stay(self, cleaned):
        assert "<p>Hello <b>world</b></p>" in cleaned
        assert "Form text" not in cleaned  # a form goes with everything in it
        assert "<figure><figcaption>Caption</figcaption></figure>" in cleaned
        assert '<td colspan="2">cell</td>' in cleaned

    def test_links_are_absolute_and_nofollow(self, cleaned):
        assert '<a href="https://city.example/about" rel="nofollow noopener">about</a>' in cleaned
        assert '<a href="mailto:press@city.example" rel="nofollow noopener">mail</a>' in cleaned
        assert '<a href="https://other.example/x" rel="nofollow noopener">protocol-relative</a>' in cleaned
        assert '<a rel="nofollow noopener">js</a>' in cleaned  # the text stays, the address goes

    def test_a_relative_link_without_a_base_is_dropped(self):
        assert sanitise_html('<a href="/about">about</a>', "") == '<a rel="nofollow noopener">about</a>'

    def test_hostile_html_in_a_feed_is_cleaned(self):
        body = (
            b'<rss version="2.0"><channel><item><title>&lt;script&gt;alert(1)&lt;/script&gt;Safe title</title>'
            b"<guid>h</guid><description><![CDATA[" + HOSTILE.encode() + b"]]></description></item></channel></rss>"
        )
        entry = only(parse_feed(body, base_url=BASE))
        assert entry.title == "Safe title"
        assert "<script" not in entry.content and "<img" not in entry.content and "onclick" not in entry.content
        assert "document.cookie" not in entry.summary and "body{" not in entry.summary
        assert entry.summary.startswith("Hello world")

    def test_control_characters_never_reach_the_database(self):
        body = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "a\\u0000b", "title": "Nul\\u0000 byte", "content_html": "<p>x\\u0000y</p>"}]}'
        entry = only(parse_feed(body, base_url=BASE))
        assert "\x00" not in entry.guid + entry.title + entry.content + entry.summary
        assert entry.title == "Nul byte"

    def test_deeply_nested_markup_is_kept_as_text_and_quickly(self):
        markup = "<div>" * 50_000 + "deep <b>text</b>" + "</div>" * 50_000
        started = time.monotonic()
        assert sanitise_html(markup, BASE) == "<p>deep text</p>"
        assert time.monotonic() - started < 2  # nh3 itself would take minutes

    def test_ordinary_nesting_keeps_its_markup(self):
        markup = "<blockquote>" * 20 + "<p>quoted <b>text</b></p>" + "</blockquote>" * 20
        assert "<p>quoted <b>text</b></p>" in sanitise_html(markup, BASE)


class TestPlainText:
    def test_tags_removed_entities_decoded_whitespace_collapsed(self):
        markup = "<p>Hello&nbsp;&amp;\n\n <b>world</b></p><p>Next&#8230;</p><script>x()</script><style>p{}</style>"
        assert plain_text(markup) == "Hello & world Next…"

    def test_blocks_are_separated_by_a_space(self):
        assert plain_text("<ul><li>one</li><li>two</li></ul>three<br>four") == "one two three four"

    def test_cut_at_a_word_boundary_with_an_ellipsis(self):
        text = plain_text("<p>" + "word " * 200 + "</p>", limit=50)
        assert len(text) <= 50
        assert text.endswith("word…")
        assert plain_text("short", limit=50) == "short"

    def test_a_single_long_word_is_cut_inside(self):
        assert plain_text("x" * 1000, limit=20) == "x" * 19 + "…"

    def test_default_limit(self):
        assert len(plain_text("word " * 1000)) <= SUMMARY_LENGTH


class TestTitles:
    def test_long_titles_are_cut(self):
        body = (
            b'<rss version="2.0"><channel><item><guid>1</guid><title>'
            + b"long " * 300
            + b"</title></item></channel></rss>"
        )
        entry = only(parse_feed(body, base_url=BASE))
        assert 0 < len(entry.title) <= TITLE_LENGTH
        assert entry.title.endswith("…")

    def test_an_entry_without_title_is_named_by_its_text_or_address(self):
        body = (
            b'<rss version="2.0"><channel>'
            b"<item><guid>1</guid><description>Text that names the item.</description></item>"
            b"<item><link>https://city.example/only-a-link</link></item>"
            b'<item><guid isPermaLink="false">nothing</guid><title>  </title><description>  </description></item>'
            b"</channel></rss>"
        )
        text_only, link_only = parse_feed(body, base_url=BASE).entries  # the empty one is dropped
        assert text_only.title == "Text that names the item."
        assert link_only.title == "https://city.example/only-a-link"

    def test_links_other_than_http_are_dropped(self):
        body = (
            b'<rss version="2.0"><channel><item><title>x</title><link>javascript:alert(1)</link></item></channel></rss>'
        )
        assert only(parse_feed(body, base_url=BASE)).link == ""


class TestDates:
    def test_offsets_are_converted_to_utc(self):
        body = b'<rss version="2.0"><channel><item><title>x</title><pubDate>Mon, 01 Jan 2024 23:30:00 -0130</pubDate></item></channel></rss>'
        published = only(parse_feed(body, base_url=BASE)).published_at
        assert published == datetime(2024, 1, 2, 1, 0, tzinfo=UTC)
        assert published.utcoffset() == timedelta(0)

    def test_json_feed_offsets_are_kept_as_the_same_moment(self):
        body = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", "title": "x", "date_published": "2024-01-01T12:00:00+05:00"}]}'
        published = only(parse_feed(body, base_url=BASE)).published_at
        assert published == datetime(2024, 1, 1, 12, 0, tzinfo=timezone(timedelta(hours=5)))


class TestNotAFeed:
    @pytest.mark.parametrize(
        ("body", "content_type", "message"),
        [
            (b"", "", "empty"),
            (b" \n\t ", "application/rss+xml", "empty"),
            (b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>", "text/html", "web page"),
            (b"<html><body>served as XML</body></html>", "application/xml", "web page"),
            (b"\x00\xff\xfe garbage \x89PNG", "application/octet-stream", "not a well-formed feed"),
            (b'<?xml version="1.0"?><rss version="2.0"><channel><title>cut', "application/rss+xml", "not a well-formed feed"),
            (b'<?xml version="1.0"?><catalogue><book>no feed</book></catalogue>', "application/xml", "not an RSS, Atom or JSON feed"),
            (b"{not json", "application/json", "not valid JSON"),
            (b"[" * 100_000, "application/json", "not valid JSON"),
            (b'{"version": "1.0", "items": []}', "application/json", "not a JSON Feed"),
            (b'["https://jsonfeed.org/version/1.1"]', "application/feed+json", "not a JSON Feed"),
            (b'{"version": "https://jsonfeed.org/version/1.1", "items": "none"}', "", "no list of items"),
        ],
    )  # fmt: skip
    def test_what_is_not_a_feed_is_refused_with_a_reason(self, body, content_type, message):
        with pytest.raises(NotAFeed, match=message) as raised:
            parse_feed(body, base_url=BASE, content_type=content_type)
        assert isinstance(raised.value, ValueError)

    def test_only_the_first_entries_of_a_huge_feed_are_read(self):
        items = "".join(f"<item><guid>g{n}</guid><title>Item {n}</title></item>" for n in range(MAX_ENTRIES + 20))
        entries = parse_feed(f'<rss version="2.0"><channel>{items}</channel></rss>'.encode(), base_url=BASE).entries
        assert len(entries) == MAX_ENTRIES
        assert (entries[0].guid, entries[-1].guid) == ("g0", f"g{MAX_ENTRIES - 1}")

    def test_a_guid_is_kept_as_written_whatever_the_feeds_address(self):
        body = b'<rss version="2.0"><channel><item><guid>izleme-2019</guid><link>haber/1/</link></item></channel></rss>'
        first = parse_feed(body, base_url="http://city.example/rss/").entries[0]
        moved = parse_feed(body, base_url="https://www.city.example/feeds/rss/").entries[0]
        assert first.guid == moved.guid == "izleme-2019"  # the same item after the feed moved
        assert (first.link, moved.link) == (
            "http://city.example/rss/haber/1/",
            "https://www.city.example/feeds/rss/haber/1/",
        )

    def test_an_empty_but_valid_feed_is_a_feed(self):
        feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', base_url=BASE)
        assert (feed.title, feed.entries) == ("Quiet", [])

    def test_a_feed_cut_short_keeps_the_entries_before_the_cut(self):
        body = b'<rss version="2.0"><channel><item><title>Kept</title><guid>k</guid></item><item><title>Cut'
        assert [entry.title for entry in parse_feed(body, base_url=BASE).entries] == ["Kept"]

    def test_a_feed_cut_inside_its_only_entry_is_refused(self):
        with pytest.raises(NotAFeed, match="not a well-formed feed"):
            parse_feed(b'<rss version="2.0"><channel><item><title>Cut', base_url=BASE)

    def test_a_feed_with_an_html_entity_is_still_read(self):
        body = b'<rss version="2.0"><channel><item><title>Caf&eacute;&nbsp;news</title><guid>e</guid></item></channel></rss>'
        assert only(parse_feed(body, base_url=BASE)).title == "Café news"

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
    def test_entity_declarations_are_refused_before_parsing(self, encoding):
        # Ten to the eighth "a"s if every entity were expanded.
        entities = "".join(f'<!ENTITY e{n} "{f"&e{n - 1};" * 10 if n else "&a;" * 10}">' for n in range(8))
        body = (
            f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE r [<!ENTITY a "a">{entities}]>'
            '<rss version="2.0"><channel><item><guid>x</guid><title>&e7;</title></item></channel></rss>'
        ).encode(encoding)
        started = time.monotonic()
        with pytest.raises(NotAFeed, match="entities"):
            parse_feed(body, base_url=BASE)
        assert time.monotonic() - started < 0.5

    def test_a_document_type_without_declarations_is_read(self):
        entry = only(parse_feed(RSS_091, base_url=BASE))  # it names the RSS 0.91 DTD, declares nothing
        assert entry.link == "https://city.example/news/bike-lanes"

    def test_entity_declarations_quoted_in_the_text_are_harmless(self):
        body = (
            b'<rss version="2.0"><channel><item><guid>q</guid><title>XML</title><description><![CDATA['
            b'Write <!DOCTYPE r [<!ENTITY a "b">]> before the root.]]></description></item></channel></rss>'
        )
        assert only(parse_feed(body, base_url=BASE)).title == "XML"
