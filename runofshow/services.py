"""The timekeeper's presses: Start, Next item, Back, End event.

Every press names the step (`Run.step`) the device saw. The press first moves
the step on with one conditional UPDATE (`WHERE step = seen`), so of two
devices pressing "Next item" on the same step exactly one gets through, on
PostgreSQL and on SQLite alike; the other is told the run had moved on. The
recorded times are written in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import F

from agenda.models import Event

from . import clock
from .models import ItemTiming, Run

START, NEXT, BACK, END = "start", "next", "back", "end"
ACTIONS = (START, NEXT, BACK, END)


@dataclass(frozen=True)
class Outcome:
    run: Run
    applied: bool  # False: the press was stale (another device moved first) or not possible


def run_of(event: Event) -> Run:
    try:
        with transaction.atomic():
            run, _ = Run.objects.get_or_create(event=event)
    except IntegrityError:  # made at the same moment by another device
        run = Run.objects.get(event=event)
    return run


def possible(run: Run, action: str, item_count: int) -> bool:
    if action == START:
        return run.current is None and item_count > 0
    if run.current is None:
        return False
    if action == BACK:
        return run.ended_at is not None or run.current > 0
    return run.ended_at is None  # NEXT, END


def press(
    event: Event, action: str, *, seen_step: int, who: str, now: datetime | None = None
) -> Outcome:
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    now = now or clock.now()
    run = run_of(event)
    try:
        _apply(run, event, action, seen_step=seen_step, who=who, now=now)
    except _NotApplied:
        run.refresh_from_db()
        return Outcome(run, applied=False)
    run.refresh_from_db()
    return Outcome(run, applied=True)


class _NotApplied(Exception):
    """Stale or impossible: undo the step's move with the transaction."""


def _apply(run: Run, event: Event, action: str, *, seen_step: int, who: str, now: datetime):
    with transaction.atomic():
        moved = Run.objects.filter(pk=run.pk, step=seen_step).update(step=F("step") + 1)
        run = Run.objects.select_for_update().get(pk=run.pk)
        items = list(event.items.order_by("position", "pk"))
        if not moved or not possible(run, action, len(items)):
            raise _NotApplied
        timings = {t.item_id: t for t in ItemTiming.objects.filter(run=run)}

        def timing(index: int) -> ItemTiming:
            item = items[index]
            return timings.get(item.pk) or ItemTiming(run=run, item=item)

        changed: list[ItemTiming] = []
        if action == START:
            first = timing(0)
            first.started_at, first.started_by, first.ended_at, first.ended_by = now, who, None, ""
            run.current = 0
            changed.append(first)
        else:
            index = run.current
            assert index is not None  # possible() checked it
            changed += _move(run, action, index, len(items), timing, now, who)
        for item_timing in changed:
            item_timing.save()
        run.save(update_fields=["current", "ended_at"])


def _move(run: Run, action: str, index: int, count: int, timing, now: datetime, who: str):
    """Next, End or Back from the item at `index`; returns the timings changed."""
    on = timing(index)
    if action == NEXT:
        on.ended_at, on.ended_by = now, who
        if index + 1 == count:  # Next on the last item ends the event
            run.ended_at = now
            return [on]
        following = timing(index + 1)
        following.started_at, following.started_by = now, who
        following.ended_at, following.ended_by = None, ""
        run.current = index + 1
        return [on, following]
    if action == END:
        on.ended_at, on.ended_by = now, who
        run.ended_at = now
        return [on]
    # BACK
    if run.ended_at is not None:  # resume the last item
        on.ended_at, on.ended_by = None, ""
        run.ended_at = None
        return [on]
    # Next was pressed too soon: the item on now had not really started.
    previous = timing(index - 1)
    on.started_at, on.started_by, on.ended_at, on.ended_by = None, "", None, ""
    previous.ended_at, previous.ended_by = None, ""
    run.current = index - 1
    return [on, previous]
