"""The twinning projects move here from the signatories app, rows and ids unchanged.

Their tables already have this app's names (signatories 0002 renamed them): this takes over the
models' state, and gives their content types this app's label with the same ids, so that every
page, revision, permission, log entry and translation source keeps pointing at them. The
signatories app lets go of the models in its 0003, after this one and the aggregation app's 0004
(whose foreign key to the programmes changes app).
"""

import django.core.validators
import django.db.models.deletion
import django_countries.fields
import modelcluster.fields
import uuid
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

#: The moved models, as content types name them.
MOVED_MODELS = ["twinningprogramme", "twinningindexpage", "twinningpage", "twinningpartner"]

YEAR_VALIDATORS = [django.core.validators.MinValueValidator(1900), django.core.validators.MaxValueValidator(2100)]


def relabel_content_types(old_app, new_app):
    def relabel(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        moved = ContentType.objects.filter(app_label=old_app, model__in=MOVED_MODELS)
        if moved.exists():
            # A content type created for the new label before this ran (by a `migrate` of an
            # older checkout) points at nothing yet: the moved one, with its ids, replaces it.
            ContentType.objects.filter(app_label=new_app, model__in=moved.values("model")).delete()
            moved.update(app_label=new_app)
        from django.contrib.contenttypes.models import ContentType as LiveContentType

        LiveContentType.objects.clear_cache()

    return relabel


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("signatories", "0002_twinning_tables_renamed"),
        ("twinning", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]
    run_before = [("signatories", "0003_twinning_projects_moved")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TwinningProgramme",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                        ("name", models.CharField(max_length=255, verbose_name="name")),
                        ("acronym", models.CharField(blank=True, max_length=40, verbose_name="short name")),
                        (
                            "slug",
                            models.SlugField(
                                help_text="Used in the twinning filter's address; the same in every language.",
                                max_length=60,
                                verbose_name="slug",
                            ),
                        ),
                        ("website", models.URLField(blank=True, verbose_name="website")),
                        ("description", models.TextField(blank=True, verbose_name="description")),
                        (
                            "locale",
                            models.ForeignKey(
                                editable=False,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="wagtailcore.locale",
                                verbose_name="locale",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "twinning programme",
                        "verbose_name_plural": "twinning programmes",
                        "ordering": ["name"],
                        "abstract": False,
                        "unique_together": {("translation_key", "locale")},
                        "constraints": [
                            models.UniqueConstraint(fields=("slug", "locale"), name="unique_programme_slug_per_locale")
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="TwinningIndexPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "listing_summary",
                            models.TextField(
                                blank=True,
                                help_text="One or two sentences shown in listings, search results and feeds.",
                                verbose_name="listing summary",
                            ),
                        ),
                        ("introduction", models.TextField(blank=True, verbose_name="introduction")),
                    ],
                    options={"verbose_name": "twinning index"},
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="TwinningPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "listing_summary",
                            models.TextField(
                                blank=True,
                                help_text="One or two sentences shown in listings, search results and feeds.",
                                verbose_name="listing summary",
                            ),
                        ),
                        ("project_title", models.CharField(max_length=255, verbose_name="project title")),
                        (
                            "theme",
                            models.CharField(
                                choices=[
                                    ("climate_energy", "Climate and energy"),
                                    ("climate_adaptation", "Climate adaptation and resilience"),
                                    ("environment", "Environment"),
                                    ("circular_economy", "Waste and circular economy"),
                                    ("smart_cities", "Smart cities"),
                                    ("mobility", "Green transport"),
                                    ("water", "Water management"),
                                    ("nature", "Nature-based solutions"),
                                    ("tourism", "Sustainable tourism"),
                                    ("culture", "Culture and creativity"),
                                    ("democracy", "Democratic participation"),
                                    ("migration", "Migration"),
                                    ("rural_development", "Rural development"),
                                    ("employment", "Employment and youth"),
                                ],
                                db_index=True,
                                max_length=30,
                                verbose_name="theme",
                            ),
                        ),
                        (
                            "start_year",
                            models.PositiveSmallIntegerField(validators=YEAR_VALIDATORS, verbose_name="start year"),
                        ),
                        (
                            "end_year",
                            models.PositiveSmallIntegerField(
                                blank=True, null=True, validators=YEAR_VALIDATORS, verbose_name="end year"
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[("planned", "Planned"), ("ongoing", "Ongoing"), ("completed", "Completed")],
                                default="ongoing",
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        ("description", wagtail.fields.RichTextField(blank=True, verbose_name="description")),
                        (
                            "programme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="twinning.twinningprogramme",
                                verbose_name="programme",
                            ),
                        ),
                    ],
                    options={"verbose_name": "twinning project"},
                    bases=("wagtailcore.page",),
                ),
                migrations.CreateModel(
                    name="TwinningPartner",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                        ("name", models.CharField(blank=True, max_length=255, verbose_name="name")),
                        (
                            "country",
                            django_countries.fields.CountryField(blank=True, max_length=2, verbose_name="country"),
                        ),
                        ("is_lead", models.BooleanField(default=False, verbose_name="lead partner")),
                        (
                            "page",
                            modelcluster.fields.ParentalKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="partners",
                                to="twinning.twinningpage",
                            ),
                        ),
                        (
                            "signatory",
                            models.ForeignKey(
                                blank=True,
                                help_text=(
                                    "Leave empty for an authority that is not a signatory, and enter its name and "
                                    "country."
                                ),
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="signatories.signatorypage",
                                verbose_name="signatory",
                            ),
                        ),
                    ],
                    options={"verbose_name": "partner", "ordering": ["sort_order"], "abstract": False},
                ),
            ],
        ),
        migrations.RunPython(
            relabel_content_types("signatories", "twinning"),
            relabel_content_types("twinning", "signatories"),
        ),
    ]
