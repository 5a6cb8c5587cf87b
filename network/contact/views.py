"""The language-free endpoint the contact form posts to.

The contact page lives in each locale's tree; it posts here with its own id, so the answer is in
the page's language: field errors next to each field with the values kept, a clear message for a
failed spam check or too many messages, and after success a redirect to the page's thank-you route.
The message is stored, then the relay and the acknowledgement are queued, in one transaction.
"""

from django.conf import settings
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.forms import CAPTCHA_FIELD, HONEYPOT_FIELD
from core.ratelimits import by_value, limited

from . import emails
from .forms import ContactForm
from .models import ContactPage

RATE_LIMITED = "rate_limited"
HONEYPOT = "honeypot"
CAPTCHA = "captcha"
DEFAULT_RATE_LIMIT = "5/h"


def rate_limit():
    """Messages per hour from one address, and to one email address (CONTACT_RATE_LIMIT)."""
    return getattr(settings, "CONTACT_RATE_LIMIT", DEFAULT_RATE_LIMIT)


def _render(request, page, form, *, status=200, problem=""):
    response = page.render(request, context_overrides={"form": form, "problem": problem})
    response.status_code = status
    return response.render()


def _unvalidated_copy(data, page, language):
    """A form showing what was entered, without validating it (no spam check call, no error messages)."""
    names = ("name", "email", "organisation", "topic", "message", "consent")
    return ContactForm(initial={name: data.get(name) for name in names}, page=page, language=language)


@never_cache
@require_POST
def submit_contact(request, page_id):
    page = get_object_or_404(ContactPage.objects.live().public().select_related("locale"), pk=page_id)
    language = page.language_code
    with translation.override(language):
        request.LANGUAGE_CODE = language
        if limited(request, "contact", rate_limit()):
            return _render(
                request, page, _unvalidated_copy(request.POST, page, language), status=429, problem=RATE_LIMITED
            )
        if (request.POST.get(HONEYPOT_FIELD) or "").strip():
            return _render(request, page, ContactForm(page=page, language=language), status=400, problem=HONEYPOT)
        form = ContactForm(request.POST, page=page, language=language)
        if not form.is_valid():
            problem = CAPTCHA if CAPTCHA_FIELD in form.errors else ""
            return _render(request, page, form, status=400 if problem else 200, problem=problem)
        address = form.cleaned_data["email"].lower()
        if limited(request, "contact-email", rate_limit(), key=by_value(address)):
            return _render(
                request, page, _unvalidated_copy(request.POST, page, language), status=429, problem=RATE_LIMITED
            )
        with transaction.atomic():
            message = form.save()
            emails.send_relay(message)
            emails.send_acknowledgement(message)
        return HttpResponseRedirect(page.get_url(request) + page.reverse_subpage("thanks"))
