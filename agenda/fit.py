"""Whether an agenda fits its event's slot: overruns and overlaps in words.

A published event's agenda must fit (`check_publishable`, run by the import;
the admin checks what was submitted with `planned_agenda_problems`); a draft's
problems are shown as warnings. The minutes box's
numbers and wording are in `agenda.summary`.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError

from . import schedule
from .models import AgendaItem, Event
from .summary import AgendaSummary


def agenda_problems(event: Event) -> list[str]:
    """Overruns and overlaps in readable words; empty when the agenda fits."""
    schedule = event.build_schedule()
    return schedule.problems(titles=[slot.payload.title for slot in schedule.slots])


def check_publishable(event: Event) -> None:
    """A published event's agenda must fit its slot and have no overlapping pins."""
    if event.status != Event.Status.PUBLISHED or event.pk is None:
        return
    problems = agenda_problems(event)
    if problems:
        raise ValidationError(problems)


def agenda_summary(event: Event, agenda: schedule.Schedule | None = None) -> AgendaSummary:
    """The saved agenda's minutes box (`agenda.summary.AgendaSummary`)."""
    return AgendaSummary.of(agenda or event.build_schedule(), end=event.end, zone=event.zone)


def planned_agenda_problems(*, event: Event, items: Sequence[AgendaItem]) -> list[str]:
    """Overruns and overlaps if `event` had these items in this order, saved or not.

    The admin checks what an organiser submitted (budgets, pins, order, the
    event's own times) before anything is written.
    """
    if event.start is None or event.end is None:
        return []
    agenda = schedule.compute(
        start=event.start,
        end=event.end,
        items=[schedule.ItemInput(minutes=i.minutes, fixed_start=i.fixed_start) for i in items],
    )
    return agenda.problems(titles=[item.title for item in items])
