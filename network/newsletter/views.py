"""Public endpoints of the newsletter, one address whatever the language.

- subscribe (POST): the form of every page's footer and of the newsletter page;
- confirm, preferences, unsubscribe: reached through signed links from emails, shown in the
  subscriber's language;
- privacy: a language-free link to the privacy notice of a language (for the footer form,
  which must not query the database).

Pages reached by a link are private: never cached. The signup endpoint takes no CSRF token
so that the footer, which is on every (cacheable) page, carries no per-visitor state; a forged
signup can only create a pending subscription that the mailbox owner must confirm, and the
rate limit, honeypot and reCAPTCHA stand against robots. Confirm and unsubscribe are
authenticated by the signed token in their address and are idempotent, and the one-click
unsubscribe is posted by mail clients without cookies (RFC 8058), so they are CSRF-exempt too.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Page, Site

from core.ratelimits import limited
from legal.models import PrivacyNoticePage

from . import subscriptions
from .forms import PreferencesForm, SubscribeForm
from .models import NewsletterIndexPage, NewsletterSettings, Subscriber, supported_language
from .tokens import LinkError, read_confirmation_token, read_manage_token

Status = Subscriber.Status


def _page(request, template, context, *, language, status=200):
    """Render a newsletter page in `language` (these addresses carry no language prefix)."""
    with translation.override(language):
        response = render(request, template, {"newsletter_language": language, **context}, status=status)
    response.headers["Content-Language"] = language
    return response


def request_language(request):
    return supported_language(getattr(request, "LANGUAGE_CODE", None))


def newsletter_page(language):
    return NewsletterIndexPage.objects.live().public().filter(locale__language_code=language).first()


def _link_error(request, reason):
    language = request_language(request)
    messages = {
        LinkError.EXPIRED: _("This confirmation link has expired. Please sign up again: we will send you a new link."),
        LinkError.INVALID: _("This link is not valid. Please copy the whole address from the email, or sign up again."),
        "unknown": _("We have no subscription for this link. It may have been deleted at your request."),
    }
    with translation.override(language):
        message = messages[reason]
    return _page(
        request,
        "newsletter/message.html",
        {"title": _link_error_title(language), "message": message, "signup_page": newsletter_page(language)},
        language=language,
        status=404 if reason == "unknown" else 400,
    )


def _link_error_title(language):
    with translation.override(language):
        return _("This link does not work")


def _subscriber(token, reader):
    """(subscriber, None) or (None, reason)."""
    try:
        key = reader(token)
    except LinkError as error:
        return None, error.reason
    subscriber = Subscriber.objects.filter(key=key).first()
    return (subscriber, None) if subscriber else (None, "unknown")


# Signup ---------------------------------------------------------------------------------------


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method in ("GET", "HEAD"):
        page = newsletter_page(request_language(request))
        return HttpResponseRedirect(page.url if page else "/")

    language = supported_language(request.POST.get("ui_language"), default=request_language(request))
    if limited(request, "newsletter-signup", settings.NEWSLETTER_SIGNUP_RATE):
        with translation.override(language):
            title, message = (
                _("Too many attempts"),
                _("Too many signups came from your connection. Please try again later."),
            )
        return _page(
            request, "newsletter/message.html", {"title": title, "message": message}, language=language, status=429
        )

    with translation.override(language):
        form = SubscribeForm(request.POST)
        valid = form.is_valid()
    if not valid:
        return _page(
            request, "newsletter/signup.html", {"form": form, "form_name": "page"}, language=language, status=400
        )
    if not form.is_robot:
        subscriptions.subscribe(
            email=form.cleaned_data["email"],
            language=form.cleaned_data["language"],
            form=form.cleaned_data["form_name"],
            consent_language=language,
        )
    # The same answer whether the address is new, pending, confirmed, or a robot's.
    return _page(
        request,
        "newsletter/signup_done.html",
        {"email": form.cleaned_data["email"], "signup_page": newsletter_page(language)},
        language=language,
    )


# Links from emails -------------------------------------------------------------------------------


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    subscriber, error = _subscriber(token, read_confirmation_token)
    if error:
        return _link_error(request, error)
    language = supported_language(subscriber.language)
    if subscriber.status == Status.UNSUBSCRIBED:
        return _link_error(request, LinkError.INVALID)
    if request.method == "POST" and subscriber.status == Status.PENDING:
        subscriptions.confirm(subscriber)
        subscriber.refresh_from_db()
    return _page(
        request,
        "newsletter/confirm.html",
        {
            "subscriber": subscriber,
            "confirmed": subscriber.status == Status.CONFIRMED,
            "just_confirmed": request.method == "POST",
            "preferences_url": subscriptions.preferences_url(subscriber),
        },
        language=language,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request, token):
    subscriber, error = _subscriber(token, read_manage_token)
    if error:
        return _link_error(request, error)
    language = supported_language(subscriber.language)
    action = request.POST.get("action") if request.method == "POST" else None
    notice = ""
    form = PreferencesForm(initial={"language": language})
    if action == "erase":
        subscriptions.erase(subscriber)
        with translation.override(language):
            title, message = (
                _("Your address is deleted"),
                _("We have deleted your email address and everything we kept about your subscription."),
            )
        return _page(request, "newsletter/message.html", {"title": title, "message": message}, language=language)
    if action == "unsubscribe":
        subscriptions.unsubscribe(subscriber)
        subscriber.refresh_from_db()
        with translation.override(language):
            notice = _("You are unsubscribed. You will receive no more newsletters.")
    elif action == "language":
        with translation.override(language):
            form = PreferencesForm(request.POST)
            if form.is_valid():
                subscriptions.change_language(subscriber, form.cleaned_data["language"])
                language = subscriber.language
                with translation.override(language):
                    notice = _("Saved: you will receive the newsletter in this language.")
    return _page(
        request,
        "newsletter/preferences.html",
        {
            "subscriber": subscriber,
            "form": form,
            "notice": notice,
            "signup_page": newsletter_page(language),
        },
        language=language,
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET shows a button (link checkers must not unsubscribe anyone); POST unsubscribes, once."""
    subscriber, error = _subscriber(token, read_manage_token)
    if error == "unknown" and request.method == "POST":
        # One-click from a mail client for an address we no longer have: it is not subscribed.
        language = request_language(request)
        with translation.override(language):
            title, message = _("You are unsubscribed"), _("This address receives no newsletter from us.")
        return _page(request, "newsletter/message.html", {"title": title, "message": message}, language=language)
    if error:
        return _link_error(request, error)
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        subscriber.refresh_from_db()
    return _page(
        request,
        "newsletter/unsubscribe.html",
        {
            "subscriber": subscriber,
            "unsubscribed": subscriber.status == Status.UNSUBSCRIBED,
            "preferences_url": subscriptions.preferences_url(subscriber),
            "signup_page": newsletter_page(supported_language(subscriber.language)),
        },
        language=supported_language(subscriber.language),
    )


# The privacy notice ----------------------------------------------------------------------------


@require_safe
def privacy(request):
    """Redirect to the privacy notice in the requested language, or the closest thing we have."""
    language = supported_language(request.GET.get("language"), default=request_language(request))
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    notice = NewsletterSettings.for_site(site).privacy_page if site else None
    candidates = Page.objects.live().public().filter(locale__language_code=language)
    target = None
    if notice is not None:
        target = candidates.filter(translation_key=notice.translation_key).first() or notice
    if target is None:
        target = (
            PrivacyNoticePage.objects.live().public().filter(locale__language_code=language).first()
            or candidates.filter(slug__in=["legal", "privacy"]).first()
            or newsletter_page(language)
        )
    return HttpResponseRedirect(target.url if target else f"/{language}/")
