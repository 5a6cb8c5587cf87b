"""Reading a fetched feed: its entries as plain titles, plain summaries and sanitised HTML.

RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom are read by feedparser, with its own sanitising
switched off: every piece of HTML goes through `sanitise_html` here instead, one allow-list for
every format. JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/) is not read by
feedparser 6, so a small reader below maps it to the same entries.

A feed's HTML is someone else's markup shown on our pages: only text tags survive (no images,
which would be hot-linked, no scripts, styles, frames, forms or SVG), links are made absolute,
limited to http, https and mailto, and marked `rel="nofollow noopener"`. Anything that is not a
feed (an HTML page, garbage, an empty body) raises `NotAFeed`, whose message says why.

A hostile feed must not cost a worker more than the reading of its bytes: XML that declares
entities of its own is refused before parsing (they can multiply a small body into gigabytes of
text), markup nested deeper than any article is kept as text (sanitising costs the square of the
depth), and only the first MAX_ENTRIES entries of a feed are read.
"""

import html
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit
from xml.parsers.expat import errors as expat_errors
from xml.sax import SAXParseException

import feedparser
import nh3
from django.utils.dateparse import parse_datetime
from django.utils.html import linebreaks

TITLE_LENGTH = 500
SUMMARY_LENGTH = 400
# A title made up from the text of an entry that has none.
FALLBACK_TITLE_LENGTH = 120

JSON_FEED_VERSION_PREFIX = "https://jsonfeed.org/version/"
JSON_MEDIA_TYPES = {"application/feed+json", "application/json"}

ALLOWED_TAGS = {
    "p", "br", "hr", "a", "strong", "em", "b", "i", "u", "s", "small", "sub", "sup", "mark",
    "abbr", "cite", "q", "code", "pre", "kbd", "samp", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "h2", "h3", "h4", "h5", "h6",
    "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
# Removed with everything inside them; other unknown tags go but their text stays.
REMOVED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "applet", "form", "textarea", "select",
    "svg", "math", "noscript", "template", "title", "head",
}  # fmt: skip
# Deeper markup is shown as text: nobody writes it, and sanitising it costs the square of its depth.
MAX_NESTING = 100
# Entries read from one feed, in its order (newest first in practice); the rest of an archive is left.
MAX_ENTRIES = 500
LINK_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow noopener"

# Characters no database text column or page should carry (PostgreSQL refuses NUL outright).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>")
# The start of an XML document's root element, and a document type with declarations inside.
ROOT_ELEMENT = re.compile(rb"<[A-Za-z_]")
INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[|<!ENTITY")


class NotAFeed(ValueError):
    """The body is not a feed that can be read; the message says what it was instead."""


@dataclass
class ParsedEntry:
    """One entry as it will be stored: `title` and `summary` plain text, `content` sanitised HTML."""

    guid: str = ""
    link: str = ""
    title: str = ""
    summary: str = ""
    content: str = ""
    author: str = ""
    published_at: datetime | None = None
    language: str = ""  # the entry's own, else the feed's, as the feed spells it ("tr-TR")


@dataclass
class ParsedFeed:
    title: str = ""
    link: str = ""
    language: str = ""
    entries: list[ParsedEntry] = field(default_factory=list)


# Text and HTML ---------------------------------------------------------------------------------


def clean_text(value):
    """`value` as one line of text: control characters out, whitespace collapsed."""
    if not isinstance(value, str):
        return ""
    return " ".join(CONTROL_CHARACTERS.sub(" ", value).split())


def absolute_link(value, base_url):
    """`value` resolved against `base_url` when it is an http, https or mailto address, else ""."""
    value = CONTROL_CHARACTERS.sub("", value or "").strip()
    if not value:
        return ""
    try:
        url = urljoin(base_url or "", value)
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # an unbalanced IPv6 bracket, say
        return ""
    if scheme not in LINK_SCHEMES or (scheme != "mailto" and not urlsplit(url).netloc):
        return ""
    return url


def web_link(value, base_url):
    """Like `absolute_link`, for the address of an item: http and https only."""
    url = absolute_link(value, base_url)
    return url if urlsplit(url).scheme.lower() in {"http", "https"} else ""


def sanitise_html(markup, base_url):
    """`markup` reduced to text tags, with absolute, safe, nofollow links and no images.

    nh3 checks the scheme of the links as written; the filter resolves relative ones against
    `base_url` and checks the scheme of the result again, since a filter's output is not checked.
    """
    if not markup:
        return ""
    if markup.count("<") > MAX_NESTING and nesting_depth(markup) > MAX_NESTING:
        # The HTML parser takes time in the square of the depth: such markup is kept as text.
        return linebreaks(plain_text(markup, limit=None), autoescape=True)

    def attribute_filter(tag, attribute, value):
        if attribute == "href":
            return absolute_link(value, base_url) or None
        return value

    cleaned = nh3.clean(
        CONTROL_CHARACTERS.sub("", markup),
        tags=ALLOWED_TAGS,
        clean_content_tags=REMOVED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=attribute_filter,
        url_schemes=LINK_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )
    # Removed elements leave their paragraphs behind with nothing in them.
    return EMPTY_PARAGRAPH.sub("", cleaned).strip()


class NestingDepth(HTMLParser):
    """How deeply the elements of an HTML fragment nest (elements whose end tag is optional left out)."""

    UNCOUNTED = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup",
        "caption", "rb", "rt", "rp", "rtc",
    }  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.deepest = 0

    def handle_starttag(self, tag, attrs):
        if tag not in self.UNCOUNTED:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)

    def handle_endtag(self, tag):
        if tag not in self.UNCOUNTED and self.depth:
            self.depth -= 1


def nesting_depth(markup):
    parser = NestingDepth()
    parser.feed(markup)
    parser.close()
    return parser.deepest


class TextOfHtml(HTMLParser):
    """The words of an HTML fragment, with a space where one block ends and the next begins."""

    SKIPPED = REMOVED_WITH_CONTENT
    BREAKS = {
        "p", "div", "br", "hr", "li", "dt", "dd", "tr", "td", "th", "blockquote", "pre", "figure",
        "figcaption", "section", "article", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "dl", "table", "caption",
    }  # fmt: skip

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skipping = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self.skipping.append(tag)
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_startendtag(self, tag, attrs):
        if tag in self.BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    def text(self):
        return "".join(self.parts)


def truncate_words(text, limit):
    """`text` cut to at most `limit` characters at a word boundary, ending with "…" when cut."""
    if limit is None or len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    boundary = cut.rfind(" ")
    if boundary > limit // 2:  # a single very long word is cut inside it rather than lost
        cut = cut[:boundary]
    return cut.rstrip(" ,;:.-–—") + "…"


def plain_text(markup, limit=SUMMARY_LENGTH):
    """The text of an HTML fragment: entities decoded, whitespace collapsed, cut at a word boundary."""
    if not markup:
        return ""
    parser = TextOfHtml()
    parser.feed(CONTROL_CHARACTERS.sub(" ", markup))
    parser.close()
    return truncate_words(" ".join(parser.text().split()), limit)


def as_html(value, media_type):
    """A feed's text value as HTML: plain text is escaped and given paragraphs."""
    if not value:
        return ""
    if "html" in (media_type or "text/html"):
        return value
    return linebreaks(value, autoescape=True)


def make_title(value, text, link):
    """A title as one line of text; publishers of every format put markup in titles, so tags go.

    An entry without a title is named by the start of its text, else by its address.
    """
    title = plain_text(value if isinstance(value, str) else "", limit=TITLE_LENGTH)
    return title or plain_text(text, limit=FALLBACK_TITLE_LENGTH) or link


# Dates -----------------------------------------------------------------------------------------


def from_struct_time(value):
    """feedparser's UTC struct_time as an aware datetime (None when it is not a real date)."""
    if not value:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None


def from_iso_8601(value):
    """An RFC 3339 / ISO 8601 date of a JSON Feed as an aware datetime; UTC when it names no offset."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        moment = parse_datetime(value.strip())
    except ValueError:  # well formed but impossible, like month 13
        return None
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


# Feeds -----------------------------------------------------------------------------------------


def media_type_of(content_type):
    return (content_type or "").split(";", 1)[0].strip().lower()


def looks_like_json(body, content_type):
    start = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        return False  # XML served with a JSON content type is still read as XML
    return start == b"{" or media_type_of(content_type) in JSON_MEDIA_TYPES


def looks_like_html(body, content_type):
    start = body[:2048].lower()
    return media_type_of(content_type) in {"text/html", "application/xhtml+xml"} or b"<html" in start


def parse_feed(body, *, base_url, content_type=""):
    """The feed in `body` (bytes as the server sent them), with relative addresses resolved against `base_url`."""
    if isinstance(body, str):
        body = body.encode()
    if not body or not body.strip():
        raise NotAFeed("The server sent an empty answer instead of a feed.")
    if looks_like_json(body, content_type):
        return parse_json_feed(body, base_url=base_url)
    return parse_xml_feed(body, base_url=base_url, content_type=content_type)


def is_cut_short(parsed):
    """Whether the XML ended before its elements were closed (a feed cut off while written)."""
    error = parsed.get("bozo_exception")
    return isinstance(error, SAXParseException) and error.getMessage() == expat_errors.XML_ERROR_NO_ELEMENTS


def declares_entities(body):
    """Whether the XML has a document type with an internal subset (entity declarations).

    Feeds have no use for one, and entities defined there can multiply a small body into a huge
    text (expat caps the factor, not the size): such a body is refused before it is parsed.
    """
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        body = body.decode("utf-16", errors="replace").encode()
    root = ROOT_ELEMENT.search(body)
    prolog = body[: root.start()] if root else body
    return INTERNAL_SUBSET.search(prolog) is not None


def parse_xml_feed(body, *, base_url, content_type=""):
    if declares_entities(body):
        raise NotAFeed("The feed declares XML entities of its own, which are not read.")
    try:
        parsed = feedparser.parse(
            body,
            # No content-location: feedparser would resolve every guid against it as if it were an
            # address, so an item would change identity with the feed's address. Links are resolved
            # here instead: `sanitise_html` resolves them against each text's own base (xml:base
            # included), in a fraction of the time feedparser's pass over the HTML takes.
            response_headers={"content-type": content_type or "application/xml"},
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as error:  # feedparser's own failures on hostile input
        raise NotAFeed(f"The feed could not be read ({type(error).__name__}).") from error
    version = parsed.get("version", "")
    raw_entries = list(parsed.entries)
    if is_cut_short(parsed):
        raw_entries = raw_entries[:-1]  # the entry the document ended in is incomplete
    raw_entries = raw_entries[:MAX_ENTRIES]
    # A feed may be empty, and a slightly broken one still gives the entries read before the
    # error; a broken one that gives none, or something that is no feed at all, is refused.
    if not raw_entries and (parsed.get("bozo") or not version):
        if not version and looks_like_html(body, content_type):
            raise NotAFeed("The address answers with a web page, not a feed.")
        if parsed.get("bozo"):
            raise NotAFeed("The answer is not a well-formed feed.")
        raise NotAFeed("The answer is not an RSS, Atom or JSON feed.")
    feed = parsed.feed
    language = clean_text(feed.get("language"))
    entries = []
    for raw in raw_entries:
        entry = xml_entry(raw, base_url=base_url, feed_language=language)
        if entry is not None:
            entries.append(entry)
    return ParsedFeed(
        title=plain_text(feed.get("title") or "", limit=TITLE_LENGTH),
        link=web_link(feed.get("link"), base_url),
        language=language,
        entries=entries,
    )


def entry_date(raw):
    """When the entry was published, else last updated (asked without feedparser's fallback warning)."""
    if raw.get("published_parsed"):
        return raw["published_parsed"]
    return raw.get("updated_parsed") if "updated_parsed" in raw else None


def xml_entry(raw, *, base_url, feed_language):
    """A ParsedEntry from one of feedparser's entries, or None when it has nothing to show."""
    contents = [item for item in raw.get("content") or [] if item.get("value")]
    # An entry may carry its text in several forms; HTML is preferred over plain text.
    contents.sort(key=lambda item: "html" not in (item.get("type") or ""))
    summary_detail = raw.get("summary_detail") or {}
    content_detail = contents[0] if contents else {}
    # feedparser copies the content to the summary of an entry that has none, without its type.
    summary_html = as_html(raw.get("summary"), summary_detail.get("type") or content_detail.get("type"))
    content_html = as_html(content_detail.get("value"), content_detail.get("type"))
    # Relative links in a text are relative to its xml:base, else to the feed's address.
    base = urljoin(base_url, (content_detail if content_html else summary_detail).get("base") or "")
    link = web_link(raw.get("link"), base_url)
    content = sanitise_html(content_html or summary_html, base)
    summary = plain_text(summary_html or content_html)
    title_detail = raw.get("title_detail") or {}
    if not (plain_text(raw.get("title") or "") or link or plain_text(content)):
        return None
    author_detail = raw.get("author_detail") or {}
    language = (
        title_detail.get("language")
        or content_detail.get("language")
        or summary_detail.get("language")
        or raw.get("language")
        or feed_language
    )
    return ParsedEntry(
        guid=clean_text(raw.get("id")),
        link=link,
        title=make_title(raw.get("title"), content, link),
        summary=summary,
        content=content,
        author=clean_text(author_detail.get("name") or raw.get("author")),
        published_at=from_struct_time(entry_date(raw)),
        language=clean_text(language),
    )


def parse_json_feed(body, *, base_url):
    """A JSON Feed 1.0 or 1.1: its items mapped to the entries the XML formats give."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError) as error:
        raise NotAFeed("The answer is not valid JSON.") from error
    if not isinstance(document, dict):
        raise NotAFeed("The answer is JSON but not a JSON Feed.")
    version = document.get("version")
    if not isinstance(version, str) or not version.startswith(JSON_FEED_VERSION_PREFIX):
        raise NotAFeed("The answer is JSON but not a JSON Feed.")
    items = document.get("items")
    if not isinstance(items, list):
        raise NotAFeed("The JSON Feed has no list of items.")
    language = clean_text(document.get("language"))
    feed_authors = document.get("authors") or document.get("author")
    entries = []
    for item in items[:MAX_ENTRIES]:
        if isinstance(item, dict):
            entry = json_entry(item, base_url=base_url, feed_language=language, feed_authors=feed_authors)
            if entry is not None:
                entries.append(entry)
    return ParsedFeed(
        title=plain_text(text_of(document.get("title")), limit=TITLE_LENGTH),
        link=web_link(text_of(document.get("home_page_url")), base_url),
        language=language,
        entries=entries,
    )


def text_of(value):
    return value if isinstance(value, str) else ""


def author_name(authors):
    """The first named author of JSON Feed 1.1's `authors` list or 1.0's `author` object."""
    if isinstance(authors, dict):
        authors = [authors]
    if not isinstance(authors, list):
        return ""
    for author in authors:
        if isinstance(author, dict) and clean_text(author.get("name")):
            return clean_text(author.get("name"))
    return ""


def json_entry(item, *, base_url, feed_language, feed_authors):
    identifier = item.get("id")
    if isinstance(identifier, int | float) and not isinstance(identifier, bool):
        identifier = str(identifier)  # 1.1 asks for a string; some 1.0 feeds write numbers
    link = web_link(text_of(item.get("url")), base_url) or web_link(text_of(item.get("external_url")), base_url)
    content_html = text_of(item.get("content_html")) or as_html(text_of(item.get("content_text")), "text/plain")
    content = sanitise_html(content_html, base_url)
    summary = clean_text(item.get("summary"))
    summary = truncate_words(summary, SUMMARY_LENGTH) if summary else plain_text(content_html)
    if not (plain_text(text_of(item.get("title"))) or link or plain_text(content) or summary):
        return None
    return ParsedEntry(
        guid=clean_text(identifier),
        link=link,
        title=make_title(item.get("title"), content or html.escape(summary), link),
        summary=summary,
        content=content,
        author=author_name(item.get("authors") or item.get("author")) or author_name(feed_authors),
        published_at=from_iso_8601(item.get("date_published")) or from_iso_8601(item.get("date_modified")),
        language=clean_text(item.get("language")) or feed_language,
    )
