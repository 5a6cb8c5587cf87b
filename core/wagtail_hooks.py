"""Admin registrations of the core app: the outgoing email queue, the rights that wagtail-localize's
actions need (core.localize_rights) and privacy that follows translations (core.privacy)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from . import admin_api, bulk_actions, localize_rights, page_rights, privacy
from .chosen import choosable_pages
from .models import OutgoingEmail
from .viewsets import OutgoingEmailPermissionPolicy, OutgoingEmailViewSet

register_permission_policy(OutgoingEmail, OutgoingEmailPermissionPolicy(OutgoingEmail))


@hooks.register("register_admin_viewset")
def register_outgoing_email_viewset():
    return OutgoingEmailViewSet()


# wagtail-localize's actions that change live content need publish rights: its addresses are routed to
# core.localize_rights first, and its translation editor's Publish is checked before it runs.
hooks.register("register_admin_urls", localize_rights.admin_urls, order=-1)
hooks.register("before_edit_page", localize_rights.refuse_publishing_translation, order=-1)
hooks.register("construct_page_action_menu", localize_rights.hide_convert_to_alias)

# A password given once opens the whole translation set: before Wagtail's own check of the restrictions.
hooks.register("before_serve_page", privacy.remember_password, order=-1)


def show_translated_privacy(request):
    # Wagtail's privacy indicators read the paths of the pages that hold a restriction from the
    # request when it has them: give them every page a restriction covers, translations included.
    request.all_page_view_restriction_paths = privacy.restricted_paths()


@hooks.register("before_edit_page", order=-1)
def privacy_of_the_edited_page(request, page):
    show_translated_privacy(request)


@hooks.register("construct_explorer_page_queryset")
def privacy_of_the_listed_pages(parent_page, pages, request):
    show_translated_privacy(request)
    return pages


# Listings by id show nothing of what the user may not use: the admin API's images and documents
# (after wagtail.images' and wagtail.documents' own endpoints) and the bulk actions' confirmation
# pages (after Wagtail's own actions, which they replace).
hooks.register("construct_admin_api", admin_api.register_endpoints, order=100)
for action_class in bulk_actions.BULK_ACTIONS:
    hooks.register("register_bulk_action", action_class, order=100)


@hooks.register("construct_page_chooser_queryset")
def only_choosable_pages(pages, request):
    # The page chooser lists what its user may choose (core.chosen): no one else's draft or private page.
    return choosable_pages(request.user, pages)


# Deleting or moving a page, once or in bulk, needs the right to publish it, except one's own draft.
hooks.register("before_delete_page", page_rights.refuse_deleting)
hooks.register("before_move_page", page_rights.refuse_moving)
hooks.register("before_bulk_action", page_rights.refuse_bulk_removal)
