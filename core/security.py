"""Security headers every response carries, besides those of Django's SecurityMiddleware.

ContentSecurityPolicyMiddleware is django-csp's middleware choosing the policy by path: the
public one (settings.CONTENT_SECURITY_POLICY, no inline script) everywhere, except in the
signed-in Wagtail admin, which gets settings.ADMIN_CONTENT_SECURITY_POLICY because Wagtail's
editing interface still runs inline scripts. The admin's login and password-reset pages, the
only admin pages a stranger reaches, keep the public policy. A response that already has a
policy keeps it (Wagtail serves documents with `default-src 'none'`).

PermissionsPolicyMiddleware sets Permissions-Policy from settings.PERMISSIONS_POLICY.
"""

import functools

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


@functools.cache
def _admin_paths():
    """(the admin's prefix, the prefixes inside it that strangers reach)."""
    return reverse("wagtailadmin_home"), (reverse("wagtailadmin_login"), reverse("wagtailadmin_password_reset"))


def uses_admin_policy(request):
    prefix, public_prefixes = _admin_paths()
    path = request.path_info
    return path.startswith(prefix) and not path.startswith(public_prefixes)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and uses_admin_policy(request):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


def permissions_policy(features):
    """{"camera": [], "fullscreen": ["self", "https://a.example"]} -> 'camera=(), fullscreen=(self "https://a.example")'."""

    def allowlist(origins):
        return " ".join(origin if origin in {"self", "*"} else f'"{origin}"' for origin in origins)

    return ", ".join(f"{feature}=({allowlist(origins)})" for feature, origins in features.items())


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
