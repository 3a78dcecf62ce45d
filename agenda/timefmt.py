"""Showing stored UTC times in an event's own zone, always labelled.

Dates and clocks follow the active language (Django's translation): day and
month names come from Django's catalogues through `dateformat`, and the
pattern from LONG_DATE / CLOCK below:

    en  Monday, 4 September 2017, 13:15–14:45 CEST (UTC+2)
    fr  lundi 4 septembre 2017, 13 h 15–14 h 45 CEST (UTC+2)
    es  lunes, 4 de septiembre de 2017, 13:15–14:45 CEST (UTC+2)

Zone labels (abbreviation and UTC offset) are the same in every language.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import dateformat
from django.utils.translation import get_language

# Django date-format patterns per language; English is the fallback.
LONG_DATE = {"en": "l, j F Y", "fr": "l j F Y", "es": r"l, j \d\e F \d\e Y"}
CLOCK = {"en": "H:i", "fr": r"G \h i", "es": "H:i"}
# A day within a multi-day event's agenda: 'Mon 4 Sep', 'lun 4 sep'.
SHORT_DATE = {"en": "D j M", "fr": "D j b", "es": "D j b"}


def _pattern(table: dict[str, str]) -> str:
    language = (get_language() or "en").split("-")[0]
    return table.get(language, table["en"])


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


# CLOCK's patterns written out: a page or export shows hundreds of clocks, and
# dateformat costs ~10 µs each (tests hold these to dateformat with CLOCK).
_CLOCK_TEXT: dict[str, Callable[[datetime], str]] = {
    "H:i": lambda local: f"{local.hour:02d}:{local.minute:02d}",
    r"G \h i": lambda local: f"{local.hour} h {local.minute:02d}",
}


def clock(moment: datetime, zone: ZoneInfo) -> str:
    """'13:15'; in French '13 h 15'."""
    pattern = _pattern(CLOCK)
    local = moment.astimezone(zone)
    text = _CLOCK_TEXT.get(pattern)
    return text(local) if text is not None else dateformat.format(local, pattern)


def clock_labelled(moment: datetime, zone: ZoneInfo) -> str:
    """'13:15 CEST (UTC+2)'."""
    return f"{clock(moment, zone)} {zone_label(moment, zone)}"


def long_date(moment: datetime, zone: ZoneInfo) -> str:
    """'Monday, 4 September 2017', 'lundi 4 septembre 2017' (no leading zero)."""
    return dateformat.format(moment.astimezone(zone), _pattern(LONG_DATE))


def short_date(moment: datetime, zone: ZoneInfo) -> str:
    """'Mon 4 Sep'; in French 'lun 4 sep', in Spanish 'lun 4 sep'."""
    return dateformat.format(moment.astimezone(zone), _pattern(SHORT_DATE))


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
