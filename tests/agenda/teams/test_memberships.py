"""Team membership: the constraint and clean(), the last manager, assign_team."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from agenda import memberships
from agenda.team_models import EventTeam, Membership
from tests.support.builders import make_event, make_organisation
from tests.support.teams import host, member, staff_user

pytestmark = pytest.mark.django_db


def test_one_membership_per_organisation_and_user():
    org = make_organisation()
    user = member(org, "ana", "editor")
    twin = Membership(organisation=org, user=user, role="manager")
    with pytest.raises(ValidationError, match="already in the organisation's team"):
        twin.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_a_role_must_be_manager_or_editor():
    org = make_organisation()
    user = staff_user("bea")
    odd = Membership(organisation=org, user=user, role="owner")
    with pytest.raises(ValidationError):
        odd.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        odd.save()


def test_only_a_co_host_can_be_raised_on_an_event():
    event, org = make_event(), make_organisation()
    host(event, org, "supporter")
    with pytest.raises(ValidationError, match="add the organisation as a co-host"):
        EventTeam(event=event, organisation=org, role="manager").full_clean()


def test_the_last_manager_cannot_be_removed_or_demoted():
    org = make_organisation()
    boss = member(org, "boss", "manager")
    membership = Membership.objects.get(user=boss)
    with pytest.raises(ValidationError, match="last manager"):
        memberships.remove(membership)
    with pytest.raises(ValidationError, match="last manager"):
        memberships.assign(organisation=org, user=boss, role="editor")
    assert Membership.objects.get(user=boss).role == "manager"
    member(org, "deputy", "manager")
    memberships.remove(membership)
    assert not Membership.objects.filter(user=boss).exists()


def test_assign_team_makes_a_first_manager():
    org = make_organisation(name="International Organization for Migration", acronym="IOM")
    user = staff_user("carla")
    user.is_staff = False
    user.save()
    call_command("assign_team", "iom", "carla", "--role", "manager")
    assert Membership.objects.get(user=user, organisation=org).role == "manager"
    user.refresh_from_db()
    assert user.is_staff


@pytest.mark.parametrize(
    ("args", "message"),
    [(["unknown", "carla"], "No organisation"), (["iom", "ghost"], "No user")],
)
def test_assign_team_refuses_unknown_names(args, message):
    make_organisation(name="International Organization for Migration", acronym="IOM")
    staff_user("carla")
    with pytest.raises(CommandError, match=message):
        call_command("assign_team", *args)
