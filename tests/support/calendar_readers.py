"""Two calendar parsers that share no code with the writer (icalendar):

* Mozilla's ical.js (Thunderbird's parser), run by node through tests/js/read-ics.mjs;
* vobject, whose VTIMEZONE handling is dateutil's tzical.

Both report every VEVENT's UID and its start and end as UTC strings
('2017-09-04T11:15:00Z'), reading times through the file's own VTIMEZONEs.
Without node or tests/js/node_modules the ical.js reader skips with the reason,
or fails where the run has --require-icaljs (as .ci/run does).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import vobject
import vobject.icalendar

from tests.support import requirements

JS_DIR = Path(__file__).resolve().parents[1] / "js"
SCRIPT = JS_DIR / "read-ics.mjs"


def icaljs_missing() -> str | None:
    """Why ical.js cannot run here, or None."""
    node = shutil.which("node")
    if node is None:
        return (
            "node is not installed (Node.js 18+ with npm; .ci/run installs Debian's nodejs and npm)"
        )
    if not (JS_DIR / "node_modules" / "ical.js" / "package.json").exists():
        return "ical.js is not installed: run `npm ci` in tests/js (.ci/run does)"
    return None


def require_icaljs() -> None:
    reason = icaljs_missing()
    if reason is None:
        return
    requirements.unavailable("icaljs", reason)


def icaljs_read(*documents: bytes) -> list[dict]:
    """Parse each document with ical.js; one dict per document (see read-ics.mjs)."""
    require_icaljs()
    with tempfile.TemporaryDirectory() as directory:
        paths = []
        for number, document in enumerate(documents):
            path = Path(directory) / f"{number}.ics"
            path.write_bytes(document)
            paths.append(str(path))
        result = subprocess.run(
            ["node", str(SCRIPT), *paths],
            capture_output=True,
            cwd=JS_DIR,
            timeout=60,
            check=False,
        )
    if result.returncode != 0:
        raise AssertionError(f"ical.js could not read the calendar:\n{result.stderr.decode()}")
    return json.loads(result.stdout)


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _register_vobject_zones(text: str) -> None:
    """Make vobject read TZIDs through this document's VTIMEZONEs, and only those.

    vobject keeps the first zone it met for a TZID for the whole process, falls
    back to pytz for a TZID it does not know, and skips registering a VTIMEZONE
    that looks like UTC from 2000 to 2020 (London's or Dublin's for a later
    year). So: forget earlier zones, then register each VTIMEZONE of the file
    (read by dateutil's tzical) under its TZID before the events are read.
    """
    registry = vars(vobject.icalendar)["__tzidMap"]
    registry.clear()
    vobject.icalendar.registerTzid("UTC", vobject.icalendar.utc)
    raw = vobject.readOne(text, transform=False)
    for vtimezone in raw.contents.get("vtimezone", []):
        vobject.icalendar.VTimezone.transformToNative(vtimezone)
        vobject.icalendar.registerTzid(vtimezone.tzid.value, vtimezone.gettzinfo())


def vobject_read(document: bytes) -> dict:
    """Parse one document with vobject; the same shape as ical.js's reading."""
    text = document.decode("utf-8")
    _register_vobject_zones(text)
    calendar = vobject.readOne(text)
    events = []
    for vevent in calendar.contents.get("vevent", []):
        start = vevent.dtstart.value
        end = vevent.dtend.value if "dtend" in vevent.contents else start
        for moment in (start, end):
            tz = moment.tzinfo
            # A TZID must be read through the file's VTIMEZONE (dateutil's tzical),
            # not through a zone database; UTC times are dateutil's tzutc.
            assert type(tz).__module__.startswith("dateutil"), f"{tz!r} is not from the file"
        events.append(
            {
                "uid": vevent.uid.value,
                "start": utc_text(start),
                "end": utc_text(end),
                "sequence": int(vevent.sequence.value) if "sequence" in vevent.contents else None,
                "status": vevent.status.value if "status" in vevent.contents else None,
                "start_tzid": _tzid(vevent, "dtstart"),
                "end_tzid": _tzid(vevent, "dtend"),
                "summary": vevent.summary.value if "summary" in vevent.contents else None,
                "description": (
                    vevent.description.value if "description" in vevent.contents else None
                ),
                "location": vevent.location.value if "location" in vevent.contents else None,
                "attendees": [a.value for a in vevent.contents.get("attendee", [])],
            }
        )
    method = calendar.contents.get("method")
    return {
        "method": method[0].value if method else None,
        "timezones": [tz.tzid.value for tz in calendar.contents.get("vtimezone", [])],
        "events": events,
    }


def _tzid(vevent, name: str) -> str | None:
    """The TZID a time was written with (None for UTC), as vobject read it."""
    if name not in vevent.contents:
        return None
    moment = getattr(vevent, name).value
    return getattr(moment.tzinfo, "_tzid", None)


def times(reading: dict) -> list[tuple[str, str, str]]:
    """[(uid, start, end)] in file order."""
    return [(e["uid"], e["start"], e["end"]) for e in reading["events"]]


def vevent_lines(document: bytes) -> list[list[tuple[str, dict[str, str], str]]]:
    """Each VEVENT's properties as written, unfolded and unparsed:
    [(NAME, {PARAMETER: value}, value)], without reading TEXT escapes or dates.
    Quotes around a parameter value are kept out of it."""
    text = document.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    events: list[list[tuple[str, dict[str, str], str]]] = []
    current: list[tuple[str, dict[str, str], str]] | None = None
    for line in text.split("\r\n"):
        if line == "BEGIN:VEVENT":
            current = []
        elif line == "END:VEVENT" and current is not None:
            events.append(current)
            current = None
        elif current is not None and line:
            current.append(_content_line(line))
    return events


def calendar_lines(document: bytes) -> list[tuple[str, dict[str, str], str]]:
    """The VCALENDAR's own properties (NAME, X-WR-CALNAME…), as `vevent_lines` reads them."""
    text = document.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "")
    head = text.split("\r\nBEGIN:", 2)[0]  # before the first VTIMEZONE or VEVENT
    return [_content_line(line) for line in head.split("\r\n")[1:] if line]


def _content_line(line: str) -> tuple[str, dict[str, str], str]:
    parts: list[str] = []
    word, quoted = "", False
    for position, character in enumerate(line):
        if character == '"':
            quoted = not quoted
        elif character in ";:" and not quoted:
            parts.append(word)
            word = ""
            if character == ":":
                parts.append(line[position + 1 :])
                break
        else:
            word += character
    name, *parameters, value = parts
    return name, dict(p.split("=", 1) for p in parameters), value
