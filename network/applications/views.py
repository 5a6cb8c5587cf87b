"""The language-free endpoint the expression-of-interest form posts to.

The form page lives in each locale's tree (/en/supporters/expression-of-interest/,
/tr/destekciler/ilgi-beyani/...); it posts here with its own id, so this view answers in the
page's language: field errors next to each field with the values kept, a clear message for a
failed spam check or too many submissions, and after success a redirect to the page's thank-you
route.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.forms import HONEYPOT_FIELD
from core.ratelimits import by_value, limited

from .forms import ExpressionOfInterestForm
from .models import ExpressionOfInterestPage
from .transitions import submit_application

RATE_LIMITED = "rate_limited"
HONEYPOT = "honeypot"
CAPTCHA = "captcha"


def _render(request, page, form, *, status=200, problem=""):
    response = page.render(request, context_overrides={"form": form, "problem": problem})
    response.status_code = status
    return response.render()


def _unvalidated_copy(data, language):
    """A form showing what was entered, without validating it (no spam check call, no error messages)."""
    form = ExpressionOfInterestForm(language=language)
    initial = {}
    for name, field in form.fields.items():
        if name in {HONEYPOT_FIELD, "captcha"}:
            continue
        initial[name] = (
            data.getlist(name) if hasattr(field, "choices") and field.widget.allow_multiple_selected else data.get(name)
        )
    return ExpressionOfInterestForm(initial=initial, language=language)


@never_cache
@require_POST
def submit_expression_of_interest(request, page_id):
    page = get_object_or_404(ExpressionOfInterestPage.objects.live().public().select_related("locale"), pk=page_id)
    language = page.locale.language_code
    with translation.override(language):
        request.LANGUAGE_CODE = language
        if limited(request, "applications", settings.APPLICATION_RATE_LIMIT):
            return _render(request, page, _unvalidated_copy(request.POST, language), status=429, problem=RATE_LIMITED)
        if (request.POST.get(HONEYPOT_FIELD) or "").strip():
            return _render(request, page, ExpressionOfInterestForm(language=language), status=400, problem=HONEYPOT)
        form = ExpressionOfInterestForm(request.POST, language=language)
        if not form.is_valid():
            problem = CAPTCHA if "captcha" in form.errors else ""
            return _render(request, page, form, status=400 if problem else 200, problem=problem)
        email = form.cleaned_data["email"].lower()
        if limited(request, "applications-email", settings.APPLICATION_RATE_LIMIT, key=by_value(email)):
            return _render(request, page, _unvalidated_copy(request.POST, language), status=429, problem=RATE_LIMITED)
        submit_application(form, language=language, form_page=page)
        return HttpResponseRedirect(page.get_url(request) + page.reverse_subpage("thanks"))
