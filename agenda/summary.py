"""The minutes box: "67 of 90 minutes allocated, 23 free". Pure, no database.

This module owns the minutes wording, wherever it is shown: the admin's
summary box and its list column, "(7 minutes)" on the pages and in the .ics.
While an organiser types, the event page asks the server for the box's text
(agenda/live_schedule.py), so the script shows these words and never makes its own.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import translation
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from . import timefmt
from .schedule import Schedule

# str.format templates, translated when used (the active language).
TEMPLATES = {
    "free": _("{allocated} of {slot} minutes allocated, {free} free"),
    "over": _("{allocated} of {slot} minutes allocated, {over} over"),
    "overrun": _("{allocated} of {slot} minutes allocated: runs {overrun} past {end}"),
    # The admin's list column is headed "minutes", so its cells leave the word out.
    "column_free": _("{allocated} of {slot} allocated, {free} free"),
    "column_over": _("{allocated} of {slot} allocated, {over} over"),
}


def minutes_label(minutes: int, *, language: str | None = None) -> str:
    """'1 minute', '7 minutes', in `language` (default: the active one)."""
    return _minutes_label(language or get_language(), minutes)


@functools.lru_cache(maxsize=1024)
def _minutes_label(language: str | None, minutes: int) -> str:
    # An export asks once per item, for a few dozen numbers: each is worded once
    # per language and process (the catalogues do not change while it runs).
    with translation.override(language):
        return ngettext("{minutes} minute", "{minutes} minutes", minutes).format(minutes=minutes)


def column_text(allocated: int, slot: int) -> str:
    """The admin list's cell: '67 of 90 allocated, 23 free' or '… 10 over'."""
    free = slot - allocated
    if free >= 0:
        return TEMPLATES["column_free"].format(allocated=allocated, slot=slot, free=free)
    return TEMPLATES["column_over"].format(allocated=allocated, slot=slot, over=-free)


@dataclass(frozen=True)
class AgendaSummary:
    """Minutes allocated against the event's slot, for the admin's summary box."""

    allocated: int
    slot: int
    overrun: int
    end_label: str

    @classmethod
    def of(cls, agenda: Schedule, *, end: datetime, zone: ZoneInfo) -> AgendaSummary:
        return cls(
            allocated=agenda.allocated_minutes,
            slot=agenda.slot_minutes,
            overrun=agenda.overrun_minutes,
            end_label=timefmt.clock_labelled(end, zone),
        )

    @property
    def free(self) -> int:
        return self.slot - self.allocated

    @property
    def fits(self) -> bool:
        return self.overrun == 0 and self.free >= 0

    @property
    def text(self) -> str:
        """'67 of 90 minutes allocated, 23 free', '…, 10 over' or
        '…: runs 12 minutes past 14:45 CEST (UTC+2)'."""
        numbers = {"allocated": self.allocated, "slot": self.slot}
        if self.overrun:
            overrun = minutes_label(self.overrun)
            return TEMPLATES["overrun"].format(**numbers, overrun=overrun, end=self.end_label)
        if self.free < 0:
            return TEMPLATES["over"].format(**numbers, over=-self.free)
        return TEMPLATES["free"].format(**numbers, free=self.free)
