"""Thin views around the calendar and conference-app exports (issue: calendar exports)."""

from django.http import HttpResponse


def _not_yet(*args, **kwargs):
    return HttpResponse("Not implemented yet.", status=501, content_type="text/plain")


event_ics = event_agenda_ics = item_ics = calendar_feed = schedule_xml = schedule_json = _not_yet
