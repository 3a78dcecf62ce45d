"""Teams for tests: staff users on an organisation's team, organisations on events."""

from __future__ import annotations

from django.contrib.auth import get_user_model

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
