"""The fingerprint migration keeps every stored application, and leaves duplicates without a clash."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from network.applications.models import SUBMITTED_FIELDS, submission_fingerprint

BEFORE = [("applications", "0001_initial")]
AFTER = [("applications", "0002_submission_fingerprint")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_stored_applications_get_their_fingerprint_and_none_is_lost():
    apps = migrate(BEFORE)
    Application = apps.get_model("applications", "Application")
    values = {
        "language": "tr",
        "organisation": "Marmara Belediyeler Birliği",
        "kind": "regional_association",
        "country": "TR",
        "website": "",
        "contact_name": "Deniz Kaya",
        "position": "Uzman",
        "email": "deniz@marmara.example",
        "phone": "",
        "member_authorities": 190,
        "motivation": "İklim eylemi.",
        "planned_services": ["training"],
        "planned_services_details": "",
    }
    now = timezone.now()
    first = Application.objects.create(**values, status="received", consented_at=now)
    twin = Application.objects.create(**values, status="received", consented_at=now)  # sent twice before
    reviewed = Application.objects.create(**values, status="rejected", consented_at=now)
    other = Application.objects.create(
        **{**values, "email": "other@marmara.example"}, status="received", consented_at=now
    )

    apps = migrate(AFTER)
    Application = apps.get_model("applications", "Application")
    stored = {row["id"]: row for row in Application.objects.values()}
    assert set(stored) == {first.pk, twin.pk, reviewed.pk, other.pk}
    digest = submission_fingerprint(values)
    assert stored[first.pk]["fingerprint"] == stored[reviewed.pk]["fingerprint"] == digest
    assert stored[twin.pk]["fingerprint"] == ""  # the later duplicate keeps its row, without the digest
    assert stored[other.pk]["fingerprint"] == submission_fingerprint({**values, "email": "other@marmara.example"})
    assert {row["organisation"] for row in stored.values()} == {values["organisation"]}
    assert set(SUBMITTED_FIELDS) <= set(stored[first.pk])
