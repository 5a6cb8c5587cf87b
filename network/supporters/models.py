"""Supporters: the directory of a locale and the profile of each association, region or agency.

A profile is created by staff when an application is approved (network.applications) and is
then kept up to date by its owner, whose edits go through the "Supporter profile review"
workflow before they are published (see network.supporters.owners).
"""

import unicodedata

from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.images import get_image_model, get_image_model_string
from wagtail.models import Orderable, PagePermissionTester, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage
from core.translatable import synchronised
from network.news.models import NewsPage

from .choices import ServiceCategory, SupporterKind, SupporterRole, SupporterStatus

LOGO_RENDITION = "max-240x120|format-webp"
LISTING_LOGO_RENDITION = "max-160x80|format-webp"
DESCRIPTION_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3"]
#: The permission that shows the staff-only panels (status and role) of a profile.
STATUS_PERMISSION = "supporters.manage_supporter_status"


def sort_key(text):
    """Alphabetical order that ignores accents and case: "Türkiye" before "Turkmenistan"."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


class SupporterIndexPage(BasePage):
    """The supporters of one locale, filtered by country, kind, role and service."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["supporters.SupporterPage", "applications.ExpressionOfInterestPage"]
    max_count_per_parent = 1

    per_page = 24

    class Meta:
        verbose_name = _("supporter index page")

    def supporters(self):
        """The live, public profiles under this index, cheap to list."""
        return (
            SupporterPage.objects.child_of(self)
            .live()
            .public()
            .select_related("locale", "alias_of__locale")
            .prefetch_related(
                "services",
                Prefetch("logo", queryset=get_image_model().objects.prefetch_renditions(LISTING_LOGO_RENDITION)),
            )
            .order_by("title", "pk")
        )

    def filter_supporters(self, params):
        """(queryset, the filters that apply): unknown or malformed values are ignored."""
        items = self.supporters()
        applied = {}
        country = (params.get("country") or "").upper()
        if country in all_countries:
            items = items.filter(Q(country=country) | Q(countries_covered__contains=country))
            applied["country"] = country
        kind = params.get("kind") or ""
        if kind in SupporterKind.values:
            items = items.filter(kind=kind)
            applied["kind"] = kind
        role = params.get("role") or ""
        if role in SupporterRole.values:
            items = items.filter(role=role)
            applied["role"] = role
        service = params.get("service") or ""
        if service in ServiceCategory.values:
            items = items.filter(pk__in=SupporterService.objects.filter(category=service).values("page_id"))
            applied["service"] = service
        if params.get("status") == SupporterStatus.WITHDRAWN:
            items = items.filter(status=SupporterStatus.WITHDRAWN)
            applied["status"] = SupporterStatus.WITHDRAWN
        else:
            items = items.exclude(status=SupporterStatus.WITHDRAWN)
        return items, applied

    def country_choices(self):
        """(code, name) of every country a live supporter of this index is based in or covers."""
        codes = set()
        rows = SupporterPage.objects.child_of(self).live().public().values_list("country", "countries_covered")
        for country, covered in rows:
            if country:
                codes.add(str(country))
            if isinstance(covered, str):  # values_list() gives the stored text, e.g. "AZ,TM"
                covered = covered.split(",")
            codes.update(str(code) for code in covered or [] if code)
        return sorted(((code, all_countries.name(code)) for code in codes), key=lambda item: sort_key(item[1]))

    def form_page(self):
        """The expression-of-interest page of this index, if there is a live one."""
        return (
            self.get_children().live().public().type(apps.get_model("applications", "ExpressionOfInterestPage")).first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items, applied = self.filter_supporters(request.GET)
        paginator = Paginator(items, self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            supporters=page_obj,
            paginator=paginator,
            filters=applied,
            filter_query=query.urlencode(),
            country_choices=self.country_choices(),
            kind_choices=SupporterKind.choices,
            role_choices=SupporterRole.choices,
            service_choices=ServiceCategory.choices,
            form_page=self.form_page(),
        )
        return context


class SupporterPagePermissionTester(PagePermissionTester):
    """Owners may edit their profile, but deleting, moving or copying it is for staff who can publish."""

    def can_delete(self, ignore_bulk=False):
        return super().can_delete(ignore_bulk) and self._is_staff()

    def can_copy(self):
        return super().can_copy() and self._is_staff()

    def _is_staff(self):
        return self.user.is_superuser or "publish" in self.permissions


class SupporterPage(BasePage):
    """The public profile of a supporter: who they are, where they work, and what they offer to signatories."""

    original_name = models.CharField(
        _("name in its own language"),
        max_length=255,
        blank=True,
        help_text=_("The official name, e.g. Vilayetler Birliği; the page title is the name in this language."),
    )
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=SupporterKind.choices, default=SupporterKind.OTHER)
    role = models.CharField(
        _("role in the network"), max_length=16, choices=SupporterRole.choices, default=SupporterRole.SUPPORTER
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SupporterStatus.choices, default=SupporterStatus.ACTIVE, db_index=True
    )
    country = CountryField(_("country"), db_index=True)
    countries_covered = CountryField(
        _("countries covered"), multiple=True, blank=True, help_text=_("Where the supporter offers its services.")
    )
    member_authorities = models.PositiveIntegerField(_("number of member authorities"), null=True, blank=True)
    head_name = models.CharField(_("head of the organisation"), max_length=200, blank=True)
    head_title = models.CharField(_("title of the head"), max_length=100, blank=True, help_text=_("e.g. President"))
    description = RichTextField(_("description"), features=DESCRIPTION_FEATURES, blank=True)
    services_introduction = models.TextField(
        _("services to signatories"),
        blank=True,
        help_text=_("What the supporter offers to signatories, in general; list each service below."),
    )

    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_position = models.CharField(_("position"), max_length=200, blank=True)
    contact_email = models.EmailField(_("email"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    contact_is_public = models.BooleanField(
        _("the contact agreed to be shown on the site"),
        default=False,
        help_text=_("Without this consent the main contact is only known to the network's staff."),
    )

    website = models.URLField(_("website"), blank=True)
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    twitter_url = models.URLField(_("X (Twitter)"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("original_name"), FieldPanel("acronym")]),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("member_authorities")]),
                FieldRowPanel([FieldPanel("country"), FieldPanel("countries_covered")]),
                FieldRowPanel([FieldPanel("head_name"), FieldPanel("head_title")]),
                FieldPanel("logo"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("status", permission=STATUS_PERMISSION), FieldPanel("role", permission=STATUS_PERMISSION)],
            heading=_("Status in the network (staff)"),
            permission=STATUS_PERMISSION,
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("services_introduction"), InlinePanel("services", label=_("Service"))],
            heading=_("Services to signatories"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_position")]),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
                FieldPanel("contact_is_public"),
            ],
            heading=_("Main contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldRowPanel([FieldPanel("twitter_url"), FieldPanel("facebook_url")]),
                FieldRowPanel([FieldPanel("linkedin_url"), FieldPanel("youtube_url"), FieldPanel("instagram_url")]),
            ],
            heading=_("Website and social media"),
        ),
        InlinePanel("feedback_reports", heading=_("Periodic feedback reports"), label=_("Report")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("original_name"),
        index.SearchField("acronym"),
        index.SearchField("description"),
        index.SearchField("services_introduction"),
        index.FilterField("country"),
        index.FilterField("kind"),
        index.FilterField("status"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("head_title"),
        TranslatableField("description"),
        TranslatableField("services_introduction"),
        TranslatableField("contact_position"),
        TranslatableField("services"),
        TranslatableField("feedback_reports"),
        *synchronised(
            "original_name",
            "acronym",
            "kind",
            "role",
            "status",
            "country",
            "countries_covered",
            "member_authorities",
            "head_name",
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_is_public",
            "website",
            "logo",
            "twitter_url",
            "facebook_url",
            "linkedin_url",
            "youtube_url",
            "instagram_url",
        ),
    ]

    parent_page_types = ["supporters.SupporterIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("supporter page")
        permissions = [("manage_supporter_status", _("Can change the status and role of a supporter"))]

    def permissions_for_user(self, user):
        return SupporterPagePermissionTester(user, self)

    @property
    def is_active(self):
        return self.status == SupporterStatus.ACTIVE

    @property
    def social_links(self):
        """(network name, address) for each network that has one, in display order."""
        networks = [("X", self.twitter_url), ("Facebook", self.facebook_url), ("LinkedIn", self.linkedin_url)]
        networks += [("YouTube", self.youtube_url), ("Instagram", self.instagram_url)]
        return [(name, url) for name, url in networks if url]

    @cached_property
    def countries_covered_names(self):
        return [country.name for country in self.countries_covered]

    @property
    def service_categories(self):
        """The categories offered, once each, in the order of the services (uses the prefetched services)."""
        seen = []
        for service in self.services.all():
            if service.category not in seen:
                seen.append(service.category)
        return [(category, ServiceCategory(category).label) for category in seen]

    def supported_signatories(self):
        """Live signatory pages of this locale that name this supporter (any language version) in their links.

        Returns a list of (signatory page, role); empty while the signatories app has no such link model.
        """
        try:
            link_model = apps.get_model("signatories", "SignatoryNetworkLink")
            signatory_model = apps.get_model("signatories", "SignatoryPage")
        except LookupError:
            return []
        links = link_model.objects.filter(supporter_page__translation_key=self.translation_key).values_list(
            "page__translation_key", "role"
        )
        roles = {}
        for key, role in links:
            roles.setdefault(key, role)
        if not roles:
            return []
        signatories = (
            signatory_model.objects.live()
            .public()
            .filter(locale_id=self.locale_id, translation_key__in=roles)
            .select_related("locale", "alias_of__locale")
            .defer_streamfields()
            .order_by("title")
        )
        return [(signatory, roles[signatory.translation_key]) for signatory in signatories]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["supported_signatories"] = self.supported_signatories()
        context["feedback_reports"] = self.feedback_reports.select_related("document").all()
        context["news"] = NewsPage.mentioning(self, "related_supporters__supporter")
        context["index_page"] = self.get_parent().specific
        return context


class SupporterService(TranslatableMixin, Orderable):
    """One service a supporter offers to signatories: a category for the filters and free text."""

    page = ParentalKey(SupporterPage, on_delete=models.CASCADE, related_name="services")
    category = models.CharField(_("category"), max_length=32, choices=ServiceCategory.choices)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("category"), FieldPanel("description")]
    translatable_fields = [SynchronizedField("category"), TranslatableField("description")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return str(self.get_category_display())


class FeedbackReport(TranslatableMixin, Orderable):
    """The periodic feedback a supporter gives on its members that joined and the services it offered."""

    page = ParentalKey(SupporterPage, on_delete=models.CASCADE, related_name="feedback_reports")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=255)
    summary = models.TextField(_("summary"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("title")]), FieldPanel("summary"), FieldPanel("document")]
    translatable_fields = [
        SynchronizedField("date"),
        TranslatableField("title"),
        TranslatableField("summary"),
        SynchronizedField("document"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("feedback report")
        verbose_name_plural = _("feedback reports")

    def __str__(self):
        return self.title


class SupporterOwnership(models.Model):
    """The group that owns a supporter profile, and the collection of its images and documents."""

    page = models.ForeignKey(
        "supporters.SupporterPage", verbose_name=_("profile"), on_delete=models.CASCADE, related_name="ownerships"
    )
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="supporter_ownership"
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("supporter profile ownership")
        verbose_name_plural = _("supporter profile ownerships")

    def __str__(self):
        return self.group.name
