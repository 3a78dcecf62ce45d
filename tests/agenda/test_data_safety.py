"""Backups and migrations: nothing is lost on the way out and back in."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from agenda.models import Event

BACKED_UP_APPS = ("speakers", "agenda")


def snapshot() -> dict[str, list[dict]]:
    """Every row of every model (history included), field by field."""
    rows = {}
    for app_label in BACKED_UP_APPS:
        for model in apps.get_app_config(app_label).get_models():
            fields = [f.name for f in model._meta.concrete_fields]
            rows[model._meta.label] = [
                {name: getattr(obj, model._meta.get_field(name).attname) for name in fields}
                for obj in model.objects.order_by("pk")
            ]
    return rows


@pytest.mark.django_db(transaction=True)
def test_dumpdata_loaddata_round_trip(tmp_path, seed_event):
    event = Event.objects.get(pk=seed_event.pk)
    event.context += "\n\nAn organiser's edit, so that history has two entries."
    event.save()
    before = snapshot()
    assert before["agenda.HistoricalEvent"], "history should be part of the backup"
    assert sum(len(v) for v in before.values()) > 40

    # XML, not JSON: Django's JSON encoder cuts datetimes to milliseconds.
    dump = tmp_path / "backup.xml"
    call_command("dumpdata", *BACKED_UP_APPS, format="xml", output=str(dump))
    call_command("flush", "--no-input")
    assert not Event.objects.exists()
    call_command("loaddata", str(dump), stdout=StringIO())

    assert snapshot() == before
    assert "Jørgen Carling" in dump.read_text(encoding="utf-8")


@pytest.mark.django_db(transaction=True)
def test_migrations_apply_backwards_and_forwards():
    try:
        call_command("migrate", "agenda", "zero", verbosity=0)
        call_command("migrate", "speakers", "zero", verbosity=0)
        tables = connection.introspection.table_names()
        assert "agenda_event" not in tables
        assert "speakers_person" not in tables
    finally:
        call_command("migrate", verbosity=0)
    tables = connection.introspection.table_names()
    assert "agenda_event" in tables
    assert not MigrationExecutor(connection).migration_plan(
        MigrationExecutor(connection).loader.graph.leaf_nodes()
    )
