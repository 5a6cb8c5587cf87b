"""Data built once for the tests that only read it.

A module fixture builds its rows inside `rolled_back`: a transaction that is undone when the module
ends. pytest-django runs each test of the module in a savepoint of that transaction, so what one
test changes no other test sees. Tests get fresh instances of the rows (`fresh`), never the
module's own objects, whose attributes a test might change in memory.
"""

from contextlib import contextmanager

from django.db import transaction


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
