"""The partner finder's pages (routes of PartnerFinderPage) and its language-free endpoints.

Pages, in each locale's tree: browse the open requests; one request with its suggested
partners and the contact form; suggestions for a signatory; the request form.

Language-free endpoints (urls.py), like the other forms of the site: the forms post here with
the id of the page they are on, so the answer is in that page's language; the signed links of
the emails (manage a request, answer a message, report abuse) are shown in the language of
the person they were sent to. Every POST is rate-limited per client address in the shared
cache (core.ratelimits), the forms carry a honeypot and, with keys, reCAPTCHA; nothing is
stored from a rejected form.
"""

import logging

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.ratelimits import by_value, limited
from signatories.models import SignatoryPage

from . import emails, relay, transitions
from .choices import PUBLIC_STATUSES, RequestStatus
from .forms import (
    HONEYPOT_FIELD,
    ContactForm,
    FilterForm,
    NewLinkForm,
    OutcomeForm,
    ReplyForm,
    RequestForm,
    programme_choices,
)
from .listing import (
    Names,
    decorate,
    example_partnerships,
    filter_requests,
    language_choices,
    listing_queryset,
    shared_query,
    suggestions,
    twinning_index,
)
from .models import Conversation, PartnerFinderPage, PartnershipRequest
from .pool import authority_profile, listed_request_profile, open_requests
from .projects import twinnings_of
from .ranking import AUTHORITY, REQUEST
from .tokens import LinkError, read_manage_token, read_reply_token, read_report_token

logger = logging.getLogger(__name__)

RATE_LIMITED = "rate_limited"
HONEYPOT = "honeypot"
CAPTCHA = "captcha"
CLOSED = "closed"

Direction = relay.Direction


def unvalidated_copy(form_class, data, **kwargs):
    """A form showing what was entered, without validating it (no spam check call, no errors)."""
    form = form_class(**kwargs)
    initial = {}
    for name, field in form.fields.items():
        if name in {HONEYPOT_FIELD, "captcha"}:
            continue
        many = isinstance(field.widget, forms.CheckboxSelectMultiple | forms.SelectMultiple)
        initial[name] = data.getlist(name) if many else data.get(name)
    return form_class(initial=initial, **kwargs)


# Suggestion options -----------------------------------------------------------------------------


class SuggestionOptions(forms.Form):
    near = forms.BooleanField(required=False)
    kind = forms.ChoiceField(required=False, choices=[("", ""), (REQUEST, REQUEST), (AUTHORITY, AUTHORITY)])

    def values(self):
        if not self.is_valid():
            return {"near": False, "kind": None}
        return {"near": self.cleaned_data["near"], "kind": self.cleaned_data["kind"] or None}


def _suggestion_context(page, request, target, target_name, names):
    options = SuggestionOptions(request.GET).values()
    return {
        "suggestions": suggestions(
            target, page=page, names=names, target_name=target_name, near=options["near"], kind=options["kind"]
        ),
        "near": options["near"],
        "kind": options["kind"] or "",
    }


# Routes of PartnerFinderPage ----------------------------------------------------------------------


def browse(page, request):
    language = page.locale.language_code
    names = Names.load(language)
    base = open_requests()
    countries = list(base.order_by().values_list("country", flat=True).distinct())
    form = FilterForm(
        request.GET,
        themes=list(names.themes.items()),
        countries=countries,
        programmes=programme_choices(language, names.programmes),
        languages=language_choices(base),
    )
    values = form.values()
    queryset = listing_queryset(filter_requests(base, values).order_by("-published_at", "-pk"))
    paginator = Paginator(queryset, page.per_page)
    results = paginator.get_page(request.GET.get("page"))
    results.object_list = decorate(results.object_list, names, page)
    return page.render(
        request,
        context_overrides={
            "filter_form": form,
            "filters_ignored": form.ignored,
            "is_filtered": bool(values),
            "results": results,
            "paginator": paginator,
            "query": shared_query(values),
            "examples": example_partnerships(page.locale_id),
            "twinning_index": twinning_index(page.locale_id),
        },
    )


#: The largest id a database column holds: a longer number in an address is simply not found.
MAX_ID = 2**63 - 1


def known_id(value):
    if not 0 < value <= MAX_ID:
        raise Http404
    return value


def public_request(request_id):
    return get_object_or_404(PartnershipRequest, pk=known_id(request_id), status__in=PUBLIC_STATUSES)


def request_detail(page, request, request_id, *, contact_form=None, problem="", status=200, notice=""):
    language = page.locale.language_code
    names = Names.load(language)
    public = PartnershipRequest.objects.filter(pk=known_id(request_id), status__in=PUBLIC_STATUSES)
    found = decorate(listing_queryset(public), names, page)
    if not found:
        raise Http404
    [partnership_request] = found
    if partnership_request.is_contactable and contact_form is None:
        contact_form = ContactForm(language=language)
    partnerships = twinnings_of(partnership_request.profile) if partnership_request.profile else []
    context = {
        "partnership_request": partnership_request,
        "contact_form": contact_form if partnership_request.is_contactable else None,
        "link_form": NewLinkForm(),
        "problem": problem,
        "notice": notice,
        "partnerships": partnerships,
        **_suggestion_context(
            page, request, listed_request_profile(partnership_request), partnership_request.authority_name, names
        ),
    }
    response = page.render(request, template="twinning/request_page.html", context_overrides=context)
    response.status_code = status
    return response


def message_sent(page, request, request_id):
    partnership_request = public_request(request_id)
    return page.render(
        request,
        template="twinning/message_sent.html",
        context_overrides={"partnership_request": partnership_request},
    )


def authority_suggestions(page, request, signatory_id):
    signatory = SignatoryPage.objects.live().filter(pk=known_id(signatory_id)).first()
    if signatory is None:
        raise Http404
    if signatory.locale_id != page.locale_id:
        local = (
            SignatoryPage.objects.live().filter(translation_key=signatory.translation_key, locale=page.locale).first()
        )
        if local is None:
            raise Http404
        return HttpResponseRedirect(page.route_url("authority", local.pk))
    language = page.locale.language_code
    names = Names.load(language)
    own = decorate(
        listing_queryset(open_requests().filter(signatory__translation_key=signatory.translation_key)),
        names,
        page,
    )
    target = listed_request_profile(own[0]) if own else authority_profile(signatory)
    return page.render(
        request,
        template="twinning/authority_page.html",
        context_overrides={
            "signatory": signatory,
            "own_requests": own,
            "partnerships": twinnings_of(signatory),
            "target_themes": [names.themes.get(slug, slug) for slug in names.themes if slug in target.interests],
            **_suggestion_context(page, request, target, signatory.title, names),
        },
    )


def _chosen_signatory(request, page):
    """The signatory a request is started for (?authority=<id>), in any locale; None if not understood."""
    value = request.GET.get("authority", "")
    # ASCII digits only, and few enough to be an id: "²" and a million digits are not ids.
    if not (value.isascii() and value.isdigit() and len(value) <= len(str(MAX_ID))) or not 0 < int(value) <= MAX_ID:
        return None
    return SignatoryPage.objects.live().filter(pk=int(value)).first()


def request_form(page, request, *, form=None, problem="", status=200):
    language = page.locale.language_code
    if form is None:
        signatory = _chosen_signatory(request, page)
        initial = {"signatory": signatory, "authority_name": signatory.title} if signatory else {}
        form = RequestForm(language=language, initial=initial)
    response = page.render(
        request,
        template="twinning/request_form_page.html",
        context_overrides={"form": form, "problem": problem, "signatory": form.chosen_signatory},
    )
    response.status_code = status
    return response


def request_thanks(page, request):
    return page.render(request, template="twinning/request_form_page.html", context_overrides={"thanks": True})


# Language-free endpoints ----------------------------------------------------------------------------


def _finder(page_id):
    return get_object_or_404(PartnerFinderPage.objects.live().public().select_related("locale"), pk=known_id(page_id))


def _rendered(response):
    return response.render() if hasattr(response, "render") and not response.is_rendered else response


@never_cache
@require_POST
def submit_request(request, page_id):
    page = _finder(page_id)
    language = page.locale.language_code
    with translation.override(language):
        request.LANGUAGE_CODE = language
        if limited(request, "twinning-request", settings.TWINNING_REQUEST_RATE):
            form = unvalidated_copy(RequestForm, request.POST, language=language)
            return _rendered(request_form(page, request, form=form, problem=RATE_LIMITED, status=429))
        if (request.POST.get(HONEYPOT_FIELD) or "").strip():
            form = RequestForm(language=language)
            return _rendered(request_form(page, request, form=form, problem=HONEYPOT, status=400))
        form = RequestForm(request.POST, language=language)
        if not form.is_valid():
            problem = CAPTCHA if "captcha" in form.errors else ""
            return _rendered(request_form(page, request, form=form, problem=problem, status=400))
        email = form.cleaned_data["contact_email"].lower()
        if limited(request, "twinning-request-email", settings.TWINNING_REQUEST_RATE, key=by_value(email)):
            form = unvalidated_copy(RequestForm, request.POST, language=language)
            return _rendered(request_form(page, request, form=form, problem=RATE_LIMITED, status=429))
        transitions.submit(form, language=language)
        return HttpResponseRedirect(page.route_url("request_thanks"))


@never_cache
@require_POST
def contact(request, request_id, page_id):
    page = _finder(page_id)
    language = page.locale.language_code
    with translation.override(language):
        request.LANGUAGE_CODE = language
        partnership_request = public_request(request_id)

        def again(form, problem, status):
            return _rendered(
                request_detail(page, request, request_id, contact_form=form, problem=problem, status=status)
            )

        if not partnership_request.is_contactable:
            return again(None, CLOSED, 400)
        if limited(request, "twinning-contact", settings.TWINNING_CONTACT_RATE):
            return again(unvalidated_copy(ContactForm, request.POST, language=language), RATE_LIMITED, 429)
        if (request.POST.get(HONEYPOT_FIELD) or "").strip():
            return again(ContactForm(language=language), HONEYPOT, 400)
        form = ContactForm(request.POST, language=language)
        if not form.is_valid():
            return again(form, CAPTCHA if "captcha" in form.errors else "", 400)
        sender = form.cleaned_data["email"].lower()
        if limited(
            request, "twinning-contact-sender", settings.TWINNING_CONTACT_SENDER_RATE, key=by_value(sender)
        ) or limited(
            request,
            "twinning-contact-request",
            settings.TWINNING_CONTACT_REQUEST_RATE,
            key=by_value(str(partnership_request.pk)),
        ):
            return again(unvalidated_copy(ContactForm, request.POST, language=language), RATE_LIMITED, 429)
        relay.start_conversation(
            partnership_request,
            name=form.cleaned_data["name"],
            organisation=form.cleaned_data["organisation"],
            email=form.cleaned_data["email"],
            body=form.cleaned_data["message"],
            share_address=form.cleaned_data["share_address"],
            language=language,
        )
        return HttpResponseRedirect(page.route_url("message_sent", partnership_request.pk))


@never_cache
@require_POST
def new_link(request, request_id, page_id):
    """The contact lost the management link: a new one goes to the contact's address, if it is theirs.

    The answer is the same whatever was typed, so the form tells nobody who the contact is.
    """
    page = _finder(page_id)
    language = page.locale.language_code
    with translation.override(language):
        request.LANGUAGE_CODE = language
        partnership_request = public_request(request_id)
        if limited(request, "twinning-new-link", settings.TWINNING_REQUEST_RATE):
            return _rendered(request_detail(page, request, request_id, problem=RATE_LIMITED, status=429))
        form = NewLinkForm(request.POST)
        if form.is_valid():
            if form.cleaned_data["email"].strip().lower() == partnership_request.contact_email.lower():
                emails.send_manage_link(partnership_request)
            notice = _("If this is the contact's address, a new link to manage the request is on its way to it.")
            return _rendered(request_detail(page, request, request_id, notice=notice))
        return _rendered(request_detail(page, request, request_id, status=400))


def _page(request, template, context, *, language, status=200):
    """A page of a language-free address, rendered in `language`."""
    with translation.override(language):
        request.LANGUAGE_CODE = language
        response = render(request, template, {"page_language": language, **context}, status=status)
    response.headers["Content-Language"] = language
    return response


def supported_language(code):
    codes = [code for code, _name in settings.LANGUAGES]
    return code if code in codes else settings.LANGUAGE_CODE


def _link_error(request, reason):
    language = supported_language(getattr(request, "LANGUAGE_CODE", None))
    with translation.override(language):
        messages = {
            LinkError.EXPIRED: _("This link has expired. Ask for a new one on the request's page."),
            LinkError.INVALID: _("This link is not valid. Please copy the whole address from the email."),
            "unknown": _("This link leads nowhere any more: what it was for has been deleted."),
        }
        title = _("This link does not work")
        message = messages[reason]
    return _page(
        request,
        "twinning/message.html",
        {"title": title, "message": message},
        language=language,
        status=404 if reason == "unknown" else 400,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    """The contact's page for one request: change it, mark it matched, or close it."""
    try:
        key = read_manage_token(token)
    except LinkError as error:
        return _link_error(request, error.reason)
    partnership_request = PartnershipRequest.objects.filter(key=key).first()
    if partnership_request is None:
        return _link_error(request, "unknown")
    language = supported_language(partnership_request.language)
    with translation.override(language):
        return _manage(request, partnership_request, language)


def _manage(request, partnership_request, language):
    action = request.POST.get("action") if request.method == "POST" else None
    editable = partnership_request.status in {RequestStatus.PENDING, RequestStatus.OPEN}
    form = RequestForm(instance=partnership_request, language=language, protected=False) if editable else None
    outcome_form = OutcomeForm()
    notice, status = "", 200
    if action == "save" and editable:
        form = RequestForm(request.POST, instance=partnership_request, language=language, protected=False)
        if form.is_valid():
            try:
                partnership_request, needs_review = transitions.update_by_contact(form)
            except transitions.TransitionError as error:
                notice, status = str(error), 409
            else:
                notice = (
                    _(
                        "Saved. Your new text goes to the network's staff: the request is shown again once they have read it."
                    )
                    if needs_review
                    else _("Saved.")
                )
                form = RequestForm(instance=partnership_request, language=language, protected=False)
        else:
            status = 400
    elif action in transitions.CONTACT_TRANSITIONS:
        outcome_form = OutcomeForm(request.POST)
        if outcome_form.is_valid():
            step = transitions.match if action == "match" else transitions.close
            try:
                partnership_request = step(
                    partnership_request, actor=transitions.Actor.CONTACT, note=outcome_form.cleaned_data["note"]
                )
            except transitions.TransitionError as error:
                notice, status = str(error), 409
            else:
                notice = _("Marked as matched. Congratulations!") if action == "match" else _("The request is closed.")
                form = None
        else:
            status = 400
    elif action is not None:
        status = 400
    page = emails.finder_page(language)
    return _page(
        request,
        "twinning/manage.html",
        {
            "partnership_request": partnership_request,
            "form": form if partnership_request.status in {RequestStatus.PENDING, RequestStatus.OPEN} else None,
            "outcome_form": outcome_form,
            "transitions": transitions.available_transitions(partnership_request, transitions.CONTACT_TRANSITIONS),
            "notice": notice,
            "public_url": page.route_url("request", partnership_request.pk)
            if page and partnership_request.is_public
            else "",
        },
        language=language,
        status=status,
    )


def _conversation_for(token, reader):
    """(conversation, direction answered, None) or (None, None, error reason)."""
    try:
        key, direction = reader(token, set(Direction.values))
    except LinkError as error:
        return None, None, error.reason
    conversation = Conversation.objects.select_related("partnership_request").filter(key=key).first()
    if conversation is None:
        return None, None, "unknown"
    return conversation, direction, None


def _reader_language(conversation, direction):
    """The language of whoever received a message going in `direction`."""
    if direction == Direction.TO_CONTACT:
        return supported_language(conversation.partnership_request.language)
    return supported_language(conversation.sender_language)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reply(request, token):
    """Answer a relayed message through the relay (either side of the conversation)."""
    conversation, direction, error = _conversation_for(token, read_reply_token)
    if error:
        return _link_error(request, error)
    language = _reader_language(conversation, direction)
    sent = False
    status = 200
    with translation.override(language):
        form = ReplyForm()
        if request.method == "POST":
            if limited(request, "twinning-reply", settings.TWINNING_CONTACT_RATE):
                form, status = ReplyForm(request.POST), 429
            else:
                form = ReplyForm(request.POST)
                if form.is_valid():
                    relay.relay(
                        conversation,
                        relay.opposite(direction),
                        body=form.cleaned_data["message"],
                        share_address=form.cleaned_data["share_address"],
                    )
                    sent, form = True, ReplyForm()
                else:
                    status = 400
        answered = relay.latest_message(conversation, direction)
    return _page(
        request,
        "twinning/reply.html",
        {
            "conversation": conversation,
            "partnership_request": conversation.partnership_request,
            "answered": answered,
            "from_contact": direction == Direction.TO_SENDER,
            "form": form,
            "sent": sent,
            "rate_limited": status == 429,
        },
        language=language,
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def report(request, token):
    """GET shows a button (link checkers must not report anyone); POST reports the conversation."""
    conversation, direction, error = _conversation_for(token, read_report_token)
    if error:
        return _link_error(request, error)
    language = _reader_language(conversation, direction)
    reported = False
    if request.method == "POST":
        relay.report(conversation, direction)
        reported = True
    return _page(
        request,
        "twinning/report.html",
        {"conversation": conversation, "reported": reported or conversation.reported_at is not None},
        language=language,
    )
