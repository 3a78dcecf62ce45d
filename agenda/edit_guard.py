"""The edit guard: two organisers editing one event cannot overwrite each other.

Each edit of an event (or of a part of it on a page of its own) raises
`Event.version`. A form remembers the version it was built from; saving it
locks the event's row and refuses with an `EditConflict` (which says, in
words, who changed what since) when the version moved on. The lock also makes
saves that read the agenda and then write it take turns. Run inside a
transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.db.models import F, Max, Q

from .models import (
    AgendaItem,
    Contact,
    DiscussionQuestion,
    Event,
    EventOrganisation,
    Participation,
)


class EditConflict(Exception):
    """Someone saved the event after the form being submitted was loaded."""

    def __init__(self, current_version: int, changes: list[str]):
        self.current_version = current_version
        self.changes = changes
        super().__init__("; ".join(changes))


def lock_event(*, event_id: int) -> Event:
    """The event, its row locked until the transaction ends: saves that read its
    agenda and then write it (adding an item, checking that it fits) take turns."""
    return Event.objects.select_for_update().get(pk=event_id)


def next_item_position(*, event_id: int) -> int:
    """The place after the event's last item; locks the event so that items added
    at the same moment get different places. Run inside a transaction."""
    lock_event(event_id=event_id)
    top = AgendaItem.objects.filter(event_id=event_id).aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


def lock_event_for_edit(*, event_id: int, seen_version: int, seen_at: datetime | None) -> Event:
    """Lock the event's row until the transaction ends; refuse a stale edit.

    `seen_version` is the `Event.version` the organiser's form was built from.
    Run inside a transaction: the lock is what stops two saves passing the
    check at the same moment (select_for_update refuses to run outside one).
    """
    event = lock_event(event_id=event_id)
    if event.version != seen_version:
        raise EditConflict(
            event.version, changes_since(event=event, seen_version=seen_version, seen_at=seen_at)
        )
    return event


def bump_event_version(*, event_id: int) -> None:
    """An edit made on a page of its own (an item, a contact) still counts as an edit of the event."""
    Event.objects.filter(pk=event_id).update(version=F("version") + 1)


def _who_and_when(records) -> str:
    people = sorted({str(r.history_user) for r in records if r.history_user_id})
    last = max(r.history_date for r in records)
    by = f" by {', '.join(people)}" if people else ""
    return f"{by} at {last.astimezone(UTC):%H:%M:%S} UTC"


def _value(value: Any) -> str:
    if value in (None, ""):
        return "(empty)"
    text = str(value)
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


def changes_since(*, event: Event, seen_version: int, seen_at: datetime | None) -> list[str]:
    """What others changed in an event (and its parts) since a form was loaded, in words."""
    lines = []
    records = list(
        Event.history.filter(id=event.pk, version__gt=seen_version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    baseline = (
        Event.history.filter(id=event.pk, version__lte=seen_version)
        .order_by("-version", "-history_date")
        .first()
    )
    if records:
        fields = []
        if baseline is not None:
            delta = records[-1].diff_against(baseline)
            fields = [
                f"{Event._meta.get_field(c.field).verbose_name}: {_value(c.old)} → {_value(c.new)}"
                for c in delta.changes
            ]
        what = "; ".join(fields) if fields else "no field of the event itself"
        lines.append(f"The event was saved{_who_and_when(records)}. Changed: {what}.")
    if seen_at is not None:
        for label, history, in_event in _event_parts(event):
            part_records = list(
                history.filter(in_event, history_date__gt=seen_at)
                .select_related("history_user")
                .order_by("history_date")
            )
            if part_records:
                names = [_part_change(rs) for rs in _by_object(part_records).values()]
                lines.append(f"{label}: {', '.join(names)}{_who_and_when(part_records)}.")
    if not lines:
        lines.append("The event was changed elsewhere since you opened this page.")
    return lines


def _by_object(records) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for record in records:
        grouped.setdefault(record.id, []).append(record)
    return grouped


def _part_change(records) -> str:
    """'“Panel” changed (minutes)', '“Coffee” added', '“Q&A” moved' for one object's records."""
    first, last = records[0], records[-1]
    name = _value(str(last.instance))
    if last.history_type == "-":
        return f"{name} deleted"
    if first.history_type == "+":
        return f"{name} added"
    before = first.prev_record
    fields = [] if before is None else last.diff_against(before).changed_fields
    if fields == ["position"]:
        return f"{name} moved"
    shown = [last.instance._meta.get_field(f).verbose_name for f in fields if f != "position"]
    return f"{name} changed ({', '.join(shown)})" if shown else f"{name} changed"


def _event_parts(event: Event):
    item_ids = AgendaItem.history.filter(event_id=event.pk).values("id")
    return [
        ("Agenda items", AgendaItem.history, Q(event_id=event.pk)),
        ("People on agenda items", Participation.history, Q(agenda_item_id__in=item_ids)),
        ("Organisations", EventOrganisation.history, Q(event_id=event.pk)),
        ("Contacts", Contact.history, Q(event_id=event.pk)),
        ("Discussion questions", DiscussionQuestion.history, Q(event_id=event.pk)),
    ]
