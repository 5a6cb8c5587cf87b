"""Contact messages in the admin: read as sent, filtered, exported; staff change only their status."""

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_columns import InspectFirstIndexView

from .models import ContactMessage, ContactTopic


class ContactMessagePolicy(ModelPermissionPolicy):
    """Messages come from the public form only; staff may mark them answered and delete them on request."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


def topic_choices():
    """One choice per topic, whatever the language: a topic and its translations share a translation key."""
    source = ContactTopic.objects.filter(locale=Locale.get_default()).order_by("page_id", "sort_order")
    return [(str(topic.translation_key), topic.name) for topic in source]


class ContactMessageFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ContactMessage.Status.choices, empty_label=_("All"))
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=topic_choices, field_name="topic__translation_key", empty_label=_("All")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=lambda: list(settings.LANGUAGES), empty_label=_("All")
    )

    class Meta:
        model = ContactMessage
        fields = ["status", "topic", "language"]


class ContactMessageIndexView(InspectFirstIndexView, IndexView):
    """The name leads to the message as sent, not to the status form."""


class ContactMessageViewSet(ModelViewSet):
    model = ContactMessage
    icon = "mail"
    menu_label = _("Contact messages")
    name = "contact_messages"
    index_view_class = ContactMessageIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    form_fields = ["status"]
    filterset_class = ContactMessageFilterSet
    search_fields = ["name", "email", "organisation", "message"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
    list_display = [
        "name",
        Column("topic_name", label=_("Topic")),
        Column("email", label=_("Email")),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda message: message.status == ContactMessage.Status.NEW,
        ),
        Column("language", label=_("Language")),
        DateColumn("created_at", label=_("Received")),
    ]
    list_export = [
        "created_at",
        "status",
        "language",
        "topic_name",
        "relayed_to",
        "name",
        "email",
        "organisation",
        "message",
        "consented_at",
    ]
    export_filename = "contact-messages"
    inspect_view_fields = [
        "status",
        "created_at",
        "language",
        "topic_name",
        "relayed_to",
        "name",
        "email",
        "organisation",
        "message",
        "consented_at",
    ]
