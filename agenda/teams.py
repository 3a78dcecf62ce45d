"""Who may do what to an event: the team rules, as `rules` predicates.

Contract:
- `events_for(user, role)` is the QuerySet of events a user reaches with at
  least `role` (editor or manager); superusers reach every event. Membership in
  the "Organisers" group alone reaches none.
- `event_role(user, obj)` is "manager", "editor" or None for an event or any row
  that belongs to one (item, participation, contact, registration…, see
  `event_of`).
- The predicates `is_event_editor` and `is_event_manager` back object
  permissions (`user.has_perm("agenda.change_event", event)`) through
  `rules.permissions.ObjectPermissionBackend`; apps above agenda use the same
  predicates for their own rows (registrants' data: managers only).

Rules rather than django-guardian: the roles follow from rows that are there
anyway (memberships, the event's organisations), so a predicate computes them;
guardian would keep one permission row per user and object that must be kept in
sync each time a co-host or a member is added or removed.
"""

from __future__ import annotations

import rules
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Event, EventOrganisation
from .team_models import EventTeam, EventTeamRole, Membership, OccasionManager, TeamRole

MANAGER, EDITOR = TeamRole.MANAGER.value, TeamRole.EDITOR.value
ORGANISER, CO_HOST = EventOrganisation.Role.ORGANISER.value, EventOrganisation.Role.CO_HOST.value


def _team_q(user, role: str) -> Q:
    """Events reached through the user's teams with at least `role`."""
    members = Membership.objects.filter(user=user, organisation=OuterRef("organisation"))
    if role == MANAGER:
        members = members.filter(role=MANAGER)
    as_organiser = EventOrganisation.objects.filter(role=ORGANISER).filter(Exists(members))
    overrides = EventTeam.objects.filter(
        event=OuterRef("event"), organisation=OuterRef("organisation")
    )
    co_host = EventOrganisation.objects.filter(role=CO_HOST).filter(Exists(members))
    if role == MANAGER:
        co_host = co_host.filter(Exists(overrides.filter(role=EventTeamRole.MANAGER)))
    else:
        co_host = co_host.exclude(Exists(overrides.filter(role=EventTeamRole.NONE)))
    occasions = OccasionManager.objects.filter(user=user).values("occasion")
    return (
        Q(pk__in=as_organiser.values("event"))
        | Q(pk__in=co_host.values("event"))
        | Q(occasion_ref__in=occasions)
    )


def events_for(user, role: str = EDITOR, events: QuerySet | None = None) -> QuerySet:
    events = Event.objects.all() if events is None else events
    if not user.is_authenticated or not user.is_active:
        return events.none()
    if user.is_superuser:
        return events
    return events.filter(_team_q(user, role))


def event_of(obj) -> Event | None:
    """The event a row belongs to: the event itself, or through event/item/outcome/run;
    None when that row is gone (the history of a deleted item of a deleted event)."""
    for _hop in range(4):
        if obj is None or isinstance(obj, Event):
            return obj
        for name in ("event", "agenda_item", "outcome", "run"):
            if hasattr(obj, f"{name}_id"):
                try:
                    obj = getattr(obj, name) if getattr(obj, f"{name}_id") else None
                except ObjectDoesNotExist:
                    return None
                break
        else:
            return None
    return None


def event_role(user, obj) -> str | None:
    event = event_of(obj)
    if event is None or event.pk is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return MANAGER
    # Asked afresh on each call: a member removed mid-form is refused at their save.
    reached = set(
        Event.objects.filter(pk=event.pk)
        .annotate(
            manages=Exists(Event.objects.filter(pk=OuterRef("pk")).filter(_team_q(user, MANAGER))),
            edits=Exists(Event.objects.filter(pk=OuterRef("pk")).filter(_team_q(user, EDITOR))),
        )
        .values_list("manages", "edits")
    )
    manages, edits = next(iter(reached), (False, False))
    return MANAGER if manages else EDITOR if edits else None


def manager_of(user, organisation) -> bool:
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, organisation=organisation, role=MANAGER).exists()


@rules.predicate
def is_event_editor(user, obj) -> bool:
    return event_role(user, obj) in (MANAGER, EDITOR)


@rules.predicate
def is_event_manager(user, obj) -> bool:
    return event_role(user, obj) == MANAGER


def register_permissions() -> None:
    """Object permissions of agenda's rows (called from AgendaConfig.ready)."""
    editable = (
        "event",
        "agendaitem",
        "participation",
        "contact",
        "discussionquestion",
        "eventorganisation",
        "outcome",
        "recommendation",
    )
    for model in editable:
        for action in ("view", "change", "add"):
            rules.set_perm(f"agenda.{action}_{model}", is_event_editor)
        rules.set_perm(f"agenda.delete_{model}", is_event_editor)
    # Deleting or publishing a whole event, and who is on which team, are managers'.
    rules.set_perm("agenda.delete_event", is_event_manager)
    rules.set_perm("agenda.publish_event", is_event_manager)
    rules.set_perm("agenda.change_eventteam", is_event_manager)


def rows_for(user, rows: QuerySet, path: str = "", role: str = EDITOR) -> QuerySet:
    """The rows of `rows` whose event (reached through the lookup `path`, "" for events
    themselves) the user reaches with at least `role`."""
    if not path:
        return events_for(user, role, rows)
    if user.is_authenticated and user.is_active and user.is_superuser:
        return rows
    return rows.filter(**{f"{path}__in": events_for(user, role)})


def request_role(request, obj) -> str | None:
    """`event_role` for the request's user, asked once per event and request: a page
    asks view, change and delete of the same event several times."""
    event = event_of(obj)
    if event is None or event.pk is None:
        return None
    asked = request.__dict__.setdefault("_eventsite_event_roles", {})
    if event.pk not in asked:
        asked[event.pk] = event_role(request.user, event)
    return asked[event.pk]


def reaches(role_held: str | None, role: str) -> bool:
    return role_held == MANAGER or (role == EDITOR and role_held == EDITOR)


def home_organisation(user):
    """The organisation a new event of the user's is organised by: the first they
    manage, else the first they edit for; None without a team."""
    rows = Membership.objects.filter(user=user).select_related("organisation")
    first = min(rows, key=lambda m: (m.role != MANAGER, m.pk), default=None)
    return first.organisation if first else None


def give_to_home_organisation(user, event: Event) -> None:
    """A member's new event stays reachable by its author, and what they typed stays:
    - no organiser named: their organisation organises it;
    - another organisation named as organiser (an IOM officer entering a side event a
      government organises): their organisation is kept or added as co-host, and
      its team is raised to the author's own role on this event (EventTeam), so
      they can go on planning and, as a manager, publish it."""
    home = home_organisation(user)
    if home is None or events_for(user, MANAGER).filter(pk=event.pk).exists():
        return
    rows = EventOrganisation.objects.filter(event=event)
    if not rows.filter(role=ORGANISER).exists():
        rows.filter(organisation=home).delete()
        EventOrganisation.objects.create(event=event, organisation=home, role=ORGANISER)
        return
    if rows.filter(organisation=home, role=ORGANISER).exists():
        return  # theirs already: their role on it is their role in the team
    if not rows.filter(organisation=home, role=CO_HOST).exists():
        EventOrganisation.objects.create(event=event, organisation=home, role=CO_HOST)
    own = Membership.objects.get(user=user, organisation=home).role
    EventTeam.objects.update_or_create(
        event=event,
        organisation=home,
        defaults={"role": EventTeamRole.MANAGER if own == MANAGER else EventTeamRole.EDITOR},
    )
