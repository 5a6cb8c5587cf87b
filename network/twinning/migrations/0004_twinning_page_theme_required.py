"""A twinning project's theme is required, and the former codes go (0003 gave every project its theme)."""

import django.db.models.deletion
from django.db import migrations, models

import network.twinning.models


class Migration(migrations.Migration):
    dependencies = [
        ("twinning", "0003_twinning_page_theme_from_taxonomy"),
    ]

    operations = [
        migrations.AlterField(
            model_name="twinningpage",
            name="theme",
            field=models.ForeignKey(
                limit_choices_to=network.twinning.models.default_locale_themes,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="twinning.partnershiptheme",
                verbose_name="theme",
            ),
        ),
        # Blank, so that going back adds the column again with "" in every row until the codes come back.
        migrations.AlterField(
            model_name="twinningpage",
            name="theme_code",
            field=models.CharField(blank=True, db_index=True, max_length=30, verbose_name="theme"),
        ),
        migrations.RemoveField(model_name="twinningpage", name="theme_code"),
    ]
