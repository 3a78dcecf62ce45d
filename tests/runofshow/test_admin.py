"""The run of show in the admin: links, planned against actual, CSV, corrections with history."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from runofshow.models import ItemTiming
from tests.support.teams import join_organising_team

pytestmark = pytest.mark.django_db


def test_the_change_page_shows_planned_against_actual_and_the_links(organiser_client, finished_run):
    url = reverse("admin:runofshow_run_change", args=[finished_run.pk])
    html = organiser_client.get(url).content.decode()
    assert "Panel: budget 30, ran 34 (+4)" in html
    assert "Opening Remarks: budget 7, ran 8 (+1)" in html
    assert "Total: budget 90, ran 90 (+0)" in html
    assert (
        reverse("runofshow:timekeeper", kwargs={"slug": finished_run.event.slug}) + "?key=" in html
    )
    assert reverse("admin:runofshow_run_report", args=[finished_run.pk]) in html


def test_the_csv(organiser_client, finished_run):
    response = organiser_client.get(reverse("admin:runofshow_run_report", args=[finished_run.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows == [
        ["number", "item", "budget_minutes", "ran_minutes", "difference_minutes"],
        ["I", "Opening Remarks", "7", "8", "1"],
        ["II", "Panel", "30", "34", "4"],
        ["III", "Q&A Session", "30", "28", "-2"],
        ["IV", "Closing remarks", "23", "20", "-3"],
        ["", "Total", "90", "90", "0"],
    ]


def test_a_correction_keeps_its_history(organiser_client, finished_run):
    timing = ItemTiming.objects.get(run=finished_run, item__position=1)
    url = reverse("admin:runofshow_itemtiming_change", args=[timing.pk])
    corrected = timing.ended_at.replace(second=0) - (timing.ended_at - timing.started_at) / 34 * 2
    response = organiser_client.post(
        url,
        {
            "run": finished_run.pk,
            "item": timing.item_id,
            "started_at_0": timing.started_at.strftime("%Y-%m-%d"),
            "started_at_1": timing.started_at.strftime("%H:%M:%S"),
            "ended_at_0": corrected.strftime("%Y-%m-%d"),
            "ended_at_1": corrected.strftime("%H:%M:%S"),
            "started_by": timing.started_by,
            "ended_by": timing.ended_by,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    timing.refresh_from_db()
    assert timing.ended_at == corrected
    assert timing.history.count() >= 3
    assert timing.history.first().history_user.username == "organiser"


def test_an_end_before_the_start_is_refused(organiser_client, finished_run):
    timing = ItemTiming.objects.get(run=finished_run, item__position=1)
    response = organiser_client.post(
        reverse("admin:runofshow_itemtiming_change", args=[timing.pk]),
        {
            "run": finished_run.pk,
            "item": timing.item_id,
            "started_at_0": "2017-09-04",
            "started_at_1": "12:00:00",
            "ended_at_0": "2017-09-04",
            "ended_at_1": "11:00:00",
        },
    )
    assert response.status_code == 200
    assert "An item ends after it starts." in response.content.decode()


def test_the_event_page_in_the_admin_leads_to_the_timekeeper(organiser_client, seed_event):
    html = organiser_client.get(
        reverse("admin:agenda_event_change", args=[seed_event.pk])
    ).content.decode()
    timekeeper = reverse("runofshow:timekeeper", kwargs={"slug": seed_event.slug})
    assert f'<li><a href="{timekeeper}">Timekeeper</a></li>' in html


def test_staff_who_may_only_view_events_are_not_offered_the_timekeeper(client, seed_event):
    viewer = User.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_event"))
    join_organising_team(viewer, "editor")  # on the event's team: the table right decides
    client.force_login(viewer)
    response = client.get(reverse("admin:agenda_event_change", args=[seed_event.pk]))
    assert response.status_code == 200
    timekeeper = reverse("runofshow:timekeeper", kwargs={"slug": seed_event.slug})
    assert timekeeper not in response.content.decode()
