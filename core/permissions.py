"""Permission policies shared by the admin's listings of records."""

from wagtail.permission_policies import ModelPermissionPolicy


class ModeratedRecordsPolicy(ModelPermissionPolicy):
    """Records that come from outside the admin (a public form, a partner's feed): staff moderate
    and correct them, never add or copy them. "moderate" is the change permission, and rights are
    those of the model, the same for every record."""

    def user_has_permission(self, user, action):
        if action in {"add", "copy"}:
            return False
        if action == "moderate":
            action = "change"
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)
