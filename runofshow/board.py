"""What the run-of-show screens and the attendees' banner say, from one read.

`board_for(event)` reads the event's agenda, its Run and the recorded times (a
fixed number of queries), projects the run at "now" (`runofshow.projection`)
and words it: the timekeeper's texts ("over by 4 minutes"), the banner ("Now:
II. Panel, until about 13:52"), and each item's planned and expected time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from agenda.models import AgendaItem, Event, Participation
from agenda.schedule import Schedule
from agenda.timefmt import clock, zone_label

from . import clock as run_clock
from .models import ItemTiming, Run
from .projection import ItemProgress, Progress, Recorded, State, project, seconds_text


def minutes_text(minutes: int) -> str:
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


def people_lines(item: AgendaItem) -> list[str]:
    return [f"{p.get_role_display()}: {p.person.display_name}" for p in item.participations.all()]


@dataclass(frozen=True)
class Board:
    event: Event
    run: Run | None
    schedule: Schedule
    progress: Progress

    @property
    def step(self) -> int:
        return self.run.step if self.run else 0

    def item(self, entry: ItemProgress) -> AgendaItem:
        item: AgendaItem = self.schedule.slots[entry.index].payload
        return item

    def at(self, moment: datetime) -> str:
        return clock(moment, self.event.zone)

    @property
    def zone_label(self) -> str:
        return zone_label(self.progress.now, self.event.zone)

    def title_of(self, entry: ItemProgress) -> str:
        return f"{self.schedule.slots[entry.index].number}. {self.item(entry).title}"

    @property
    def server_now_ms(self) -> int:
        return int(self.progress.now.timestamp() * 1000)

    @property
    def budget_end_ms(self) -> int | None:
        end = self.progress.budget_end
        return None if end is None else int(end.timestamp() * 1000)

    @property
    def clock_text(self) -> str:
        return self.progress.now.astimezone(self.event.zone).strftime("%H:%M:%S")

    @property
    def current_title(self) -> str:
        current = self.progress.current
        return "" if current is None else self.title_of(current)

    @property
    def current_people(self) -> list[str]:
        current = self.progress.current
        return people_lines(self.item(current)) if current else []

    @property
    def next_title(self) -> str:
        following = self.progress.next
        return "" if following is None else self.title_of(following)

    @property
    def next_people(self) -> list[str]:
        following = self.progress.next
        return people_lines(self.item(following)) if following else []

    @property
    def countdown_text(self) -> str:
        """'12:30' left, or '+4 min' once over."""
        p = self.progress
        if p.current is None or p.remaining_seconds is None:
            return "--:--"
        if p.overrun_minutes:
            return _("+%(n)d min") % {"n": p.overrun_minutes}
        return seconds_text(p.remaining_seconds)

    @property
    def item_rows(self) -> list[dict]:
        return [
            {
                "number": self.schedule.slots[e.index].number,
                "title": self.item(e).title,
                "uid": str(self.item(e).uid),
                "planned": self.at(e.planned_start),
                "expected": self.at(e.start),
                "state": e.state.value,
                "late": e.delay_minutes > 0,
            }
            for e in self.progress.items
        ]

    @property
    def status_text(self) -> str:
        """The current item's minutes, in words (colour is never the only signal)."""
        p = self.progress
        if p.ended:
            return _("The event has ended.")
        if p.current is None:
            return _("Not started.") if not p.started else _("Between items.")
        if p.overrun_minutes:
            return _("over by %(minutes)s") % {"minutes": minutes_text(p.overrun_minutes)}
        left = -(-(p.remaining_seconds or 0) // 60)  # started minutes left
        return _("%(minutes)s left") % {"minutes": minutes_text(left)}

    @property
    def tone(self) -> str:
        """'over', 'last-minute' or 'ok': the countdown's colour, with the text above."""
        p = self.progress
        if p.current is None:
            return "ok"
        if p.overrun_minutes:
            return "over"
        return "last-minute" if (p.remaining_seconds or 0) <= 60 else "ok"

    @property
    def behind_text(self) -> str:
        behind = self.progress.behind_minutes
        if behind > 0:
            return _("Behind by %(minutes)s") % {"minutes": minutes_text(behind)}
        if behind < 0:
            return _("Ahead by %(minutes)s") % {"minutes": minutes_text(-behind)}
        return _("On time")

    @property
    def end_text(self) -> str:
        p = self.progress
        text = _("Projected end %(end)s, room until %(room)s") % {
            "end": self.at(p.projected_end),
            "room": self.at(p.room_end),
        }
        if p.past_room_end_minutes:
            text += " " + _("(%(minutes)s over)") % {
                "minutes": minutes_text(p.past_room_end_minutes)
            }
        return text

    @property
    def banner(self) -> str:
        p = self.progress
        if p.ended:
            return _("The event has ended.")
        if p.current is not None:
            return _("Now: %(item)s, until about %(time)s") % {
                "item": self.title_of(p.current),
                "time": self.at(p.current.end),
            }
        if p.next is not None:
            return _("Next: %(item)s, at about %(time)s") % {
                "item": self.title_of(p.next),
                "time": self.at(p.next.start),
            }
        return ""

    def as_json(self) -> dict:
        p = self.progress

        def entry(e: ItemProgress | None) -> dict | None:
            if e is None:
                return None
            return {
                "number": self.schedule.slots[e.index].number,
                "title": self.item(e).title,
                "people": people_lines(self.item(e)),
                "start": self.at(e.start),
            }

        return {
            "server_now": self.server_now_ms,
            "budget_end": self.budget_end_ms,
            "step": self.step,
            "started": p.started,
            "ended": p.ended,
            "current": entry(p.current),
            "next": entry(p.next),
            "status": self.status_text,
            "tone": self.tone,
            "remaining_seconds": p.remaining_seconds,
            "overrun_minutes": p.overrun_minutes,
            "behind": self.behind_text,
            "end": self.end_text,
            "banner": self.banner,
            "countdown": self.countdown_text,
            "items": self.item_rows,
        }


def event_for_board(event_id: int) -> Event:
    items = AgendaItem.objects.select_related("timing").prefetch_related(
        Prefetch("participations", queryset=Participation.objects.select_related("person"))
    )
    return (
        Event.objects.select_related("run")
        .prefetch_related(Prefetch("items", queryset=items))
        .get(pk=event_id)
    )


def board_for(event: Event, now: datetime | None = None) -> Board:
    """`event` comes from `event_for_board` (agenda, run and timings prefetched)."""
    run: Run | None = getattr(event, "run", None)
    schedule = event.build_schedule()
    recorded = []
    for slot in schedule.slots:
        timing: ItemTiming | None = getattr(slot.payload, "timing", None)
        if timing is None or run is None:
            recorded.append(Recorded())
        else:
            recorded.append(Recorded(timing.started_at, timing.ended_at))
    progress = project(
        slots=schedule.slots,
        recorded=recorded,
        now=now or run_clock.now(),
        room_end=event.end,
        ended=bool(run and run.ended_at),
    )
    return Board(event, run, schedule, progress)


def report_rows(board: Board) -> list[dict]:
    """Planned against actual, one row per item that ran, then the totals."""
    rows = []
    for entry in board.progress.items:
        if entry.state is not State.DONE:
            continue
        rows.append(
            {
                "number": board.schedule.slots[entry.index].number,
                "title": board.item(entry).title,
                "budget": entry.budget_minutes,
                "ran": entry.ran_minutes,
                "difference": entry.difference_minutes,
            }
        )
    return rows


def report_line(row: dict) -> str:
    """'Panel: budget 30, ran 34 (+4)'."""
    return _("%(title)s: budget %(budget)d, ran %(ran)d (%(difference)+d)") % row
