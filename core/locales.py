"""The configured languages as Wagtail locales."""

from django.conf import settings
from wagtail.models import Locale


def configured_language_codes():
    return [code for code, _name in settings.LANGUAGES]


def ensure_locales(**_kwargs):
    """Create a Locale for every configured language (run after each migrate)."""
    existing = set(Locale.objects.values_list("language_code", flat=True))
    Locale.objects.bulk_create(
        [Locale(language_code=code) for code in configured_language_codes() if code not in existing]
    )


def default_locale():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)
