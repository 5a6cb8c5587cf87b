"""The latest news, as a block of the home page's body."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images import get_image_model

from core.blocks import PageListBlock

from .models import LISTING_IMAGE, NewsIndexPage, NewsPage, NewsType


class LatestNewsBlock(PageListBlock):
    news_type = blocks.ChoiceBlock(
        label=_("Type"),
        choices=NewsType.choices,
        required=False,
        help_text=_("Leave empty for every type of news."),
    )
    pinned = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="news.NewsPage", label=_("News item")),
        label=_("Pinned news"),
        required=False,
        default=[],
        help_text=_("Shown first, in this order; the newest news fill the rest of the list."),
    )

    page_model = NewsPage
    index_model = NewsIndexPage

    class Meta:
        icon = "doc-full"
        label = _("Latest news")
        template = "news/blocks/latest_news.html"
        description = _("The newest news of this language, with pinned items first.")
        preview_value = {"count": 3}

    def listing(self, locale, value):
        news = (
            super()
            .listing(locale, value)
            .prefetch_related(
                Prefetch("lead_image", queryset=get_image_model().objects.prefetch_renditions(LISTING_IMAGE))
            )
            .order_by("-date", "-pk")
        )
        return news.filter(news_type=value["news_type"]) if value.get("news_type") else news
