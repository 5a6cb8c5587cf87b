"""Admin of the newsletter: subscribers (filters, CSV export, deletion on request), sends, and the
page where staff send an issue (a test to themselves, then the real send, then its progress)."""

import django_filters
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_columns import LocalTimeInspectView

from . import sending, subscriptions
from .models import NewsletterIssuePage, NewsletterSend, Subscriber


class RecordPermissionPolicy(ModelPermissionPolicy):
    """Subscribers come only from the signup form and sends only from the send page."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


#: What the site keeps of a subscriber, in the export and on the inspect page: the address, the
#: language, the status and its dates, and the record of the consent.
SUBSCRIBER_RECORD = [
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
    inspect_view_class = LocalTimeInspectView
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
    list_export = SUBSCRIBER_RECORD
    export_filename = "newsletter-subscribers"
    inspect_view_fields = SUBSCRIBER_RECORD


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
    inspect_view_class = LocalTimeInspectView
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


# Sending an issue ---------------------------------------------------------------------------


def can_send(user):
    return user.has_perm("newsletter.send_newsletter")


class IssueSendView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "newsletter/admin/send.html"
    page_title = _("Send the newsletter")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not can_send(request.user):
            raise PermissionDenied
        page = get_object_or_404(NewsletterIssuePage, pk=kwargs["page_id"])
        self.issue = sending.source_issue(page)
        self.send = sending.send_for(self.issue)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.issue.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.issue.pk]), "label": self.issue.title},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        versions = sending.IssueVersions.of(self.issue)
        audience = dict(Subscriber.objects.confirmed().values_list("language").annotate(count=Count("pk")).order_by())
        languages = []
        for code, name in settings.LANGUAGES:
            version = versions.for_language(code)
            languages.append(
                {
                    "code": code,
                    "name": name,
                    "subscribers": audience.get(code, 0),
                    "version": version,
                    "translated": code in versions.by_language,
                }
            )
        others = sum(count for code, count in audience.items() if code not in dict(settings.LANGUAGES))
        context.update(
            issue=self.issue,
            send=self.send,
            languages=languages,
            other_languages=others,
            audience=sum(audience.values()),
            live=self.issue.live,
            progress=sending.progress(self.send) if self.send else None,
            failures=list(sending.failed_deliveries(self.send)) if self.send else [],
            can_send_for_real=bool(
                self.issue.live
                and self.send
                and self.send.test_sent_at
                and self.send.status == NewsletterSend.Status.DRAFT
            ),
            user_email=self.request.user.email,
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        if action == "test":
            if not request.user.email:
                messages.error(request, gettext("Your account has no email address: add one in your account settings."))
            else:
                sending.send_test(self.issue, request.user)
                messages.success(
                    request,
                    gettext("A test of every language version is on its way to %(email)s.")
                    % {"email": request.user.email},
                )
        elif action == "send":
            if not self.issue.live:
                messages.error(request, gettext("Publish the issue before sending it."))
            else:
                try:
                    sending.start_send(self.issue, request.user)
                except sending.SendError as error:
                    messages.error(request, str(error))
                else:
                    messages.success(request, gettext("Sending has started."))
        elif action == "resume" and self.send:
            if sending.resume(self.send):
                messages.success(request, gettext("Sending resumes where it stopped; nobody receives the issue twice."))
        elif action == "retry" and self.send:
            count = sending.retry_failed(self.send)
            messages.success(
                request,
                ngettext("%(count)s failed email is queued again.", "%(count)s failed emails are queued again.", count)
                % {"count": count},
            )
        return redirect("newsletter_issue_send", self.issue.pk)
