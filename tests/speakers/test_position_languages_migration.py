"""Position titles written before translations stay the English text (speakers 0005)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("speakers", "0004_organisation_slug_required")
AFTER = ("speakers", "0005_event_texts_in_languages")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_existing_positions_fill_the_english_column():
    try:
        old = _migrate(BEFORE)
        person = old.get_model("speakers", "Person").objects.create(
            full_name="Ana Ruiz", slug="ana-ruiz", position="Head of Unit"
        )
        new = _migrate(AFTER)
        row = new.get_model("speakers", "Person").objects.get(pk=person.pk)
        assert (row.position, row.position_en, row.position_fr) == (
            "Head of Unit",
            "Head of Unit",
            None,
        )
    finally:
        call_command("migrate", verbosity=0)
