"""The twinning projects belong to the twinning app now: their tables have its names (0002), and
its migration 0002 has taken over the models, before this runs. Only this app's state of them goes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("signatories", "0002_twinning_tables_renamed"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="TwinningPartner"),
                migrations.DeleteModel(name="TwinningPage"),
                migrations.DeleteModel(name="TwinningIndexPage"),
                migrations.DeleteModel(name="TwinningProgramme"),
            ],
        ),
    ]
