"""Small builders for tests: sensible defaults, override what matters."""

import itertools
import json
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from agenda.interchange import import_event
from agenda.models import AgendaItem, Event, Participation
from speakers.models import Organisation, Person

SEED_PATH = Path(__file__).resolve().parents[2] / "data" / "side-event-2017-09-04-vienna.json"
VIENNA = ZoneInfo("Europe/Vienna")
_counter = itertools.count(1)


def seed_data() -> dict:
    return json.loads(SEED_PATH.read_text(encoding="utf-8"))


def load_seed() -> Event:
    event, _ = import_event(seed_data())
    return event


def local(*args, zone: str = "Europe/Vienna") -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(zone))


def make_event(**overrides) -> Event:
    n = next(_counter)
    fields = {
        "title": f"Event {n}",
        "slug": f"event-{n}",
        "status": Event.Status.PUBLISHED,
        "start": local(2030, 5, 6, 9, 0),
        "end": local(2030, 5, 6, 17, 0),
        "time_zone": "Europe/Vienna",
        "room": "Room 1",
    }
    fields.update(overrides)
    event = Event(**fields)
    event.full_clean()
    event.save()
    return event


def make_vienna_draft(**overrides) -> Event:
    """A draft on 2 September 2030, 13:15–14:45 in Vienna, Austria (a 90-minute slot)."""
    fields = {
        "status": Event.Status.DRAFT,
        "start": local(2030, 9, 2, 13, 15),
        "end": local(2030, 9, 2, 14, 45),
        "city": "Vienna",
        "country": "Austria",
    }
    return make_event(**{**fields, **overrides})


def make_person(**overrides) -> Person:
    n = next(_counter)
    fields = {"full_name": f"Person {n}", "slug": f"person-{n}"}
    fields.update(overrides)
    return Person.objects.create(**fields)


def make_organisation(**overrides) -> Organisation:
    n = next(_counter)
    fields = {"name": f"Organisation {n}", "acronym": f"O{n}"}
    fields.update(overrides)
    return Organisation.objects.create(**fields)


def add_items(event: Event, budgets, people_per_item: int = 0) -> list[AgendaItem]:
    """Append items with the given minute budgets (None for no budget)."""
    start = event.items.count()
    items = AgendaItem.objects.bulk_create(
        AgendaItem(event=event, position=start + i, title=f"Item {start + i + 1}", minutes=m)
        for i, m in enumerate(budgets)
    )
    if people_per_item:
        organisation = make_organisation()
        people = Person.objects.bulk_create(
            Person(
                full_name=f"Speaker {n}", slug=f"speaker-{event.pk}-{n}", organisation=organisation
            )
            for n in range(len(items) * people_per_item)
        )
        Participation.objects.bulk_create(
            Participation(
                agenda_item=item,
                person=people[i * people_per_item + j],
                role=Participation.Role.PANELIST,
                position=j,
            )
            for i, item in enumerate(items)
            for j in range(people_per_item)
        )
    return items


def translate(event: Event, language: str) -> None:
    """Give the event's title, its items' titles and descriptions, its talks' titles and
    its people's positions a text in `language` (French or Spanish), "<English> [fr]"."""
    from django.db.models import Value
    from django.db.models.functions import Concat

    mark = Value(f" [{language}]")
    Event.objects.filter(pk=event.pk).update(**{f"title_{language}": Concat("title_en", mark)})
    AgendaItem.objects.filter(event=event).update(
        **{
            f"title_{language}": Concat("title_en", mark),
            f"description_{language}": Concat("title_en", mark),
        }
    )
    talks = Participation.objects.filter(agenda_item__event=event)
    talks.update(**{f"presentation_title_{language}": Concat(Value("Talk"), mark)})
    Person.objects.filter(participations__agenda_item__event=event).update(
        **{f"position_{language}": Concat("full_name", mark)}
    )
