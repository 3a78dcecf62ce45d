"""The layers of docs/architecture.md: import-linter's contracts and a plain import scan keep them."""

import ast
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
# Bottom first: an app may import the ones before it, never the ones after; apps
# of one layer ("a | b") are independent: neither imports the other.
# Read from import-linter's own contract, so a new app is checked the day it is added.
LAYERS = tuple(
    reversed(
        next(
            c["layers"]
            for c in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
                "contracts"
            ]
            if c["id"] == "layers"
        )
    )
)


def apps_of(layers) -> list[str]:
    return [app for layer in layers for app in layer.split(" | ")]


INJECTED = "from registrations import models as _registrations  # noqa: F401\n"


def layer_violations(root: Path) -> list[str]:
    """'agenda/views.py imports registrations' for every import that points up a layer
    (and every import of the project package from an app)."""
    found = []
    for rank, layer in enumerate(LAYERS):
        for app in apps_of([layer]):
            found += _violations(root, app, {*apps_of(LAYERS[rank:]), "eventsite"} - {app})
    return found


def _violations(root: Path, app: str, forbidden: set[str]) -> list[str]:
    found = []
    for path in sorted((root / app).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                if name.split(".")[0] in forbidden:
                    found.append(f"{path.relative_to(root)} imports {name}")
    return found


def copy_of_the_tree(target: Path) -> Path:
    for package in (*apps_of(LAYERS), "eventsite"):
        shutil.copytree(
            ROOT / package, target / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    if not LINT_IMPORTS.exists():
        pytest.fail(f"{LINT_IMPORTS} is missing: install the dev extra (pip install -e '.[dev]')")
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def tree_with_agenda_importing_registrations(tmp_path):
    tree = copy_of_the_tree(tmp_path / "tree")
    views = tree / "agenda" / "views.py"
    views.write_text(INJECTED + views.read_text())
    return tree


def test_the_tree_keeps_its_layers():
    assert layer_violations(ROOT) == []
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_agenda_importing_registrations_breaks_both_checks(
    tree_with_agenda_importing_registrations,
):
    tree = tree_with_agenda_importing_registrations
    assert layer_violations(tree) == ["agenda/views.py imports registrations"]
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "agenda.views -> registrations" in result.stdout


def test_common_importing_an_app_breaks_both_checks(tmp_path):
    tree = copy_of_the_tree(tmp_path / "tree")
    release = tree / "common" / "release.py"
    release.write_text("import speakers.models  # noqa: F401\n" + release.read_text())
    assert layer_violations(tree) == ["common/release.py imports speakers.models"]
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "common.release -> speakers.models" in result.stdout


def test_agenda_templates_name_no_later_app():
    """Template includes are imports import-linter cannot see: agenda's pages take
    other apps' blocks from agenda.hooks, never by name."""
    agenda_templates = [*(ROOT / "templates" / "agenda").rglob("*.html")]
    agenda_templates += [*(ROOT / "templates" / "admin" / "agenda").rglob("*.html")]
    assert agenda_templates
    naming = [
        str(p.relative_to(ROOT))
        for p in agenda_templates
        if any(app in p.read_text() for app in apps_of(LAYERS[3:]))
    ]
    assert naming == []
