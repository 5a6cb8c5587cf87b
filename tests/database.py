"""Data built once for the tests that only read it.

A module fixture builds its rows inside `rolled_back`: a transaction that is undone when the module
ends. pytest-django runs each test of the module in a savepoint of that transaction, so what one
test changes no other test sees. Tests get fresh instances of the rows (`fresh`), never the
module's own objects, whose attributes a test might change in memory.
"""

from contextlib import contextmanager
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.models import signals
from factory.django import mute_signals


@contextmanager
def rolled_back(django_db_blocker):
    """Database access outside a test, in a transaction undone on leaving (for module fixtures)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def keys(instances):
    """{name: (model, primary key)} of {name: model instance}, to keep across tests."""
    return {name: (type(instance), instance.pk) for name, instance in instances.items()}


def fresh(keyed):
    """{name: instance} read again from the database, from what `keys` kept."""
    return {name: model._default_manager.get(pk=pk) for name, (model, pk) in keyed.items()}


# The demo content ----------------------------------------------------------------------------------

_demo_copy = {}


def demo_content(using=DEFAULT_DB_ALIAS):
    """Put the demo content (`manage.py load_demo`) in the database, which migrations left as they made it.

    The first call in a test process loads it; the following calls empty the tables and restore a
    copy of what that load made (rows as Django's serialized rollback keeps them), ten times faster.
    Inside a transaction (`rolled_back`) the content is gone at its end; outside it stays.
    """
    connection = connections[using]
    if using not in _demo_copy:
        call_command("load_demo", stdout=StringIO())
        _demo_copy[using] = connection.creation.serialize_db_to_string()
        return
    call_command(
        "flush", verbosity=0, interactive=False, database=using, reset_sequences=False, inhibit_post_migrate=True
    )
    # The rows are restored as they were, without the side effects of saving them anew (syncing
    # translation trees, indexing): receivers that ignore `raw` would otherwise run again.
    with mute_signals(signals.pre_save, signals.post_save, signals.m2m_changed):
        connection.creation.deserialize_db_from_string(_demo_copy[using])
    # Rows came back with their own keys: the next rows a test adds take the keys after them.
    models = [model for model in apps.get_models(include_auto_created=True) if router.allow_migrate_model(using, model)]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
