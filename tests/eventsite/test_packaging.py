"""The installable package and the lock files: a wheel that works outside the checkout."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

import pytest

from tests.support.processes import ROOT

REQUIREMENTS = ROOT / "requirements"
NOT_SOURCES = (".git", ".venv", "node_modules", "artifacts", "build", "*.egg-info", "db.sqlite3*",
               "staticfiles", "media", ".*_cache", "__pycache__", ".hypothesis")  # fmt: skip


def pins(path: Path) -> dict[str, str]:
    """{normalised name: version} of a lock file; every pin must carry a hash."""
    text = path.read_text()
    found = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)", block)
        if match:
            assert "--hash=sha256:" in block, f"{path.name}: {match[1]} has no hash"
            found[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return found


def declared(group: str | None) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = project["dependencies"] if group is None else project["optional-dependencies"][group]
    return {
        re.sub(r"[-_.]+", "-", re.split(r"[\[<>=!~; ]", spec, maxsplit=1)[0]).lower()
        for spec in specs
    }


def test_the_lock_files_pin_everything_pyproject_declares():
    base, dev = pins(REQUIREMENTS / "base.txt"), pins(REQUIREMENTS / "dev.txt")
    assert declared(None) <= set(base), "run `make lock`: base.txt lacks a runtime dependency"
    assert declared(None) | declared("dev") <= set(dev), "run `make lock`: dev.txt lacks one"
    assert {"setuptools", "wheel"} <= set(base)  # the editable install builds without isolation
    # One version of each package, whichever install it came from.
    assert {name: dev[name] for name in base} == base
    # Test tools stay out of the runtime install.
    assert not {"pytest", "playwright", "hypothesis"} & set(base)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A wheel built from the checkout, installed with the runtime lock into a fresh venv
    outside it."""
    work = tmp_path_factory.mktemp("package")
    # Built from a copy: setuptools writes build/ and egg-info next to the sources.
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCES))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(work / "dist"), str(source)],
        check=True, capture_output=True, text=True, cwd=work,
    )  # fmt: skip
    (wheel,) = (work / "dist").glob("eventsite-*.whl")
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / "bin" / "python"
    for args in (
        ["--require-hashes", "-r", str(REQUIREMENTS / "base.txt")],
        ["--no-deps", str(wheel)],
    ):
        result = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", *args], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
    return work


def eventsite(work: Path, *args: str) -> subprocess.CompletedProcess:
    site = work / "site"
    site.mkdir(exist_ok=True)
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "a-long-random-production-secret-key-for-the-package-test-0123456789",
        "ALLOWED_HOSTS": "events.example.org,testserver",
        "EVENTSITE_BASE_URL": "https://events.example.org",
        "DATABASE_URL": f"sqlite:///{site / 'db.sqlite3'}",
        "EVENTSITE_VAR_DIR": str(site),
    }
    return subprocess.run(
        [str(work / "venv" / "bin" / "eventsite"), *args],
        cwd=site, env=env, capture_output=True, text=True,
    )  # fmt: skip


@pytest.mark.xdist_group("live")
def test_the_wheel_runs_outside_the_checkout(installed):
    where = eventsite(
        installed, "shell", "--no-imports", "-c", "import eventsite; print(eventsite.__file__)"
    )
    assert where.returncode == 0, where.stderr
    assert str(ROOT) not in where.stdout
    assert "site-packages" in where.stdout

    deploy = eventsite(installed, "check", "--deploy", "--fail-level", "WARNING")
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr

    assert eventsite(installed, "migrate", "--no-input", "-v", "0").returncode == 0
    seed = eventsite(installed, "seed-path").stdout.strip()
    assert "site-packages" in seed
    imported = eventsite(installed, "import_event", seed)
    assert imported.returncode == 0, imported.stderr
    collected = eventsite(installed, "collectstatic", "--no-input", "-v", "0")
    assert collected.returncode == 0, collected.stderr

    # The packaged templates and static files render the seed's page.
    page = eventsite(
        installed, "shell", "--no-imports", "-c",
        "from django.test import Client;"
        "r = Client().get('/events/counter-migrant-smuggling-vienna-2017/', secure=True);"
        "print('STATUS', r.status_code); print(r.content.decode())",
    )  # fmt: skip
    assert page.returncode == 0, page.stderr
    html = page.stdout.split("STATUS ", 1)[1]
    assert html.startswith("200\n")
    assert "Board Room A" in html
    assert "13:15" in html
    assert (installed / "site" / "db.sqlite3").exists()
    assert (installed / "site" / "staticfiles").is_dir()
