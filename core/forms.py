"""What every public form shares against robots: a honeypot and, where keys are set, reCAPTCHA.

The rate limits are the third guard (core/ratelimits.py). A form adds the first two with
`SpamGuardedForm.add_spam_guards`; its view answers a filled honeypot as a robot, without saving.
"""

import logging

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

#: The honeypot's name: hidden from people by the style sheet, irresistible to form-filling robots.
HONEYPOT_FIELD = "fax_number"
CAPTCHA_FIELD = "captcha"


def captcha_wanted(captcha=None):
    """A form's `captcha` argument (tests and previews choose), else whether keys are configured."""
    return settings.RECAPTCHA_ENABLED if captcha is None else captcha


def captcha_field(language=None, **kwargs):
    """The reCAPTCHA checkbox, its widget in the visitor's language."""
    from django_recaptcha.fields import ReCaptchaField
    from django_recaptcha.widgets import ReCaptchaV2Checkbox

    class GuardedReCaptchaField(ReCaptchaField):
        """A verification service that cannot be reached is a form error, not a server error."""

        default_error_messages = {
            "captcha_invalid": _("Please confirm that you are not a robot."),
            "captcha_error": _("We could not check that you are not a robot. Please try again in a moment."),
            "required": _("Please confirm that you are not a robot."),
        }

        def validate(self, value):
            try:
                super().validate(value)
            except ValidationError:
                raise
            except (OSError, ValueError) as error:  # URLError, timeouts, a malformed answer
                logger.warning("reCAPTCHA verification failed: %s", error)
                raise ValidationError(self.error_messages["captcha_error"], code="captcha_error") from error

    kwargs.setdefault("label", _("Spam check"))
    return GuardedReCaptchaField(
        widget=ReCaptchaV2Checkbox(api_params={"hl": language} if language else None), **kwargs
    )


class SpamGuardedForm:
    """A form mixin: `add_spam_guards()` in `__init__`, then `honeypot_filled` in the view."""

    def add_spam_guards(self, *, captcha=None, language=None):
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        if captcha_wanted(captcha):
            self.fields[CAPTCHA_FIELD] = captcha_field(language)
        # Last: people who do see it (no style sheet) have filled in the real fields before they reach it.
        self.order_fields([name for name in self.fields if name != HONEYPOT_FIELD] + [HONEYPOT_FIELD])

    @property
    def honeypot_filled(self):
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())
