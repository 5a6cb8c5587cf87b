from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportersConfig(AppConfig):
    name = "network.supporters"
    label = "supporters"
    verbose_name = _("Supporters")

    def ready(self):
        from wagtail.signals import page_published

        from .models import SupporterPage
        from .signals import follow_in_every_locale

        page_published.connect(follow_in_every_locale, sender=SupporterPage, dispatch_uid="supporters_follow_locales")
