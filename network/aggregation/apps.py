from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AggregationConfig(AppConfig):
    name = "network.aggregation"
    label = "aggregation"
    verbose_name = _("From the network")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core.feeds import register_feed_provider

        from .feeds import network_feed_links
        from .listing import forget_sources
        from .models import FeedSource

        register_feed_provider("network", network_feed_links)
        # Profiles and search skip the items query when no source could have items (listing.py).
        post_save.connect(forget_sources, sender=FeedSource, dispatch_uid="aggregation.source_saved")
        post_delete.connect(forget_sources, sender=FeedSource, dispatch_uid="aggregation.source_deleted")
