"""The partner finder in the Wagtail admin: moderation of requests, relayed messages, blocked senders.

- Requests: list with status, inspect with history and conversations, the moderation steps
  (publish, reject with a reason, mark matched, close, reopen) and corrections of typos.
- Messages: every relayed (or blocked) message with its author's address, for staff only; a
  "Block the author" step adds the address to the blocked senders.
- Blocked senders: addresses and @domains whose messages are never relayed.
"""

from functools import partial

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_columns import CalendarDateColumn, InspectFirstIndexView, LocalTimeInspectView, transition_buttons
from core.permissions import ModeratedRecordsPolicy

from . import relay, transitions
from .choices import RequestStatus
from .forms import REQUEST_FIELDS
from .models import BlockedSender, PartnershipRequest, RelayMessage


class FromPublicFormPolicy(ModeratedRecordsPolicy):
    """Requests and messages come from the public forms only: staff never add or copy them."""


class ModerationForm(forms.Form):
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the history of the request."),
    )


class RejectionForm(ModerationForm):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the contact in the request's language: write it in that language."),
    )


class MessagePolicy(ModelPermissionPolicy):
    """Messages are kept as written: staff read, and may delete, but never add or edit them."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy", "change"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


def transition_url(partnership_request, name):
    return reverse("twinning_requests:transition", args=[partnership_request.pk, name])


class RequestIndexView(InspectFirstIndexView, IndexView):
    """The title leads to the moderation page (details, history, next steps), not to the typo form."""


class RequestInspectView(LocalTimeInspectView):
    template_name = "twinning/admin/request_inspect.html"
    page_title = _("Moderation")

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.user_has_permission("moderate"):
            available = transitions.available_transitions(self.object)
            buttons += transition_buttons(available, partial(transition_url, self.object), Button)
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership_request = self.object
        context.update(
            partnership_request=partnership_request,
            events=partnership_request.events.select_related("user"),
            conversations=partnership_request.conversations.prefetch_related("messages"),
            transitions=transitions.available_transitions(partnership_request)
            if self.user_has_permission("moderate")
            else [],
        )
        return context

    def get_themes_sought_display_value(self):
        return ", ".join(theme.name for theme in self.object.themes_sought.all()) or "-"

    def get_themes_offered_display_value(self):
        return ", ".join(theme.name for theme in self.object.themes_offered.all()) or "-"


class TransitionView(WagtailAdminTemplateMixin, FormView):
    template_name = "twinning/admin/transition.html"
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        if not FromPublicFormPolicy(PartnershipRequest).user_has_permission(request.user, "moderate"):
            raise PermissionDenied
        self.partnership_request = get_object_or_404(PartnershipRequest, pk=kwargs["pk"])
        if kwargs["action"] not in transitions.STAFF_TRANSITIONS:
            raise Http404
        self.transition = transitions.TRANSITIONS[kwargs["action"]]
        if self.transition not in transitions.available_transitions(self.partnership_request):
            messages.error(
                request,
                _("“%(action)s” is not possible for a request that is %(status)s.")
                % {
                    "action": self.transition.label,
                    "status": self.partnership_request.get_status_display().lower(),
                },
            )
            return redirect(self.inspect_url)
        return super().dispatch(request, *args, **kwargs)

    @property
    def inspect_url(self):
        return reverse("twinning_requests:inspect", args=[self.partnership_request.pk])

    def get_page_title(self):
        return self.transition.label

    def get_page_subtitle(self):
        return str(self.partnership_request)

    def get_form_class(self):
        return RejectionForm if self.transition.name == "reject" else ModerationForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            partnership_request=self.partnership_request, transition=self.transition, inspect_url=self.inspect_url
        )
        return context

    def form_valid(self, form):
        data, user, name = form.cleaned_data, self.request.user, self.transition.name
        try:
            if name == "publish":
                transitions.publish(self.partnership_request, user, note=data["note"])
            elif name == "reject":
                transitions.reject(self.partnership_request, user, reason=data["reason"], note=data["note"])
            elif name == "reopen":
                transitions.reopen(self.partnership_request, user, note=data["note"])
            else:
                step = transitions.match if name == "match" else transitions.close
                step(self.partnership_request, actor=transitions.Actor.STAFF, user=user, note=data["note"])
        except transitions.TransitionError as error:
            messages.error(self.request, str(error))
            return redirect(self.inspect_url)
        messages.success(
            self.request,
            _("“%(request)s”: %(action)s done.")
            % {"request": self.partnership_request.title, "action": self.transition.label},
        )
        return redirect(self.inspect_url)


class PartnershipRequestViewSet(ModelViewSet):
    model = PartnershipRequest
    name = "twinning_requests"
    url_prefix = "twinning/requests"
    icon = "group"
    menu_label = _("Requests")
    index_view_class = RequestIndexView
    inspect_view_class = RequestInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "title",
        "authority_name",
        Column("country", label=capfirst(_("country")), accessor=lambda item: item.country.name),
        StatusTagColumn(
            "status",
            label=capfirst(_("status")),
            accessor="get_status_display",
            primary=lambda item: item.status == RequestStatus.PENDING,
        ),
        Column("language", label=capfirst(_("language"))),
        DateColumn("created_at", label=capfirst(_("received"))),
        CalendarDateColumn("valid_until", label=capfirst(_("valid until"))),
    ]
    list_filter = ["status", "language", "programme"]
    search_fields = ["title", "authority_name", "contact_name", "contact_email"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
    # Staff correct what was typed; the status moves only through the moderation steps, and the
    # choices that drive the ranking (programme, languages) stay the contact's, through the link.
    form_fields = [
        "authority_name",
        "country",
        "population",
        "title",
        "description",
        "themes_sought",
        "themes_offered",
        "other_programme",
        "valid_from",
        "valid_until",
        "contact_name",
        "contact_position",
        "contact_email",
    ]
    inspect_view_fields = [
        "status",
        "created_at",
        "published_at",
        "language",
        *REQUEST_FIELDS,
        "working_languages",
        "consented_at",
        "outcome",
        "moderation_note",
    ]

    @cached_property
    def permission_policy(self):
        return FromPublicFormPolicy(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/transition/<str:action>/", TransitionView.as_view(), name="transition"),
        ]


class MessageInspectView(LocalTimeInspectView):
    template_name = "twinning/admin/message_inspect.html"

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        policy = ModelPermissionPolicy(BlockedSender)
        if policy.user_has_permission(self.request.user, "add") and not BlockedSender.blocks(self.object.author_email):
            buttons.append(
                Button(
                    _("Block the author"),
                    url=reverse("twinning_messages:block", args=[self.object.pk]),
                    icon_name="cross",
                    priority=1,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = self.object
        context.update(
            message=message,
            conversation=message.conversation,
            thread=message.conversation.messages.order_by("created_at", "pk"),
            author_blocked=BlockedSender.blocks(message.author_email),
        )
        return context


class BlockForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Block"),
        choices=[("address", _("This address")), ("domain", _("Every address of its domain"))],
        widget=forms.RadioSelect,
        initial="address",
    )
    reason = forms.CharField(label=_("Reason"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class BlockAuthorView(WagtailAdminTemplateMixin, FormView):
    template_name = "twinning/admin/block.html"
    form_class = BlockForm
    page_title = _("Block the author")
    header_icon = "cross"

    def dispatch(self, request, *args, **kwargs):
        if not ModelPermissionPolicy(BlockedSender).user_has_permission(request.user, "add"):
            raise PermissionDenied
        self.message = get_object_or_404(RelayMessage.objects.select_related("conversation"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(message=self.message, domain=self.message.author_email.rpartition("@")[2])
        return context

    def form_valid(self, form):
        address = self.message.author_email
        if form.cleaned_data["scope"] == "domain":
            address = "@" + address.rpartition("@")[2]
        blocked = relay.block(address, user=self.request.user, reason=form.cleaned_data["reason"])
        messages.success(
            self.request,
            _("%(address)s is blocked: its messages are no longer relayed.") % {"address": blocked.address},
        )
        return redirect(reverse("twinning_messages:inspect", args=[self.message.pk]))


class RelayMessageViewSet(ModelViewSet):
    model = RelayMessage
    name = "twinning_messages"
    url_prefix = "twinning/messages"
    icon = "mail"
    menu_label = _("Messages")
    inspect_view_class = MessageInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "author_email",
        Column(
            "request", label=capfirst(_("request")), accessor=lambda item: item.conversation.partnership_request.title
        ),
        Column("direction", label=capfirst(_("direction")), accessor="get_direction_display"),
        StatusTagColumn(
            "status",
            label=capfirst(_("status")),
            accessor="get_status_display",
            primary=lambda item: item.status == RelayMessage.Status.BLOCKED,
        ),
        DateColumn("created_at", label=capfirst(_("written"))),
    ]
    list_filter = ["status", "direction", "share_address"]
    search_fields = ["author_email", "body"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
    form_fields = ["body"]
    inspect_view_fields = ["created_at", "direction", "author_email", "share_address", "status", "email", "body"]

    @cached_property
    def permission_policy(self):
        return MessagePolicy(self.model)

    def get_queryset(self, request):
        return RelayMessage.objects.select_related("conversation__partnership_request")

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/block/", BlockAuthorView.as_view(), name="block")]


class BlockedSenderViewSet(ModelViewSet):
    model = BlockedSender
    name = "twinning_blocked"
    url_prefix = "twinning/blocked"
    icon = "cross"
    menu_label = _("Blocked senders")
    copy_view_enabled = False
    list_display = ["address", "reason", DateColumn("created_at", label=capfirst(_("blocked on")))]
    search_fields = ["address", "reason"]
    search_backend_name = None
    form_fields = ["address", "reason"]


class TwinningViewSetGroup(ViewSetGroup):
    menu_label = _("Partner finder")
    menu_icon = "group"
    menu_order = 260
    items = (PartnershipRequestViewSet, RelayMessageViewSet, BlockedSenderViewSet)
