"""VTIMEZONE arithmetic: which local times a zone had, and how to write them down.

No Django here: zone names (IANA) and aware datetimes in, `icalendar` components
and datetimes out. `agenda.ical.calendars` writes every time through
`local_time()` and adds a `vtimezone()` for each zone `zone_spans()` finds.

What it guarantees: a VTIMEZONE that Outlook, ical.js (Thunderbird),
vobject/dateutil and libical all read the same way (see `vtimezone()`), and a
local time that occurs twice (the repeated hour when clocks go back) written in
UTC instead, since a TZID cannot tell the two apart.
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import icalendar

# Zones written as UTC ("...Z") rather than with a TZID and a VTIMEZONE.
_UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Zulu", "UCT", "Zulu", "Universal"})
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

# An RRULE as icalendar takes it: {"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "-1SU"}.
RRule = dict[str, str | int]


def utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("Calendar times must be aware datetimes.")
    return moment.astimezone(UTC)


def _offset(moment: datetime) -> timedelta:
    """The UTC offset of an aware datetime (only a naive one has none)."""
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("Calendar times must be aware datetimes.")
    return offset


def is_utc_zone(zone_name: str) -> bool:
    return zone_name in _UTC_NAMES


def local_time(moment: datetime, zone_name: str) -> datetime:
    """How a moment is written: local time in the zone (TZID), or UTC when the zone
    is UTC or the local time happens twice and a TZID could not tell which."""
    if is_utc_zone(zone_name):
        return utc(moment)
    local = moment.astimezone(ZoneInfo(zone_name))
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return utc(moment)  # the repeated hour when clocks go back
    return local


def zone_spans(components: Sequence[icalendar.Event]) -> dict[str, tuple[datetime, datetime]]:
    """Each TZID the components use, with the first and last local time written in it."""
    spans: dict[str, tuple[datetime, datetime]] = {}
    for component in components:
        for name in ("dtstart", "dtend"):
            prop = component.get(name)
            if prop is None:
                continue
            moment = prop.dt
            key = getattr(moment.tzinfo, "key", None)
            if not isinstance(moment, datetime) or key is None or is_utc_zone(key):
                continue
            first, last = spans.get(key, (moment, moment))
            spans[key] = (min(first, moment), max(last, moment))
    return spans


@dataclass(frozen=True)
class _Transition:
    at: datetime  # UTC
    offset_from: timedelta
    offset_to: timedelta
    name: str
    dst: bool

    @property
    def onset(self) -> datetime:
        """Naive local time of the change, on the clock before it (RFC 5545 3.6.5)."""
        return (self.at + self.offset_from).replace(tzinfo=None)


def vtimezone(zone_name: str, first: datetime, last: datetime) -> icalendar.Timezone:
    """A VTIMEZONE for `zone_name` that is right for every time from `first` to `last`.

    Where the zone followed one yearly rule through those years (and the year
    before), it is the form Outlook, Google and Apple write themselves: one
    STANDARD and one DAYLIGHT, each with `RRULE:FREQ=YEARLY;BYMONTH=…;BYDAY=…`,
    starting the year before `first`. A zone without changes in those years is
    one STANDARD. Otherwise each change in those years is its own observance
    with a single DTSTART. There are never comma-separated RDATE lists: ical.js
    and vobject read only their first date (the default `add_missing_timezones()`
    output puts a 2017 Vienna event at 12:15Z instead of 11:15Z).
    """
    zone = ZoneInfo(zone_name)
    first_year = first.astimezone(zone).year - 1
    last_year = last.astimezone(zone).year
    window_start = datetime(first_year, 1, 1, tzinfo=zone)
    transitions = _changes_in_years(zone_name, first_year, last_year)
    component = icalendar.Timezone()
    component.add("tzid", zone_name)
    component.add("x-lic-location", zone_name)

    if not transitions:
        local = window_start
        component.add_component(
            _observance(
                False,
                onset=local.replace(tzinfo=None),
                offset_from=_offset(local),
                offset_to=_offset(local),
                name=local.tzname(),
            )
        )
        return component

    rules = _yearly_rules(transitions, range(first_year, last_year + 1))
    if rules is not None:
        for transition, rrule, is_daylight in rules:
            component.add_component(
                _observance(
                    is_daylight,
                    onset=transition.onset,
                    offset_from=transition.offset_from,
                    offset_to=transition.offset_to,
                    name=transition.name,
                    rrule=rrule,
                )
            )
        return component

    # The rule changed within the years: the offset at the window's start, then
    # every change as its own observance.
    component.add_component(
        _observance(
            bool(window_start.dst()),
            onset=window_start.replace(tzinfo=None),
            offset_from=_offset(window_start),
            offset_to=_offset(window_start),
            name=window_start.tzname(),
        )
    )
    for transition in transitions:
        component.add_component(
            _observance(
                transition.dst,
                onset=transition.onset,
                offset_from=transition.offset_from,
                offset_to=transition.offset_to,
                name=transition.name,
            )
        )
    return component


@functools.lru_cache(maxsize=256)
def _changes_in_years(zone_name: str, first_year: int, last_year: int) -> tuple[_Transition, ...]:
    """The zone's changes with an onset in those years: a scan of the zone's rules that
    every export of an event repeats, done once per process (zone data is fixed while
    it runs)."""
    zone = ZoneInfo(zone_name)
    window_start = datetime(first_year, 1, 1, tzinfo=zone)
    return tuple(
        t
        for t in _transitions(
            zone, window_start - timedelta(days=2), datetime(last_year + 1, 1, 3, tzinfo=UTC)
        )
        if first_year <= t.onset.year <= last_year
    )


def _observance(
    is_daylight: bool,
    *,
    onset: datetime,
    offset_from: timedelta,
    offset_to: timedelta,
    name: str | None,
    rrule: RRule | None = None,
) -> icalendar.cal.Component:
    observance = icalendar.TimezoneDaylight() if is_daylight else icalendar.TimezoneStandard()
    observance.add("dtstart", onset)
    if rrule:
        observance.add("rrule", rrule)
    observance.add("tzoffsetfrom", offset_from)
    observance.add("tzoffsetto", offset_to)
    if name:
        observance.add("tzname", name)
    return observance


def _state(moment: datetime, zone: tzinfo) -> tuple[timedelta, str, bool]:
    local = moment.astimezone(zone)
    return _offset(local), local.tzname() or "", bool(local.dst())


def _transitions(zone: ZoneInfo, start: datetime, end: datetime) -> list[_Transition]:
    """Every change of UTC offset or abbreviation between start and end.

    Scans a day at a time and bisects to the second; no zone changes twice in a day.
    """
    found = []
    cursor = utc(start).replace(minute=0, second=0, microsecond=0)
    end = utc(end)
    state = _state(cursor, zone)
    step = timedelta(days=1)
    while cursor < end:
        following = cursor + step
        following_state = _state(following, zone)
        if following_state[:2] != state[:2]:
            low, high = cursor, following  # state(low) = before, state(high) = after
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if _state(middle, zone)[:2] == state[:2]:
                    low = middle
                else:
                    high = middle
            offset, name, dst = _state(high, zone)
            found.append(_Transition(high, state[0], offset, name, dst))
            state = _state(high, zone)
            cursor = high
            continue
        cursor, state = following, following_state
    return found


def _yearly_rules(
    transitions: Sequence[_Transition], years: range
) -> list[tuple[_Transition, RRule, bool]] | None:
    """Two yearly rules (one change into daylight time, one out of it) that give
    exactly these transitions in every one of `years`, or None."""
    groups: dict[tuple[timedelta, timedelta, str], list[_Transition]] = {}
    for transition in transitions:
        key = (transition.offset_from, transition.offset_to, transition.name)
        groups.setdefault(key, []).append(transition)
    if len(groups) != 2:
        return None
    rules = []
    for members in groups.values():
        if [t.onset.year for t in members] != list(years):
            return None
        rrule = _yearly_rule([t.onset for t in members])
        if rrule is None:
            return None
        rules.append((members[0], rrule))
    (a, _), (b, _) = rules
    if (a.offset_from, a.offset_to) != (b.offset_to, b.offset_from):
        return None  # not a back-and-forth pair
    daylight = a if a.offset_to > b.offset_to else b
    return [(t, rule, t is daylight) for t, rule in sorted(rules, key=lambda r: r[0].at)]


def _yearly_rule(onsets: Sequence[datetime]) -> RRule | None:
    """`FREQ=YEARLY;BYMONTH=m;BYDAY=nXX` (n = 1..4, or -1 for the last) matching
    every onset, all at one local time; the Outlook-compatible form."""
    head = onsets[0]
    if any(
        (o.month, o.weekday(), o.time()) != (head.month, head.weekday(), head.time())
        for o in onsets
    ):
        return None
    nths = {(o.day - 1) // 7 + 1 for o in onsets}
    all_last = all(o.day + 7 > calendar.monthrange(o.year, o.month)[1] for o in onsets)
    weekday = _WEEKDAYS[head.weekday()]
    if all_last and (len(nths) > 1 or max(nths) >= 4):
        byday = f"-1{weekday}"
    elif len(nths) == 1 and max(nths) <= 4:
        byday = f"{nths.pop()}{weekday}"
    else:
        return None
    return {"FREQ": "YEARLY", "BYMONTH": head.month, "BYDAY": byday}
