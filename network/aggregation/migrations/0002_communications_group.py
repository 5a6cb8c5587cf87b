"""Communications staff manage the news sources and moderate the items they bring."""

from django.db import migrations

PERMISSIONS = [
    *[("aggregation", "feedsource", f"{action}_feedsource") for action in ("view", "add", "change", "delete")],
    *[("aggregation", "feeditem", f"{action}_feeditem") for action in ("view", "change")],
    ("aggregation", "fetchrecord", "view_fetchrecord"),
]


def grant(apps, schema_editor):
    from core.migrations._groups import make_group

    make_group(apps, "Communications", PERMISSIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Communications").first()
    if group is not None:
        codenames = [codename for _app, _model, codename in PERMISSIONS]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="aggregation", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("aggregation", "0001_initial"), ("core", "0003_communications_group")]

    operations = [migrations.RunPython(grant, revoke)]
