"""Deleting or moving a page needs the right to publish it, except for one's own draft.

Wagtail lets whoever may edit a page delete or move it while it is not live, so a translator, who
edits every page to translate it, could delete a colleague's unpublished news item or another
supporter's draft profile (and, through wagtail-localize, its translations). Here removing a page
from where it is, once or in bulk, needs what publishing it needs; authors keep their own drafts.
"""

from wagtail.admin.auth import permission_denied
from wagtail.models import Page


def may_remove(user, page):
    """True when `user` may delete or move `page` (and Wagtail allows it too)."""
    if user.is_superuser or page.permissions_for_user(user).can_publish():
        return True
    return not page.live and page.owner_id == user.pk


def refuse_deleting(request, page):
    if not may_remove(request.user, page):
        return permission_denied(request)
    return None


def refuse_moving(request, page, destination):
    return refuse_deleting(request, page)


def refuse_bulk_removal(request, action_type, objects, action):
    if action_type not in {"delete", "move"} or Page not in action.models:
        return None
    if all(may_remove(request.user, page) for page in objects):
        return None
    return permission_denied(request)
