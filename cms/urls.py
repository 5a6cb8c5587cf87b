"""URLs in three groups: private (admin, documents), language-free public, and localized public."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from core.sitemaps import LocalizedPagesSitemap


def sitemap_view(request):
    return sitemap(request, sitemaps={"pages": LocalizedPagesSitemap(request)})


urlpatterns = [
    # The admin's sign-in and password reset, rate-limited, in place of Wagtail's own routes.
    path("admin/login/", core_views.admin_login, name="wagtailadmin_login"),
    path("admin/password_reset/", core_views.admin_password_reset, name="wagtailadmin_password_reset"),
    # The page chooser inside a page, for pages the user may choose only (core/views.py).
    path(
        "admin/choose-page/<int:parent_page_id>/",
        core_views.page_chooser_browse,
        name="wagtailadmin_choose_page_child",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # The password forms of private collections and pages, rate-limited, in place of Wagtail's own.
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        core_views.collection_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_view, name="sitemap"),
    # Forms and other POST endpoints: one address whatever the language.
    path("", include("network.applications.urls")),
    path("", include("network.newsletter.urls")),
    path("", include("network.twinning.urls")),
    path("", include("network.contact.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include("network.news.urls")),
    path("", include("network.agenda.urls")),
    path("", include("signatories.urls")),
    path("", include("network.supporters.urls")),
    path("", include("network.aggregation.urls")),
    # The sign-in and password forms of private pages, limited, in place of Wagtail's own.
    path("_util/login/", core_views.page_login, name="wagtailcore_login"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        core_views.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A lost database gets a translated 503 page that needs no database (core/errors.py).
handler500 = "core.errors.server_error"
