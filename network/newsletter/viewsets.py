"""Admin of the newsletter: subscribers (filters, CSV export, deletion on request) and sends."""

import django_filters
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from . import subscriptions
from .models import NewsletterSend, Subscriber


class RecordPermissionPolicy(ModelPermissionPolicy):
    """Subscribers come only from the signup form and sends only from the send page."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Subscriber.Status.choices, empty_label=_("All"))
    language = django_filters.ChoiceFilter(label=_("Language"), choices=lambda: list(settings.LANGUAGES))

    class Meta:
        model = Subscriber
        fields = ["status", "language"]


class SubscriberDeleteView(DeleteView):
    """Deletion on request: the person disappears with the emails sent to them."""

    success_message = _("The subscriber and every email to their address are deleted.")

    @property
    def confirmation_message(self):
        return _(
            "Delete %(email)s for good? The subscription, its consent record and every stored email to this "
            "address are removed. Past sends keep an anonymous count."
        ) % {"email": self.object.email}

    def delete_action(self):
        subscriptions.erase(self.object, user=self.request.user)


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "user"
    menu_label = _("Subscribers")
    name = "newsletter_subscribers"
    delete_view_class = SubscriberDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    form_fields = ["language"]  # required by ModelViewSet; the policy forbids adding and editing
    filterset_class = SubscriberFilterSet
    search_fields = ["email"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
    list_display = [
        TitleColumn("email", label=_("Email address"), url_name="newsletter_subscribers:inspect"),
        Column("language", label=_("Language")),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda subscriber: subscriber.status == Subscriber.Status.CONFIRMED,
        ),
        DateColumn("created_at", label=_("Signed up")),
        DateColumn("confirmed_at", label=_("Confirmed")),
    ]
    list_export = [
        "email",
        "language",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_at",
        "consent_version",
        "consent_language",
        "consent_form",
    ]
    export_filename = "newsletter-subscribers"
    inspect_view_fields = [
        "email",
        "language",
        "status",
        "created_at",
        "confirmed_at",
        "unsubscribed_at",
        "consent_at",
        "consent_version",
        "consent_language",
        "consent_form",
    ]


class SendIndexView(IndexView):
    def get_inspect_url(self, instance):
        if instance.issue_id:
            return reverse("newsletter_issue_send", args=[instance.issue_id])
        return super().get_inspect_url(instance)


class NewsletterSendViewSet(ModelViewSet):
    model = NewsletterSend
    icon = "mail"
    menu_label = _("Issue sends")
    name = "newsletter_sends"
    index_view_class = SendIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    form_fields = ["title"]
    list_filter = ["status"]
    ordering = ["-started_at"]
    list_display = [
        "title",
        StatusTagColumn("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("test_sent_at", label=_("Test sent")),
        DateColumn("started_at", label=_("Started")),
        DateColumn("finished_at", label=_("Finished")),
    ]


class NewsletterViewSetGroup(ViewSetGroup):
    menu_label = _("Newsletter")
    menu_icon = "mail"
    menu_order = 250
    items = (SubscriberViewSet, NewsletterSendViewSet)
