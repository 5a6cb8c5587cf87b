"""The accessibility statement and the privacy notice that a public-sector site must publish.

`AccessibilityStatementPage` follows the model accessibility statement of Commission Implementing
Decision (EU) 2018/1523 under Directive (EU) 2016/2102: compliance status, non-accessible content and
why, how and when the statement was prepared, feedback and contact, enforcement procedure.
`PrivacyNoticePage` gives what GDPR Art. 13 and KVKK Art. 10 require: controller and contact, the
data protection officer, per form the data, purpose, legal basis, retention and recipients, transfers
abroad, the data subject's rights and the cookies the site sets.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Locale
from wagtail.search import index

from core import cache as content_cache
from core.models import BasePage
from core.translatable import synchronised, translated

from .blocks import (
    LEGAL_BASES,
    NON_ACCESSIBLE_REASONS,
    CookieBlock,
    NonAccessibleContentBlock,
    ParagraphListBlock,
    ProcessingPurposeBlock,
)


class ComplianceStatus(models.TextChoices):
    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("a self-assessment")
    THIRD_PARTY = "third_party", _("an assessment by a third party")


class AccessibilityStatementPage(BasePage):
    organisation = models.CharField(
        _("organisation"), max_length=255, help_text=_("The public body that commits to accessibility.")
    )
    scope = models.TextField(
        _("scope"), blank=True, help_text=_("The website(s) the statement applies to, e.g. the site's address.")
    )
    standard = models.CharField(
        _("standard"), max_length=255, default="EN 301 549 V3.2.1 (WCAG 2.1, level AA)", blank=True
    )
    compliance_status = models.CharField(
        _("compliance status"), max_length=16, choices=ComplianceStatus.choices, default=ComplianceStatus.PARTIAL
    )
    compliance_details = models.TextField(_("compliance, in detail"), blank=True)
    non_accessible_content = StreamField(
        [("item", NonAccessibleContentBlock())], blank=True, verbose_name=_("non-accessible content")
    )
    prepared_on = models.DateField(_("statement prepared on"))
    last_reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    assessment_method = models.CharField(
        _("method"), max_length=16, choices=AssessmentMethod.choices, default=AssessmentMethod.SELF
    )
    assessment_details = models.TextField(_("method, in detail"), blank=True)
    feedback_text = models.TextField(_("feedback and contact"))
    feedback_email = models.EmailField(_("feedback email"))
    feedback_phone = models.CharField(_("feedback phone"), max_length=40, blank=True)
    response_time = models.CharField(_("response time"), max_length=100, blank=True)
    enforcement_text = models.TextField(_("enforcement procedure"))
    enforcement_body = models.CharField(_("enforcement body"), max_length=255, blank=True)
    enforcement_url = models.URLField(_("enforcement body's website"), blank=True)

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("organisation"),
        FieldPanel("scope"),
        MultiFieldPanel(
            [FieldPanel("standard"), FieldPanel("compliance_status"), FieldPanel("compliance_details")],
            heading=_("Compliance status"),
        ),
        FieldPanel("non_accessible_content"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("prepared_on"), FieldPanel("last_reviewed_on")]),
                FieldPanel("assessment_method"),
                FieldPanel("assessment_details"),
            ],
            heading=_("Preparation of this statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feedback_text"),
                FieldRowPanel([FieldPanel("feedback_email"), FieldPanel("feedback_phone")]),
                FieldPanel("response_time"),
            ],
            heading=_("Feedback and contact information"),
        ),
        MultiFieldPanel(
            [FieldPanel("enforcement_text"), FieldPanel("enforcement_body"), FieldPanel("enforcement_url")],
            heading=_("Enforcement procedure"),
        ),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("compliance_details")]
    translatable_fields = [
        *BasePage.translatable_fields,
        *translated(
            "organisation",
            "scope",
            "compliance_details",
            "non_accessible_content",
            "assessment_details",
            "feedback_text",
            "response_time",
            "enforcement_text",
            "enforcement_body",
        ),
        *synchronised("standard", "compliance_status", "prepared_on", "last_reviewed_on", "assessment_method"),
        *synchronised("feedback_email", "feedback_phone", "enforcement_url"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")

    def non_accessible_groups(self):
        """The items of each reason, in the model statement's order, for a heading and a list each."""
        groups = {}
        for block in self.non_accessible_content:
            groups.setdefault(block.value["reason"], []).append(block.value)
        return [(label, groups[reason]) for reason, label in NON_ACCESSIBLE_REASONS if reason in groups]


class PrivacyNoticePage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True)
    controller_name = models.CharField(_("data controller"), max_length=255)
    controller_address = models.TextField(_("controller's postal address"))
    controller_email = models.EmailField(_("controller's email"))
    dpo_name = models.CharField(_("data protection officer"), max_length=255, blank=True)
    dpo_email = models.EmailField(_("data protection officer's email"), blank=True)
    purposes = StreamField([("purpose", ProcessingPurposeBlock())], blank=True, verbose_name=_("purposes"))
    transfers = models.TextField(_("transfers abroad"), blank=True)
    rights_introduction = models.TextField(_("your rights, introduction"), blank=True)
    rights = StreamField(ParagraphListBlock(), blank=True, verbose_name=_("rights"))
    complaint_text = models.TextField(
        _("complaints"), blank=True, help_text=_("The supervisory authorities a person may complain to.")
    )
    cookies_introduction = models.TextField(_("cookies, introduction"), blank=True)
    cookies = StreamField([("cookie", CookieBlock())], blank=True, verbose_name=_("cookies"))
    updated_on = models.DateField(_("last updated on"))

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("controller_name"),
                FieldPanel("controller_address"),
                FieldPanel("controller_email"),
                FieldRowPanel([FieldPanel("dpo_name"), FieldPanel("dpo_email")]),
            ],
            heading=_("Controller and contact"),
        ),
        FieldPanel("purposes"),
        FieldPanel("transfers"),
        MultiFieldPanel(
            [FieldPanel("rights_introduction"), FieldPanel("rights"), FieldPanel("complaint_text")],
            heading=_("Your rights"),
        ),
        MultiFieldPanel([FieldPanel("cookies_introduction"), FieldPanel("cookies")], heading=_("Cookies")),
        FieldPanel("updated_on"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    translatable_fields = [
        *BasePage.translatable_fields,
        *translated(
            "introduction",
            "controller_name",
            "controller_address",
            "dpo_name",
            "purposes",
            "transfers",
            "rights_introduction",
            "rights",
            "complaint_text",
            "cookies_introduction",
            "cookies",
        ),
        *synchronised("controller_email", "dpo_email", "updated_on"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("privacy notice")

    def processing_purposes(self):
        """Each purpose's values and the label of its legal basis."""
        labels = dict(LEGAL_BASES)
        return [(block.value, labels.get(block.value["legal_basis"], "")) for block in self.purposes]

    @classmethod
    def for_locale(cls, locale):
        """The live, public privacy notice of `locale`, else the default language's: where forms link by default.

        Kept in the shared cache for the content generation (a publish starts a new one), so a form
        page pays no query for its consent link.
        """

        def find():
            notices = cls.objects.live().public().order_by("path")
            found = list(notices.filter(locale__in={locale.pk, Locale.get_default().pk}))
            return next((notice for notice in found if notice.locale_id == locale.pk), found[0] if found else None)

        return content_cache.cached(None, "privacy-notice", find, locale.pk)


def privacy_notice_of(page):
    """The notice a form page's consent links to: the one its editor chose (`page.privacy_page`), in
    the page's language where translated, else the privacy notice of that language (`for_locale`)."""
    chosen = page.privacy_page
    if chosen is None:
        return PrivacyNoticePage.for_locale(page.locale)
    return chosen.get_translation_or_none(page.locale) or chosen
