"""Admin views of the outgoing email queue: what was sent, what waits, what failed, and a retry."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton, MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from . import mail
from .admin_columns import LocalTimeInspectView
from .models import OutgoingEmail

RETRYABLE = [OutgoingEmail.Status.FAILED, OutgoingEmail.Status.INTERRUPTED]


class OutgoingEmailPermissionPolicy(ModelPermissionPolicy):
    """Emails are records: nobody adds or edits them; "retry" needs the change permission."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        if action == "retry":
            return user.has_perm(self._get_permission_name("change"))
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


def retry_url(email=None):
    if email is None:
        return reverse("outgoing_email:retry_failed")
    return reverse("outgoing_email:retry", args=[email.pk])


class OutgoingEmailIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.user_has_permission("retry"):
            failed = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED).count()
            if failed:
                label = ngettext("Retry %(count)s failed email", "Retry %(count)s failed emails", failed)
                buttons.append(HeaderButton(label % {"count": failed}, url=retry_url(), icon_name="resubmit"))
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if instance.status in RETRYABLE and self.user_has_permission("retry"):
            buttons.append(MenuItem(_("Send again"), url=retry_url(instance), icon_name="resubmit", priority=5))
        return buttons


class OutgoingEmailInspectView(LocalTimeInspectView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.object.status in RETRYABLE and self.user_has_permission("retry"):
            buttons.append(Button(_("Send again"), url=retry_url(self.object), icon_name="resubmit", priority=5))
        return buttons

    def get_html_body_display_value(self):
        return _("%(length)s characters of HTML") % {"length": len(self.object.html_body)}


class RetryView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks to confirm, POST puts the email(s) back in the queue."""

    template_name = "core/admin/outgoing_email_retry.html"
    header_icon = "mail"
    page_title = _("Send again")

    def dispatch(self, request, *args, **kwargs):
        policy = OutgoingEmailPermissionPolicy(OutgoingEmail)
        if not policy.user_has_permission(request.user, "retry"):
            raise PermissionDenied
        self.email = get_object_or_404(OutgoingEmail, pk=kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        if self.email is not None:
            return OutgoingEmail.objects.filter(pk=self.email.pk, status__in=RETRYABLE)
        return OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("outgoing_email:index"), "label": OutgoingEmail._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            email=self.email,
            count=self.get_queryset().count(),
            interrupted=self.email is not None and self.email.status == OutgoingEmail.Status.INTERRUPTED,
            index_url=reverse("outgoing_email:index"),
        )
        return context

    def post(self, request, *args, **kwargs):
        count = mail.retry_now(self.get_queryset())
        messages.success(
            request,
            ngettext("%(count)s email is queued again.", "%(count)s emails are queued again.", count)
            % {"count": count},
        )
        if self.email is not None:
            return redirect("outgoing_email:inspect", self.email.pk)
        return redirect("outgoing_email:index")


class OutgoingEmailViewSet(ModelViewSet):
    model = OutgoingEmail
    icon = "mail"
    menu_label = _("Outgoing email")
    add_to_settings_menu = True
    name = "outgoing_email"
    index_view_class = OutgoingEmailIndexView
    inspect_view_class = OutgoingEmailInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["subject"]  # required by ModelViewSet; the policy forbids adding and editing
    list_display = [
        "subject",
        Column("to", label=_("To")),
        Column("purpose", label=_("Purpose")),
        Column("language", label=_("Language")),
        StatusTagColumn(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            primary=lambda email: email.status == OutgoingEmail.Status.SENT,
        ),
        Column("attempts", label=_("Attempts")),
        DateColumn("created_at", label=_("Created")),
        DateColumn("sent_at", label=_("Sent")),
    ]
    list_filter = ["status", "purpose", "language"]
    search_fields = ["to", "subject"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
    inspect_view_fields = [
        "status",
        "purpose",
        "language",
        "from_email",
        "to",
        "reply_to",
        "subject",
        "headers",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
        "sent_at",
        "text_body",
        "html_body",
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("retry/", RetryView.as_view(), name="retry_failed"),
            path("retry/<int:pk>/", RetryView.as_view(), name="retry"),
        ]
