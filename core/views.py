import functools

from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail import views as wagtail_views
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import account, chooser
from wagtail.documents.views import serve as document_views
from wagtail.urls import WAGTAIL_FRONTEND_LOGIN_TEMPLATE

from .chosen import choosable_pages_among
from .ratelimits import SignInLockout, client_network, rate_limit, too_many_requests


@require_safe
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


def _restriction_and_address(url_argument):
    """A rate-limit key: the view restriction a password form opens (named in the URL), and the client."""
    return lambda _group, request: f"{request.resolver_match.kwargs[url_argument]}/{client_network(request)}"


def _with_sign_in_lockout(login_view):
    """A sign-in view whose failed attempts are delayed, per account and client address
    (core.ratelimits.SignInLockout). Its outcome tells a failure (the form again, 200) from a
    success (a redirect): only failures count."""

    @functools.wraps(login_view)
    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return login_view(request, *args, **kwargs)
        lockout = SignInLockout(request, request.POST.get("username", "").strip().casefold())
        if lockout.refuses():
            return too_many_requests(request)
        response = login_view(request, *args, **kwargs)
        if response.status_code == 200:
            lockout.failed()
        elif response.status_code == 302 and request.user.is_authenticated:
            lockout.succeeded()
        return response

    return wrapped


# Wagtail's two sign-in forms, routed before its own URLs (cms/urls.py): the admin's, and the one of
# pages restricted to signed-in users, which takes the same accounts and so shares their counts.
admin_login = _with_sign_in_lockout(account.LoginView.as_view())
page_login = _with_sign_in_lockout(auth_views.LoginView.as_view(template_name=WAGTAIL_FRONTEND_LOGIN_TEMPLATE))


# Wagtail's password-reset view, with its POSTs counted per client address and per email address:
# flooding a mailbox with reset emails stops at the limit.
admin_password_reset = rate_limit("password-reset", "PASSWORD_RESET_RATE_LIMIT", methods=("POST",))(
    rate_limit("password-reset-account", "PASSWORD_RESET_RATE_LIMIT", key=_posted("email"), methods=("POST",))(
        account.PasswordResetView.as_view()
    )
)


def _password_form(view, restriction_argument, group):
    """Wagtail's password form of a private page or collection, its POSTs counted per client address
    across every restriction and per (restriction, address): guessing stops at the limit, and while
    it holds the right password is refused too."""
    per_restriction = rate_limit(
        group,
        "PRIVATE_PAGE_PASSWORD_RATE_LIMIT",
        key=_restriction_and_address(restriction_argument),
        methods=("POST",),
    )
    per_address = rate_limit("private-password", "PRIVATE_PAGE_PASSWORD_ADDRESS_RATE_LIMIT", methods=("POST",))
    return per_address(per_restriction(view))


# cms/urls.py routes these before Wagtail's own URLs (same paths and names).
page_password = _password_form(wagtail_views.authenticate_with_password, "page_view_restriction_id", "page-password")
collection_password = _password_form(document_views.authenticate_with_password, "restriction_id", "collection-password")


@require_admin_access
def page_chooser_browse(request, parent_page_id):
    """Wagtail's page chooser opened inside a page (routed before the admin's own address), only for
    a page its user may choose: another supporter's draft is not named to whoever types its id. The
    pages it lists are narrowed by the construct_page_chooser_queryset hook (core/wagtail_hooks.py)."""
    if not choosable_pages_among(request.user, [parent_page_id]):
        raise Http404
    return chooser.BrowseView.as_view()(request, parent_page_id=parent_page_id)
