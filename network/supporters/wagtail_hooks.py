"""Admin behaviour for supporter profiles: the review workflow, and what a profile owner may see."""

from django.db.models import Q
from wagtail import hooks
from wagtail.admin.auth import permission_denied

from .dashboard import OwnProfilePanel
from .models import SupporterPage
from .owners import assign_profile_workflow, is_profile_owner_only, owned_profiles


@hooks.register("after_create_page")
def review_new_profiles(request, page):
    """Every supporter profile, whoever creates it, gets the "Supporter profile review" workflow."""
    if isinstance(page.specific, SupporterPage):
        assign_profile_workflow(page)


@hooks.register("construct_page_chooser_queryset")
def owners_choose_public_pages_only(pages, request):
    """A profile owner linking from their description sees published pages and their own, never others' drafts."""
    if is_profile_owner_only(request.user):
        own = owned_profiles(request.user).values("pk")
        pages = pages.filter(Q(live=True) | Q(pk__in=own))
    return pages


@hooks.register("before_move_page")
def refuse_to_show_moves_that_are_not_allowed(request, page, destination):
    """Wagtail's move confirmation page shows titles before it checks rights; check them first."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


@hooks.register("construct_reports_menu")
def no_reports_for_profile_owners(request, menu_items):
    """Site-wide reports (page types, ageing pages...) are for staff, not for the owner of one profile.

    The menu leaves them out; middleware.ReportsForStaffOnlyMiddleware refuses their addresses.
    """
    if is_profile_owner_only(request.user):
        menu_items[:] = []


@hooks.register("construct_homepage_panels")
def own_profile_first(request, panels):
    """A supporter's dashboard leads to their profile."""
    if is_profile_owner_only(request.user):
        panels.insert(0, OwnProfilePanel(request.user))


@hooks.register("construct_homepage_summary_items", order=100)
def no_site_summary_for_profile_owners(request, summary_items):
    """The site's page, image and document counts mean nothing to the owner of one profile."""
    if is_profile_owner_only(request.user):
        summary_items[:] = []
