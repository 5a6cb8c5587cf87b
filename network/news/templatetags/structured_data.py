"""schema.org JSON-LD in a page's head, safely serialised."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The characters that could close the script element or open a comment, as JSON escapes
# (what Django's json_script does, for a script of type application/ld+json).
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def dumps(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True).translate(_ESCAPES)


@register.filter
def json_ld(data):
    """`<script type="application/ld+json">` with `data`; no text in it can end the script."""
    if not data:
        return ""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(dumps(data)))
