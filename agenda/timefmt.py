"""Showing stored UTC times in an event's own zone, always labelled.

Dates and clocks follow the active language (Django's translation): day and
month names come from Django's catalogues through `dateformat`, and the
pattern from LONG_DATE / CLOCK below:

    en  Monday, 4 September 2017, 13:15–14:45 CEST (UTC+2)
    fr  lundi 4 septembre 2017, 13 h 15–14 h 45 CEST (UTC+2)
    es  lunes, 4 de septiembre de 2017, 13:15–14:45 CEST (UTC+2)

Zone labels (abbreviation and UTC offset) are the same in every language.

An export or page shows hundreds of times, most on a handful of dates: each
function takes the `language` its caller read once (default: the active one,
`get_language()`), and the dates are formatted once per process for each
(language, local date) and kept (`_dated`), since Django's catalogues do not
change while it runs.
"""

import functools
from collections.abc import Callable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import dateformat, translation
from django.utils.translation import get_language

# Django date-format patterns per language; English is the fallback.
LONG_DATE = {"en": "l, j F Y", "fr": "l j F Y", "es": r"l, j \d\e F \d\e Y"}
CLOCK = {"en": "H:i", "fr": r"G \h i", "es": "H:i"}
# A day within a multi-day event's agenda: 'Mon 4 Sep', 'lun 4 sep'.
SHORT_DATE = {"en": "D j M", "fr": "D j b", "es": "D j b"}


def _pattern(table: dict[str, str], language: str | None) -> str:
    base = (language or "en").split("-")[0]
    return table.get(base, table["en"])


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


@functools.lru_cache(maxsize=64)
def _clock_writer(language: str | None) -> Callable[[datetime], str]:
    pattern = _pattern(CLOCK, language)
    return _CLOCK_TEXT.get(pattern) or functools.partial(_formatted, pattern=pattern)


def _formatted(local: datetime, *, pattern: str) -> str:
    return dateformat.format(local, pattern)


def clock(moment: datetime, zone: ZoneInfo, *, language: str | None = None) -> str:
    """'13:15'; in French '13 h 15'."""
    return _clock_writer(language or get_language())(moment.astimezone(zone))


def clock_labelled(moment: datetime, zone: ZoneInfo, *, language: str | None = None) -> str:
    """'13:15 CEST (UTC+2)'."""
    return f"{clock(moment, zone, language=language)} {zone_label(moment, zone)}"


# The date patterns by name, for `_dated()`'s cache key.
_DATE_TABLES = {"long": LONG_DATE, "short": SHORT_DATE}


@functools.lru_cache(maxsize=4096)
def _dated(table: str, language: str | None, day: date) -> str:
    """A local date in one of the `_DATE_TABLES` patterns, in `language`'s words."""
    with translation.override(language):
        return dateformat.format(day, _pattern(_DATE_TABLES[table], language))


def long_date(moment: datetime, zone: ZoneInfo, *, language: str | None = None) -> str:
    """'Monday, 4 September 2017', 'lundi 4 septembre 2017' (no leading zero)."""
    return _dated("long", language or get_language(), moment.astimezone(zone).date())


def short_date(moment: datetime, zone: ZoneInfo, *, language: str | None = None) -> str:
    """'Mon 4 Sep'; in French 'lun 4 sep', in Spanish 'lun 4 sep'."""
    return _dated("short", language or get_language(), moment.astimezone(zone).date())


def _as_text(moment: datetime, text: str) -> str:
    return text


def time_slot(
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    *,
    mark: Callable[[datetime, str], str] = _as_text,
    language: str | None = None,
) -> str:
    """'Monday, 4 September 2017, 13:15–14:45 CEST (UTC+2)', or a range over days.

    `mark(moment, text)` wraps the start and end parts, e.g. in <time> elements;
    the default leaves plain text.
    """
    language = language or get_language()
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    opening = mark(
        start,
        f"{long_date(start, zone, language=language)}, {clock(start, zone, language=language)}",
    )
    end_clock = clock(end, zone, language=language)
    if local_start.date() == local_end.date():
        if zone_label(start, zone) == zone_label(end, zone):
            return f"{opening}–{mark(end, end_clock)} {zone_label(start, zone)}"
        return (
            f"{opening} {zone_label(start, zone)} – {mark(end, end_clock)} {zone_label(end, zone)}"
        )
    closing = mark(end, f"{long_date(end, zone, language=language)}, {end_clock}")
    return f"{opening} {zone_label(start, zone)} – {closing} {zone_label(end, zone)}"
