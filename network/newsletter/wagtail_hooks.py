"""Admin registrations of the newsletter: menu, permission policies, and the send page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.permissions import register_permission_policy

from .models import NewsletterIssuePage, NewsletterSend, Subscriber
from .viewsets import IssueSendView, NewsletterViewSetGroup, RecordPermissionPolicy, can_send

register_permission_policy(Subscriber, RecordPermissionPolicy(Subscriber))
register_permission_policy(NewsletterSend, RecordPermissionPolicy(NewsletterSend))


@hooks.register("register_admin_viewset")
def register_newsletter_viewsets():
    return NewsletterViewSetGroup()


@hooks.register("register_admin_urls")
def register_send_urls():
    return [path("newsletter/issue/<int:page_id>/send/", IssueSendView.as_view(), name="newsletter_issue_send")]


def _send_button(page, user, priority):
    page_class = page.specific_class
    if page_class and issubclass(page_class, NewsletterIssuePage) and can_send(user):
        return Button(
            _("Send the newsletter"),
            url=reverse("newsletter_issue_send", args=[page.pk]),
            icon_name="mail",
            priority=priority,
        )
    return None


@hooks.register("register_page_header_buttons")
def page_header_send_button(page, user, view_name, next_url=None):
    if button := _send_button(page, user, 35):
        yield button


@hooks.register("register_page_listing_more_buttons")
def page_listing_send_button(page, user, next_url=None):
    if button := _send_button(page, user, 35):
        yield button
