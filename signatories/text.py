"""Text helpers: names folded for search and sorting, and ASCII slugs."""

import unicodedata

from django.utils.text import slugify

# Turkish dotted and dotless i fold to a plain i, so "İzmir", "izmir" and "IZMIR" all match,
# and so does "Kusadasi" for "Kuşadası" (many visitors type without Turkish letters).
_TURKISH_I = str.maketrans({"İ": "i", "I": "i", "ı": "i"})


def fold(text):
    """Lower-case, accent-free form of `text` for matching and sorting names."""
    text = (text or "").translate(_TURKISH_I)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(text.casefold().split())


def ascii_slug(text, fallback=""):
    """A URL slug of plain letters: "Kuşadası" -> "kusadasi"; Cyrillic falls back to a Unicode slug."""
    return slugify(fold(text)) or slugify(text, allow_unicode=True) or slugify(fallback)
