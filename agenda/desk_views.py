"""JSON views behind the event page (the planning desk); thin, the logic is elsewhere.

They run inside the admin site (login, staff, CSRF on POST) and check the
event permissions themselves.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from common.single_line import validate_single_line

from . import (
    duplication,
    live_schedule,
    next_edition,
    preview_links,
    publishing,
    time_input,
    zone_field,
)
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
    tick) before the event is published (`publishing.publish`).
    """
    event = get_object_or_404(Event, pk=object_id)
    # Publishing is the event's managers' (agenda.teams); editors prepare it.
    if not (
        model_admin.has_change_permission(request, event)
        and request.user.has_perm("agenda.publish_event", event)
    ):
        raise PermissionDenied
    change_url = reverse("admin:agenda_event_change", args=[event.pk])
    zone_confirmed = request.POST.get("zone_confirmed") == "on"
    refused = None
    if request.method == "POST" and event.status != Event.Status.PUBLISHED:
        outcome = publishing.publish(
            event.pk,
            zone_confirmed=zone_confirmed,
            acknowledged=request.POST.get("acknowledged") == "on",
        )
        refused = {
            publishing.BLOCKED: _("Not published: fix what blocks it first."),
            publishing.ADVISED: _(
                "Not published yet: tick that you have looked at the advisories."
            ),
        }.get(outcome)
        if outcome is None:
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


class NextEditionForm(forms.Form):
    on = forms.DateField(label=_lazy("New date"), help_text=_lazy("e.g. 2030-09-04"))
    at = forms.TimeField(
        label=_lazy("New start time"),
        input_formats=time_input.TIME_FORMATS,
        help_text=time_input.EXAMPLE,
        error_messages={"invalid": time_input.INVALID},
    )


class DuplicateForm(NextEditionForm):
    title = forms.CharField(
        label=_lazy("Title"),
        max_length=Event._meta.get_field("title").max_length,
        validators=[validate_single_line],
        help_text=_lazy("The web address is made from the title and the new date."),
    )
    field_order = ["title", "on", "at"]


def _new_draft_view(request, event, *, model_admin, form, make, heading, template, done):
    """Ask for what the new draft needs (`form`), make it (`make`), open it."""
    if not (
        model_admin.has_add_permission(request) and model_admin.has_view_permission(request, event)
    ):
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        copy = make(form.cleaned_data)
        model_admin.message_user(request, done)
        for text in next_edition.texts_to_review(copy):
            model_admin.message_user(request, text, messages.WARNING)
        return HttpResponseRedirect(reverse("admin:agenda_event_change", args=[copy.pk]))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": heading % {"title": event.title},
        "opts": model_admin.model._meta,
        "event": event,
        "form": form,
        "change_url": reverse("admin:agenda_event_change", args=[event.pk]),
    }
    return TemplateResponse(request, template, context)


def next_edition_view(request, object_id, *, model_admin):
    """Ask for the new date and start time, make the next edition, open it."""
    event = get_object_or_404(Event, pk=object_id)
    return _new_draft_view(
        request,
        event,
        model_admin=model_admin,
        form=NextEditionForm(request.POST or None),
        make=lambda data: next_edition.next_edition(event=event, on=data["on"], at=data["at"]),
        heading=_("Next edition of “%(title)s”"),
        template="admin/agenda/event/next_edition.html",
        done=_("This is the next edition, a draft. Check its texts before publishing."),
    )


def duplicate_view(request, object_id, *, model_admin):
    """Ask for the copy's title, date and start time; make it, moved there, and open it."""
    event = get_object_or_404(Event, pk=object_id)
    initial = {"title": event.title, "at": event.start.astimezone(event.zone).time()}
    return _new_draft_view(
        request,
        event,
        model_admin=model_admin,
        form=DuplicateForm(request.POST or None, initial=initial),
        make=lambda data: duplication.duplicate_event(
            event=event, on=data["on"], at=data["at"], title=data["title"]
        ),
        heading=_("Duplicate “%(title)s”"),
        template="admin/agenda/event/duplicate.html",
        done=_("This is the copy, a draft. Check its texts before publishing."),
    )


@require_POST
def withdraw_preview_view(request, object_id, *, model_admin):
    """A new preview key for the event: every preview link given out before stops working."""
    event = get_object_or_404(Event, pk=object_id)
    if not model_admin.has_change_permission(request, event):
        raise PermissionDenied
    preview_links.withdraw(event)
    # Only the key: the page's texts and its edit version stay as the organiser left them.
    Event.objects.filter(pk=event.pk).update(preview_key=event.preview_key)
    messages.success(
        request, _("The earlier preview links no longer work. Here is a new one to share.")
    )
    return HttpResponseRedirect(reverse("admin:agenda_event_change", args=[event.pk]))
