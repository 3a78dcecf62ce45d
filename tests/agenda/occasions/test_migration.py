"""The data migration that turns occasion/theme/room/building texts into rows, forwards and backwards."""

from datetime import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.support.builders import seed_data

BEFORE = ("agenda", "0003_single_line_text")
AFTER = ("agenda", "0005_occasions_from_text")
TEXTS = ("occasion", "theme", "room", "building", "city", "country")


def _apps_at(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.loader.project_state(target).apps


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])


def _seed_row(apps, **overrides):
    """The seed's event as today's schema holds it (the event row, with every text)."""
    data = seed_data()["event"]
    Event = apps.get_model("agenda", "Event")
    fields = {
        f.name: data[f.name]
        for f in Event._meta.concrete_fields
        if f.name in data and f.name not in ("start", "end", "uid")
    }
    fields.update(
        uid=data["uid"],
        start=datetime.fromisoformat(data["start"]),
        end=datetime.fromisoformat(data["end"]),
    )
    fields.update(overrides)
    return Event.objects.create(**fields)


@pytest.mark.django_db(transaction=True)
def test_the_seed_moves_into_rows_and_back_without_losing_a_character():
    try:
        _migrate(BEFORE)
        old = _apps_at(BEFORE)
        seed = _seed_row(old)
        twin = _seed_row(
            old, uid="6f1f3f8e-2b7a-4c1e-9d2f-8a4e5c9b1d02", slug="twin", room="Room M1"
        )
        loose = _seed_row(
            old,
            uid="6f1f3f8e-2b7a-4c1e-9d2f-8a4e5c9b1d03",
            slug="loose",
            occasion="",
            theme="A theme\nwith two lines",
            room="",
            status="draft",
        )
        before = {
            e.pk: {n: getattr(e, n) for n in TEXTS}
            for e in old.get_model("agenda", "Event").objects.all()
        }

        _migrate(AFTER)
        new = _apps_at(AFTER)
        Event = new.get_model("agenda", "Event")
        Occasion = new.get_model("agenda", "Occasion")
        data = seed_data()["event"]
        migrated = Event.objects.select_related("occasion_ref", "room_ref__venue").get(pk=seed.pk)
        occasion = migrated.occasion_ref
        assert occasion.name == data["occasion"]
        assert occasion.theme == data["theme"]
        assert occasion.time_zone == "Europe/Vienna"
        assert (occasion.city, occasion.country) == ("Vienna", "Austria")
        assert occasion.status == "published"
        assert str(occasion.starts_on) == "2017-09-04"
        assert occasion.slug.startswith("fifth-informal-thematic-session")
        assert migrated.room_ref.name == "Board Room A"
        assert migrated.room_ref.building == "Vienna International Centre"
        assert migrated.room_ref.venue.name == "Vienna International Centre"
        # Same name and theme: one occasion; same building: one venue, two rooms.
        twin_row = Event.objects.select_related("room_ref").get(pk=twin.pk)
        assert twin_row.occasion_ref_id == occasion.pk
        assert twin_row.room_ref.venue_id == migrated.room_ref.venue_id
        assert twin_row.room_ref_id != migrated.room_ref_id
        loose_row = Event.objects.select_related("occasion_ref").get(pk=loose.pk)
        assert loose_row.occasion_ref.name == "A theme with two lines"
        assert loose_row.occasion_ref.theme == "A theme\nwith two lines"
        assert loose_row.occasion_ref.status == "draft"
        assert loose_row.room_ref is None
        assert Occasion.objects.count() == 2
        assert {e.pk: {n: getattr(e, n) for n in TEXTS} for e in Event.objects.all()} == before

        _migrate(BEFORE)
        back = _apps_at(BEFORE).get_model("agenda", "Event")
        assert {e.pk: {n: getattr(e, n) for n in TEXTS} for e in back.objects.all()} == before
    finally:
        call_command("migrate", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_backwards_gives_an_event_linked_only_by_rows_its_texts():
    try:
        _migrate(AFTER)
        apps = _apps_at(AFTER)
        Venue, Room = apps.get_model("agenda", "Venue"), apps.get_model("agenda", "Room")
        Occasion = apps.get_model("agenda", "Occasion")
        room = Room.objects.create(
            venue=Venue.objects.create(name="VIC", city="Vienna", country="Austria"),
            name="M2",
            building="M",
        )
        occasion = Occasion.objects.create(
            name="Session",
            slug="session",
            theme="Theme",
            starts_on="2030-01-01",
            ends_on="2030-01-02",
            time_zone="Europe/Vienna",
        )
        event = _seed_row(
            apps,
            occasion="",
            theme="",
            room="",
            building="",
            city="",
            country="",
            room_ref=room,
            occasion_ref=occasion,
        )
        _migrate(BEFORE)
        row = _apps_at(BEFORE).get_model("agenda", "Event").objects.get(pk=event.pk)
        assert (row.occasion, row.theme) == ("Session", "Theme")
        assert (row.room, row.building, row.city, row.country) == ("M2", "M", "Vienna", "Austria")
    finally:
        call_command("migrate", verbosity=0)
