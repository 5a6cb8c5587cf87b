"""The public page of the network's news: every published item of the feeds the network follows.

One page per locale, under its home ("From the network"); its route `media/` lists what media
outlets wrote ("In the media"), with the same filters. Items are not translated: every locale
lists the same ones, each in its own language (network/aggregation/listing.py).
"""

from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from core.feeds import ATOM, RSS, FeedLink
from core.models import BasePage


class NetworkNewsIndexPage(RoutablePageMixin, BasePage):
    """News from the network's signatories, supporters, programmes and the media, newest first."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    search_fields = [*BasePage.search_fields, index.SearchField("intro")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("intro"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    per_page = 20

    class Meta:
        verbose_name = _("network news page")

    def get_cached_paths(self):
        # The media route lists the same items: purged with the page.
        return ["/", self.reverse_subpage("media")]

    def feed_links(self):
        """The feeds a visitor of this page may want, for `<link rel="alternate">`."""
        with translation.override(self.locale.language_code):
            return [
                FeedLink(_("From the network (RSS)"), reverse("network_news_rss"), RSS),
                FeedLink(_("From the network (Atom)"), reverse("network_news_atom"), ATOM),
            ]

    def get_context(self, request, *args, media_only=False, **kwargs):
        from .listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request, media_only=media_only))
        context["feed_discovery"] = self.feed_links()
        return context

    @path("", name="listing")
    def listing(self, request):
        return self.render(request)

    @path("media/", name="media")
    def media(self, request):
        return self.render(request, media_only=True)
