"""Audit scoped to teams (issue 16): history names who made each change, and nobody
reads another team's history, through the history page, a revert page, a deleted
row's history or the admin index's "Recent actions".

Organisation A organises "Our side event" with B as co-host; C organises "Their
confidential briefing". The 403s of each history page per standing are in
test_enforcement.py's matrix; here is what those pages show and the odd rows
(deleted, moved to another team's event).
"""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from agenda.models import Event, Participation
from tests.support.admin_forms import form_data
from tests.support.builders import add_items, local, make_event, make_organisation
from tests.support.permissions import FORBIDDEN, FOUND, OK
from tests.support.teams import host, member

pytestmark = pytest.mark.django_db

OURS, THEIRS = "Our side event", "Their confidential briefing"


@pytest.fixture
def world():
    a = make_organisation(name="Government mission", acronym="GOV")
    b = make_organisation(name="International Organization for Migration", acronym="IOM")
    c = make_organisation(name="UN Office on Drugs and Crime", acronym="UNODC")
    users = {
        "a manager": member(a, "a-manager", "manager"),
        "b editor": member(b, "b-editor", "editor"),
        "c manager": member(c, "c-manager", "manager"),
        "superuser": get_user_model().objects.create_superuser("root", password="pw-root-1"),
    }
    events = {}
    for title, slug, organiser in ((OURS, "ours", a), (THEIRS, "theirs", c)):
        event = make_event(
            title=title, slug=slug, status=Event.Status.DRAFT,
            start=local(2030, 9, 4, 13, 15), end=local(2030, 9, 4, 14, 45),
        )  # fmt: skip
        host(event, organiser)
        (item,) = add_items(event, [30], people_per_item=1)
        item.save()  # a history row, as the admin makes
        events[slug] = event
    host(events["ours"], b, "co-host")
    return users, events


def edit_room(client, user, event, room: str) -> None:
    """`user` changes the event's room on its admin page, as an organiser does."""
    client.force_login(user)
    url = reverse("admin:agenda_event_change", args=[event.pk])
    data = form_data(client.get(url), "event_form")
    assert client.post(url, {**data, "room": room}).status_code == FOUND


def changed_by(response) -> list[str]:
    """The history page's "Changed by" column, newest first."""
    assert response.status_code == OK
    body = response.content.decode().split('<table id="change-history"', 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>", 1)[1], re.S)
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S) for row in rows]
    return [html.unescape(re.sub(r"<[^>]+>|\s+", "", row[3])) for row in cells]


def test_the_history_names_who_made_each_change(client, world):
    users, events = world
    edit_room(client, users["b editor"], events["ours"], "Board Room B")  # the co-host's editor
    edit_room(client, users["a manager"], events["ours"], "Board Room C")
    client.force_login(users["a manager"])
    page = client.get(reverse("admin:agenda_event_history", args=[events["ours"].pk]))
    # Newest first; the event was made outside the admin (no user).
    assert changed_by(page) == ["a-manager", "b-editor", "None"]
    assert "Board Room B" in page.content.decode()


def test_an_editor_saves_the_event_page_with_its_organisations_read_only(client, world):
    """Editors see the organisations without changing them; their save goes through."""
    users, events = world
    edit_room(client, users["b editor"], events["ours"], "Board Room B")
    event = Event.objects.get(pk=events["ours"].pk)
    assert event.room == "Board Room B"
    organisations = event.event_organisations.values_list("organisation__acronym", "role")
    assert set(organisations) == {("GOV", "organiser"), ("IOM", "co-host")}


@pytest.mark.parametrize(
    ("who", "expected"), [("a manager", FORBIDDEN), ("b editor", FORBIDDEN), ("c manager", OK)]
)
def test_another_teams_history_is_refused_and_not_shown(client, world, who, expected):
    users, events = world
    edit_room(client, users["c manager"], events["theirs"], "Secret room")
    theirs = events["theirs"]
    first = theirs.history.earliest("history_date")
    client.force_login(users[who])
    for url in (
        reverse("admin:agenda_event_history", args=[theirs.pk]),
        reverse("admin:agenda_event_simple_history", args=[theirs.pk, first.pk]),
        reverse("admin:agenda_agendaitem_history", args=[theirs.items.get().pk]),
    ):
        response = client.get(url)
        assert response.status_code == expected, url
        if expected == FORBIDDEN:
            assert THEIRS not in response.content.decode(), url
    history = client.get(reverse("admin:agenda_event_history", args=[theirs.pk]))
    assert ("Secret room" in history.content.decode()) == (expected == OK)


@pytest.mark.parametrize(
    ("who", "sees"),
    [("a manager", {OURS}), ("b editor", set()), ("c manager", {THEIRS}), ("superuser", set())],
)
def test_recent_actions_on_the_admin_index_are_the_users_own(client, world, who, sees):
    users, events = world
    edit_room(client, users["a manager"], events["ours"], "Board Room C")
    edit_room(client, users["c manager"], events["theirs"], "Secret room")
    client.force_login(users[who])
    page = client.get(reverse("admin:index")).content.decode()
    recent = page.split('id="recent-actions-module"', 1)[1]
    assert {title for title in (OURS, THEIRS) if title in recent} == sees


def test_a_deleted_rows_history_is_refused_not_an_error(client, world):
    """An item of an event deleted with it: its history has no event to ask about."""
    users, events = world
    theirs = events["theirs"]
    item = theirs.items.get()
    url = reverse("admin:agenda_agendaitem_history", args=[item.pk])
    theirs.delete()
    for who, expected in (("a manager", FORBIDDEN), ("c manager", FORBIDDEN), ("superuser", OK)):
        client.force_login(users[who])
        assert client.get(url).status_code == expected, who


def test_reverting_a_row_moved_to_another_teams_event_is_refused(client, world):
    """A participation once on our event, moved by a superuser to theirs: our manager may
    not open its old version, nor pull it back by reverting it."""
    users, events = world
    row = Participation.objects.get(agenda_item__event=events["ours"])
    row.save()
    ours_version = row.history.latest("history_date")
    Participation.objects.filter(pk=row.pk).update(agenda_item=events["theirs"].items.get())
    url = reverse("admin:agenda_participation_simple_history", args=[row.pk, ours_version.pk])
    client.force_login(users["a manager"])
    assert client.get(url).status_code == FORBIDDEN
    data = {"agenda_item": str(events["ours"].items.get().pk), "person": str(row.person_id),
            "role": row.role, "status": row.status, "public_consent": "unknown",
            "position": "0"}  # fmt: skip
    assert client.post(url, data).status_code == FORBIDDEN
    row.refresh_from_db()
    assert row.agenda_item.event_id == events["theirs"].pk
    client.force_login(users["superuser"])
    assert client.get(url).status_code == OK  # the control: the page is there
