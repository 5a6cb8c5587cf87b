from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "network.applications"
    label = "applications"
    verbose_name = _("Applications")

    def ready(self):
        from django.db.models.signals import post_delete

        from .models import Application
        from .signals import delete_signed_agreement

        post_delete.connect(delete_signed_agreement, sender=Application, dispatch_uid="applications_delete_agreement")
