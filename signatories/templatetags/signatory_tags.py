"""Template tags of the signatories app; the home page can show the key figures with
`{% load signatory_tags %}{% signatory_key_figures_panel %}`."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language
from wagtail.models import Locale

from signatories.countries import country_name as _country_name
from signatories.stats import key_figures

register = template.Library()


@register.filter
def country_name(code):
    """The country's name in the active language: {{ page.country.code|country_name }}."""
    return _country_name(code)


@register.simple_tag
def signatory_key_figures():
    """KeyFigures of every live signatory in the active language: {% signatory_key_figures as figures %}."""
    locale = Locale.objects.filter(language_code=get_language()).first()
    return key_figures(locale=locale) if locale else key_figures()


@register.inclusion_tag("signatories/includes/key_figures.html")
def signatory_key_figures_panel(figures=None, heading_level=2):
    return {"figures": figures or signatory_key_figures(), "heading_level": heading_level}


@register.filter
def grouped(value, decimal_pos=None):
    """A number with the active language's thousand separator: 1234567 -> 1,234,567 / 1.234.567."""
    if value is None or value == "":
        return ""
    if decimal_pos is not None and decimal_pos != "":
        decimal_pos = int(decimal_pos)
        value = Decimal(value).quantize(Decimal(1).scaleb(-decimal_pos))  # round, not truncate
    return number_format(value, decimal_pos=decimal_pos, force_grouping=True)
