"""The interface speaks every shipped language: catalogues complete, compiled, and covering the code."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from tests.services import require

# Files only: no database.
pytestmark = pytest.mark.backend_independent

SHIPPED = ["tr", "tk", "ru"]
SOURCE_DIRS = ["cms", "core", "home", "legal", "network", "signatories", "search", "templates", "locale"]


def catalogue(code, base=None):
    return polib.pofile(str(Path(base or settings.BASE_DIR) / "locale" / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", SHIPPED)
def test_catalogue_is_complete(code):
    po = catalogue(code)
    assert len(po) > 100
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize("code", SHIPPED)
def test_compiled_catalogue_matches_its_source(code):
    po = catalogue(code)
    mo = polib.mofile(str(Path(settings.BASE_DIR) / "locale" / code / "LC_MESSAGES" / "django.mo"))
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in mo}
    source = {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in po.translated_entries()}
    assert compiled == source, "run `make messages` to recompile"


def test_catalogues_cover_every_string_of_the_code(tmp_path):
    """Extract the strings again into a copy of the code: nothing new may be left untranslated."""
    require(
        shutil.which("xgettext") is None and "GNU gettext (xgettext) is not installed", "the catalogue coverage check"
    )
    for name in [*SOURCE_DIRS, "manage.py"]:
        source = Path(settings.BASE_DIR) / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "static"))
        else:
            shutil.copy(source, target)
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", *[f"-l{code}" for code in SHIPPED]]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"}
    subprocess.run(command, cwd=tmp_path, env=environment, check=True, capture_output=True)  # noqa: S603
    for code in SHIPPED:
        missing = [entry.msgid for entry in catalogue(code, tmp_path).untranslated_entries()]
        assert missing == [], f"{code}: strings without a translation (run `make messages` and translate them)"
