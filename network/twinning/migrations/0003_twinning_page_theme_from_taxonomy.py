"""One list of themes: a twinning project's theme becomes a theme of the taxonomy (PartnershipTheme).

Each code of the former fixed list maps to the theme of the taxonomy that says the same; the two
the taxonomy lacked ("climate and energy", "environment") become new themes. A theme missing from
the database is created in the default language, with its English name, and in each other
language whose catalogue translates that name. Revisions and translation sources of the pages
hold the theme too: they get the theme's id, so that editing, reverting and synchronising
translations keep working.

Going back, each theme gets its former code again; a theme chosen since, which had none, keeps
its slug as code. The theme becomes required, and the codes go, in 0004: PostgreSQL alters no
table whose rows changed in the same transaction.
"""

import json

import django.db.models.deletion
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import migrations, models
from django.utils import translation
from django.utils.translation import gettext_noop

import network.twinning.models

#: Each code of the former list, and the slug of the taxonomy's theme it became.
THEME_OF_CODE = {
    "climate_energy": "climate-energy",
    "climate_adaptation": "adaptation",
    "environment": "environment",
    "circular_economy": "waste",
    "smart_cities": "smart-city",
    "mobility": "mobility",
    "water": "water",
    "nature": "nature",
    "tourism": "tourism",
    "culture": "culture",
    "democracy": "participation",
    "migration": "migration",
    "rural_development": "rural-development",
    "employment": "youth-employment",
}
CODE_OF_THEME = {slug: code for code, slug in THEME_OF_CODE.items()}

#: The English name of each of those themes, for a database that does not have it yet.
ENGLISH_NAMES = {
    "climate-energy": gettext_noop("Climate and energy"),
    "adaptation": "Adaptation and disaster resilience",
    "environment": gettext_noop("Environment"),
    "waste": "Waste and recycling",
    "smart-city": "Smart city",
    "mobility": "Green transport and mobility",
    "water": "Water management",
    "nature": "Nature-based solutions",
    "tourism": "Sustainable tourism",
    "culture": "Culture",
    "participation": "Democratic participation",
    "migration": "Migration",
    "rural-development": "Rural development",
    "youth-employment": "Youth and employment",
}


def default_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    return locale


def ensure_theme(apps, slug, english, source_locale):
    """The default language's theme of this slug, created (and translated) if missing."""
    PartnershipTheme = apps.get_model("twinning", "PartnershipTheme")
    Locale = apps.get_model("wagtailcore", "Locale")
    theme = PartnershipTheme.objects.filter(slug=slug, locale=source_locale).first()
    if theme is not None:
        return theme
    theme = PartnershipTheme.objects.create(slug=slug, name=english, locale=source_locale)
    for locale in Locale.objects.exclude(pk=source_locale.pk):
        with translation.override(locale.language_code):
            name = translation.gettext(english)
        if name != english and not PartnershipTheme.objects.filter(slug=slug, locale=locale).exists():
            PartnershipTheme.objects.create(
                slug=slug, name=name, locale=locale, translation_key=theme.translation_key, sort_order=theme.sort_order
            )
    return theme


def page_content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.filter(app_label="twinning", model="twinningpage").first()


def stored_versions(apps):
    """(revisions, translation sources) of the twinning pages: they hold the theme as the page had it."""
    Revision = apps.get_model("wagtailcore", "Revision")
    TranslationSource = apps.get_model("wagtail_localize", "TranslationSource")
    content_type = page_content_type(apps)
    if content_type is None:
        return Revision.objects.none(), TranslationSource.objects.none()
    return (
        Revision.objects.filter(content_type=content_type),
        TranslationSource.objects.filter(specific_content_type=content_type),
    )


def rewrite_stored_versions(apps, convert):
    """Replace the `theme` of every revision and translation source of a twinning page by convert(theme)."""
    revisions, sources = stored_versions(apps)
    for revision in revisions.only("content").iterator():
        if revision.content.get("theme") is not None:
            revision.content["theme"] = convert(revision.content["theme"])
            revision.save(update_fields=["content"])
    for source in sources.only("content_json").iterator():
        content = json.loads(source.content_json)
        if content.get("theme") is not None:
            content["theme"] = convert(content["theme"])
            source.content_json = json.dumps(content, cls=DjangoJSONEncoder)
            source.save(update_fields=["content_json"])


def themes_from_codes(apps, schema_editor):
    TwinningPage = apps.get_model("twinning", "TwinningPage")
    if not TwinningPage.objects.exists():
        return
    source_locale = default_locale(apps)
    theme_ids = {}

    def theme_id(code):
        if code not in theme_ids:
            slug = THEME_OF_CODE.get(code)
            if slug is None:  # a code the list never had: a theme of its own, named after it
                slug, english = code.replace("_", "-"), code.replace("_", " ").capitalize()
            else:
                english = ENGLISH_NAMES[slug]
            theme_ids[code] = ensure_theme(apps, slug, english, source_locale).pk
        return theme_ids[code]

    for code in TwinningPage.objects.values_list("theme_code", flat=True).distinct():
        TwinningPage.objects.filter(theme_code=code).update(theme_id=theme_id(code))
    rewrite_stored_versions(apps, theme_id)


def codes_from_themes(apps, schema_editor):
    TwinningPage = apps.get_model("twinning", "TwinningPage")
    PartnershipTheme = apps.get_model("twinning", "PartnershipTheme")
    codes = {
        pk: CODE_OF_THEME.get(slug, slug.replace("-", "_")[:30])
        for pk, slug in PartnershipTheme.objects.values_list("pk", "slug")
    }
    for theme_id in TwinningPage.objects.values_list("theme_id", flat=True).distinct():
        TwinningPage.objects.filter(theme_id=theme_id).update(theme_code=codes[theme_id])
    rewrite_stored_versions(apps, lambda theme_id: codes.get(theme_id, ""))


class Migration(migrations.Migration):
    dependencies = [
        ("twinning", "0002_twinning_projects"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RenameField(model_name="twinningpage", old_name="theme", new_name="theme_code"),
        migrations.AddField(
            model_name="twinningpage",
            name="theme",
            field=models.ForeignKey(
                null=True,
                limit_choices_to=network.twinning.models.default_locale_themes,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="twinning.partnershiptheme",
                verbose_name="theme",
            ),
        ),
        migrations.RunPython(themes_from_codes, codes_from_themes),
    ]
