"""The "Translators" group, beside Wagtail's "Editors" and "Moderators".

Translators reach the admin, start translations with wagtail-localize and save drafts of any
page (the translation editor is the page edit view), but never publish, unpublish, move,
delete or lock: their work goes live through the moderation workflow. Page permissions follow
the tree, not the language, so a translator may also save a draft of a source page; nothing a
translator saves is public until a moderator publishes it.
"""

from django.db import migrations

from ._groups import make_group, permission

GROUP_NAME = "Translators"
GLOBAL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    ("wagtail_localize", "translation", "submit_translation"),
]
PAGE_PERMISSIONS = ["change_page"]


def create_translators(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    group = make_group(apps, GROUP_NAME, GLOBAL_PERMISSIONS)
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=permission(apps, "wagtailcore", "page", codename)
            )


def remove_translators(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_translators, remove_translators)]
