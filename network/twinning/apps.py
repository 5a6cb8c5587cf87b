from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TwinningConfig(AppConfig):
    name = "network.twinning"
    label = "twinning"
    verbose_name = _("Twinning partner finder")

    def ready(self):
        from . import signals  # noqa: F401
