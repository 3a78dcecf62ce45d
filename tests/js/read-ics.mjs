// Reads iCalendar files with Mozilla's ical.js (the parser Thunderbird uses) and
// prints what it understood as JSON, for tests/agenda/ical/test_parsers.py.
//
//   node read-ics.mjs a.ics b.ics   -> [{...}, {...}]
//   node read-ics.mjs < a.ics       -> {...}
//
// Each file's VTIMEZONEs are registered with ICAL.TimezoneService (after a reset,
// so no zone leaks from one file to the next) before any time is converted to UTC.
// A TZID that ical.js cannot resolve is reported, never silently read as floating.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function utc(time) {
  if (!time) return null;
  return time.convertToZone(ICAL.Timezone.utcTimezone).toString();
}

function zoneOf(property) {
  if (!property) return null;
  const tzid = property.getParameter("tzid");
  const value = property.getFirstValue();
  const resolved = value && value.zone ? value.zone.tzid : null;
  return { tzid: tzid ?? null, resolved };
}

function text(component, name) {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? null : String(value);
}

function read(source) {
  const component = new ICAL.Component(ICAL.parse(source));
  ICAL.TimezoneService.reset();
  const timezones = [];
  for (const vtimezone of component.getAllSubcomponents("vtimezone")) {
    const zone = new ICAL.Timezone(vtimezone);
    ICAL.TimezoneService.register(zone);
    timezones.push(zone.tzid);
  }
  const events = component.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const start = zoneOf(vevent.getFirstProperty("dtstart"));
    const end = zoneOf(vevent.getFirstProperty("dtend"));
    for (const [label, zone] of [["DTSTART", start], ["DTEND", end]]) {
      if (zone && zone.tzid && zone.resolved !== zone.tzid) {
        throw new Error(`${label} TZID=${zone.tzid} was not resolved (got ${zone.resolved})`);
      }
    }
    const organizer = vevent.getFirstProperty("organizer");
    const attach = vevent.getAllProperties("attach").map((p) => ({
      uri: String(p.getFirstValue()),
      fmttype: p.getParameter("fmttype") ?? null,
    }));
    return {
      uid: event.uid,
      summary: event.summary,
      sequence: event.sequence,
      status: text(vevent, "status"),
      start: utc(event.startDate),
      end: utc(event.endDate),
      start_tzid: start ? start.tzid : null,
      end_tzid: end ? end.tzid : null,
      location: event.location,
      description: event.description,
      url: text(vevent, "url"),
      organizer: organizer ? String(organizer.getFirstValue()) : null,
      organizer_cn: organizer ? organizer.getParameter("cn") ?? null : null,
      attendees: vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue())),
      ...(attach.length ? { attach } : {}),
    };
  });
  return {
    method: text(component, "method"),
    name: text(component, "name"),
    x_wr_calname: text(component, "x-wr-calname"),
    timezones,
    events,
  };
}

const paths = process.argv.slice(2);
if (paths.length) {
  console.log(JSON.stringify(paths.map((path) => read(readFileSync(path, "utf8")))));
} else {
  console.log(JSON.stringify(read(readFileSync(0, "utf8"))));
}
