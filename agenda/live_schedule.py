"""Row times and the minutes box for the agenda as it stands on the screen, unsaved.

The event page's script (static/admin-eventsite/agenda-summary.js) sends the
event's times, zone and the rows in their current order (budget and pin as
typed) and shows what comes back: each row's start and end, labelled in the
event's zone, the minutes box's text, and the problems with the row that
causes each. The arithmetic is `agenda.schedule`'s, the words
`agenda.summary`'s: the browser computes nothing, so the two cannot drift.
Typed dates and times are read as the admin's form fields read them.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone

from . import schedule, time_input, timefmt
from .summary import AgendaSummary
from .validators import validate_time_zone

MAX_ROWS = 500


@dataclass(frozen=True)
class Row:
    minutes: int | None
    pin: list[str] | None  # [date, time] as typed, or None


def _when(value, zone: zoneinfo.ZoneInfo):
    """An aware datetime from ["02/09/2030", "13:15"], or None if it is not one (yet)."""
    if not isinstance(value, list) or len(value) != 2 or not all(value):
        return None
    with timezone.override(zone):
        try:
            return time_input.split_datetime_field().clean([str(v)[:40] for v in value])
        except ValidationError:
            return None


def _minutes(value) -> int | None:
    text = str(value if value is not None else "").strip()
    return int(text) if text.isdigit() and 0 < int(text) <= 100_000 else None


def preview(data: dict) -> dict:
    """{"rows": [{"number", "starts", "ends", "causes_problem"}], "summary", "fits",
    "problems"}, or {"rows": None} while the event's own times are incomplete."""
    zone_name = str(data.get("zone") or "")
    try:
        validate_time_zone(zone_name)
    except ValidationError:
        return {"rows": None}
    zone = zoneinfo.ZoneInfo(zone_name)
    start, end = _when(data.get("start"), zone), _when(data.get("end"), zone)
    rows = data.get("rows")
    if start is None or end is None or end <= start or not isinstance(rows, list):
        return {"rows": None}
    rows = [row if isinstance(row, dict) else {} for row in rows[:MAX_ROWS]]
    items = [
        schedule.ItemInput(
            minutes=_minutes(row.get("minutes")), fixed_start=_when(row.get("pin"), zone)
        )
        for row in rows
    ]
    agenda = schedule.compute(start=start, end=end, items=items)
    causes = {o.index for o in agenda.overlaps}
    if agenda.overrunning_slot is not None:
        causes.add(agenda.overrunning_slot.index)
    box = AgendaSummary.of(agenda, end=end, zone=zone)
    titles = [str(row.get("title") or "").strip()[:300] for row in rows]
    return {
        "rows": [
            {
                "number": slot.number,
                "starts": timefmt.clock_labelled(slot.start, zone),
                "ends": timefmt.clock_labelled(slot.end, zone),
                "causes_problem": slot.index in causes,
            }
            for slot in agenda.slots
        ],
        "summary": box.text,
        "fits": box.fits,
        "problems": agenda.problems(titles=titles),
    }
