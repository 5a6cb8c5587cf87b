"""News pulled in from the network: the feeds staff follow, each fetch, and the items they bring.

A source is a feed address that belongs to someone (a signatory, a supporter, a programme or a
media outlet). `fetching` asks each due source for its feed, `ingest` stores its items, and the
public listing, the profiles' "From their site" blocks, the programme section, the search and
the aggregated feed show the items that are published.

NetworkNewsIndexPage is the public page: one per locale, under its home ("From the network"); its
route `media/` lists what media outlets wrote ("In the media"), with the same filters. Items are not
translated: every locale lists the same ones, each in its own language (listing.py).
"""

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from core.chosen import ChosenObjectsModelForm
from core.feeds import ATOM, RSS, FeedLink
from core.models import BasePage


class OwnerKind(models.TextChoices):
    SIGNATORY = "signatory", _("Signatory")
    SUPPORTER = "supporter", _("Supporter")
    PROGRAMME = "programme", _("Programme")
    MEDIA = "media", _("Media outlet")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden")


class FetchOutcome(models.TextChoices):
    OK = "ok", _("Fetched")
    NOT_MODIFIED = "not_modified", _("Not modified")
    ERROR = "error", _("Failed")


def content_languages():
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


class FeedSourceQuerySet(models.QuerySet):
    def due(self, now=None):
        """Active sources whose next fetch time has come (or that were never fetched)."""
        now = now or timezone.now()
        return self.filter(is_active=True).filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))


class FeedSource(models.Model):
    """A feed the network follows, and what its last fetches found."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("feed address"), max_length=1000, unique=True)
    owner_kind = models.CharField(_("belongs to"), max_length=20, choices=OwnerKind.choices)
    signatory = models.ForeignKey(
        "signatories.SignatoryPage",
        verbose_name=_("signatory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supporter = models.ForeignKey(
        "supporters.SupporterPage",
        verbose_name=_("supporter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    programme = models.ForeignKey(
        "twinning.TwinningProgramme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    country = CountryField(
        _("country"), blank=True, help_text=_("Filled from the signatory or supporter when left empty.")
    )
    language = models.CharField(_("language of its items"), max_length=12, choices=content_languages)
    publish_immediately = models.BooleanField(
        _("trusted: publish its items at once"),
        default=False,
        help_text=_("Otherwise every new item waits for a moderator."),
    )
    is_active = models.BooleanField(_("active"), default=True, help_text=_("A paused source is not fetched."))
    fetch_interval = models.PositiveIntegerField(
        _("fetch every (minutes)"), default=60, validators=[MinValueValidator(5), MaxValueValidator(7 * 24 * 60)]
    )

    # The translation key of the owner's profile: its items show on every language version of it.
    owner_key = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    # What the last fetches found; written by `fetching` only.
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_fetch_at = models.DateTimeField(_("next fetch"), null=True, blank=True, editable=False)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("last fetched without error"), null=True, blank=True, editable=False)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedSourceQuerySet.as_manager()

    # Refuses a signatory or supporter page the editor may not choose (core/chosen.py).
    base_form_class = ChosenObjectsModelForm
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        MultiFieldPanel(
            [
                FieldPanel("owner_kind"),
                FieldPanel("signatory"),
                FieldPanel("supporter"),
                FieldPanel("programme"),
                FieldPanel("country"),
            ],
            heading=_("Whose news"),
        ),
        FieldRowPanel([FieldPanel("language"), FieldPanel("fetch_interval")]),
        FieldRowPanel([FieldPanel("publish_immediately"), FieldPanel("is_active")]),
    ]

    class Meta:
        verbose_name = _("news source")
        verbose_name_plural = _("news sources")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Only the owner that matches the kind is kept, so a changed kind leaves no stale link.
        if self.owner_kind != OwnerKind.SIGNATORY:
            self.signatory = None
        if self.owner_kind != OwnerKind.SUPPORTER:
            self.supporter = None
        if self.owner_kind != OwnerKind.PROGRAMME:
            self.programme = None
        owner = self.owner_page
        self.owner_key = owner.translation_key if owner else None
        if owner and not self.country:
            self.country = owner.country
        super().save(*args, **kwargs)

    def clean(self):
        owners = {
            OwnerKind.SIGNATORY: ("signatory", _("Choose the signatory whose site this is.")),
            OwnerKind.SUPPORTER: ("supporter", _("Choose the supporter whose site this is.")),
            OwnerKind.PROGRAMME: ("programme", _("Choose the programme.")),
        }
        if self.owner_kind in owners:
            field, message = owners[self.owner_kind]
            if not getattr(self, f"{field}_id"):
                raise ValidationError({field: message})

    @property
    def owner_page(self):
        """The signatory's or supporter's profile the source belongs to, if any."""
        if self.owner_kind == OwnerKind.SIGNATORY:
            return self.signatory
        if self.owner_kind == OwnerKind.SUPPORTER:
            return self.supporter
        return None


class FetchRecord(models.Model):
    """One fetch of a source: when, what the server answered, what was stored, what went wrong."""

    source = models.ForeignKey(FeedSource, on_delete=models.CASCADE, related_name="fetches", verbose_name=_("source"))
    started_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    outcome = models.CharField(_("outcome"), max_length=20, choices=FetchOutcome.choices)
    http_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    new_items = models.PositiveIntegerField(_("new items"), default=0)
    updated_items = models.PositiveIntegerField(_("updated items"), default=0)
    error = models.TextField(_("error"), blank=True)

    base_form_class = ChosenObjectsModelForm  # read-only in the admin; its source is a chosen object

    class Meta:
        verbose_name = _("fetch")
        verbose_name_plural = _("fetches")
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.source} · {self.started_at:%Y-%m-%d %H:%M} · {self.get_outcome_display()}"


class FeedItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ItemStatus.PUBLISHED)

    def listed(self):
        """Published items, newest first, with what a listing shows of their source."""
        return self.published().select_related("source", "source__programme").order_by("-published_at", "-pk")


def identity_of(guid, link, content_hash):
    """What makes an item the same item on the next fetch: its guid, else its link, else its text."""
    if guid:
        key = f"guid:{guid}"
    elif link:
        key = f"link:{link}"
    else:
        key = f"hash:{content_hash}"
    return hashlib.sha256(key.encode()).hexdigest()


class FeedItem(index.Indexed, models.Model):
    """A news item read from a source's feed, sanitised, attributed and moderated."""

    source = models.ForeignKey(FeedSource, on_delete=models.CASCADE, related_name="items", verbose_name=_("source"))
    identity = models.CharField(max_length=64, editable=False)
    guid = models.CharField(_("identifier in the feed"), max_length=1000, blank=True)
    link = models.URLField(_("original address"), max_length=1000, blank=True)
    content_hash = models.CharField(max_length=64, editable=False)
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Plain text, shown in listings."))
    content = models.TextField(_("text"), blank=True, help_text=_("Sanitised HTML."))
    author = models.CharField(_("author"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=12)
    published_at = models.DateTimeField(_("published"), db_index=True)
    first_seen_at = models.DateTimeField(_("first fetched"), default=timezone.now)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.PENDING)
    republished_as = models.ForeignKey(
        "news.NewsPage",
        verbose_name=_("republished as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)  # the guid of our own feed

    objects = FeedItemQuerySet.as_manager()

    panels = [FieldPanel("status"), FieldPanel("title"), FieldPanel("summary")]

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.AutocompleteField("title"),
        index.FilterField("status"),
        index.FilterField("language"),
        index.FilterField("published_at"),
    ]

    class Meta:
        verbose_name = _("network news item")
        verbose_name_plural = _("network news items")
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["source", "identity"], name="aggregation_item_once_per_source")]
        indexes = [models.Index(fields=["status", "-published_at"], name="aggregation_item_listing")]

    def __str__(self):
        return self.title

    @property
    def owner_page(self):
        return self.source.owner_page


# The page ------------------------------------------------------------------------------------


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
