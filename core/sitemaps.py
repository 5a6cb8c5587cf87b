"""sitemap.xml: every live, public page of every locale, with its real translations as alternates."""

from collections import defaultdict

from django.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from .privacy import public


class LocalizedPagesSitemap(Sitemap):
    """Aliases (untranslated stand-ins) are left out: they repeat their source."""

    def __init__(self, request):
        self.request = request
        self._alternates = None

    def items(self):
        site = Site.find_for_request(self.request) or Site.objects.get(is_default_site=True)
        homes = Page.objects.filter(translation_key=site.root_page.translation_key)
        paths = [home.path for home in homes.only("path")]
        pages = Page.objects.none()
        for path in paths:
            pages = pages | Page.objects.filter(path__startswith=path)
        return (
            public(pages.live())
            .filter(alias_of__isnull=True)
            .select_related("locale")
            .only(
                "url_path",
                "path",
                "translation_key",
                "last_published_at",
                "latest_revision_created_at",
                "locale__language_code",
            )
            .order_by("path")
        )

    def location(self, page):
        return page.get_url(self.request)

    def lastmod(self, page):
        return page.last_published_at or page.latest_revision_created_at

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        if self._alternates is None:
            self._alternates = defaultdict(list)
            for item in self.paginator.page(page).object_list:
                self._alternates[item.translation_key].append(
                    {"lang_code": item.locale.language_code, "location": item.get_full_url(self.request)}
                )
        for url in urls:
            versions = self._alternates[url["item"].translation_key]
            url["alternates"] = versions if len(versions) > 1 else []
        return urls

    def get_protocol(self, protocol=None):
        return protocol or self.request.scheme
