"""The fingerprint of every stored application, and one waiting application per submission.

Applications stored before this migration get their fingerprint; where two waiting ones are
alike, the oldest takes it and the others keep an empty one, so no row is changed or lost.
"""

from django.db import migrations, models

from network.applications.models import SUBMITTED_FIELDS, submission_fingerprint


def fingerprint_stored_applications(apps, schema_editor):
    Application = apps.get_model("applications", "Application")
    taken = set()
    for application in Application.objects.order_by("created_at", "pk").iterator():
        digest = submission_fingerprint({name: getattr(application, name) for name in SUBMITTED_FIELDS})
        if application.status == "received":
            if digest in taken:
                continue
            taken.add(digest)
        Application.objects.filter(pk=application.pk).update(fingerprint=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="fingerprint",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="A digest of what was submitted: the same submission sent twice is stored once.",
                max_length=64,
                verbose_name="fingerprint",
            ),
        ),
        migrations.RunPython(fingerprint_stored_applications, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "received"), models.Q(("fingerprint", ""), _negated=True)),
                fields=("fingerprint",),
                name="applications_one_waiting_per_submission",
            ),
        ),
    ]
