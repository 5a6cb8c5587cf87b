"""cms.settings.production as a deployment loads it: Django's deployment checks, and tasks off the request.

Each case runs in a process of its own, since the settings read the environment when imported.
"""

import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.backend_independent

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "production-settings-under-test-0123456789abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "network.example.org",
}


def run(*args, **environment):
    # As a deployment runs: nothing of the test run's own environment that changes the settings or checks.
    ignored = {"TASK_BACKEND", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env.update(PRODUCTION, **environment)
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, check=False
    )


def test_the_deployment_checks_pass_without_a_warning():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_tasks_go_to_the_database_queue_by_default():
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"
    )
    result = run("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend"


def test_the_immediate_backend_is_refused():
    result = run("manage.py", "check", TASK_BACKEND="django_tasks.backends.immediate.ImmediateBackend")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "db_worker" in result.stderr
