"""The public expression-of-interest form and the staff forms of the review."""

import logging

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import HONEYPOT_FIELD, SpamGuardedForm
from network.supporters.choices import ServiceCategory

from .models import TYPED_FIELDS, Application

logger = logging.getLogger(__name__)

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()./-]{4,28}[0-9]$",
    _("Enter a phone number with digits, spaces and + ( ) - / . only, e.g. +90 312 123 45 67."),
)


def https_urls(field, **kwargs):
    """Form fields of the model, with addresses typed without a scheme taken as https."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class ExpressionOfInterestForm(SpamGuardedForm, forms.ModelForm):
    """What an organisation tells the network when it wants to become a supporter."""

    planned_services = forms.MultipleChoiceField(
        label=_("Services you plan to offer to signatories"),
        choices=ServiceCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one service.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that the network stores and uses these data to process the application."),
        error_messages={"required": _("We can only process the application with your consent.")},
    )

    class Meta:
        model = Application
        formfield_callback = https_urls
        fields = list(TYPED_FIELDS)
        labels = {
            "organisation": _("Name of the organisation"),
            "kind": _("Kind of organisation"),
            "country": _("Country"),
            "website": _("Website"),
            "contact_name": _("Contact person"),
            "position": _("Position"),
            "email": _("Email"),
            "phone": _("Phone"),
            "member_authorities": _("Number of member authorities"),
            "motivation": _("Why do you want to become a supporter?"),
            "planned_services_details": _("Tell us more about these services"),
        }
        help_texts = {
            "website": _("For example https://www.example.org"),
            "member_authorities": _("How many municipalities, provinces or regions are members of your organisation."),
            "motivation": _("A few sentences are enough (at most 5,000 characters)."),
        }
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "planned_services_details": forms.Textarea(attrs={"rows": 4, "maxlength": 5000}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "position": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "member_authorities": forms.NumberInput(attrs={"min": 0, "max": 100000}),
        }

    def __init__(self, *args, captcha=None, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].validators.append(phone_validator)
        self.fields["member_authorities"].validators += [MinValueValidator(0), MaxValueValidator(100000)]
        for name in ("motivation", "planned_services_details"):
            self.fields[name].validators.append(MaxLengthValidator(5000))
        self.fields["kind"].choices = [("", _("Choose…")), *self.fields["kind"].choices[1:]]
        self.fields["country"].choices = [("", _("Choose…")), *list(self.fields["country"].choices)[1:]]
        self.add_spam_guards(captcha=captcha, language=language)

    @property
    def visible_fields_without_honeypot(self):
        return [field for field in self.visible_fields() if field.name not in {HONEYPOT_FIELD, "consent", "captcha"}]

    def clean_organisation(self):
        return " ".join(self.cleaned_data["organisation"].split())

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def save(self, commit=True):
        application = super().save(commit=False)
        application.consented_at = timezone.now()
        if commit:
            application.save()
        return application


# Staff forms of the review ------------------------------------------------------------------


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Kept in the history of the application."),
    )


class EligibleForm(NoteForm):
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Added to the email that sends the agreement form."),
    )


PDF_MAGIC = b"%PDF-"
PDF_END = b"%%EOF"


class AgreementSignedForm(NoteForm):
    signed_agreement = forms.FileField(
        label=_("Signed agreement (PDF)"), widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"})
    )

    def clean_signed_agreement(self):
        upload = self.cleaned_data["signed_agreement"]
        limit = settings.APPLICATION_AGREEMENT_MAX_SIZE
        if upload.size > limit:
            raise ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
                code="too_large",
            )
        upload.seek(0)
        head = upload.read(1024)
        upload.seek(max(0, upload.size - 1024))
        tail = upload.read()
        upload.seek(0)
        # The PDF header must be within the first 1024 bytes (ISO 32000-1, 7.5.2); we ask for it at the
        # start. A PDF ends with its end-of-file marker (7.5.5), which readers look for in the last 1024.
        if not head.startswith(PDF_MAGIC) or PDF_END not in tail:
            raise ValidationError(_("This file is not a PDF document."), code="not_pdf")
        return upload


class ApproveForm(NoteForm):
    pass


class RejectForm(NoteForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Sent to the applicant in their language: write it in that language."),
    )
