"""The abstract bases the apps extend (every public page, every status history), and outgoing emails."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from . import privacy
from .chosen import ChosenObjectsPageForm
from .translatable import PAGE_FIELDS


class BasePageQuerySet(PageQuerySet):
    """Wagtail's page queryset, with privacy that follows translations (core.privacy).

    Both methods replace Wagtail's; tests/test_wagtail_contracts.py runs Wagtail's beside them: the
    same pages where no restriction sits on another translation of a set, and exactly the set's
    pages more where one does.
    """

    def descendant_of_q(self, other, inclusive=False):
        return privacy.descendants_q(other, inclusive)

    def private_q(self):
        # Wagtail reads every view restriction for each .public() (one query per listing) and knows
        # neither translations nor aliases: core.privacy answers from the shared cache.
        return privacy.private_q()


class BasePage(Page):
    """Shared behaviour: a listing summary, locale-aware search, and the untranslated notice.

    Pages that are not translated into a locale exist there as aliases of their source
    (see core.translation.synchronise_trees); `content_locale` tells templates which language
    the content is really in, so they can mark it with `lang` and show a notice.
    """

    listing_summary = models.TextField(
        _("listing summary"),
        blank=True,
        help_text=_("One or two sentences shown in listings, search results and feeds."),
    )

    objects = PageManager.from_queryset(BasePageQuerySet)()
    # Refuses images, documents, pages and snippets the editor may not choose (core/chosen.py).
    base_form_class = ChosenObjectsPageForm

    promote_panels = [*Page.promote_panels, FieldPanel("listing_summary")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("listing_summary"),
        index.FilterField("locale_id"),
    ]
    # Each page type extends this with its own fields (core/translatable.py).
    translatable_fields = PAGE_FIELDS

    class Meta:
        abstract = True

    @property
    def is_untranslated(self):
        """True when this page stands in for a page not yet translated into its locale."""
        return self.alias_of_id is not None

    @property
    def content_locale(self):
        if self.is_untranslated:
            return self.alias_of.locale
        return self.locale

    def get_view_restrictions(self):
        """The restrictions of this page and of its ancestors, each with its translation set, one per
        password (core.privacy): one query, none unless the page is in a restricted section.

        Where no two restrictions share a password: Wagtail's answer plus the restrictions of the
        other translations of the sets, as tests/test_wagtail_contracts.py checks against Wagtail's
        Page.get_view_restrictions."""
        ids = privacy.restrictions_of(self)
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids).order_by("page__depth", "pk")

    def get_canonical_url(self, request=None):
        """An alias repeats its source, so search engines are pointed at the source."""
        if self.is_untranslated:
            return self.alias_of.get_full_url(request)
        return self.get_full_url(request)


class StatusEvent(models.Model):
    """One step in the life of a record with a status: from which status to which, by whom, when, why.

    core.transitions writes one for every step. A concrete event adds the foreign key to its record
    and redeclares `from_status` and `to_status` with the choices of the record's status.
    """

    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_status or '-'} -> {self.to_status}"

    def get_by_display(self):
        """Who took the step, as the history names them; events of steps taken without an account
        (a public form, a signed link) say who took those."""
        return self.user.get_username() if self.user else ""


class OutgoingEmail(models.Model):
    """An email stored before it is sent, so that no message is lost when the mail server is slow or down.

    core.mail writes the row, then a task delivers it; every attempt is recorded. Staff see the
    pending and failed ones in the admin and can send them again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        # The sending worker stopped while talking to the mail server: the message may or may not
        # have been accepted. Never retried automatically, so nobody receives it twice.
        INTERRUPTED = "interrupted", _("Interrupted")

    purpose = models.CharField(
        _("purpose"), max_length=64, db_index=True, help_text=_("What the email is for, e.g. newsletter-confirmation.")
    )
    language = models.CharField(_("language"), max_length=16, blank=True)
    from_email = models.CharField(_("from"), max_length=320)
    to = models.TextField(_("to"), help_text=_("Recipients, separated by commas."))
    reply_to = models.TextField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    text_body = models.TextField(_("plain text"))
    html_body = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="core_email_status_next")]

    def __str__(self):
        return self.subject

    @property
    def recipients(self):
        return [address.strip() for address in self.to.split(",") if address.strip()]

    @property
    def reply_to_list(self):
        return [address.strip() for address in self.reply_to.split(",") if address.strip()]
