"""The blocks of the home page's body: the front door that composes what the apps show.

The news, the agenda and the directory's map bring their own blocks (each next to its data); the
key figures, which count signatories and supporters together, and the calls to action for the
partner finder and the newsletter are here.
"""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core import cache as content_cache
from core.blocks import BodyBlock
from network.agenda.blocks import UpcomingEventsBlock
from network.news.blocks import LatestNewsBlock
from network.newsletter.models import NewsletterIndexPage
from network.supporters.models import SupporterPage
from network.twinning.models import PartnerFinderPage
from signatories.blocks import MapTeaserBlock, directory_of
from signatories.models import ActionPlanStatus


def locale_page_url(model, locale):
    """The address of the live page of `model` in `locale` (a singleton of each home), or None;
    kept in the shared cache (core.cache)."""

    def find():
        page = model.objects.live().public().filter(locale_id=locale.pk).first()
        return page.get_url() if page is not None else None

    return content_cache.cached(None, "home-page-url", find, model._meta.label, locale.pk)


def home_figures(locale):
    """The network's key figures in `locale`: two queries, kept in the shared cache (core.cache)."""

    def build():
        directory = directory_of(locale)
        if directory is None:
            return None
        row = (
            directory.signatories()
            .order_by()
            .aggregate(
                signatories=Count("pk"),
                countries=Count("country", distinct=True),
                population=Sum("population"),
                action_plans=Count("pk", filter=~Q(action_plan_status=ActionPlanStatus.NOT_SUBMITTED)),
            )
        )
        supporters = SupporterPage.objects.live().public().filter(locale_id=locale.pk).count()
        return {
            **row,
            "population": row["population"] or 0,
            "supporters": supporters,
            "directory_url": directory.get_url(),
        }

    return content_cache.cached(None, "home-figures", build, locale.pk)


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), max_length=100, required=False, help_text=_("Leave empty for the usual heading.")
    )

    class Meta:
        icon = "list-ul"
        label = _("Key figures")
        template = "home/blocks/key_figures.html"
        description = _("Signatories, countries, population covered, action plans and supporters, counted live.")
        preview_value = {}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context["figures"] = home_figures(page.locale) if page is not None else None
        return context


class SectionCallToActionBlock(blocks.StructBlock):
    """A call to action that links to the page of `target_model` of the home's own language."""

    title = blocks.CharBlock(
        label=_("Title"), max_length=200, required=False, help_text=_("Leave empty for the usual title.")
    )
    text = blocks.TextBlock(label=_("Text"), required=False)
    label = blocks.CharBlock(
        label=_("Button label"), max_length=100, required=False, help_text=_("Leave empty for the usual label.")
    )

    target_model = None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context["target_url"] = locale_page_url(self.target_model, page.locale) if page is not None else None
        return context


class PartnerFinderCallBlock(SectionCallToActionBlock):
    target_model = PartnerFinderPage

    class Meta:
        icon = "group"
        label = _("Partner finder")
        template = "home/blocks/partner_finder_call.html"
        description = _("Invites local authorities to find a twinning partner.")
        preview_value = {}


class NewsletterCallBlock(SectionCallToActionBlock):
    """Links to the newsletter page (its signup form and archive): every page's footer has the form
    too, and one form of the same fields per page is easier to find and to fill in."""

    target_model = NewsletterIndexPage

    class Meta:
        icon = "mail"
        label = _("Newsletter")
        template = "home/blocks/newsletter_call.html"
        description = _("Invites visitors to subscribe to the newsletter.")
        preview_value = {}


class HomeBodyBlock(BodyBlock):
    latest_news = LatestNewsBlock()
    upcoming_events = UpcomingEventsBlock()
    key_figures = KeyFiguresBlock()
    map_teaser = MapTeaserBlock()
    partner_finder = PartnerFinderCallBlock()
    newsletter = NewsletterCallBlock()
