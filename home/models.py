"""Site-wide pages and settings: home, standard pages, the RSS help page, menus and footer."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page, PreviewableMixin, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import TranslatableField

from core.blocks import BodyBlock, LinkBlock
from core.chosen import ChosenObjectsModelForm
from core.feeds import feed_links
from core.models import BasePage
from core.privacy import public
from core.translatable import translated

from .blocks import HomeBodyBlock


class HomePage(BasePage):
    """The root of each locale's tree: one per language."""

    hero_title = models.CharField(_("hero title"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    # The front door: news, events, key figures, the map and calls to action, in the editors' order.
    body = StreamField(HomeBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("hero_text"), index.SearchField("body")]
    translatable_fields = [*BasePage.translatable_fields, *translated("hero_title", "hero_text", "body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "home.FeedsPage",
        "home.SitemapPage",
        "signatories.SignatoryIndexPage",
        "twinning.TwinningIndexPage",
        "twinning.PartnerFinderPage",
        "news.NewsIndexPage",
        "aggregation.NetworkNewsIndexPage",
        "agenda.AgendaIndexPage",
        "supporters.SupporterIndexPage",
        "newsletter.NewsletterIndexPage",
        "contact.ContactPage",
        "legal.AccessibilityStatementPage",
        "legal.PrivacyNoticePage",
    ]

    class Meta:
        verbose_name = _("home page")

    def clean(self):
        super().clean()
        others = HomePage.objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        if self.locale_id and others.exists():
            raise ValidationError(_("This language already has a home page."))


class StandardPage(BasePage):
    """About, Legal, Acknowledgements and any other page of prose."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction"), index.SearchField("body")]
    translatable_fields = [*BasePage.translatable_fields, *translated("introduction", "body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


class FeedsPage(BasePage):
    """RSS help: what feeds are, and every feed of the locale, generated from the registry."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    translatable_fields = [*BasePage.translatable_fields, *translated("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("RSS help page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        base = request.build_absolute_uri("/")[:-1]
        groups = {}
        for link in feed_links(self.locale.language_code):
            groups.setdefault(str(link.group), []).append((link, base + link.url))
        context["feed_groups"] = groups
        return context


class SitemapPage(BasePage):
    """The human sitemap of the footer: the page tree of its own language."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    max_depth_shown = 2

    class Meta:
        verbose_name = _("sitemap page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent()
        pages = list(
            public(Page.objects.descendant_of(home).live())
            .filter(depth__lte=home.depth + self.max_depth_shown)
            .only("title", "url_path", "depth", "path")
            .order_by("path")
        )
        context["tree"] = [(page, page.depth - home.depth) for page in pages]
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Facts about the network that are the same in every language."""

    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    twitter_url = models.URLField(_("X (Twitter)"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")], heading=_("Contact")),
        MultiFieldPanel(
            [
                FieldPanel("twitter_url"),
                FieldPanel("facebook_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self):
        """(network name, address) for each network that has one, in display order."""
        networks = [("X", self.twitter_url), ("Facebook", self.facebook_url)]
        networks += [("LinkedIn", self.linkedin_url), ("YouTube", self.youtube_url)]
        return [(name, url) for name, url in networks if url]


class MenuBase(TranslatableMixin, PreviewableMixin, models.Model):
    """A list of links, translated with wagtail-localize like a page."""

    links = StreamField([("link", LinkBlock())], blank=True, verbose_name=_("links"))

    base_form_class = ChosenObjectsModelForm

    class Meta(TranslatableMixin.Meta):
        abstract = True

    def get_preview_template(self, request, mode_name):
        return "home/menu_preview.html"


@register_snippet
class MainMenu(MenuBase):
    panels = [FieldPanel("links")]
    translatable_fields = [TranslatableField("links")]

    class Meta(MenuBase.Meta):
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.locale})"


@register_snippet
class Footer(MenuBase):
    funding_disclaimer = models.TextField(
        _("funding disclaimer"),
        blank=True,
        help_text=_("For example: This publication was produced with the financial support of the European Union."),
    )

    panels = [FieldPanel("links"), FieldPanel("funding_disclaimer")]
    translatable_fields = [TranslatableField("links"), TranslatableField("funding_disclaimer")]

    class Meta(MenuBase.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.locale})"
