"""Which events a team reaches, and with which role (agenda.teams)."""

import pytest

from agenda import teams
from agenda.models import Event
from agenda.team_models import OccasionManager
from tests.support.builders import add_items, make_event, make_organisation
from tests.support.occasions import make_occasion
from tests.support.teams import co_host_team, host, member, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    mission, iom, unodc = (make_organisation(acronym=a) for a in ("MISSION", "IOM", "UNODC"))
    event = make_event(status=Event.Status.DRAFT)
    other = make_event(status=Event.Status.DRAFT)
    host(event, mission)
    host(event, iom, "co-host")
    host(event, unodc, "supporter")
    host(other, unodc)
    return {
        "event": event,
        "other": other,
        "mission": mission,
        "iom": iom,
        "users": {
            "mission manager": member(mission, "mm", "manager"),
            "mission editor": member(mission, "me", "editor"),
            "iom manager": member(iom, "im", "manager"),
            "iom editor": member(iom, "ie", "editor"),
            "unodc manager": member(unodc, "um", "manager"),
            "no team": staff_user("nobody"),
        },
    }


# The expected role of each user on `event` with the default co-host role.
DEFAULT = {
    "mission manager": "manager",
    "mission editor": "editor",
    "iom manager": "editor",
    "iom editor": "editor",
    "unodc manager": None,
    "no team": None,
}


@pytest.mark.parametrize(("who", "expected"), DEFAULT.items())
def test_roles_follow_the_events_organisations(world, who, expected):
    assert teams.event_role(world["users"][who], world["event"]) == expected


@pytest.mark.parametrize(
    ("override", "iom_manager", "iom_editor"),
    [("manager", "manager", "editor"), ("editor", "editor", "editor"), ("none", None, None)],
)
def test_the_organiser_raises_or_removes_a_co_host(world, override, iom_manager, iom_editor):
    co_host_team(world["event"], world["iom"], override)
    users = world["users"]
    assert teams.event_role(users["iom manager"], world["event"]) == iom_manager
    assert teams.event_role(users["iom editor"], world["event"]) == iom_editor


def test_events_for_lists_what_event_role_allows(world):
    for who, expected in DEFAULT.items():
        user = world["users"][who]
        editable = set(teams.events_for(user, "editor"))
        managed = set(teams.events_for(user, "manager"))
        assert (world["event"] in editable) == (expected is not None), who
        assert (world["event"] in managed) == (expected == "manager"), who
    assert set(teams.events_for(world["users"]["unodc manager"], "manager")) == {world["other"]}


def test_parts_of_an_event_take_its_role(world):
    item = add_items(world["event"], [10], people_per_item=1)[0]
    participation = item.participations.get()
    assert teams.event_role(world["users"]["mission editor"], item) == "editor"
    assert teams.event_role(world["users"]["mission manager"], participation) == "manager"
    assert teams.event_role(world["users"]["unodc manager"], participation) is None


def test_superusers_reach_every_event_and_anonymous_none(world, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    root = django_user_model.objects.create_superuser("root", password="pw-root-1")
    assert teams.event_role(root, world["other"]) == "manager"
    assert teams.events_for(root).count() == Event.objects.count() == 2
    assert teams.event_role(AnonymousUser(), world["event"]) is None
    assert not teams.events_for(AnonymousUser()).exists()


def test_the_organisers_group_alone_reaches_nothing(world):
    nobody = world["users"]["no team"]
    assert nobody.has_perm("agenda.change_event")  # the table-level permission is kept
    assert not nobody.has_perm("agenda.change_event", world["event"])
    assert not teams.events_for(nobody).exists()


def test_an_inactive_member_reaches_nothing(world):
    user = world["users"]["mission manager"]
    user.is_active = False
    user.save()
    assert teams.event_role(user, world["event"]) is None


def test_occasion_managers_manage_every_event_of_it(world):
    occasion = make_occasion()
    world["other"].occasion_ref = occasion
    world["other"].save()
    user = world["users"]["no team"]
    OccasionManager.objects.create(occasion=occasion, user=user)
    assert teams.event_role(user, world["other"]) == "manager"
    assert teams.event_role(user, world["event"]) is None


@pytest.mark.parametrize(
    ("who", "perm", "allowed"),
    [
        ("mission editor", "agenda.change_event", True),
        ("mission editor", "agenda.publish_event", False),
        ("mission editor", "agenda.delete_event", False),
        ("mission manager", "agenda.publish_event", True),
        ("mission manager", "agenda.delete_event", True),
        ("iom editor", "agenda.change_agendaitem", True),
        ("iom manager", "agenda.publish_event", False),
        ("unodc manager", "agenda.view_event", False),
    ],
)
def test_object_permissions(world, who, perm, allowed):
    assert world["users"][who].has_perm(perm, world["event"]) is allowed


def test_event_role_costs_one_query(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        teams.event_role(world["users"]["iom editor"], world["event"])
