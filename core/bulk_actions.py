"""Bulk actions whose confirmation pages say nothing of the objects the user may not act on.

Wagtail's confirmation page (/admin/bulk/<app>/<model>/<action>/?id=1&id=2...) lists the objects
the user has no right on by their titles ("You don't have permission to delete these pages"),
unpublished drafts included, and answers 404 when none of the ids exists: anyone with access to
the admin could read every title by trying ids. These actions list only the objects the user may
act on and leave the others out, whether they exist or not.

Each built-in action is replaced by a subclass with the same action type and models, registered
after Wagtail's own (see core/wagtail_hooks.py); the registry keeps the last one registered.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from wagtail.admin.views.pages import bulk_actions as page_actions
from wagtail.documents.views import bulk_actions as document_actions
from wagtail.images.views import bulk_actions as image_actions
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction as DeleteSnippetsBulkAction
from wagtail.users.views import bulk_actions as user_actions


class PermittedObjectsOnly:
    """Leaves the objects the user may not act on (`check_perm`) out of the confirmation page."""

    @classmethod
    def get_queryset(cls, model, object_ids):
        # Wagtail's answer (404 when no id exists, an error for an id that is not a number) would
        # tell the ids of others' objects from those of nothing.
        try:
            return super().get_queryset(model, object_ids)
        except (Http404, ValueError, ValidationError):
            return []

    def get_all_objects_in_listing_query(self, parent_id):
        try:
            return super().get_all_objects_in_listing_query(parent_id)
        except (ObjectDoesNotExist, ValueError, ValidationError):  # `childOf` an object that does not exist
            return self.model._default_manager.none().values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, others = super().get_actionable_objects()
        return objects, {**others, "items_with_no_access": []}


def permitted_objects_only(action_class):
    """`action_class` listing the permitted objects only: the same action, for the same models."""
    return type(action_class)(
        action_class.__name__,
        (PermittedObjectsOnly, action_class),
        {"__module__": __name__, "__qualname__": action_class.__name__, "__doc__": action_class.__doc__},
    )


BUILT_IN = [
    page_actions.DeleteBulkAction,
    page_actions.MoveBulkAction,
    page_actions.PublishBulkAction,
    page_actions.UnpublishBulkAction,
    image_actions.AddTagsBulkAction,
    image_actions.AddToCollectionBulkAction,
    image_actions.DeleteBulkAction,
    document_actions.AddTagsBulkAction,
    document_actions.AddToCollectionBulkAction,
    document_actions.DeleteBulkAction,
    user_actions.AssignRoleBulkAction,
    user_actions.DeleteBulkAction,
    user_actions.SetActiveStateBulkAction,
    DeleteSnippetsBulkAction,
]

#: Registered in place of Wagtail's own, in core/wagtail_hooks.py.
BULK_ACTIONS = [permitted_objects_only(action_class) for action_class in BUILT_IN]
