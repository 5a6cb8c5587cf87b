"""The layout's import rules (README, Layout), read from the code itself.

- `core` is the foundation: it imports none of the apps above it (home, the network apps, the
  signatories, search) nor the project (cms). They reach it, never the other way round.
- Each app imports only the apps `ALLOWED` names for it (the README's Layout table says why), so
  the graph has no cycle. Migrations name other apps as strings and are not read; an app's
  `demo.py` builds the demo site's content, which links across apps, and may import any app.
- The product's code imports neither the benchmarks (bench/) nor the tests.
"""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.backend_independent

BASE_DIR = Path(__file__).resolve().parent.parent
ABOVE_CORE = {"home", "legal", "network", "signatories", "search", "cms"}
PRODUCT = ["cms", "core", "home", "legal", "network", "signatories", "search"]

#: app -> the apps it may import (besides core, which every app may import). `search.backends`
#: is the search index's infrastructure: any app may index in bulk through it.
ALLOWED = {
    "core": set(),
    "search.backends": set(),
    "home": {
        "network.news",
        "network.agenda",
        "network.supporters",
        "signatories",
        "network.newsletter",
        "network.twinning",
    },
    "network.news": {"search.backends"},
    "network.agenda": {"network.news"},
    "network.supporters": {"network.news"},
    "signatories": {"network.news", "search.backends"},
    "legal": set(),
    "network.applications": {"network.supporters", "legal"},
    "network.newsletter": {"network.news", "network.agenda", "legal"},
    "network.twinning": {"signatories", "legal"},
    "network.contact": {"legal"},
    "network.aggregation": {"network.news", "network.supporters", "signatories", "network.twinning", "search.backends"},
    "search": {"search.backends", "network.aggregation"},
    "cms": {"*"},
}
#: The folders each app's code lives in (the longest match names the app of a module).
APP_OF_MODULE = sorted(ALLOWED, key=len, reverse=True)


def imported_modules(path):
    """The absolute module names `path` imports, at any depth of its code."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def imports_of(folder, forbidden):
    return sorted(
        f"{path.relative_to(BASE_DIR)} imports {module}"
        for path in (BASE_DIR / folder).rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in forbidden
    )


def app_of(module):
    for app in APP_OF_MODULE:
        if module == app or module.startswith(f"{app}."):
            return app
    return None


def module_of(path):
    return ".".join(path.relative_to(BASE_DIR).with_suffix("").parts)


def forbidden_imports():
    problems = []
    for folder in PRODUCT:
        for path in sorted((BASE_DIR / folder).rglob("*.py")):
            if "migrations" in path.parts or path.name == "demo.py":
                continue
            app = app_of(module_of(path))
            if app is None:  # network/__init__.py
                continue
            allowed = ALLOWED[app] | {app, "core"}
            for module in imported_modules(path):
                target = app_of(module)
                if target and target not in allowed and "*" not in allowed:
                    problems.append(f"{path.relative_to(BASE_DIR)} ({app}) imports {module} ({target})")
    return problems


def test_every_app_is_in_the_table():
    apps = {f"network.{path.parent.name}" for path in (BASE_DIR / "network").glob("*/apps.py")}
    apps |= {path.parent.name for path in BASE_DIR.glob("*/apps.py")}
    assert apps <= set(ALLOWED)


def test_each_app_imports_only_the_apps_below_it():
    assert forbidden_imports() == []


def test_the_table_has_no_cycle():
    def reaches(app, seen=()):
        for target in ALLOWED[app] - {"*"}:
            if target in seen or target == app:
                return True
            if reaches(target, (*seen, app)):
                return True
        return False

    assert [app for app in ALLOWED if reaches(app)] == []


def test_core_imports_no_app_above_it():
    assert imports_of("core", ABOVE_CORE) == []


@pytest.mark.parametrize("folder", PRODUCT)
def test_the_product_imports_neither_benchmarks_nor_tests(folder):
    assert imports_of(folder, {"bench", "tests"}) == []


def test_the_rule_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from home.models import Footer\n    import network.news\n", encoding="utf-8")
    assert list(imported_modules(module)) == ["home.models", "network.news"]
