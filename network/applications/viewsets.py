"""The review of applications in the Wagtail admin: list, detail with history, and the transitions."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, View
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, MenuItem
from wagtail.permission_policies import ModelPermissionPolicy

from core.admin_columns import InspectFirstIndexView, LocalTimeInspectView, transition_buttons

from . import transitions
from .forms import AgreementSignedForm, ApproveForm, EligibleForm, RejectForm
from .models import TYPED_FIELDS, Application, ApplicationStatus

TRANSITION_FORMS = {
    "eligible": EligibleForm,
    "agreement_signed": AgreementSignedForm,
    "approve": ApproveForm,
    "reject": RejectForm,
}
OPEN_STATUSES = [ApplicationStatus.RECEIVED, ApplicationStatus.ELIGIBLE, ApplicationStatus.AGREEMENT_SIGNED]


class ApplicationPermissionPolicy(ModelPermissionPolicy):
    """Applications come from the public form only; reviewing them needs the change permission."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy"}:
            return False
        if action == "review":
            action = "change"
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


def transition_url(application, name):
    return reverse("supporter_applications:transition", args=[application.pk, name])


class ApplicationIndexView(InspectFirstIndexView, IndexView):
    """The name leads to the review (detail, history, next steps), not to the form that corrects typos."""

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("review"):
            available = transitions.available_transitions(instance)
            buttons += transition_buttons(available, partial(transition_url, instance), MenuItem)
        return buttons


class ApplicationInspectView(LocalTimeInspectView):
    template_name = "applications/admin/inspect.html"
    page_title = _("Review")

    def get_object(self, queryset=None):
        return get_object_or_404(Application.objects.select_related("form_page", "supporter_page", "user"), pk=self.pk)

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if self.user_has_permission("review"):
            available = transitions.available_transitions(self.object)
            buttons += transition_buttons(available, partial(transition_url, self.object), Button)
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        ownership = None
        if application.supporter_page_id:
            ownership = application.supporter_page.ownerships.select_related("group", "collection").first()
        context.update(
            application=application,
            events=application.events.select_related("user"),
            transitions=transitions.available_transitions(application) if self.user_has_permission("review") else [],
            ownership=ownership,
            agreement_url=reverse("supporter_applications:agreement", args=[application.pk])
            if application.signed_agreement
            else "",
        )
        return context

    def get_planned_services_display_value(self):
        return ", ".join(self.object.planned_service_labels) or "-"

    def get_language_display_value(self):
        from django.utils.translation import get_language_info

        try:
            return get_language_info(self.object.language)["name_translated"]
        except KeyError:
            return self.object.language


class TransitionView(WagtailAdminTemplateMixin, FormView):
    """Ask for what the transition needs (a note, the signed PDF, a reason), then apply it."""

    template_name = "applications/admin/transition.html"
    header_icon = "form"

    def dispatch(self, request, *args, **kwargs):
        policy = ApplicationPermissionPolicy(Application)
        if not policy.user_has_permission(request.user, "review"):
            raise PermissionDenied
        self.application = get_object_or_404(Application, pk=kwargs["pk"])
        name = kwargs["action"]
        if name not in transitions.TRANSITIONS:
            raise Http404
        self.transition = transitions.TRANSITIONS[name]
        if request.method == "GET" and self.transition not in transitions.available_transitions(self.application):
            messages.error(
                request,
                _("“%(action)s” is not possible for an application that is %(status)s.")
                % {"action": self.transition.label, "status": self.application.get_status_display().lower()},
            )
            return redirect(self.inspect_url)
        return super().dispatch(request, *args, **kwargs)

    @property
    def inspect_url(self):
        return reverse("supporter_applications:inspect", args=[self.application.pk])

    def get_page_title(self):
        return self.transition.label

    def get_page_subtitle(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("supporter_applications:index"), "label": Application._meta.verbose_name_plural},
            {"url": self.inspect_url, "label": str(self.application)},
            {"url": "", "label": self.transition.label},
        ]

    def get_form_class(self):
        return TRANSITION_FORMS[self.transition.name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(application=self.application, transition=self.transition, inspect_url=self.inspect_url)
        if self.transition.name == "approve":
            try:
                context["target_index"] = transitions.supporter_index_for(self.application.locale)
            except transitions.TransitionError as error:
                context["approval_problem"] = str(error)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        user = self.request.user
        try:
            if self.transition.name == "eligible":
                transitions.mark_eligible(self.application, user, note=data["note"], message=data["message"])
                done = _("Eligibility confirmed; the agreement form is on its way to %(email)s.")
            elif self.transition.name == "agreement_signed":
                transitions.record_signed_agreement(self.application, user, data["signed_agreement"], note=data["note"])
                done = _("The signed agreement of %(organisation)s is stored.")
            elif self.transition.name == "approve":
                transitions.approve(self.application, user, note=data["note"])
                done = _("%(organisation)s is approved: its draft profile is created and %(email)s is invited.")
            else:
                transitions.reject(self.application, user, reason=data["reason"], note=data["note"])
                done = _("%(organisation)s is rejected; the reason is on its way to %(email)s.")
        except transitions.TransitionError as error:
            messages.error(self.request, str(error))
            return redirect(self.inspect_url)
        messages.success(
            self.request, done % {"organisation": self.application.organisation, "email": self.application.email}
        )
        return redirect(self.inspect_url)


class AgreementDownloadView(View):
    """The signed agreement, for reviewers only, never from a public address."""

    def get(self, request, pk):
        policy = ApplicationPermissionPolicy(Application)
        if not policy.user_has_any_permission(request.user, ["view", "change"]):
            raise PermissionDenied
        application = get_object_or_404(Application, pk=pk)
        if not application.signed_agreement:
            raise Http404
        response = FileResponse(
            application.signed_agreement.open("rb"),
            as_attachment=True,
            filename=f"agreement-{application.pk}.pdf",
            content_type="application/pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response


class ApplicationViewSet(ModelViewSet):
    model = Application
    name = "supporter_applications"
    url_prefix = "applications"
    icon = "form"
    menu_label = _("Applications")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "organisation",
        Column("country", label=capfirst(_("country")), accessor=lambda application: application.country.name),
        Column("kind", label=capfirst(_("kind")), accessor="get_kind_display"),
        StatusTagColumn(
            "status",
            label=capfirst(_("status")),
            accessor="get_status_display",
            primary=lambda application: application.status in OPEN_STATUSES,
        ),
        Column("language", label=capfirst(_("language"))),
        DateColumn("created_at", label=capfirst(_("received"))),
    ]
    list_filter = ["status", "kind", "language"]
    search_fields = ["organisation", "contact_name", "email"]
    search_backend_name = None
    ordering = ["-created_at"]
    list_per_page = 50
    # Staff may correct what was typed (but the services' codes, chosen from a list); the status
    # moves only through the transitions.
    form_fields = [name for name in TYPED_FIELDS if name != "planned_services"]
    inspect_view_fields = [
        "status",
        "created_at",
        "language",
        "organisation",
        "kind",
        "country",
        "website",
        "member_authorities",
        "contact_name",
        "position",
        "email",
        "phone",
        "motivation",
        "planned_services",
        "planned_services_details",
        "consented_at",
        "rejection_reason",
    ]

    @cached_property
    def permission_policy(self):
        return ApplicationPermissionPolicy(self.model)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/transition/<str:action>/", TransitionView.as_view(), name="transition"),
            path("<int:pk>/agreement/", AgreementDownloadView.as_view(), name="agreement"),
        ]
