"""A feed source's programme is the twinning app's TwinningProgramme now: the same table (renamed
by signatories 0002) and the same rows, so only the state of the foreign key changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("aggregation", "0003_networknewsindexpage"),
        ("twinning", "0002_twinning_projects"),
    ]
    run_before = [("signatories", "0003_twinning_projects_moved")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="feedsource",
                    name="programme",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="twinning.twinningprogramme",
                        verbose_name="programme",
                    ),
                ),
            ],
        ),
    ]
