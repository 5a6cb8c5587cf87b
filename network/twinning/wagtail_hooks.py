"""Admin registrations of the partner finder: its menu group and its audit log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import PartnershipRequest, RelayMessage
from .viewsets import FromPublicFormPolicy, MessagePolicy, TwinningViewSetGroup

register_permission_policy(PartnershipRequest, FromPublicFormPolicy(PartnershipRequest))
register_permission_policy(RelayMessage, MessagePolicy(RelayMessage))


@hooks.register("register_admin_viewset")
def register_twinning_viewsets():
    return TwinningViewSetGroup()


@hooks.register("register_log_actions")
def register_twinning_log_actions(actions):
    actions.register_action("twinning.submit", _("Partnership request received"), _("Received from the public form"))
    actions.register_action("twinning.update", _("Partnership request updated"), _("Updated by its contact"))
    actions.register_action("twinning.publish", _("Partnership request published"), _("Published"))
    actions.register_action("twinning.reject", _("Partnership request rejected"), _("Rejected"))
    actions.register_action("twinning.match", _("Partnership request matched"), _("Matched"))
    actions.register_action("twinning.close", _("Partnership request closed"), _("Closed"))
    actions.register_action("twinning.reopen", _("Partnership request reopened"), _("Reopened"))
    actions.register_action("twinning.message", _("Message relayed"), _("Message about the request"))
    actions.register_action("twinning.report", _("Message reported"), _("Reported as abuse"))
