"""A team changed while a member has a form open (issue 16): the next save is asked
afresh and refused, and nothing is written.

Each test opens the page (GET), changes the team as a manager would meanwhile, then
sends the form as the page would. The control sends the same form unchanged in rights.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from agenda.models import Event, Participation
from agenda.team_models import Membership
from tests.support.admin_forms import form_data, text
from tests.support.builders import add_items, make_organisation, make_person, make_vienna_draft
from tests.support.permissions import FORBIDDEN, FOUND
from tests.support.teams import co_host_team, host, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    organiser, co_host = make_organisation(acronym="GOV"), make_organisation(acronym="IOM")
    event = make_vienna_draft(title="Side event", slug="side-event")
    host(event, organiser)
    host(event, co_host, "co-host")
    for item in add_items(event, [30, 30]):
        Participation.objects.create(agenda_item=item, person=make_person(), role="speaker")
    return {
        "event": event,
        "co_host": co_host,
        "manager": member(organiser, "manager", "manager"),
        "editor": member(organiser, "editor", "editor"),
        "co_host_editor": member(co_host, "co-host-editor", "editor"),
    }


def saved(event: Event) -> tuple:
    """What a refused save must leave as it was."""
    row = Event.objects.get(pk=event.pk)
    return row.room, row.status, row.version, row.history.count()


def open_event_form(client, user, event) -> tuple[str, dict]:
    client.force_login(user)
    url = reverse("admin:agenda_event_change", args=[event.pk])
    return url, {**form_data(client.get(url), "event_form"), "room": "Changed meanwhile"}


def remove_from_team(team, who):
    Membership.objects.filter(user=team[who]).delete()


def remove_co_host_team(team, who):
    co_host_team(team["event"], team["co_host"], "none")


def keep(team, who):
    pass


@pytest.mark.parametrize(
    ("who", "change", "refused"),
    [
        ("editor", remove_from_team, True),
        ("co_host_editor", remove_from_team, True),
        ("co_host_editor", remove_co_host_team, True),  # the organiser takes the event back
        ("editor", keep, False),
        ("co_host_editor", keep, False),
    ],
)
def test_the_event_page_saved_after_losing_the_event(client, team, who, change, refused):
    event = team["event"]
    url, data = open_event_form(client, team[who], event)
    change(team, who)
    before = saved(event)
    response = client.post(url, data)
    assert response.status_code == FOUND
    if refused:
        # The admin's "not found": back to its index, the event unchanged.
        assert response["Location"] == reverse("admin:index")
        assert saved(event) == before
    else:
        assert response["Location"].startswith(reverse("admin:agenda_event_changelist"))
        assert Event.objects.get(pk=event.pk).room == "Changed meanwhile"


def test_a_manager_lowered_to_editor_with_the_checklist_open_does_not_publish(client, team):
    event, manager = team["event"], team["manager"]
    url = reverse("admin:agenda_event_publish", args=[event.pk])
    client.force_login(manager)
    assert "Publish" in text(client.get(url))  # the checklist is open
    Membership.objects.filter(user=manager).update(role="editor")
    before = saved(event)
    response = client.post(url, {"acknowledged": "on", "zone_confirmed": "on"})
    assert response.status_code == FORBIDDEN
    assert saved(event) == before
    # The control: raised again, the same post publishes.
    Membership.objects.filter(user=manager).update(role="manager")
    assert client.post(url, {"acknowledged": "on", "zone_confirmed": "on"}).status_code == FOUND
    assert Event.objects.get(pk=event.pk).status == Event.Status.PUBLISHED


def test_a_manager_lowered_to_editor_cannot_publish_from_the_open_event_page(client, team):
    event, manager = team["event"], team["manager"]
    url, data = open_event_form(client, manager, event)
    Membership.objects.filter(user=manager).update(role="editor")
    before = saved(event)
    response = client.post(url, {**data, "status": Event.Status.PUBLISHED})
    assert "Only the event's managers may publish or cancel it." in text(response)
    assert saved(event) == before
