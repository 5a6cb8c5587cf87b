"""The reasons of a suggestion in words, in the active language.

shares 3 themes: Waste and recycling, Sustainable tourism, Youth and employment
offers what Kuşadası seeks: Sustainable tourism
similar population · works in English, Turkish · also interested in NetZeroCities
"""

from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext

from .choices import language_name


def _join(items):
    return ", ".join(str(item) for item in items)


def describe(reason, *, themes, programmes, target_name):
    """One reason (ranking.Reason) as a phrase; `themes` and `programmes` map slugs to local names."""
    values = reason.values
    if reason.code == "themes":
        count = len(values)
        return ngettext("shares %(count)s theme: %(themes)s", "shares %(count)s themes: %(themes)s", count) % {
            "count": count,
            "themes": _join(themes.get(slug, slug) for slug in values),
        }
    if reason.code == "offers":
        return gettext("offers what %(name)s seeks: %(themes)s") % {
            "name": target_name,
            "themes": _join(themes.get(slug, slug) for slug in values),
        }
    if reason.code == "seeks":
        return gettext("seeks what %(name)s offers: %(themes)s") % {
            "name": target_name,
            "themes": _join(themes.get(slug, slug) for slug in values),
        }
    if reason.code == "population":
        return gettext("similar population")
    if reason.code == "languages":
        return gettext("works in %(languages)s") % {"languages": _join(language_name(code) for code in values)}
    if reason.code == "programme":
        return gettext("also interested in %(programme)s") % {"programme": programmes.get(values[0], values[0])}
    if reason.code == "distance":
        return gettext("about %(km)s km away") % {"km": number_format(values[0], force_grouping=True)}
    return ""


def describe_all(reasons, **names):
    return [text for text in (describe(reason, **names) for reason in reasons) if text]
