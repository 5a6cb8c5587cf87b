"""The layout's import rules (README, Layout), read from the code itself.

- `core` is the foundation: it imports none of the apps above it (home, the network apps, the
  signatories, search) nor the project (cms). They reach it, never the other way round.
- The product's code imports neither the benchmarks (bench/) nor the tests.
"""

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.backend_independent

BASE_DIR = Path(__file__).resolve().parent.parent
ABOVE_CORE = {"home", "network", "signatories", "search", "cms"}
PRODUCT = ["cms", "core", "home", "network", "signatories", "search"]


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


def test_core_imports_no_app_above_it():
    assert imports_of("core", ABOVE_CORE) == []


@pytest.mark.parametrize("folder", PRODUCT)
def test_the_product_imports_neither_benchmarks_nor_tests(folder):
    assert imports_of(folder, {"bench", "tests"}) == []


def test_the_rule_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("def f():\n    from home.models import Footer\n    import network.news\n", encoding="utf-8")
    assert list(imported_modules(module)) == ["home.models", "network.news"]
