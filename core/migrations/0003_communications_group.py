"""The "Communications" group: the records communications staff look after besides pages.

Expressions of interest (review and approval, supporters' status and role), newsletter
subscribers and sends, the outgoing email queue, the partner finder's requests and messages,
and the taxonomies (news categories, twinning themes). It holds no page rights: staff are
members of "Communications" and of "Moderators" (publish) or "Editors" (submit for review).
"""

from django.db import migrations

from ._groups import make_group

GROUP_NAME = "Communications"


def model_permissions(app_label, model, *actions):
    return [(app_label, model, f"{action}_{model}") for action in actions]


PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    *model_permissions("applications", "application", "view", "change"),
    ("supporters", "supporterpage", "manage_supporter_status"),
    *model_permissions("newsletter", "subscriber", "view", "delete"),
    *model_permissions("newsletter", "newslettersend", "view"),
    ("newsletter", "newslettersend", "send_newsletter"),
    *model_permissions("core", "outgoingemail", "view", "change"),
    *model_permissions("twinning", "partnershiprequest", "view", "change"),
    *model_permissions("twinning", "relaymessage", "view", "delete"),
    *model_permissions("twinning", "blockedsender", "view", "add", "delete"),
    *model_permissions("twinning", "partnershiptheme", "view", "add", "change", "delete"),
    *model_permissions("news", "newscategory", "view", "add", "change", "delete"),
]


def create_communications(apps, schema_editor):
    make_group(apps, GROUP_NAME, PERMISSIONS)


def remove_communications(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_translators_group"),
        ("applications", "0001_initial"),
        ("news", "0001_initial"),
        ("newsletter", "0001_initial"),
        ("supporters", "0001_initial"),
        ("twinning", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_communications, remove_communications)]
