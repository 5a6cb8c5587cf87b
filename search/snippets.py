"""The text excerpt under each search result, with the searched words marked.

The excerpt comes from the page's own searchable text (the `SearchField`s of its
`search_fields` other than the title: what was indexed), so it works on every backend and for
every page type without a per-type template. StreamFields are read from their raw JSON with
their block definitions, so image, document and page choosers never cost a query per result. Words are compared after folding with the
language's rules (search.analysis.fold), and a word counts as found when it shares enough of its
beginning with a searched word: the backends stem (`belediyeler` finds `belediyesi`), so the
excerpt marks the same family of words. This is a display heuristic; matching is the backend's.
"""

import html
import re

from django.core.exceptions import FieldDoesNotExist
from django.utils.encoding import force_str
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from wagtail import blocks
from wagtail.fields import StreamField

from .analysis import fold, rules

WORD = re.compile(r"[^\W_][\w\u0300-\u036f]*")
BEFORE = 8  # words of context shown before the first match
LENGTH = 36  # words in an excerpt
FIELD_SEPARATOR = " · "


def _text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)):
        return " ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text(item) for item in value.values())
    return force_str(value)


def _block_text(block, raw):
    """The words of a block's raw (JSON) value, walked with its definition: no value is converted,
    so choosers never query the database (a results page must not cost a query per result)."""
    if raw is None or not getattr(block.meta, "search_index", True):
        return
    if isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                yield from _block_text(child, item.get("value"))
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child in block.child_blocks.items():
                yield from _block_text(child, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            is_wrapped = isinstance(item, dict) and "type" in item and "value" in item
            yield from _block_text(block.child_block, item["value"] if is_wrapped else item)
    elif isinstance(block, blocks.RichTextBlock):
        yield html.unescape(strip_tags(str(raw)))
    elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield str(raw)


def _field_text(page, search_field):
    try:
        model_field = type(page)._meta.get_field(search_field.field_name)
    except FieldDoesNotExist:
        model_field = None
    if isinstance(model_field, StreamField):
        stream = getattr(page, search_field.field_name)
        return " ".join(_block_text(model_field.stream_block, list(stream.raw_data)))
    return _text(search_field.get_value(page))


def searchable_text(page):
    """The text a page is searched by, without its title, one field after the other."""
    texts = []
    for search_field in type(page).get_searchable_search_fields():
        if search_field.field_name == "title":
            continue
        text = " ".join(_field_text(page, search_field).split())
        if text and text not in texts:
            texts.append(text)
    return FIELD_SEPARATOR.join(texts)


def _common_prefix(a, b):
    length = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        length += 1
    return length


def word_matches(word, term, language=None):
    """Whether a folded `word` of the text belongs to the family of the folded search `term`."""
    if word == term:
        return True
    if len(term) < 4:
        return False
    shared = _common_prefix(word, term)
    if shared == len(term):
        return True
    prefix_length = rules(language).prefix_length
    if prefix_length and len(term) >= prefix_length and shared >= prefix_length:
        return True
    return shared >= max(4, len(term) - 2)


def highlight(text, terms, language=None):
    """An excerpt of `text` around the first searched word, every match in <mark>, HTML-escaped."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    found = list(WORD.finditer(text))
    marked = [any(word_matches(fold(match.group(), language), term, language) for term in terms) for match in found]
    if not any(marked):
        return Truncator(text).words(LENGTH, truncate=" …")
    first = marked.index(True)
    start = max(0, first - BEFORE)
    end = min(len(found), start + LENGTH)
    parts = ["… "] if start > 0 else []
    position = found[start].start()
    for index in range(start, end):
        match = found[index]
        parts.append(escape(text[position : match.start()]))
        word = escape(match.group())
        parts.append(f"<mark>{word}</mark>" if marked[index] else word)
        position = match.end()
    if end < len(found):
        parts.append(" …")
    else:
        parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # every piece of text above is escaped
