"""Helpers for the migrations that make the default groups (Django's loader skips `_` modules).

Permissions are looked up by app label and codename, and made when missing: the permissions of
models are created only after the migrations of a new database have run.
"""


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    if found is None:
        found = Permission.objects.create(
            content_type=content_type, codename=codename, name=f"Can {codename.replace('_', ' ')}"
        )
    return found


def make_group(apps, name, permissions):
    """The group `name` with at least `permissions`, given as (app_label, model, codename)."""
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=name)
    group.permissions.add(*[permission(apps, *names) for names in permissions])
    return group
