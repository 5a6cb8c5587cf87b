"""Communications staff read the contact messages, mark them answered, export them and delete them on request."""

from django.db import migrations

PERMISSIONS = [("contact", "contactmessage", f"{action}_contactmessage") for action in ("view", "change", "delete")]


def grant(apps, schema_editor):
    from core.migrations._groups import make_group

    make_group(apps, "Communications", PERMISSIONS)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="Communications").first()
    if group is not None:
        codenames = [codename for _app, _model, codename in PERMISSIONS]
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="contact", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("contact", "0001_initial"), ("core", "0003_communications_group")]

    operations = [migrations.RunPython(grant, revoke)]
