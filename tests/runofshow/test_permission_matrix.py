"""Who may open what of the run of show: the timekeeper, speaker screen and their
state, with and without the signed link, the attendees' now.json and now page,
and the admin pages of runs and item timings, for anonymous visitors, organisers
and superusers, with a draft and a published event."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import get_resolver, resolve, reverse

from runofshow import services
from runofshow.access import link_key
from runofshow.models import ItemTiming, Run
from tests.support.builders import local
from tests.support.hostile import build_world
from tests.support.permissions import (
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    ROLES,
    STATES,
    Row,
    admin_object_rows,
    is_runofshow_url,
    mismatches,
    named_urls,
    same,
    status_of,
)

pytestmark = pytest.mark.django_db
SEE_OTHER = 303


def world_in(state: str):
    world = build_world(
        status=state,
        slug="side-event",
        start=local(2030, 9, 4, 13, 15),
        end=local(2030, 9, 4, 14, 45),
    )
    services.press(world.event, "start", seen_step=0, who="setup")
    return world


def rows(event) -> list[Row]:
    slug = {"slug": event.slug}
    run = Run.objects.get(event=event)
    timing = ItemTiming.objects.filter(run=run).first()
    key = link_key(event)
    tampered = key[:-3] + ("abc" if not key.endswith("abc") else "xyz")
    timekeeper = reverse("runofshow:timekeeper", kwargs=slug)
    speaker = reverse("runofshow:speaker", kwargs=slug)
    state = reverse("runofshow:state", kwargs=slug)
    public = {"draft": (NOT_FOUND,) * 3, "published": (OK, OK, OK)}
    table = [
        Row("timekeeper", timekeeper, **same(LOGIN, OK, OK)),
        Row("timekeeper press", timekeeper, **same(LOGIN, SEE_OTHER, SEE_OTHER), method="POST",
            data={"action": "next", "step": "99"}),
        Row("speaker screen", speaker, **same(LOGIN, OK, OK)),
        Row("run state", state, **same(LOGIN, OK, OK)),
        Row("timekeeper, link", f"{timekeeper}?key={key}", **same(OK, OK, OK)),
        Row("timekeeper press, link", f"{timekeeper}?key={key}", **same(SEE_OTHER, SEE_OTHER, SEE_OTHER),
            method="POST", data={"action": "next", "step": "99"}),
        Row("speaker screen, link", f"{speaker}?key={key}", **same(OK, OK, OK)),
        Row("run state, link", f"{state}?key={key}", **same(OK, OK, OK)),
        Row("timekeeper, tampered link", f"{timekeeper}?key={tampered}",
            **same(FORBIDDEN, FORBIDDEN, FORBIDDEN)),
        Row("timekeeper press, tampered link", f"{timekeeper}?key={tampered}",
            **same(FORBIDDEN, FORBIDDEN, FORBIDDEN), method="POST", data={"action": "next", "step": "1"}),
        Row("speaker screen, tampered link", f"{speaker}?key={tampered}", **same(FORBIDDEN, FORBIDDEN, FORBIDDEN)),
        Row("run state, tampered link", f"{state}?key={tampered}", **same(FORBIDDEN, FORBIDDEN, FORBIDDEN)),
        Row("now.json", reverse("runofshow:now_json", kwargs=slug), **public),
        Row("now page", reverse("runofshow:now", kwargs=slug), **public),
        Row("planned against actual (CSV)",
            reverse("admin:runofshow_run_report", args=[run.pk]), **same(LOGIN, OK, OK)),
    ]  # fmt: skip
    table += admin_object_rows("runofshow_run", run, organiser=OK, delete=(FORBIDDEN, OK))
    table += admin_object_rows("runofshow_itemtiming", timing, organiser=OK)
    for prefix, obj in (("runofshow_run", run), ("runofshow_itemtiming", timing)):
        first = obj.history.earliest("history_date")
        table.append(
            Row(
                f"{prefix} revert",
                reverse(f"admin:{prefix}_simple_history", args=[obj.pk, first.pk]),
                **same(LOGIN, OK, OK),
            )
        )
    table.append(
        Row("runofshow app", reverse("admin:app_list", args=["runofshow"]), **same(LOGIN, OK, OK))
    )
    return table


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_permission_matrix(client, users, state, role):
    world = world_in(state)
    if role != "anonymous":
        client.force_login(users[role])
    wrong = mismatches(client, rows(world.event), state, role)
    assert not wrong, "\n".join(wrong)


def test_the_presses_that_were_refused_recorded_nothing(client, users):
    world = world_in("published")
    before = Run.objects.get(event=world.event).step
    for row in rows(world.event):
        if row.method == "POST" and not row.name.endswith(", link"):
            status_of(client, row)  # anonymous
    assert Run.objects.get(event=world.event).step == before


def test_the_table_covers_every_url(users):
    world = world_in("published")
    covered = {resolve(row.url.split("?")[0]).view_name for row in rows(world.event)}
    every = {n for n in named_urls(get_resolver().url_patterns) if is_runofshow_url(n)}
    assert every - covered == set()


def test_an_expired_link_is_refused(client, users):
    world = build_world(
        status="published",
        slug="long-ago",
        start=local(2020, 9, 4, 13, 15),
        end=local(2020, 9, 4, 14, 45),
    )
    url = reverse("runofshow:timekeeper", kwargs={"slug": world.event.slug})
    response = client.get(url, {"key": link_key(world.event)})
    assert response.status_code == FORBIDDEN
    assert b"expired" in response.content
    assert world.event.end + timedelta(days=1) < world.event.created_at


def test_a_link_for_another_event_is_refused(client):
    one = world_in("published").event
    other = build_world(status="published", slug="other", start=one.start, end=one.end).event
    url = reverse("runofshow:timekeeper", kwargs={"slug": other.slug})
    response = client.get(url, {"key": link_key(one)})
    assert response.status_code == FORBIDDEN


def test_staff_who_may_not_change_events_are_refused(client, staff_user):
    world = world_in("published")
    client.force_login(staff_user)
    url = reverse("runofshow:timekeeper", kwargs={"slug": world.event.slug})
    assert client.get(url).status_code == FORBIDDEN


def test_a_press_through_the_link_is_recorded_as_the_link(client):
    event = world_in("published").event
    run = Run.objects.get(event=event)
    url = reverse("runofshow:timekeeper", kwargs={"slug": event.slug})
    key = link_key(event)
    response = client.post(f"{url}?key={key}", {"action": "next", "step": run.step})
    assert response.status_code == SEE_OTHER
    assert response["Location"].endswith(f"?key={key.replace(':', '%3A')}")
    second = ItemTiming.objects.get(run=run, item__position=1)
    assert second.started_by == "timekeeper link"


def test_a_press_without_the_csrf_token_is_refused(users):
    event = world_in("published").event
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["organiser"])
    url = reverse("runofshow:timekeeper", kwargs={"slug": event.slug})
    response = client.post(url, {"action": "next", "step": 1})
    assert response.status_code == FORBIDDEN
    assert Run.objects.get(event=event).current == 0
