from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    name = "network.agenda"
    label = "agenda"
    verbose_name = _("Agenda")

    def ready(self):
        from core.feeds import register_feed_provider

        from .feeds import agenda_feed_links

        register_feed_provider("agenda", agenda_feed_links)
