"""The contact page of a locale, its topics (each relayed to a staff address), and the messages it receives.

A message is stored before any email leaves: the relay to the topic's address and the visitor's
acknowledgement go through core.mail's queue, so a mail server that is down loses nothing and
staff still find the message in the admin.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, TranslatableMixin

from core.models import BasePage
from core.translatable import synchronised, translated
from legal.models import privacy_notice_of


class ContactPage(RoutablePageMixin, BasePage):
    """The public contact form of a locale; it posts to a language-free endpoint and thanks in its own language."""

    introduction = models.TextField(_("introduction"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to link to the privacy notice of the page's language."),
    )
    thank_you_title = models.CharField(_("thank-you title"), max_length=255, blank=True)
    thank_you_text = models.TextField(_("thank-you text"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        InlinePanel("topics", heading=_("Topics"), label=_("Topic"), min_num=1),
        FieldPanel("privacy_page"),
        MultiFieldPanel([FieldPanel("thank_you_title"), FieldPanel("thank_you_text")], heading=_("After sending")),
    ]
    translatable_fields = [
        *BasePage.translatable_fields,
        *translated("introduction", "thank_you_title", "thank_you_text", "topics"),
        *synchronised("privacy_page"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("contact page")

    @property
    def language_code(self):
        return self.locale.language_code

    def localized_privacy_page(self):
        """The chosen notice in the page's language, else the privacy notice of that language."""
        return privacy_notice_of(self)

    def get_context(self, request, *args, **kwargs):
        from .forms import ContactForm

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("form", ContactForm(page=self, language=self.language_code))
        context["privacy"] = self.localized_privacy_page()
        return context

    @path("")
    def form_view(self, request):
        return self.render(request)

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        return self.render(request, context_overrides={"thanks": True})


class ContactTopic(TranslatableMixin, Orderable):
    """A subject a visitor may write about, and the staff address its messages are relayed to."""

    page = ParentalKey(ContactPage, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(_("topic"), max_length=120)
    email = models.EmailField(_("relayed to"), help_text=_("The staff address that receives these messages."))

    panels = [FieldPanel("name"), FieldPanel("email")]
    # One address per topic in every language: a translator cannot redirect the messages.
    translatable_fields = [*translated("name"), *synchronised("email", overridable=False)]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class ContactMessage(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ANSWERED = "answered", _("Answered")

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    topic = models.ForeignKey(
        ContactTopic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the topic was called and where it went when the message came: topics may be renamed or removed.
    topic_name = models.CharField(_("topic"), max_length=120)
    relayed_to = models.EmailField(_("relayed to"))
    message = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=16, help_text=_("The language the visitor wrote in."))
    consented_at = models.DateTimeField(_("consent to the privacy notice"))
    page = models.ForeignKey(
        ContactPage, verbose_name=_("contact page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name}: {self.topic_name}"
