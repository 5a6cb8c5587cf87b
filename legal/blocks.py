"""The repeated parts of the legal pages: each is a StreamField item, so that translators see them one by one."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

#: The model statement's three reasons, in its order.
NON_ACCESSIBLE_REASONS = [
    ("non_compliance", _("Non-compliance with the accessibility requirements")),
    ("disproportionate_burden", _("Disproportionate burden")),
    ("out_of_scope", _("Content not within the scope of the applicable legislation")),
]


class NonAccessibleContentBlock(blocks.StructBlock):
    """One item of the model statement's "Non-accessible content" section."""

    reason = blocks.ChoiceBlock(label=_("Reason"), choices=NON_ACCESSIBLE_REASONS, default="non_compliance")
    content = blocks.CharBlock(label=_("Content concerned"), max_length=255)
    description = blocks.TextBlock(
        label=_("What is not accessible and why"),
        help_text=_("For non-compliance, name the failed success criteria of WCAG 2.1."),
    )
    alternative = blocks.TextBlock(
        label=_("Accessible alternative"), required=False, help_text=_("Where to find the same information instead.")
    )
    fix_planned = blocks.CharBlock(label=_("Fix planned for"), max_length=100, required=False)

    class Meta:
        icon = "warning"
        label = _("Non-accessible content")


#: The legal bases of GDPR Art. 6(1) and their counterparts in KVKK Art. 5.
LEGAL_BASES = [
    ("consent", _("Consent (GDPR Art. 6(1)(a); KVKK Art. 5(1))")),
    ("contract", _("Steps before or for a contract (GDPR Art. 6(1)(b); KVKK Art. 5(2)(c))")),
    ("legal_obligation", _("Legal obligation (GDPR Art. 6(1)(c); KVKK Art. 5(2)(ç))")),
    ("legitimate_interest", _("Legitimate interests (GDPR Art. 6(1)(f); KVKK Art. 5(2)(f))")),
]


class ProcessingPurposeBlock(blocks.StructBlock):
    """What one form of the site collects, why, on which legal basis, for how long and for whom."""

    form = blocks.ChoiceBlock(
        label=_("Form"),
        choices=[
            ("expression_of_interest", _("Expression of interest")),
            ("newsletter", _("Newsletter")),
            ("partner_finder", _("Partner finder")),
            ("contact", _("Contact form")),
            ("other", _("Other processing")),
        ],
    )
    title = blocks.CharBlock(label=_("Heading"), max_length=200)
    data = blocks.TextBlock(label=_("Personal data collected"))
    purpose = blocks.TextBlock(label=_("Purpose"))
    legal_basis = blocks.ChoiceBlock(label=_("Legal basis"), choices=LEGAL_BASES)
    legal_basis_details = blocks.TextBlock(label=_("Legal basis, in detail"), required=False)
    retention = blocks.TextBlock(label=_("Retention"))
    recipients = blocks.TextBlock(label=_("Recipients"))

    class Meta:
        icon = "form"
        label = _("Purpose of processing")


class CookieBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Cookie name"), max_length=100)
    provider = blocks.CharBlock(label=_("Set by"), max_length=100)
    purpose = blocks.TextBlock(label=_("Purpose"))
    duration = blocks.CharBlock(label=_("Duration"), max_length=100)
    essential = blocks.BooleanBlock(
        label=_("Strictly necessary"), required=False, default=True, help_text=_("Set without consent.")
    )

    class Meta:
        icon = "clipboard-list"
        label = _("Cookie")


class ParagraphListBlock(blocks.StreamBlock):
    """A list of short items (rights, recipients), each rendered as a list item."""

    item = blocks.TextBlock(label=_("Item"))

    class Meta:
        icon = "list-ul"
