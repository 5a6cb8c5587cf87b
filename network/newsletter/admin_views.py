"""The admin page where staff send an issue: test to themselves, then the real send, then progress."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import sending
from .models import NewsletterIssuePage, NewsletterSend, Subscriber


def can_send(user):
    return user.has_perm("newsletter.send_newsletter")


class IssueSendView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "newsletter/admin/send.html"
    page_title = gettext_lazy("Send the newsletter")
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
                messages.error(request, _("Your account has no email address: add one in your account settings."))
            else:
                sending.send_test(self.issue, request.user)
                messages.success(
                    request,
                    _("A test of every language version is on its way to %(email)s.") % {"email": request.user.email},
                )
        elif action == "send":
            if not self.issue.live:
                messages.error(request, _("Publish the issue before sending it."))
            else:
                try:
                    sending.start_send(self.issue, request.user)
                except sending.SendError as error:
                    messages.error(request, str(error))
                else:
                    messages.success(request, _("Sending has started."))
        elif action == "resume" and self.send:
            if sending.resume(self.send):
                messages.success(request, _("Sending resumes where it stopped; nobody receives the issue twice."))
        elif action == "retry" and self.send:
            count = sending.retry_failed(self.send)
            messages.success(
                request,
                ngettext("%(count)s failed email is queued again.", "%(count)s failed emails are queued again.", count)
                % {"count": count},
            )
        return redirect("newsletter_issue_send", self.issue.pk)
