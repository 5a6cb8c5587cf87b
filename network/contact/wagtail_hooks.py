"""Admin registrations of the contact app."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import ContactMessage
from .viewsets import ContactMessagePolicy, ContactMessageViewSet

register_permission_policy(ContactMessage, ContactMessagePolicy(ContactMessage))


@hooks.register("register_admin_viewset")
def register_contact_message_viewset():
    return ContactMessageViewSet()
