"""The signup form and the subscriber's preferences form."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import captcha_field, captcha_wanted

from .models import CONSENT_TEXT, Subscriber, language_choices


class DescribedErrorsMixin:
    """Fields with errors point at their message (aria-describedby) for screen readers."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields and self.auto_id:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self.auto_id % name}-error"


class LanguageChoiceField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=language_choices, **kwargs)


class SubscribeForm(DescribedErrorsMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Please enter your email address."),
            "invalid": _("Please enter a valid email address, such as name@example.org."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    language = LanguageChoiceField(
        label=_("Newsletter language"),
        error_messages={"invalid_choice": _("Please choose one of the languages of the list.")},
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please agree to receive the newsletter, or we cannot subscribe you.")},
    )
    # A field people never see or fill in; robots that fill in every field give themselves away.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    ui_language = forms.CharField(required=False, widget=forms.HiddenInput)
    form_name = forms.CharField(required=False, widget=forms.HiddenInput, initial=Subscriber.Form.PAGE)

    def __init__(self, *args, captcha=None, **kwargs):
        kwargs.setdefault("auto_id", "newsletter-%s")
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if captcha_wanted(captcha):
            self.fields["captcha"] = captcha_field(
                get_language(),
                label=_("Check that you are not a robot"),
                error_messages={"required": _("Please tick the box to show that you are not a robot.")},
            )

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))

    def clean_form_name(self):
        # Hidden and only informative (recorded with the consent): never an error the visitor must fix.
        value = self.cleaned_data.get("form_name")
        return value if value in Subscriber.Form.values else Subscriber.Form.PAGE


class PreferencesForm(DescribedErrorsMixin, forms.Form):
    language = LanguageChoiceField(
        label=_("Newsletter language"),
        error_messages={"invalid_choice": _("Please choose one of the languages of the list.")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "preferences-%s")
        super().__init__(*args, **kwargs)
