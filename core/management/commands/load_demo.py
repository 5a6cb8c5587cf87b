"""Load the demo site: the page tree in every locale, with content from the seed documents.

Idempotent: a second run finds everything in place and changes nothing.
"""

import importlib

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale

from core.demo_context import DemoContext
from core.locales import ensure_locales
from core.translation import synchronise_trees

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "network-admin"  # noqa: S105 - the documented demo login, printed by the README


def demo_modules():
    """Each installed app's `demo` module, in INSTALLED_APPS order."""
    modules = []
    for app_config in apps.get_app_configs():
        try:
            modules.append(importlib.import_module(f"{app_config.name}.demo"))
        except ModuleNotFoundError as error:
            if error.name != f"{app_config.name}.demo":
                raise
    return modules


class Command(BaseCommand):
    help = "Load the demo content (safe to run again)."

    def handle(self, *args, **options):
        ensure_locales()
        user = self.admin_user()
        locales = {code: Locale.objects.get(language_code=code) for code, _name in settings.LANGUAGES}
        demo = DemoContext(user=user, locales=locales)
        modules = demo_modules()
        with transaction.atomic():
            for module in modules:
                module.load(demo)
        # Untranslated pages become aliases in the other locales (outside the atomic block:
        # wagtail-localize publishes translations on commit).
        synchronise_trees()
        with transaction.atomic():
            for module in modules:
                if hasattr(module, "finish"):
                    module.finish(demo)
        if demo.created:
            self.stdout.write(f"Created {len(demo.created)} demo objects.")
        else:
            self.stdout.write("Demo content already loaded; nothing changed.")

    def admin_user(self):
        User = get_user_model()
        user = User.objects.filter(username=ADMIN_USERNAME).first()
        if user is None:
            user = User.objects.create_superuser(ADMIN_USERNAME, "admin@example.org", ADMIN_PASSWORD)
            self.stdout.write(f"Created the admin user {ADMIN_USERNAME!r}.")
        return user
