from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.admin.views import account

from .ratelimits import rate_limit


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /*/search/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _posted(field):
    """A rate-limit key: the value of a posted field (a user name, an email address), case-folded."""
    return lambda _group, request: request.POST.get(field, "").strip().casefold()


# Wagtail's sign-in and password-reset views, with their POSTs counted per client address and per
# account (cms/urls.py routes them before the admin's own URLs): guessing passwords, or flooding a
# mailbox with reset emails, stops at the limit.
admin_login = rate_limit("admin-login", "ADMIN_LOGIN_RATE_LIMIT", methods=("POST",))(
    rate_limit("admin-login-account", "ADMIN_LOGIN_USERNAME_RATE_LIMIT", key=_posted("username"), methods=("POST",))(
        account.LoginView.as_view()
    )
)
admin_password_reset = rate_limit("password-reset", "PASSWORD_RESET_RATE_LIMIT", methods=("POST",))(
    rate_limit("password-reset-account", "PASSWORD_RESET_RATE_LIMIT", key=_posted("email"), methods=("POST",))(
        account.PasswordResetView.as_view()
    )
)
