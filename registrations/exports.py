"""The organisers' participant list as CSV that Excel opens correctly."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from agenda import timefmt

from .models import Registration

COLUMNS = (
    "Event",
    "Status",
    "Name",
    "E-mail",
    "Organisation",
    "Affiliation type",
    "Access or dietary needs",
    "Refreshments before the event",
    "Registered at",
)
# A cell starting with one of these is a formula to a spreadsheet.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def registrations_csv(registrations: Iterable[Registration]) -> bytes:
    """UTF-8 with a byte-order mark (Excel reads 'Jørgen' right only with it), CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for registration in registrations:
        event = registration.event
        registered = registration.registered_at
        writer.writerow(
            [
                _cell(event.title),
                registration.get_status_display(),
                _cell(registration.name),
                _cell(registration.email),
                _cell(registration.organisation),
                registration.get_affiliation_type_display(),
                _cell(registration.needs),
                "yes" if registration.refreshments else "no",
                f"{registered.astimezone(event.zone):%Y-%m-%d %H:%M} "
                f"{timefmt.zone_label(registered, event.zone)}",
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
