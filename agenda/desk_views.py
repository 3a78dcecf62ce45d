"""JSON views behind the event page (the planning desk); thin, the logic is elsewhere.

They run inside the admin site (login, staff, CSRF on POST) and check the
event permissions themselves.
"""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import edit_guard, live_schedule, publishing, zone_field
from .models import Event


@require_POST
def schedule_preview_view(request, *, model_admin):
    """Row times and the minutes box for the rows as typed (agenda/live_schedule.py)."""
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        return JsonResponse({"rows": None}, status=403)
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return JsonResponse({"rows": None}, status=400)
    return JsonResponse(live_schedule.preview(data))


def publish_view(request, object_id, *, model_admin):
    """The checklist before publishing (agenda/publishing.py), and publishing itself.

    Blocking problems refuse; advisories are shown and must be acknowledged (a
    tick) before the event is published. The event row is locked while checked
    and published, so the checklist is about the agenda that is published.
    """
    event = get_object_or_404(Event, pk=object_id)
    if not model_admin.has_change_permission(request, event):
        raise PermissionDenied
    change_url = reverse("admin:agenda_event_change", args=[event.pk])
    zone_confirmed = request.POST.get("zone_confirmed") == "on"
    refused = None
    if request.method == "POST" and event.status != Event.Status.PUBLISHED:
        with transaction.atomic():
            event = edit_guard.lock_event(event_id=event.pk)
            checks = publishing.checklist(event, zone_confirmed=zone_confirmed)
            blocking = [c for c in checks if c.blocking]
            advisories = [c for c in checks if not c.blocking]
            if blocking:
                refused = _("Not published: fix what blocks it first.")
            elif advisories and request.POST.get("acknowledged") != "on":
                refused = _("Not published yet: tick that you have looked at the advisories.")
            else:
                event.status = Event.Status.PUBLISHED
                event.save()
        if refused is None:
            model_admin.message_user(request, _("Published: the event is public now."))
            return HttpResponseRedirect(change_url)
    checks = publishing.checklist(event, zone_confirmed=zone_confirmed)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": _("Publish “%(title)s”") % {"title": event.title},
        "opts": model_admin.model._meta,
        "original": event,
        "event": event,
        "blocking": [c for c in checks if c.blocking],
        "advisories": [c for c in checks if not c.blocking],
        "zone_warning": zone_field.mismatch(event.time_zone, event.country),
        "refused": refused,
        "change_url": change_url,
    }
    return TemplateResponse(
        request, "admin/agenda/event/publish.html", context, status=400 if refused else 200
    )
