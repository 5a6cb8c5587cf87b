"""The signup form of every page's footer: no database query, no per-visitor state."""

from django import template
from django.utils.translation import get_language

from ..forms import SubscribeForm
from ..models import Subscriber, supported_language

register = template.Library()


@register.inclusion_tag("newsletter/includes/signup_form.html")
def newsletter_footer_form():
    language = get_language()
    form = SubscribeForm(
        auto_id="footer-newsletter-%s",
        captcha=False,  # the full page asks for it when reCAPTCHA is on
        initial={
            "language": supported_language(language),
            "ui_language": language,
            "form_name": Subscriber.Form.FOOTER,
        },
    )
    return {"form": form, "compact": True, "language_code": language}
