"""The newsletter: its archive and issues (pages), subscribers (double opt-in), and sends.

A subscriber exists once per normalised address (a unique key, so that two simultaneous
signups cannot make two rows). An issue is a translatable page; sending it records one
Delivery per issue and subscriber (a unique constraint again), so a send that is interrupted
and resumed never reaches anyone twice.
"""

import contextlib
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.chosen import ChosenObjectsModelForm
from core.models import BasePage

from .blocks import NewsletterBodyBlock

#: The consent text shown next to the signup checkbox. Change CONSENT_VERSION whenever the
#: text changes: each subscriber records the version they agreed to.
CONSENT_VERSION = "2025-06"
CONSENT_TEXT = _(
    "I agree that the network keeps my email address and language to send me its newsletter, as described in "
    "the privacy notice. I can unsubscribe at any time with the link in every email."
)


def normalise_email(address):
    """The key under which an address is unique: trimmed, lower case, domain in IDNA form."""
    address = (address or "").strip()
    local, at, domain = address.rpartition("@")
    if not at:
        return address.lower()
    with contextlib.suppress(UnicodeError):  # not encodable: keep it as typed
        domain = domain.encode("idna").decode("ascii")
    return f"{local.lower()}@{domain.lower()}"


def language_choices():
    return list(settings.LANGUAGES)


def supported_language(code, default=None):
    """`code` if the site speaks it, else `default` (the default language when not given)."""
    codes = [language for language, _name in settings.LANGUAGES]
    if code in codes:
        return code
    return default if default is not None else settings.LANGUAGE_CODE


# Pages ---------------------------------------------------------------------------------------


class NewsletterIndexPage(BasePage):
    """The newsletter of a locale: what it is, the signup form, and the archive of issues."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]
    max_count_per_parent = 1

    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
    ]

    class Meta:
        verbose_name = _("newsletter index page")

    def issues(self):
        """The published issues of this locale, newest first; aliases carry their source locale."""
        return (
            NewsletterIssuePage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .select_related("alias_of__locale")
            .order_by("-issue_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from .forms import SubscribeForm

        context = super().get_context(request, *args, **kwargs)
        context["issues"] = self.issues()
        context["form"] = SubscribeForm(
            initial={"language": self.locale.language_code, "ui_language": self.locale.language_code}
        )
        context["form_name"] = "page"
        return context


class NewsletterIssuePage(BasePage):
    """One issue: read online here, and sent by email to the subscribers of each language."""

    issue_date = models.DateField(_("issue date"), default=timezone.localdate)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("The opening words of the email."))
    body = StreamField(NewsletterBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("issue_date"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("issue_date"),
    ]

    parent_page_types = ["newsletter.NewsletterIndexPage"]
    subpage_types = []

    translatable_fields = [
        *BasePage.translatable_fields,
        TranslatableField("introduction"),
        TranslatableField("body"),
        SynchronizedField("issue_date"),
    ]

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")

    def get_context(self, request, *args, **kwargs):
        from .forms import SubscribeForm

        context = super().get_context(request, *args, **kwargs)
        context["form"] = SubscribeForm(
            initial={"language": self.locale.language_code, "ui_language": self.locale.language_code}
        )
        context["form_name"] = "page"
        return context


@register_setting(icon="mail")
class NewsletterSettings(BaseSiteSetting):
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page the signup form's consent links to; each language gets its own translation."),
    )

    base_form_class = ChosenObjectsModelForm
    panels = [FieldPanel("privacy_page")]

    class Meta:
        verbose_name = _("newsletter settings")


# Subscribers ---------------------------------------------------------------------------------


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)


class Subscriber(models.Model):
    """A person who asked for the newsletter; personal data, deleted for real on request."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Form(models.TextChoices):
        FOOTER = "footer", _("Footer of a page")
        PAGE = "page", _("Newsletter page")

    email = models.EmailField(_("email address"))
    email_key = models.CharField(_("normalised address"), max_length=254, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=16)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    key = models.UUIDField(_("link key"), default=uuid.uuid4, unique=True, editable=False)

    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    last_notified_at = models.DateTimeField(
        _("last email about the subscription"), null=True, blank=True, editable=False
    )

    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    consent_version = models.CharField(_("consent text version"), max_length=32, blank=True)
    consent_language = models.CharField(_("consent text language"), max_length=16, blank=True)
    consent_form = models.CharField(_("consent form"), max_length=16, choices=Form.choices, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "language"], name="newsletter_subscriber_status")]

    def __str__(self):
        # No address here: this text is copied into the admin's action log, which outlives a deletion.
        return _("Subscriber %(number)s") % {"number": self.pk}

    def save(self, *args, **kwargs):
        self.email_key = normalise_email(self.email)
        super().save(*args, **kwargs)

    def record_consent(self, *, form, language):
        self.consent_at = timezone.now()
        self.consent_version = CONSENT_VERSION
        self.consent_form = form
        self.consent_language = language


# Sending -------------------------------------------------------------------------------------


class NewsletterSend(models.Model):
    """The sending of one issue (all its language versions): test send, then the real one."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not sent")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Sent")

    issue_key = models.UUIDField(_("issue"), unique=True, help_text=_("The translation key of the issue's pages."))
    issue = models.ForeignKey(
        NewsletterIssuePage,
        verbose_name=_("issue page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    test_sent_at = models.DateTimeField(_("test sent"), null=True, blank=True)
    test_sent_to = models.EmailField(_("test sent to"), blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    last_progress_at = models.DateTimeField(_("last progress"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter send")
        verbose_name_plural = _("newsletter sends")
        ordering = ["-started_at", "-pk"]
        permissions = [("send_newsletter", _("Can send newsletter issues"))]

    def __str__(self):
        return self.title


class Delivery(models.Model):
    """One issue to one subscriber: recorded before the email goes out, never twice."""

    send = models.ForeignKey(NewsletterSend, on_delete=models.CASCADE, related_name="deliveries")
    # Kept (without the person) when a subscriber is deleted, so that the counts stay true.
    subscriber = models.ForeignKey(
        Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    language = models.CharField(_("language"), max_length=16)
    content_language = models.CharField(_("language of the content"), max_length=16)
    email = models.ForeignKey("core.OutgoingEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["send", "subscriber"], name="newsletter_delivery_once")]

    def __str__(self):
        return f"{self.send} ({self.language})"
