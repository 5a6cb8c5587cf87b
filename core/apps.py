from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import signals
        from .locales import ensure_locales

        # Publishing and editing start a new cache generation and purge the front cache.
        signals.connect()

        # Locales follow settings.LANGUAGES: a new language in CMS_LANGUAGES gets its
        # locale at the next migrate, on every database, tests included.
        post_migrate.connect(ensure_locales, sender=self)
