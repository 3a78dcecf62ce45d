"""Showing stored UTC times in an event's own zone, always labelled."""

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


def utc_offset_label(offset: timedelta) -> str:
    """UTC+2, UTC-5, UTC+5:45, UTC+0."""
    total = int(offset.total_seconds() // 60)
    sign = "+" if total >= 0 else "-"
    hours, minutes = divmod(abs(total), 60)
    return f"UTC{sign}{hours}" + (f":{minutes:02d}" if minutes else "")


def zone_label(moment: datetime, zone: ZoneInfo) -> str:
    """'CEST (UTC+2)'; numeric-only abbreviations are left out: 'UTC+5:45'."""
    local = moment.astimezone(zone)
    offset = utc_offset_label(local.utcoffset() or timedelta(0))
    abbreviation = local.tzname() or ""
    if not abbreviation or abbreviation[0] in "+-" or abbreviation == "UTC":
        return offset if abbreviation != "UTC" else "UTC"
    return f"{abbreviation} ({offset})"


def clock(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


def clock_labelled(moment: datetime, zone: ZoneInfo) -> str:
    """'13:15 CEST (UTC+2)'."""
    return f"{clock(moment, zone)} {zone_label(moment, zone)}"


def long_date(moment: datetime, zone: ZoneInfo) -> str:
    """'Monday, 4 September 2017' (no locale dependence, no leading zero)."""
    local = moment.astimezone(zone)
    return f"{local:%A}, {local.day} {local:%B %Y}"


def _as_text(moment: datetime, text: str) -> str:
    return text


def time_slot(
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    *,
    mark: Callable[[datetime, str], str] = _as_text,
) -> str:
    """'Monday, 4 September 2017, 13:15–14:45 CEST (UTC+2)', or a range over days.

    `mark(moment, text)` wraps the start and end parts, e.g. in <time> elements;
    the default leaves plain text.
    """
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    opening = mark(start, f"{long_date(start, zone)}, {clock(start, zone)}")
    if local_start.date() == local_end.date():
        if zone_label(start, zone) == zone_label(end, zone):
            return f"{opening}–{mark(end, clock(end, zone))} {zone_label(start, zone)}"
        return (
            f"{opening} {zone_label(start, zone)} – "
            f"{mark(end, clock(end, zone))} {zone_label(end, zone)}"
        )
    closing = mark(end, f"{long_date(end, zone)}, {clock(end, zone)}")
    return f"{opening} {zone_label(start, zone)} – {closing} {zone_label(end, zone)}"
