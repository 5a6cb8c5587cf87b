"""Twinning: the themes, the projects that twin authorities, and the partner finder.

- PartnershipTheme: the translatable taxonomy of what authorities seek, offer and twin on (a snippet).
- TwinningProgramme, TwinningIndexPage, TwinningPage, TwinningPartner: the projects that pair
  local authorities (signatories or not) within a programme, on one theme; each partner's
  profile lists them (templatetags/twinning_tags.py).
- PartnerFinderPage: the tool in each locale (browse requests, suggestions, the forms).
- PartnershipRequest: what one authority seeks, submitted through the public form, published
  after moderation, updated or closed by its contact through a signed link:

      pending -> open -> matched | closed        pending -> rejected
      open -> pending (the contact changed its text: staff read it again)

- Conversation / RelayMessage: a visitor writing to a request's contact, and the answers; each
  message is relayed by email without showing the author's address unless the author agrees.
- BlockedSender: addresses (or whole domains) whose messages are logged but never relayed.

Requests, messages and blocks are not pages: they belong to no locale. A request records the
language it was written in, and the pages mark it with that language wherever it is shown.
"""

import uuid
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.models import BasePage, StatusEvent
from core.translatable import synchronised, translated
from legal.models import privacy_notice_of
from signatories.models import YEAR_VALIDATORS

from .choices import Programme, RequestStatus


@register_snippet
class PartnershipTheme(TranslatableMixin, models.Model):
    """One theme of the taxonomy ("Waste and recycling"); its slug is the same in every language.

    Requests and twinning projects refer to the version of the default language; the other
    languages' versions give the names shown on their pages.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=60, help_text=_("Used in the filter's address; the same in every language.")
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("position"), default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partnership theme")
        verbose_name_plural = _("partnership themes")
        ordering = ["sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_partnership_theme_slug")]

    def __str__(self):
        return self.name


def default_locale_themes():
    """Requests link the themes of the default language (see PartnershipTheme)."""
    return {"locale__language_code": settings.LANGUAGE_CODE}


class PartnerFinderPage(RoutablePageMixin, BasePage):
    """The partner finder of a locale: open requests, suggested partners, and the forms.

    Routes: "" browse the open requests; requests/<id>/ one request, its suggestions and the
    contact form; authorities/<id>/ suggestions for a signatory; new/ the request form;
    new/thanks/ and requests/<id>/sent/ the answers after sending. The forms post to
    language-free addresses (network/twinning/urls.py) and are rendered here on errors.
    """

    introduction = models.TextField(_("introduction"), blank=True)
    form_introduction = models.TextField(
        _("form introduction"), blank=True, help_text=_("Shown above the form that publishes a request.")
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page that explains how the personal data of the forms are used."),
    )
    per_page = models.PositiveSmallIntegerField(
        _("requests per page"), default=20, validators=[MinValueValidator(5), MaxValueValidator(100)]
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("form_introduction"),
        FieldPanel("privacy_page"),
        FieldPanel("per_page"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
        TranslatableField("form_introduction"),
        SynchronizedField("privacy_page"),
        SynchronizedField("per_page"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("twinning partner finder")

    def localized_privacy_page(self):
        """The chosen notice in the page's language, else the privacy notice of that language."""
        return privacy_notice_of(self)

    def route_url(self, name, *args):
        """The address of one of this page's routes: page.route_url("request", 12)."""
        return self.url + self.reverse_subpage(name, args=args or None).lstrip("/")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["privacy"] = self.localized_privacy_page()
        return context

    @path("", name="browse")
    def browse(self, request):
        from .views import browse

        return browse(self, request)

    @path("requests/<int:request_id>/", name="request")
    def request_detail(self, request, request_id):
        from .views import request_detail

        return request_detail(self, request, request_id)

    @path("requests/<int:request_id>/sent/", name="message_sent")
    def message_sent(self, request, request_id):
        from .views import message_sent

        return message_sent(self, request, request_id)

    @path("authorities/<int:signatory_id>/", name="authority")
    def authority(self, request, signatory_id):
        from .views import authority_suggestions

        return authority_suggestions(self, request, signatory_id)

    @path("new/", name="new_request")
    def new_request(self, request):
        from .views import request_form

        return request_form(self, request)

    @path("new/thanks/", name="request_thanks")
    def request_thanks(self, request):
        from .views import request_thanks

        return request_thanks(self, request)


def one_year_from_today():
    return timezone.localdate() + timedelta(days=365)


class PartnershipRequest(models.Model):
    """What one local authority seeks: themes, programme, languages, and who to talk to."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.PENDING, db_index=True
    )
    language = models.CharField(_("language"), max_length=16, help_text=_("The language the request is written in."))

    signatory = models.ForeignKey(
        "signatories.SignatoryPage",
        verbose_name=_("signatory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The authority's profile in the directory, if it is a signatory."),
    )
    authority_name = models.CharField(_("authority"), max_length=200)
    country = CountryField(_("country"), db_index=True)
    population = models.PositiveIntegerField(
        _("population"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100_000_000)]
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    title = models.CharField(_("title"), max_length=160)
    description = models.TextField(_("description"))
    themes_sought = models.ManyToManyField(
        PartnershipTheme,
        verbose_name=_("themes sought"),
        related_name="+",
        limit_choices_to=default_locale_themes,
    )
    themes_offered = models.ManyToManyField(
        PartnershipTheme,
        verbose_name=_("themes offered"),
        related_name="+",
        blank=True,
        limit_choices_to=default_locale_themes,
    )
    programme = models.CharField(
        _("programme of interest"),
        max_length=60,
        db_index=True,
        help_text=_("The slug of a twinning programme, or “other”."),
    )
    other_programme = models.CharField(_("other programme"), max_length=200, blank=True)
    working_languages = models.CharField(
        _("working languages"),
        max_length=200,
        help_text=_("Language codes between commas, e.g. “,en,tr,”; see working_language_codes."),
    )

    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_position = models.CharField(_("position"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"))

    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"), default=one_year_from_today, db_index=True)
    outcome = models.TextField(
        _("outcome"), blank=True, help_text=_("What the contact said when marking the request matched or closed.")
    )
    moderation_note = models.TextField(_("reason for the rejection"), blank=True)

    consented_at = models.DateTimeField(_("consent to the privacy notice"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)

    class Meta:
        verbose_name = _("partnership request")
        verbose_name_plural = _("partnership requests")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "valid_until"], name="twinning_request_listing")]

    def __str__(self):
        return f"{self.authority_name}: {self.title}"

    # Working languages are stored as ",en,tr," so that one of them is found with __contains.

    @property
    def working_language_codes(self):
        return [code for code in self.working_languages.split(",") if code]

    @working_language_codes.setter
    def working_language_codes(self, codes):
        codes = [code for code in dict.fromkeys(codes) if code]
        self.working_languages = f",{','.join(codes)}," if codes else ""

    @property
    def is_public(self):
        return self.status in {RequestStatus.OPEN, RequestStatus.MATCHED}

    @property
    def is_expired(self):
        return self.valid_until < timezone.localdate()

    @property
    def is_contactable(self):
        today = timezone.localdate()
        return self.status == RequestStatus.OPEN and self.valid_from <= today <= self.valid_until

    @property
    def is_other_programme(self):
        return self.programme == Programme.OTHER

    def copy_authority_facts(self):
        """A signatory's request keeps the directory's facts (they drive filters and ranking)."""
        signatory = self.signatory
        if signatory is None:
            return
        self.country = signatory.country
        if signatory.population:
            self.population = signatory.population
        if signatory.latitude is not None and signatory.longitude is not None:
            self.latitude = float(signatory.latitude)
            self.longitude = float(signatory.longitude)


class RequestEvent(StatusEvent):
    """One step in a request's life: who moved it from which status to which, and why.

    Contacts act through signed links, without an account: `actor` says who took each step, and
    `user` is the staff member, if any.
    """

    class Actor(models.TextChoices):
        CONTACT = "contact", _("The requesting authority")
        STAFF = "staff", _("Staff")
        SYSTEM = "system", _("The site")

    partnership_request = models.ForeignKey(PartnershipRequest, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=16, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=RequestStatus.choices)
    actor = models.CharField(_("by"), max_length=16, choices=Actor.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta(StatusEvent.Meta):
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self):
        return f"{self.partnership_request_id}: {super().__str__()}"

    def get_by_display(self):
        return super().get_by_display() or self.get_actor_display()


class Conversation(models.Model):
    """A visitor who wrote to a request's contact, and the messages exchanged since."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partnership_request = models.ForeignKey(
        PartnershipRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="conversations"
    )
    sender_name = models.CharField(_("name"), max_length=200)
    sender_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sender_email = models.EmailField(_("email"))
    sender_language = models.CharField(_("language"), max_length=16)
    created_at = models.DateTimeField(_("started"), auto_now_add=True, db_index=True)
    reported_at = models.DateTimeField(
        _("reported as abuse"), null=True, blank=True, help_text=_("When the request's contact reported it.")
    )

    class Meta:
        verbose_name = _("conversation")
        verbose_name_plural = _("conversations")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.sender_name} → {self.partnership_request.authority_name}"


class RelayMessage(models.Model):
    """One message of a conversation, as written, and what became of it."""

    class Direction(models.TextChoices):
        TO_CONTACT = "to_contact", _("To the request's contact")
        TO_SENDER = "to_sender", _("Answer to the visitor")

    class Status(models.TextChoices):
        RELAYED = "relayed", _("Relayed")
        BLOCKED = "blocked", _("Blocked")

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    author_email = models.EmailField(_("author's address"))
    body = models.TextField(_("message"))
    share_address = models.BooleanField(
        _("address shared"), default=False, help_text=_("The author agreed that the recipient sees their address.")
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    email = models.ForeignKey(
        "core.OutgoingEmail",
        verbose_name=_("relayed email"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("relayed message")
        verbose_name_plural = _("relayed messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_direction_display()} ({self.created_at:%Y-%m-%d})" if self.created_at else str(self.pk)


class BlockedSender(models.Model):
    """An address (ayse@example.org) or a domain (@example.org) whose messages are never relayed."""

    address = models.CharField(
        _("address or domain"),
        max_length=254,
        unique=True,
        help_text=_("A whole address, or a domain starting with @ to block every address of that domain."),
    )
    reason = models.TextField(_("reason"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("blocked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("blocked on"), auto_now_add=True)

    class Meta:
        verbose_name = _("blocked sender")
        verbose_name_plural = _("blocked senders")
        ordering = ["address"]

    def __str__(self):
        return self.address

    def save(self, *args, **kwargs):
        self.address = normalise_address(self.address)
        return super().save(*args, **kwargs)

    @classmethod
    def blocks(cls, address):
        """True when `address` or its domain is blocked."""
        address = normalise_address(address)
        if not address:
            return False
        _local, _at, domain = address.rpartition("@")
        return cls.objects.filter(address__in=[address, f"@{domain}"]).exists()


def normalise_address(address):
    return (address or "").strip().lower()


# Twinning projects ---------------------------------------------------------------------------
# Authorities already twinned, within a programme, on one theme of the taxonomy above.


class TwinningStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")


@register_snippet
class TwinningProgramme(TranslatableMixin, models.Model):
    """A programme under which authorities are twinned (TWIN, NetZeroCities...)."""

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(
        _("slug"), max_length=60, help_text=_("Used in the twinning filter's address; the same in every language.")
    )
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("acronym"),
        FieldPanel("slug"),
        FieldPanel("website"),
        FieldPanel("description"),
    ]
    translatable_fields = [
        *translated("name", "description"),
        *synchronised("acronym", "slug", "website", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("twinning programme")
        verbose_name_plural = _("twinning programmes")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_programme_slug_per_locale")]

    def __str__(self):
        return self.name

    @property
    def short_name(self):
        return self.acronym or self.name


class TwinningIndexPage(BasePage):
    """Twinning projects, filterable by programme, theme and partner country."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    translatable_fields = [*BasePage.translatable_fields, *translated("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["twinning.TwinningPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("twinning index")

    def get_context(self, request, *args, **kwargs):
        from .projects import twinning_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(twinning_index_context(self, request))
        return context


class TwinningPage(BasePage):
    """Two or more local authorities working together on a project within a programme.

    Its theme is the default language's version of a PartnershipTheme, as for requests: every
    translation of the page links the same one, and shows the name of its own language.
    """

    programme = models.ForeignKey(
        TwinningProgramme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="+"
    )
    project_title = models.CharField(_("project title"), max_length=255)
    theme = models.ForeignKey(
        PartnershipTheme,
        verbose_name=_("theme"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=default_locale_themes,
    )
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("end year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    status = models.CharField(
        _("status"), max_length=20, choices=TwinningStatus.choices, default=TwinningStatus.ONGOING
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ol", "ul", "document-link"]
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("project_title"),
        FieldPanel("programme"),
        # A list of the default language's themes, rather than a chooser of every language's.
        FieldRowPanel([FieldPanel("theme", widget=forms.Select), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        InlinePanel("partners", label=_("Partners"), min_num=1),
        FieldPanel("description"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("project_title"),
        index.SearchField("description"),
        index.FilterField("theme"),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        *translated("project_title", "description"),
        *synchronised("programme", "theme", "start_year", "end_year", "status", "partners", overridable=False),
    ]

    parent_page_types = ["twinning.TwinningIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("twinning project")

    def clean(self):
        super().clean()
        if self.end_year and self.start_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("The end year cannot be before the start year.")})

    @property
    def years(self):
        if self.end_year and self.end_year != self.start_year:
            return f"{self.start_year}–{self.end_year}"
        if self.end_year:
            return str(self.start_year)
        return f"{self.start_year}–"

    def get_context(self, request, *args, **kwargs):
        from .projects import twinning_context

        context = super().get_context(request, *args, **kwargs)
        context.update(twinning_context(self, request))
        return context


class TwinningPartner(Orderable):
    """A partner of a twinning: a signatory of the directory, or any other local authority."""

    page = ParentalKey(TwinningPage, on_delete=models.CASCADE, related_name="partners")
    signatory = models.ForeignKey(
        "signatories.SignatoryPage",
        verbose_name=_("signatory"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty for an authority that is not a signatory, and enter its name and country."),
    )
    name = models.CharField(_("name"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)
    is_lead = models.BooleanField(_("lead partner"), default=False)

    panels = [
        FieldPanel("signatory"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("country")]),
        FieldPanel("is_lead"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("partner")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not self.signatory_id and not (self.name and self.country):
            raise ValidationError({"name": _("Choose a signatory, or enter the authority's name and country.")})

    def save(self, *args, **kwargs):
        # Keep the partner's name and country even if the signatory page is deleted later.
        if self.signatory_id and (not self.name or not self.country):
            signatory = self.signatory
            self.name = self.name or signatory.title
            self.country = self.country or signatory.country
        return super().save(*args, **kwargs)
