from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "network.news"
    label = "news"
    verbose_name = _("News")

    def ready(self):
        from core.feeds import register_feed_provider

        from .feeds import news_feed_links

        register_feed_provider("news", news_feed_links)
