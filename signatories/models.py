"""Signatories (the local authorities of the network) and their directory.

A SignatoryPage holds the facts about one local authority (country, population, commitments,
baseline, action plan, monitoring) as synchronised fields, edited once in the source language,
and its descriptive text (region, introduction, body) as translatable fields. The directory
(SignatoryIndexPage) filters, sorts, maps and exports them. Twinning projects, which pair
signatories, belong to the twinning app (network/twinning), which shows them on each partner's profile.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyBlock
from core.models import BasePage

from .text import fold

YEAR_VALIDATORS = [MinValueValidator(1900), MaxValueValidator(2100)]


class SignatoryStatus(models.TextChoices):
    ADHESION = "adhesion", _("Adhesion")
    ACTION_PLAN_SUBMITTED = "action_plan_submitted", _("Action plan submitted")
    MONITORING = "monitoring", _("Monitoring started")
    ON_HOLD = "on_hold", _("On hold")
    SUSPENDED = "suspended", _("Suspended")


STATUS_LABELS = dict(SignatoryStatus.choices)


class AdhesionType(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group of neighbouring authorities")


class ActionPlanStatus(models.TextChoices):
    NOT_SUBMITTED = "not_submitted", _("Not submitted")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    REVISION_REQUESTED = "revision_requested", _("Revision requested")


class EmissionSector(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal buildings and facilities")
    TERTIARY = "tertiary", _("Tertiary buildings")
    RESIDENTIAL = "residential", _("Residential buildings")
    PUBLIC_LIGHTING = "public_lighting", _("Public lighting")
    INDUSTRY = "industry", _("Industry")
    TRANSPORT = "transport", _("Transport")
    WASTE = "waste", _("Waste")
    WATER = "water", _("Waste water")
    AGRICULTURE = "agriculture", _("Agriculture")
    OTHER = "other", _("Other")


class Commitment(models.TextChoices):
    """The commitments a signatory may take; each value is also the name of a boolean field."""

    MITIGATION_2020 = "commitment_2020", _("2020 mitigation")
    MITIGATION_2030 = "commitment_2030", _("2030 mitigation")
    NEUTRALITY_2050 = "commitment_2050", _("2050 climate neutrality")
    ADAPTATION = "commitment_adaptation", _("Adaptation")
    ENERGY_POVERTY = "commitment_energy_poverty", _("Energy poverty")


class NetworkRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    SUPPORTER = "supporter", _("Supporter")


def synchronised(*names):
    """Facts: edited once in the source language and copied to every translation."""
    return [SynchronizedField(name, overridable=False) for name in names]


class SignatoryIndexPage(RoutablePageMixin, BasePage):
    """The directory: search, filters, sorting, map, key figures and open-data exports."""

    introduction = models.TextField(_("introduction"), blank=True)
    per_page = models.PositiveSmallIntegerField(
        _("signatories per page"), default=24, validators=[MinValueValidator(5), MaxValueValidator(200)]
    )

    content_panels = [*BasePage.content_panels, FieldPanel("introduction"), FieldPanel("per_page")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
        *synchronised("per_page"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["signatories.SignatoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("signatory directory")

    def get_cached_paths(self):
        # The downloads and the map's data list the signatories too: purged with the directory.
        return ["/", *(self.reverse_subpage(name) for name in ("export_csv", "export_json", "geojson"))]

    def signatories(self):
        """Every live, public signatory of this directory (in its locale, so each exactly once)."""
        return SignatoryPage.objects.live().public().child_of(self)

    def get_context(self, request, *args, **kwargs):
        from .views import directory_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_context(self, request))
        return context

    @path("", name="directory")
    def directory(self, request):
        return self.render(request)

    @path("data/", name="open_data")
    def open_data(self, request):
        from .views import open_data_documentation

        return open_data_documentation(self, request)

    @path("data/csv/", name="export_csv")
    def export_csv(self, request):
        from .views import export_csv

        return export_csv(self, request)

    @path("data/json/", name="export_json")
    def export_json(self, request):
        from .views import export_json

        return export_json(self, request)

    @path("data/geojson/", name="geojson")
    def geojson(self, request):
        from .views import export_geojson

        return export_geojson(self, request)


class SignatoryPage(BasePage):
    """One local authority: its facts, commitments, progress and twinning partners."""

    organisation_id = models.CharField(
        _("organisation ID"),
        max_length=32,
        blank=True,
        db_index=True,
        help_text=_("The identifier used in open data and by the CSV import; unique in the directory."),
    )
    name_sort = models.CharField(max_length=255, editable=False, db_index=True, default="")
    country = CountryField(_("country"), db_index=True)
    region = models.CharField(_("region"), max_length=200, blank=True)
    population = models.PositiveIntegerField(
        _("population"), null=True, blank=True, validators=[MaxValueValidator(100_000_000)]
    )
    population_year = models.PositiveSmallIntegerField(
        _("population year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-90)), MaxValueValidator(Decimal(90))],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-180)), MaxValueValidator(Decimal(180))],
    )
    adhesion_date = models.DateField(_("adhesion date"), null=True, blank=True)
    adhesion_type = models.CharField(
        _("adhesion type"), max_length=20, choices=AdhesionType.choices, default=AdhesionType.INDIVIDUAL
    )
    status = models.CharField(
        _("status"), max_length=30, choices=SignatoryStatus.choices, default=SignatoryStatus.ADHESION, db_index=True
    )

    commitment_2020 = models.BooleanField(_("2020 mitigation commitment"), default=False)
    commitment_2030 = models.BooleanField(_("2030 mitigation commitment"), default=False)
    target_2030_percent = models.PositiveSmallIntegerField(
        _("2030 reduction target (percent)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Reduction of emissions by 2030 compared with the baseline year, e.g. 40 or 55."),
    )
    commitment_2050 = models.BooleanField(_("2050 climate neutrality commitment"), default=False)
    commitment_adaptation = models.BooleanField(_("adaptation commitment"), default=False)
    commitment_energy_poverty = models.BooleanField(_("energy poverty commitment"), default=False)
    risk_assessment_done = models.BooleanField(_("risk and vulnerability assessment done"), default=False)
    energy_poverty_assessment_done = models.BooleanField(_("energy poverty assessment done"), default=False)

    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    baseline_emissions = models.DecimalField(
        _("baseline emissions (t CO2e)"),
        max_digits=14,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )

    action_plan_status = models.CharField(
        _("action plan status"),
        max_length=30,
        choices=ActionPlanStatus.choices,
        default=ActionPlanStatus.NOT_SUBMITTED,
        db_index=True,
    )
    action_plan_submitted_on = models.DateField(_("action plan submission date"), null=True, blank=True)
    action_plan_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("action plan document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action_plan_covers_adaptation = models.BooleanField(_("action plan covers adaptation"), default=False)
    action_plan_covers_energy_poverty = models.BooleanField(_("action plan covers energy poverty"), default=False)

    mayor = models.CharField(_("mayor"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_demo_data = models.BooleanField(
        _("demo data"), default=False, help_text=_("Shown with a notice: the figures are examples, not official.")
    )
    data_source = models.CharField(_("data source"), max_length=255, blank=True)

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("organisation_id"),
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldRowPanel([FieldPanel("population"), FieldPanel("population_year")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldRowPanel([FieldPanel("mayor"), FieldPanel("website")]),
            ],
            heading=_("Local authority"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("adhesion_date"), FieldPanel("adhesion_type")]),
                FieldPanel("status"),
                InlinePanel("status_history", label=_("Status history")),
            ],
            heading=_("Membership"),
        ),
        FieldPanel("body"),
    ]
    commitment_panels = [
        MultiFieldPanel(
            [
                FieldPanel("commitment_2020"),
                FieldRowPanel([FieldPanel("commitment_2030"), FieldPanel("target_2030_percent")]),
                FieldPanel("commitment_2050"),
                FieldPanel("commitment_adaptation"),
                FieldPanel("commitment_energy_poverty"),
            ],
            heading=_("Commitments"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("baseline_year"), FieldPanel("baseline_emissions")]),
                InlinePanel("baseline_sectors", label=_("Emissions by sector")),
                FieldPanel("risk_assessment_done"),
                FieldPanel("energy_poverty_assessment_done"),
            ],
            heading=_("Baseline and assessments"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("action_plan_status"), FieldPanel("action_plan_submitted_on")]),
                FieldPanel("action_plan_document"),
                FieldPanel("action_plan_covers_adaptation"),
                FieldPanel("action_plan_covers_energy_poverty"),
            ],
            heading=_("Action plan"),
        ),
        InlinePanel("monitoring_reports", label=_("Monitoring reports")),
        InlinePanel("network_links", label=_("Coordinators and supporters")),
        MultiFieldPanel([FieldPanel("is_demo_data"), FieldPanel("data_source")], heading=_("Data")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(commitment_panels, heading=_("Commitments and progress")),
            ObjectList(BasePage.promote_panels, heading=_("Promote")),
            ObjectList(BasePage.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("region"),
        index.SearchField("introduction"),
        index.SearchField("organisation_id"),
        index.FilterField("country"),
        index.FilterField("status"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("region"),
        TranslatableField("introduction"),
        TranslatableField("body"),
        *synchronised(
            "organisation_id",
            "country",
            "population",
            "population_year",
            "latitude",
            "longitude",
            "adhesion_date",
            "adhesion_type",
            "status",
            "commitment_2020",
            "commitment_2030",
            "target_2030_percent",
            "commitment_2050",
            "commitment_adaptation",
            "commitment_energy_poverty",
            "risk_assessment_done",
            "energy_poverty_assessment_done",
            "baseline_year",
            "baseline_emissions",
            "action_plan_status",
            "action_plan_submitted_on",
            "action_plan_document",
            "action_plan_covers_adaptation",
            "action_plan_covers_energy_poverty",
            "mayor",
            "website",
            "is_demo_data",
            "data_source",
            "status_history",
            "baseline_sectors",
            "monitoring_reports",
            "network_links",
        ),
    ]

    parent_page_types = ["signatories.SignatoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def save(self, *args, **kwargs):
        self.name_sort = fold(self.title)[:255]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "name_sort"}
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.population_year and self.population is None:
            errors["population"] = _("A population year needs a population.")
        if self.commitment_2030 and not self.target_2030_percent:
            errors["target_2030_percent"] = _("A 2030 commitment needs its reduction target.")
        if self.baseline_emissions is not None and not self.baseline_year:
            errors["baseline_year"] = _("Baseline emissions need their baseline year.")
        if self.action_plan_submitted_on and self.action_plan_status == ActionPlanStatus.NOT_SUBMITTED:
            errors["action_plan_status"] = _("An action plan with a submission date cannot be 'not submitted'.")
        if self.organisation_id:
            duplicates = SignatoryPage.objects.filter(
                organisation_id=self.organisation_id, locale_id=self.locale_id
            ).exclude(translation_key=self.translation_key)
            if duplicates.exists():
                errors["organisation_id"] = _("Another signatory already has this organisation ID.")
        if errors:
            raise ValidationError(errors)

    # Progress as a person reads it -------------------------------------------------------

    @property
    def has_action_plan(self):
        return self.action_plan_status != ActionPlanStatus.NOT_SUBMITTED

    @property
    def status_label(self):
        """get_status_display(), without its hashing of every choice at each call (directory cards)."""
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def commitments(self):
        """[(value, label)] of the commitments this signatory took, in a fixed order."""
        return [(value, label) for value, label in Commitment.choices if getattr(self, value)]

    @property
    def target_2030_emissions(self):
        if self.baseline_emissions is None or not self.target_2030_percent:
            return None
        return self.baseline_emissions * (100 - self.target_2030_percent) / 100

    @cached_property
    def pillars(self):
        """The badges of each pillar: (pillar label, [(stage label, done)])."""
        mitigation_target = self.commitment_2020 or self.commitment_2030 or self.commitment_2050
        return [
            (
                _("Mitigation"),
                [
                    (_("Emission inventory"), self.baseline_emissions is not None),
                    (_("Target"), mitigation_target),
                    (_("Plan"), self.has_action_plan),
                ],
            ),
            (
                _("Adaptation"),
                [
                    (_("Risk and vulnerability assessment"), self.risk_assessment_done),
                    (_("Target"), self.commitment_adaptation),
                    (_("Plan"), self.has_action_plan and self.action_plan_covers_adaptation),
                ],
            ),
            (
                _("Energy poverty"),
                [
                    (_("Assessment"), self.energy_poverty_assessment_done),
                    (_("Target"), self.commitment_energy_poverty),
                    (_("Plan"), self.has_action_plan and self.action_plan_covers_energy_poverty),
                ],
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        from .views import profile_context

        context = super().get_context(request, *args, **kwargs)
        context.update(profile_context(self, request))
        return context


class SignatoryStatusChange(Orderable):
    """One step of a signatory's history: from this date on, it had this status."""

    page = ParentalKey(SignatoryPage, on_delete=models.CASCADE, related_name="status_history")
    status = models.CharField(_("status"), max_length=30, choices=SignatoryStatus.choices)
    date = models.DateField(_("date"))

    panels = [FieldRowPanel([FieldPanel("status"), FieldPanel("date")])]

    class Meta(Orderable.Meta):
        verbose_name = _("status change")
        ordering = ["date", "sort_order"]


class BaselineSectorEmission(Orderable):
    page = ParentalKey(SignatoryPage, on_delete=models.CASCADE, related_name="baseline_sectors")
    sector = models.CharField(_("sector"), max_length=30, choices=EmissionSector.choices)
    emissions = models.DecimalField(
        _("emissions (t CO2e)"), max_digits=14, decimal_places=1, validators=[MinValueValidator(Decimal(0))]
    )

    panels = [FieldRowPanel([FieldPanel("sector"), FieldPanel("emissions")])]

    class Meta(Orderable.Meta):
        verbose_name = _("baseline emissions of a sector")


class MonitoringReport(Orderable):
    page = ParentalKey(SignatoryPage, on_delete=models.CASCADE, related_name="monitoring_reports")
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    emissions = models.DecimalField(
        _("emissions (t CO2e)"),
        max_digits=14,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    actions_completed = models.PositiveIntegerField(_("actions completed"), default=0)
    actions_ongoing = models.PositiveIntegerField(_("actions ongoing"), default=0)
    actions_not_started = models.PositiveIntegerField(_("actions not started"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("emissions")]),
        FieldPanel("document"),
        FieldRowPanel(
            [FieldPanel("actions_completed"), FieldPanel("actions_ongoing"), FieldPanel("actions_not_started")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("monitoring report")
        ordering = ["year", "sort_order"]

    @property
    def actions_total(self):
        return self.actions_completed + self.actions_ongoing + self.actions_not_started


class SignatoryNetworkLink(Orderable):
    """A coordinator or supporter of the signatory.

    `supporter_page` is the place for the link to a supporter's profile: it accepts any page
    today and should be narrowed to the supporters app's SupporterPage (page_type in the
    PageChooserPanel) once that app exists. Without a page, name and website are shown.
    """

    page = ParentalKey(SignatoryPage, on_delete=models.CASCADE, related_name="network_links")
    role = models.CharField(_("role"), max_length=20, choices=NetworkRole.choices, default=NetworkRole.SUPPORTER)
    name = models.CharField(_("name"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    supporter_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("profile page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("role"),
        FieldPanel("supporter_page"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("website")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("coordinator or supporter")

    def clean(self):
        super().clean()
        if not self.name and not self.supporter_page_id:
            raise ValidationError({"name": _("Choose a profile page or enter a name.")})
