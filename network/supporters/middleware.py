"""Site-wide reports are for staff, never for the owner of one supporter profile.

Wagtail opens most reports (page types usage, ageing pages, site history, workflows...) to
anyone with a right on any page, and a profile owner has one. The reports menu is already
empty for owners (wagtail_hooks.no_reports_for_profile_owners); this refuses the addresses
too: those of every report the menu registers, whichever app adds it, with their results
and exports, which live under the same address.
"""

from functools import cache

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.auth import permission_denied

from .owners import is_profile_owner_only

#: The URL namespace of Wagtail's own reports, whether or not the menu lists them.
WAGTAIL_REPORTS = "wagtailadmin_reports"


@cache
def admin_address():
    return reverse("wagtailadmin_home")


@cache
def report_addresses():
    """The address of each report of the reports menu (the same for the life of the process)."""
    return tuple(item.url for item in (hook() for hook in hooks.get_hooks("register_reports_menu_item")))


def is_report(request):
    match = request.resolver_match
    if match is not None and WAGTAIL_REPORTS in match.namespaces:
        return True
    return request.path.startswith(admin_address()) and request.path.startswith(report_addresses())


class ReportsForStaffOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_report(request) and is_profile_owner_only(request.user):
            return permission_denied(request)
        return None
