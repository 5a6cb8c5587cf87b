"""The abstract page every public page type extends."""

from types import SimpleNamespace

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from . import cache as content_cache

PATH_LENGTH = Page._meta.get_field("path").max_length


def restricted_sections():
    """(id, path, depth) of every page with a view restriction: the sections that `.public()` leaves
    out (from the shared cache; restrictions and moves start a new generation)."""
    return content_cache.cached(
        None,
        "restricted-sections",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page_id", "page__path", "page__depth"))),
    )


def restricted_paths():
    """Paths of the restricted pages and of their aliases, which share their source's restrictions:
    only a page at or below one of them can be restricted (from the shared cache)."""

    def build():
        sections = restricted_sections()
        ids, paths = {pk for pk, _path, _depth in sections}, {path for _pk, path, _depth in sections}
        sources = ids
        while sources:  # aliases, and aliases of aliases
            aliases = dict(Page.objects.filter(alias_of__in=sources).values_list("pk", "path"))
            sources = set(aliases) - ids
            ids |= sources
            paths |= set(aliases.values())
        return sorted(paths)

    return content_cache.cached(None, "restricted-paths", build)


class BasePageQuerySet(PageQuerySet):
    def descendant_of_q(self, other, inclusive=False):
        """Wagtail's filter as a range of paths instead of `LIKE 'path%'`, which SQLite (whose LIKE
        ignores case) and PostgreSQL (under a non-C collation) cannot answer from the path index.
        Tree paths are made of 0-9 and A-Z, so every descendant sorts between the two bounds."""
        last = other.path + "Z" * (PATH_LENGTH - len(other.path))
        q = Q(path__range=(other.path, last)) & Q(depth__gte=other.depth)
        if not inclusive:
            q &= ~Q(pk=other.pk)
        return q

    def private_q(self):
        # Wagtail reads every view restriction for each .public(): one query per listing.
        q = Q()
        for pk, path, depth in restricted_sections():
            q |= self.descendant_of_q(SimpleNamespace(pk=pk, path=path, depth=depth), inclusive=True)
        return q or Q(pk__in=[])  # no restricted section: nothing is private


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

    promote_panels = [*Page.promote_panels, FieldPanel("listing_summary")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("listing_summary"),
        index.FilterField("locale_id"),
    ]

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
        """Wagtail's check (two queries), skipped unless the page is in a restricted section or an
        alias of one."""
        if not any(self.path.startswith(path) for path in restricted_paths()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def get_canonical_url(self, request=None):
        """An alias repeats its source, so search engines are pointed at the source."""
        if self.is_untranslated:
            return self.alias_of.get_full_url(request)
        return self.get_full_url(request)


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
