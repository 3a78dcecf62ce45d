"""Teams for tests: staff users on an organisation's team, organisations on events."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save

from agenda.models import Event, EventOrganisation
from agenda.team_models import EventTeam, Membership
from speakers.models import Organisation
from tests.support.admin_forms import organisers_group


def staff_user(username: str):
    """A staff user in the "Organisers" group, on no team yet."""
    user = get_user_model().objects.create_user(
        username=username, password=f"pw-{username}-1", is_staff=True
    )
    user.groups.add(organisers_group())
    return user


def member(organisation: Organisation, username: str, role: str = "editor"):
    user = staff_user(username)
    Membership.objects.create(organisation=organisation, user=user, role=role)
    return user


def host(event: Event, organisation: Organisation, role: str = "organiser") -> EventOrganisation:
    return EventOrganisation.objects.create(event=event, organisation=organisation, role=role)


def co_host_team(event: Event, organisation: Organisation, role: str) -> EventTeam:
    """The organiser raises (manager) or removes (none) a co-host's team on one event."""
    return EventTeam.objects.create(event=event, organisation=organisation, role=role)


# -- the organising team of tests that log in as "the organiser" -------------------------

ORGANISING_TEAM = "Organising team"
_hosting: list[Organisation] = []


def join_organising_team(user, role: str = "manager") -> Organisation:
    """Put the user on the organising team, which organises every event of the test,
    those made before and after (until `stop_hosting`, run after each test)."""
    organisation, _made = Organisation.objects.get_or_create(
        name=ORGANISING_TEAM, defaults={"acronym": "OT"}
    )
    Membership.objects.get_or_create(organisation=organisation, user=user, defaults={"role": role})
    for event in Event.objects.exclude(event_organisations__organisation=organisation):
        host(event, organisation)
    _hosting[:] = [organisation]
    post_save.connect(_host_new_event, sender=Event, dispatch_uid=ORGANISING_TEAM)
    pre_save.connect(
        _copied_row_replaces_ours, sender=EventOrganisation, dispatch_uid=ORGANISING_TEAM
    )
    return organisation


def _host_new_event(sender, instance, created, raw=False, **kwargs):
    if created and not raw and _hosting:
        host(instance, _hosting[0])


def _copied_row_replaces_ours(sender, instance, raw=False, **kwargs):
    """A duplicate or next edition copies the team's row onto the new event, which
    `_host_new_event` has given one already: the copy takes its place."""
    if _hosting and instance.pk is None and instance.organisation_id == _hosting[0].pk:
        EventOrganisation.objects.filter(
            event_id=instance.event_id, organisation=_hosting[0], role=instance.role
        ).delete()


def stop_hosting() -> None:
    post_save.disconnect(sender=Event, dispatch_uid=ORGANISING_TEAM)
    pre_save.disconnect(sender=EventOrganisation, dispatch_uid=ORGANISING_TEAM)
    _hosting.clear()
