"""The twinning projects move to the twinning app: first their tables take its names, rows and
ids unchanged (any foreign key to them follows the rename). The twinning app's 0002 then takes
over the models, and this app's 0003 lets go of them."""

from django.db import migrations

MOVED_MODELS = ["twinningprogramme", "twinningindexpage", "twinningpage", "twinningpartner"]


class Migration(migrations.Migration):
    dependencies = [
        ("signatories", "0001_initial"),
    ]

    operations = [migrations.AlterModelTable(name=model, table=f"twinning_{model}") for model in MOVED_MODELS]
