"""iCalendar (RFC 5545, RFC 5546) files: `calendars` builds them from events;
`timezones` holds the VTIMEZONE arithmetic, with no Django in it.

The Google and Outlook "add to calendar" links are not iCalendar: they are in
`agenda.calendar_links`.
"""
