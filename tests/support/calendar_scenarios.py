"""Events in the zones the calendar exports must get right, with their expected
UTC times written out by hand (not computed by the code under test)."""

from __future__ import annotations

from dataclasses import dataclass

from agenda.models import AgendaItem, Contact, Event
from tests.support.builders import add_items, load_seed, local, make_event


@dataclass
class Scenario:
    event: Event
    zone: str
    start: str
    end: str
    items: list[tuple[str, str]]  # expected (start, end) of each item, in agenda order

    def item_uids(self) -> list[str]:
        return [i.calendar_uid for i in self.event.items.all()]

    def expected_items(self) -> list[tuple[str, str, str]]:
        return [(uid, s, e) for uid, (s, e) in zip(self.item_uids(), self.items, strict=True)]

    def expected_event(self) -> list[tuple[str, str, str]]:
        return [(self.event.calendar_uid, self.start, self.end)]


def event_in(zone: str, start: tuple, end: tuple, budgets, **fields) -> Event:
    event = make_event(
        start=local(*start, zone=zone),
        end=local(*end, zone=zone),
        time_zone=zone,
        **fields,
    )
    add_items(event, budgets)
    Contact.objects.create(event=event, name="Zoë Ünal", email=f"contact@{event.slug}.example")
    return Event.objects.get(pk=event.pk)


def seed() -> Scenario:
    return Scenario(
        load_seed(),
        "Europe/Vienna",
        "2017-09-04T11:15:00Z",
        "2017-09-04T12:45:00Z",
        [
            ("2017-09-04T11:15:00Z", "2017-09-04T11:22:00Z"),
            ("2017-09-04T11:22:00Z", "2017-09-04T11:52:00Z"),
            ("2017-09-04T11:52:00Z", "2017-09-04T12:22:00Z"),
            ("2017-09-04T12:22:00Z", "2017-09-04T12:45:00Z"),
        ],
    )


def new_york() -> Scenario:
    # January: Eastern Standard Time, UTC-5.
    event = event_in("America/New_York", (2026, 1, 15, 9, 0), (2026, 1, 15, 12, 30), [90, None])
    return Scenario(
        event,
        "America/New_York",
        "2026-01-15T14:00:00Z",
        "2026-01-15T17:30:00Z",
        [
            ("2026-01-15T14:00:00Z", "2026-01-15T15:30:00Z"),
            ("2026-01-15T15:30:00Z", "2026-01-15T17:30:00Z"),
        ],
    )


def kathmandu() -> Scenario:
    # UTC+5:45 all year.
    event = event_in("Asia/Kathmandu", (2026, 2, 10, 10, 0), (2026, 2, 10, 12, 0), [45, 30, None])
    return Scenario(
        event,
        "Asia/Kathmandu",
        "2026-02-10T04:15:00Z",
        "2026-02-10T06:15:00Z",
        [
            ("2026-02-10T04:15:00Z", "2026-02-10T05:00:00Z"),
            ("2026-02-10T05:00:00Z", "2026-02-10T05:30:00Z"),
            ("2026-02-10T05:30:00Z", "2026-02-10T06:15:00Z"),
        ],
    )


def lord_howe_summer() -> Scenario:
    # December: Lord Howe's half-hour daylight time, UTC+11; starts the day before in UTC.
    event = event_in("Australia/Lord_Howe", (2025, 12, 1, 10, 0), (2025, 12, 1, 11, 30), [60, None])
    return Scenario(
        event,
        "Australia/Lord_Howe",
        "2025-11-30T23:00:00Z",
        "2025-12-01T00:30:00Z",
        [
            ("2025-11-30T23:00:00Z", "2025-12-01T00:00:00Z"),
            ("2025-12-01T00:00:00Z", "2025-12-01T00:30:00Z"),
        ],
    )


def lord_howe_winter() -> Scenario:
    # June: standard time, UTC+10:30.
    event = event_in("Australia/Lord_Howe", (2026, 6, 15, 10, 0), (2026, 6, 15, 11, 0), [20, None])
    return Scenario(
        event,
        "Australia/Lord_Howe",
        "2026-06-14T23:30:00Z",
        "2026-06-15T00:30:00Z",
        [
            ("2026-06-14T23:30:00Z", "2026-06-14T23:50:00Z"),
            ("2026-06-14T23:50:00Z", "2026-06-15T00:30:00Z"),
        ],
    )


def vienna_dst_change() -> Scenario:
    # 29 October 2017: clocks go back at 03:00 CEST to 02:00 CET. 01:30 CEST to
    # 03:30 CET is four real hours. The second item starts at 02:30 CEST and ends
    # at 02:30 CET: both local times happen twice that night.
    event = event_in("Europe/Vienna", (2017, 10, 29, 1, 30), (2017, 10, 29, 3, 30), [60, 60, None])
    return Scenario(
        event,
        "Europe/Vienna",
        "2017-10-28T23:30:00Z",
        "2017-10-29T02:30:00Z",
        [
            ("2017-10-28T23:30:00Z", "2017-10-29T00:30:00Z"),
            ("2017-10-29T00:30:00Z", "2017-10-29T01:30:00Z"),
            ("2017-10-29T01:30:00Z", "2017-10-29T02:30:00Z"),
        ],
    )


def two_days() -> Scenario:
    event = make_event(
        title="Zürich–Wien: Ärzte; Forum, Teil 1 \\ 2",
        start=local(2030, 5, 6, 9, 0),
        end=local(2030, 5, 7, 17, 0),
        time_zone="Europe/Vienna",
    )
    AgendaItem.objects.create(event=event, position=0, title="Day one: Ärztinnen", minutes=480)
    AgendaItem.objects.create(
        event=event,
        position=1,
        title="Day two",
        minutes=480,
        fixed_start=local(2030, 5, 7, 9, 0),
    )
    event = Event.objects.get(pk=event.pk)
    return Scenario(
        event,
        "Europe/Vienna",
        "2030-05-06T07:00:00Z",
        "2030-05-07T15:00:00Z",
        [
            ("2030-05-06T07:00:00Z", "2030-05-06T15:00:00Z"),
            ("2030-05-07T07:00:00Z", "2030-05-07T15:00:00Z"),
        ],
    )


SCENARIOS = {
    "vienna-seed": seed,
    "new-york": new_york,
    "kathmandu": kathmandu,
    "lord-howe-summer": lord_howe_summer,
    "lord-howe-winter": lord_howe_winter,
    "vienna-dst-change": vienna_dst_change,
    "two-days": two_days,
}
