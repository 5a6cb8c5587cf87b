"""The review of an application: submission, then one function per transition of the state machine.

    received -> eligible -> agreement_signed -> approved
    received | eligible | agreement_signed -> rejected

Each transition goes through core.transitions (lock, check the status, save, an ApplicationEvent
and a Wagtail audit log entry) and queues its email in the same transaction.
"""

import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from core.transitions import StateMachine, Transition, TransitionError
from network.supporters.choices import ServiceCategory, SupporterRole, SupporterStatus
from network.supporters.models import SupporterIndexPage, SupporterPage, SupporterService
from network.supporters.owners import grant_owner_rights

from . import emails
from .models import Application, ApplicationEvent
from .models import ApplicationStatus as Status

logger = logging.getLogger(__name__)

STATE_MACHINE = StateMachine(
    Application,
    [
        Transition("eligible", _("Confirm eligibility"), (Status.RECEIVED,), Status.ELIGIBLE, "check"),
        Transition(
            "agreement_signed",
            _("Record the signed agreement"),
            (Status.ELIGIBLE,),
            Status.AGREEMENT_SIGNED,
            "doc-full",
        ),
        Transition("approve", _("Approve"), (Status.AGREEMENT_SIGNED,), Status.APPROVED, "success"),
        Transition(
            "reject",
            _("Reject"),
            (Status.RECEIVED, Status.ELIGIBLE, Status.AGREEMENT_SIGNED),
            Status.REJECTED,
            "cross",
        ),
    ],
    event_model=ApplicationEvent,
    record_field="application",
    log_prefix="applications",
    not_possible=_("“%(action)s” is not possible for an application that is %(status)s."),
)
TRANSITIONS = STATE_MACHINE.transitions


def available_transitions(application):
    return STATE_MACHINE.available(application)


def submit_application(form, *, language, form_page=None):
    """Store a valid expression of interest (status received), then queue the two emails.

    The same submission sent again while the first waits for review (a double click, a resent
    form, two requests at once) is that first application: nothing is stored or sent twice.
    """
    application = form.save(commit=False)
    application.language = language
    application.form_page = form_page
    application.status = Status.RECEIVED
    application.fingerprint = application.submission_fingerprint()
    try:
        with transaction.atomic():
            application.save()
            STATE_MACHINE.record(application, "received", from_status="", language=language)
    except IntegrityError:
        first = Application.objects.filter(fingerprint=application.fingerprint, status=Status.RECEIVED).first()
        if first is None:
            raise
        logger.info("Application %s was submitted again; nothing stored twice.", first.pk)
        form.instance = first
        return first
    emails.send_acknowledgement(application)
    emails.send_staff_notice(application)
    return application


@transaction.atomic
def mark_eligible(application, user, *, note="", message=""):
    application = STATE_MACHINE.apply(application, "eligible", user=user, note=note)
    emails.send_agreement_form(application, message)
    return application


@transaction.atomic
def record_signed_agreement(application, user, upload, *, note=""):
    application, transition = STATE_MACHINE.lock(application, "agreement_signed")
    if application.signed_agreement:
        application.signed_agreement.delete(save=False)
    application.signed_agreement.save("agreement.pdf", upload, save=False)
    stored = application.signed_agreement.name
    return STATE_MACHINE.advance(application, transition, user=user, note=note, file=stored, size=upload.size)


@transaction.atomic
def approve(application, user, *, note=""):
    """Create the draft profile, the owner's account and rights, and invite the owner."""
    application, transition = STATE_MACHINE.lock(application, "approve")
    page = create_draft_profile(application, user)
    owner, _created = find_or_create_owner(application)
    ownership = grant_owner_rights(page, owner)
    STATE_MACHINE.advance(
        application,
        transition,
        user=user,
        note=note,
        fields={"supporter_page": page, "user": owner},
        page=page.pk,
        owner=owner.pk,
        group=ownership.group_id,
    )
    emails.send_invitation(application, owner, page)
    return application


@transaction.atomic
def reject(application, user, *, reason, note=""):
    if not reason.strip():
        raise TransitionError(_("A rejection needs a reason."))
    reason = reason.strip()
    application = STATE_MACHINE.apply(
        application, "reject", user=user, note=note, fields={"rejection_reason": reason}, reason=reason
    )
    emails.send_rejection(application)
    return application


# Approval -----------------------------------------------------------------------------------


def supporter_index_for(locale):
    """The supporter index of `locale` (its own or the alias of the default one), else the default locale's."""
    own_first = F("alias_of_id").asc(nulls_first=True)
    index = SupporterIndexPage.objects.filter(locale=locale).order_by(own_first, "path").first()
    if index is None:
        index = SupporterIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
    if index is None:
        raise TransitionError(_("There is no supporters index page to create the profile under."))
    return index


def _free_slug(parent, title):
    base = slugify(title, allow_unicode=True)[:70].strip("-") or "supporter"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def create_draft_profile(application, user):
    """A draft SupporterPage in the applicant's locale, filled from the application."""
    index = supporter_index_for(application.locale)
    page = SupporterPage(
        title=application.organisation,
        slug=_free_slug(index, application.organisation),
        locale=index.locale,
        live=False,
        kind=application.kind,
        role=SupporterRole.for_kind(application.kind),
        status=SupporterStatus.ACTIVE,
        country=application.country,
        countries_covered=[application.country],
        member_authorities=application.member_authorities,
        website=application.website,
        contact_name=application.contact_name,
        contact_position=application.position,
        contact_email=application.email,
        contact_phone=application.phone,
        contact_is_public=False,
        services_introduction=application.planned_services_details,
    )
    page.services = [
        SupporterService(category=code, locale=index.locale)
        for code in application.planned_services
        if code in ServiceCategory.values
    ]
    index.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    log(page, "wagtail.create", user=user, data={"application": application.pk})
    _create_aliases(page)
    return page


def _create_aliases(page):
    """Written in the default language, the draft follows wagtail-localize's tree sync like any new page."""
    from wagtail_localize.synctree import create_aliases_for_new_page

    create_aliases_for_new_page(page)


def find_or_create_owner(application):
    """The account of the applicant's contact: the email is the login. Reused if it exists."""
    User = get_user_model()
    email = application.email.strip()
    user = User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).order_by("pk").first()
    created = user is None
    if created:
        first_name, _sep, last_name = application.contact_name.strip().rpartition(" ")
        if not first_name:
            first_name, last_name = last_name, ""
        user = User(username=email.lower(), email=email, first_name=first_name[:150], last_name=last_name[:150])
        # A random password nobody knows: the invitation lets the owner choose one, and the usual
        # "forgotten password" form keeps working if the invitation link expires.
        user.set_password(secrets.token_urlsafe(32))
        user.save()
    language = application.language
    if language in {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}:
        profile = UserProfile.get_for_user(user)
        if not profile.preferred_language:
            profile.preferred_language = language
            profile.save(update_fields=["preferred_language"])
    return user, created
