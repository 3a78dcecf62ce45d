"""JSON views behind the event page (the planning desk); thin, the logic is elsewhere.

They run inside the admin site (login, staff, CSRF on POST) and check the
event permissions themselves.
"""

from __future__ import annotations

import json

from django.http import JsonResponse
from django.views.decorators.http import require_POST

from . import live_schedule


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
