"""Time zones as organisers choose them: the list with offsets, and which fit a country. Pure.

The list is the tz database's own (zone1970.tab/zone.tab from the `tzdata`
package, so it is the same on every machine), each name with its offset now:
"Europe/Vienna — UTC+1 now". `zone_fits_country` says whether a zone is used
in the country an organiser typed ("Austria", "AT"); None when the country
is not recognised, so an unknown spelling never blocks anyone.
"""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources

from .timefmt import utc_offset_label


def _table(name: str) -> list[list[str]]:
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def countries_by_code() -> dict[str, str]:
    """'AT' -> 'Austria'."""
    return {row[0]: row[1] for row in _table("iso3166.tab")}


@cache
def zones_by_country() -> dict[str, frozenset[str]]:
    """'AT' -> {'Europe/Vienna'}: every zone a country uses (zone.tab, one country a row)."""
    found: dict[str, set[str]] = {}
    for row in _table("zone.tab"):
        found.setdefault(row[0], set()).add(row[2])
    return {code: frozenset(zones) for code, zones in found.items()}


@cache
def zone_names() -> tuple[str, ...]:
    """Zones where people live (zone.tab), then UTC, sorted; links and legacy names left out."""
    names = {zone for zones in zones_by_country().values() for zone in zones}
    return (*sorted(names & zoneinfo.available_timezones()), "UTC")


def zone_choices(now: datetime | None = None) -> list[tuple[str, str]]:
    """[('Europe/Vienna', 'Europe/Vienna — UTC+1 now'), …]."""
    moment = now or datetime.now(UTC)
    return [
        (
            name,
            f"{name} — {utc_offset_label(moment.astimezone(zoneinfo.ZoneInfo(name)).utcoffset() or timedelta(0))} now",
        )
        for name in zone_names()
    ]


def country_code(country: str) -> str | None:
    text = " ".join(country.split()).casefold()
    if not text:
        return None
    for code, name in countries_by_code().items():
        if text in (code.casefold(), name.casefold()):
            return code
    return None


def zone_fits_country(zone: str, country: str) -> bool | None:
    """True/False when the country is known; None when it is empty or not recognised."""
    code = country_code(country)
    if code is None:
        return None
    return zone in zones_by_country().get(code, frozenset())


def zones_of_country(country: str) -> list[str]:
    code = country_code(country)
    return sorted(zones_by_country().get(code, frozenset())) if code else []
