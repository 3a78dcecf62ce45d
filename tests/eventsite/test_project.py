"""Project plumbing: migrations, settings, management commands."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.support.processes import ROOT, run_python


@pytest.mark.django_db
def test_migrations_are_current():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"Model changes without a migration:\n{out.getvalue()}")
        raise exit_


OUR_APPS = ("speakers", "agenda", "registrations", "runofshow", "materials", "invitations")


@pytest.mark.parametrize("app", OUR_APPS)
def test_each_apps_migrations_form_one_line(app):
    """Parallel branches joined by a merge migration roll back wrongly on SQLite:
    unapplying one branch rebuilds the table with the other branch's columns. Rename
    a branch's migration onto the line before it lands instead of merging."""
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    nodes = [key for key in graph.nodes if key[0] == app]
    assert nodes, f"{app} has no migrations"
    forks = {
        key[1]: sorted(child[1] for child in graph.node_map[key].children if child[0] == app)
        for key in nodes
    }
    assert {name: kids for name, kids in forks.items() if len(kids) > 1} == {}
    assert len(graph.leaf_nodes(app)) == 1


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "events.example.org"}, "EVENTSITE_BASE_URL"),
    ],
)
def test_production_settings_fail_fast(env, missing):
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='eventsite.settings.prod'; django.setup()",
        **env,
    )
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set" in result.stderr


def test_production_settings_pass_check_deploy():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={
            # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their own process only.
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "eventsite.settings.prod",
            "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789-abcdef",
            "ALLOWED_HOSTS": "events.example.org",
            "EVENTSITE_BASE_URL": "https://events.example.org",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_local_admin_created_once_with_random_password(settings):
    settings.DEBUG = True
    first, second = StringIO(), StringIO()
    call_command("ensure_local_admin", stdout=first)
    call_command("ensure_local_admin", stdout=second)
    users = get_user_model().objects.filter(is_superuser=True)
    assert users.count() == 1
    password = first.getvalue().split("the password ")[1].split()[0]
    assert len(password) >= 16
    assert users.get().check_password(password)
    assert second.getvalue() == ""


@pytest.mark.django_db
def test_no_local_admin_without_debug(settings):
    settings.DEBUG = False
    call_command("ensure_local_admin", stdout=StringIO())
    assert not get_user_model().objects.exists()
