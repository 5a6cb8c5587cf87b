"""Which page types the site search shows, and how: one convention for every page type.

Every concrete subclass of core.models.BasePage is searched through its own `search_fields`.
A page type says how it appears in results with class attributes:

    class NewsPage(BasePage):
        search_facet = "news"          # the facet it is counted under; None keeps it out of search
        search_date_field = "date"     # the date shown in results (default: first publication)

Facets are named groups of page types shown as filters with counts. The five the site needs
are declared here; an app adding another calls `register_facet()` from its AppConfig.ready().
Page types without `search_facet` are counted under "pages".

Until the models of the news, agenda, signatory and supporter apps declare those attributes
themselves, DEFAULTS below gives them; an attribute on the model always wins.
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

DEFAULT_FACET = "pages"
DEFAULT_DATE_FIELD = "first_published_at"


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    order: int


_facets = {}


def register_facet(name, label, order=None):
    """Declare a facet (a filter with a count on the search page)."""
    _facets[name] = Facet(name=name, label=label, order=len(_facets) if order is None else order)
    return _facets[name]


register_facet("news", _("News"))
register_facet("events", _("Events"))
register_facet("signatories", _("Signatories"))
register_facet("supporters", _("Supporters"))
register_facet("pages", _("Pages"), order=100)

#: (search_facet, search_date_field) for page types that do not declare them yet, by model label.
DEFAULTS = {
    "news.NewsPage": ("news", "date"),
    "agenda.EventPage": ("events", "start"),
    "signatories.SignatoryPage": ("signatories", "adhesion_date"),
    "supporters.SupporterPage": ("supporters", DEFAULT_DATE_FIELD),
}
_UNSET = object()


def facets():
    """Every registered facet, in display order."""
    return sorted(_facets.values(), key=lambda facet: (facet.order, facet.name))


def get_facet(name):
    return _facets.get(name)


def facet_name(model):
    """The facet a page type is counted under, or None if it stays out of search."""
    name = getattr(model, "search_facet", _UNSET)
    if name is _UNSET:
        name = DEFAULTS.get(model._meta.label, (DEFAULT_FACET, None))[0]
    return name


def date_field(model):
    name = getattr(model, "search_date_field", None)
    if name is None:
        name = DEFAULTS.get(model._meta.label, (None, DEFAULT_DATE_FIELD))[1]
    return name


def result_date(page):
    """The date to show for a page in results (a date or datetime), or None."""
    return getattr(page, date_field(type(page)), None)


def page_models():
    """Every page type that search shows: concrete BasePage subclasses with a facet."""
    from core.models import BasePage

    return [
        model
        for model in apps.get_models()
        if issubclass(model, BasePage) and not model._meta.abstract and facet_name(model) is not None
    ]


def content_type_facets():
    """{content type id: facet name} for every searchable page type (content types are cached by Django)."""
    models = page_models()
    content_types = ContentType.objects.get_for_models(*models, for_concrete_models=False)
    return {content_types[model].pk: facet_name(model) for model in models}
