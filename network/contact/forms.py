"""The public contact form."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import CAPTCHA_FIELD, HONEYPOT_FIELD, SpamGuardedForm

from .models import ContactMessage

MESSAGE_MIN_LENGTH = 10
MESSAGE_MAX_LENGTH = 5000

#: Line breaks and tabs belong in a message; other control characters (and the bidirectional
#: overrides that make text read differently from what it is) come from pasting or from robots.
_KEPT_IN_MESSAGES = {"\n", "\t"}
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_control_characters(text, keep=frozenset(), replacement=""):
    text = _BIDI_CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "".join(char if char in keep or unicodedata.category(char) != "Cc" else replacement for char in text)


def one_line(text):
    """A name on one line: a control character separates words as a space would."""
    return " ".join(without_control_characters(text, replacement=" ").split())


class ContactForm(SpamGuardedForm, forms.ModelForm):
    """A message to the network's staff, on one of the page's topics."""

    consent = forms.BooleanField(
        label=_("I agree that the network stores my message and my contact details to answer me."),
        error_messages={"required": _("We can only answer your message with your consent.")},
    )

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "organisation", "topic", "message"]
        labels = {
            "name": _("Your name"),
            "email": _("Your email address"),
            "organisation": _("Organisation"),
            "topic": _("Topic"),
            "message": _("Your message"),
        }
        help_texts = {
            "email": _("We answer at this address, e.g. name@example.org."),
            "message": _("At most 5,000 characters."),
        }
        error_messages = {
            "name": {"required": _("Enter your name.")},
            "email": {
                "required": _("Enter your email address."),
                "invalid": _("Enter an email address such as name@example.org."),
            },
            "topic": {
                "required": _("Choose a topic."),
                "invalid_choice": _("Choose one of the topics of the list."),
            },
            "message": {"required": _("Write your message.")},
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 200}),
            "email": forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 254}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization", "maxlength": 255}),
            "message": forms.Textarea(attrs={"rows": 8, "maxlength": MESSAGE_MAX_LENGTH}),
        }

    def __init__(self, *args, page, captcha=None, language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        topic = self.fields["topic"]
        topic.queryset = page.topics.all()
        topic.required = True  # optional in the model only, so that removing a topic keeps its messages
        topic.empty_label = _("Choose…")
        self.fields["email"].max_length = 254
        self.add_spam_guards(captcha=captcha, language=language)

    @property
    def visible_fields_without_guards(self):
        return [
            field for field in self.visible_fields() if field.name not in {HONEYPOT_FIELD, CAPTCHA_FIELD, "consent"}
        ]

    def clean_name(self):
        name = one_line(self.cleaned_data["name"])
        if not name:
            raise ValidationError(self.fields["name"].error_messages["required"], code="required")
        return name

    def clean_organisation(self):
        return one_line(self.cleaned_data["organisation"])

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_message(self):
        message = without_control_characters(self.cleaned_data["message"], keep=_KEPT_IN_MESSAGES).strip()
        if len(message) < MESSAGE_MIN_LENGTH:
            raise ValidationError(
                _("Your message is too short: write at least %(minimum)d characters."),
                code="too_short",
                params={"minimum": MESSAGE_MIN_LENGTH},
            )
        if len(message) > MESSAGE_MAX_LENGTH:
            raise ValidationError(
                _("Your message is too long: %(length)d characters, at most %(maximum)d."),
                code="too_long",
                params={"length": len(message), "maximum": MESSAGE_MAX_LENGTH},
            )
        return message

    def save(self, commit=True):
        message = super().save(commit=False)
        topic = self.cleaned_data["topic"]
        message.topic_name = topic.name
        message.relayed_to = topic.email
        message.page = self.page
        message.language = self.page.language_code
        message.consented_at = timezone.now()
        if commit:
            message.save()
        return message
