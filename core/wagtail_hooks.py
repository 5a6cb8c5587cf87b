"""Admin registrations of the core app: the outgoing email queue."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import OutgoingEmail
from .viewsets import OutgoingEmailPermissionPolicy, OutgoingEmailViewSet

register_permission_policy(OutgoingEmail, OutgoingEmailPermissionPolicy(OutgoingEmail))


@hooks.register("register_admin_viewset")
def register_outgoing_email_viewset():
    return OutgoingEmailViewSet()
