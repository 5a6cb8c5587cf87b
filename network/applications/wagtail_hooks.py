"""Admin registrations of the applications app: the review viewset and its audit log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Application
from .viewsets import ApplicationPermissionPolicy, ApplicationViewSet

register_permission_policy(Application, ApplicationPermissionPolicy(Application))


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ApplicationViewSet()


@hooks.register("register_log_actions")
def register_application_log_actions(actions):
    actions.register_action("applications.received", _("Application received"), _("Received from the public form"))
    actions.register_action("applications.eligible", _("Eligibility confirmed"), _("Eligibility confirmed"))
    actions.register_action(
        "applications.agreement_signed", _("Signed agreement recorded"), _("Signed agreement recorded")
    )
    actions.register_action("applications.approve", _("Application approved"), _("Approved"))
    actions.register_action("applications.reject", _("Application rejected"), _("Rejected"))
