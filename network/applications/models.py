"""Expressions of interest from would-be supporters, and the page that carries the form.

An Application moves through a small state machine (see network.applications.transitions):

    received -> eligible -> agreement_signed -> approved
        \\__________\\______________\\________-> rejected

Every move is recorded as an ApplicationEvent (who, when, note) and in Wagtail's audit log.
"""

import hashlib
import json
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage, StatusEvent
from legal.models import privacy_notice_of
from network.supporters.choices import ServiceCategory, SupporterKind


class ExpressionOfInterestPage(RoutablePageMixin, BasePage):
    """The public form of a locale; it posts to a language-free endpoint and thanks in its own language."""

    introduction = models.TextField(_("introduction"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page that explains how the personal data of the form is used."),
    )
    agreement_form = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("agreement form"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Sent to applicants once their eligibility is confirmed."),
    )
    thank_you_title = models.CharField(_("thank-you title"), max_length=255, blank=True)
    thank_you_text = models.TextField(_("thank-you text"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("privacy_page"),
        FieldPanel("agreement_form"),
        MultiFieldPanel([FieldPanel("thank_you_title"), FieldPanel("thank_you_text")], heading=_("After sending")),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
        TranslatableField("thank_you_title"),
        TranslatableField("thank_you_text"),
        SynchronizedField("privacy_page"),
        SynchronizedField("agreement_form"),
    ]

    parent_page_types = ["supporters.SupporterIndexPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("expression-of-interest page")

    @property
    def language_code(self):
        return self.locale.language_code

    def localized_privacy_page(self):
        """The chosen notice in the page's language, else the privacy notice of that language."""
        return privacy_notice_of(self)

    def get_context(self, request, *args, **kwargs):
        from .forms import ExpressionOfInterestForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", ExpressionOfInterestForm(language=self.language_code))
        context["privacy"] = self.localized_privacy_page()
        return context

    @path("")
    def form_view(self, request):
        return self.render(request)

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        return self.render(request, context_overrides={"thanks": True})


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ELIGIBLE = "eligible", _("Eligible")
    AGREEMENT_SIGNED = "agreement_signed", _("Agreement signed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class AgreementStorage(FileSystemStorage):
    """Signed agreements: kept out of MEDIA_ROOT, downloaded only through the admin."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


def agreement_path(instance, filename):
    """A random name: the applicant's file name never reaches the file system."""
    return f"agreements/{uuid.uuid4().hex}.pdf"


#: What the applicant types: the fields of the expression-of-interest form.
TYPED_FIELDS = (
    "organisation",
    "kind",
    "country",
    "website",
    "contact_name",
    "position",
    "email",
    "phone",
    "member_authorities",
    "motivation",
    "planned_services",
    "planned_services_details",
)
#: Two submissions alike in all of these (in the same language) are the same expression of interest.
SUBMITTED_FIELDS = ("language", *TYPED_FIELDS)


def submission_fingerprint(values):
    """A digest of the submitted values (a mapping of SUBMITTED_FIELDS), blind to case, spacing and order."""

    def normal(value):
        if isinstance(value, (list, tuple)):
            return sorted(normal(item) for item in value)
        if value is None:
            return ""
        # Turkish İ casefolds to "i" and a combining dot; typed as I or İ, it is the same letter here.
        return " ".join(str(value).split()).casefold().replace("i\u0307", "i")

    text = json.dumps([normal(values[name]) for name in SUBMITTED_FIELDS], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class Application(models.Model):
    """One expression of interest, as submitted, and where its review stands."""

    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.RECEIVED, db_index=True
    )
    language = models.CharField(_("language"), max_length=16, help_text=_("The language the applicant wrote in."))

    organisation = models.CharField(_("organisation"), max_length=255)
    kind = models.CharField(_("kind of organisation"), max_length=32, choices=SupporterKind.choices)
    country = CountryField(_("country"))
    website = models.URLField(_("website"), blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    member_authorities = models.PositiveIntegerField(_("number of member authorities"), null=True, blank=True)
    motivation = models.TextField(_("motivation"))
    planned_services = models.JSONField(_("planned services"), default=list, blank=True)
    planned_services_details = models.TextField(_("planned services, in detail"), blank=True)
    consented_at = models.DateTimeField(_("consent to the privacy notice"))

    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("A digest of what was submitted: the same submission sent twice is stored once."),
    )

    signed_agreement = models.FileField(
        _("signed agreement"), upload_to=agreement_path, storage=AgreementStorage(), blank=True
    )
    rejection_reason = models.TextField(_("reason for the rejection"), blank=True)

    form_page = models.ForeignKey(
        ExpressionOfInterestPage,
        verbose_name=_("form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    supporter_page = models.ForeignKey(
        "supporters.SupporterPage",
        verbose_name=_("supporter page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supporter account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supporter_applications",
    )

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A double click, two tabs sent at once, a resent form: while the first is waiting for
            # review, an identical submission is that one. Once reviewed, the same text may come again.
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=Q(status="received") & ~Q(fingerprint=""),
                name="applications_one_waiting_per_submission",
            )
        ]

    def __str__(self):
        return self.organisation

    def submission_fingerprint(self):
        return submission_fingerprint({name: getattr(self, name) for name in SUBMITTED_FIELDS})

    @property
    def planned_service_labels(self):
        return [str(ServiceCategory(code).label) for code in self.planned_services if code in ServiceCategory.values]

    @property
    def locale(self):
        return Locale.objects.filter(language_code=self.language).first() or Locale.get_default()

    @property
    def signed_agreement_name(self):
        return Path(self.signed_agreement.name).name if self.signed_agreement else ""


class ApplicationEvent(StatusEvent):
    """One step of an application's history: the transition, who made it, when, and their note."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=ApplicationStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ApplicationStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self):
        return f"{self.application}: {super().__str__()}"

    def get_by_display(self):
        # Only the applicant acts without an account: they submit the public form.
        return super().get_by_display() or _("the applicant")
