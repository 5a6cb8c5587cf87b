"""News feeds of each locale: RSS 2.0 and Atom, for all news, per category and per type."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Locale

from core.feeds import ATOM, RSS, FeedLink
from core.syndication import FEED_ITEMS, LocalizedFeed, absolutize, active_locale, freshness, section_index

from .models import NewsCategory, NewsIndexPage, NewsPage, NewsType

FEED_IMAGE = "width-800"


@dataclass
class NewsScope:
    locale: Locale
    index: NewsIndexPage
    categories: dict  # {translation_key: category} as the locale names them
    category: NewsCategory | None = None
    news_type: str = ""

    def pages(self):
        pages = NewsPage.objects.child_of(self.index).live().public()
        if self.category is not None:
            pages = pages.filter(pk__in=NewsPage.pages_in_category(self.category))
        if self.news_type:
            pages = pages.filter(news_type=self.news_type)
        return pages


class NewsRssFeed(LocalizedFeed):
    feed_type = Rss201rev2Feed

    def get_scope(self, request, category=None, news_type=None):
        locale = active_locale()
        index = section_index(request, NewsIndexPage, locale)
        categories = NewsCategory.for_locale(locale)
        scope = NewsScope(locale=locale, index=index, categories=categories)
        if category is not None:
            scope.category = NewsCategory.find(locale, category, categories)
            if scope.category is None:
                raise Http404("No such category.")
        if news_type is not None:
            if news_type not in NewsType.values:
                raise Http404("No such type of news.")
            scope.news_type = news_type
        return scope

    def freshness(self, scope):
        return freshness(scope.pages(), scope.locale.language_code, since=scope.index.last_published_at)

    def items(self, scope):
        pages = (
            scope.pages()
            .select_related("locale")
            .prefetch_related(
                "categories",
                Prefetch("lead_image", queryset=get_image_model().objects.prefetch_renditions(FEED_IMAGE)),
            )
            .order_by("-date", "-pk")
        )
        if not settings.FEEDS_FULL_TEXT:
            pages = pages.defer_streamfields()
        return pages[:FEED_ITEMS]

    def title(self, scope):
        if scope.category is not None:
            return f"{scope.index.title}: {scope.category.name} · {settings.WAGTAIL_SITE_NAME}"
        if scope.news_type:
            return f"{scope.index.title}: {NewsType(scope.news_type).label} · {settings.WAGTAIL_SITE_NAME}"
        return f"{scope.index.title} · {settings.WAGTAIL_SITE_NAME}"

    def link(self, scope):
        return scope.index.get_full_url(self.request)

    def description(self, scope):
        return scope.index.intro or scope.index.listing_summary or scope.index.title

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        labels = [scope_name(self.scope, c) for c in item.categories.all()]
        return [str(NewsType(item.news_type).label), *labels]

    def item_description(self, item):
        summary = format_html("<p>{}</p>", item.intro or item.listing_summary)
        if not settings.FEEDS_FULL_TEXT:
            return summary
        parts = []
        if item.lead_image:
            rendition = item.lead_image.get_rendition(FEED_IMAGE)
            parts.append(
                format_html('<p><img src="{}" alt="{}"></p>', self.absolute(rendition.url), item.lead_image_alt)
            )
        parts.append(summary)
        if item.is_funding_call:
            parts.append(
                format_html(
                    "<p>{}: {}<br>{}: {}</p>",
                    _("Entity in charge"),
                    item.funding_entity,
                    _("Application deadline"),
                    item.application_deadline.isoformat() if item.application_deadline else "",
                )
            )
        parts.append(absolutize(str(item.body), self.base_url))
        return "".join(str(part) for part in parts)


def scope_name(scope, category):
    return scope.categories.get(category.translation_key, category).name


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, scope):
        return self.description(scope)


def news_feed_links(language_code):
    """Every news feed of a language, for the RSS help page."""
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None or not NewsIndexPage.objects.live().filter(locale=locale).exists():
        return []
    group = _("News")
    with translation.override(language_code):
        links = [
            FeedLink(_("All news"), reverse("news_rss"), RSS, group),
            FeedLink(_("All news"), reverse("news_atom"), ATOM, group),
        ]
        for value, label in NewsType.choices:
            title = format_lazy(_("{type} only"), type=label)
            links.append(FeedLink(title, reverse("news_type_rss", args=[value]), RSS, group))
            links.append(FeedLink(title, reverse("news_type_atom", args=[value]), ATOM, group))
        categories = sorted(NewsCategory.for_locale(locale).values(), key=lambda c: c.name.casefold())
        for category in categories:
            title = format_lazy(_("Category: {name}"), name=category.name)
            links.append(FeedLink(title, reverse("news_category_rss", args=[category.slug]), RSS, group))
            links.append(FeedLink(title, reverse("news_category_atom", args=[category.slug]), ATOM, group))
    return links
