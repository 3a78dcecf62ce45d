"""Organisations get a web address from their name (speakers 0003/0004), forwards and backwards."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = ("speakers", "0002_single_line_text")
AFTER = ("speakers", "0004_organisation_slug_required")


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_names_become_unique_addresses_and_back():
    try:
        old = _migrate(BEFORE)
        Organisation = old.get_model("speakers", "Organisation")
        names = ["Café Forum", "Cafe Forum", "منظمة", "Jørgen Institute"]
        rows = [Organisation.objects.create(name=name) for name in names]

        new = _migrate(AFTER)
        slugs = dict(new.get_model("speakers", "Organisation").objects.values_list("pk", "slug"))
        assert [slugs[row.pk] for row in rows] == [
            "cafe-forum",
            "cafe-forum-2",
            "organisation",
            "jorgen-institute",
        ]

        back = _migrate(BEFORE)
        kept = back.get_model("speakers", "Organisation").objects.order_by("pk")
        assert [o.name for o in kept] == names
        assert "slug" not in {
            f.name for f in back.get_model("speakers", "Organisation")._meta.fields
        }
    finally:
        call_command("migrate", verbosity=0)


@pytest.mark.django_db
def test_a_new_organisation_derives_its_address_and_a_namesake_gets_the_next():
    from speakers.models import Organisation

    first = Organisation.objects.create(name="Vienna Migration Forum")
    second = Organisation(name="Vienna migration forum!")
    second.full_clean()  # fills the address before the constraints are checked
    second.save()
    assert (first.slug, second.slug) == ("vienna-migration-forum", "vienna-migration-forum-2")
