"""The organisers' confirmations page for one event: every person row with its status,
"4 of 5 confirmed", a "not confirmed" filter, invitations (one or all not yet
invited) and the speakers' proposed corrections, accepted in one click."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agenda.models import Event, Participation
from agenda.team_access import EDITOR, reaches

from . import services
from .models import Proposal


def may_invite(user, event: Event) -> bool:
    """Those who may edit the event (its team's editors and managers, see agenda.teams)."""
    return bool(
        user.is_authenticated
        and user.is_staff
        # The table right (the group's) and the team's right on this event.
        and user.has_perm("agenda.change_event")
        and user.has_perm("agenda.change_event", event)
    )


def confirmations_admin_link(request, event: Event) -> tuple[str, str] | None:
    # The event page asked the user's role already (agenda.team_access caches it).
    user = request.user
    if not (
        user.is_staff and user.has_perm("agenda.change_event") and reaches(request, event, EDITOR)
    ):
        return None
    return (str(_("Confirmations")), reverse("invitations:confirmations", args=[event.slug]))


def counts(rows: list[Participation]) -> str:
    confirmed = sum(1 for p in rows if p.status == Participation.Status.CONFIRMED)
    return _("%(confirmed)s of %(total)s confirmed") % {"confirmed": confirmed, "total": len(rows)}


def _event(request, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not may_invite(request.user, event):
        raise PermissionDenied
    return event


@staff_member_required
def confirmations(request, slug):
    event = _event(request, slug)
    rows = list(
        Participation.objects.filter(agenda_item__event=event)
        .select_related("person__organisation", "agenda_item", "invitation")
        .prefetch_related(
            Prefetch("proposals", queryset=Proposal.objects.filter(accepted__isnull=True))
        )
        .order_by("agenda_item__position", "position", "pk")
    )
    summary = counts(rows)
    only_unconfirmed = request.GET.get("show") == "not_confirmed"
    shown = [p for p in rows if p.status != "confirmed"] if only_unconfirmed else rows
    return render(
        request,
        "invitations/confirmations.html",
        {
            "event": event,
            "rows": shown,
            "summary": summary,
            "only_unconfirmed": only_unconfirmed,
            "title": _("Confirmations"),
        },
    )


@staff_member_required
@require_POST
def invite(request, slug):
    event = _event(request, slug)
    back = reverse("invitations:confirmations", args=[event.slug])
    if request.POST.get("all"):
        sent, problems = services.invite_all(event)
        messages.success(request, _("%(n)s invitations sent.") % {"n": len(sent)})
        for problem in problems:
            messages.warning(request, problem)
        return redirect(back)
    participation = get_object_or_404(
        Participation.objects.select_related("person"),
        pk=request.POST.get("participation"),
        agenda_item__event=event,
    )
    try:
        services.invite(participation, email=request.POST.get("email", ""))
    except services.CannotInvite as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Invitation sent to %(name)s.") % {"name": participation.person.display_name},
        )
    return redirect(back)


@staff_member_required
@require_POST
def accept(request, slug, pk):
    event = _event(request, slug)
    proposal = get_object_or_404(Proposal, pk=pk, participation__agenda_item__event=event)
    services.accept(proposal, user=request.user)
    messages.success(request, _("Correction accepted."))
    return redirect(reverse("invitations:confirmations", args=[event.slug]))
