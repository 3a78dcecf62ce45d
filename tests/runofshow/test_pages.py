"""The attendees' side of the run: the event page's placeholder, now.json with its
ETag, the self-refreshing now page, and planned against actual in the outcome."""

from datetime import timedelta

import pytest
from django.urls import reverse

from agenda.models import Event
from runofshow.access import link_key
from runofshow.models import Run
from tests.support.builders import add_items, local, make_event
from tests.support.runs import SEED_START, press

pytestmark = pytest.mark.django_db


def page(client, event):
    return client.get(reverse("agenda:event_detail", kwargs={"slug": event.slug})).content.decode()


def now_json(client, event, **headers):
    return client.get(reverse("runofshow:now_json", kwargs={"slug": event.slug}), **headers)


def test_no_placeholder_when_the_event_is_not_on(client, seed_event):
    assert "data-run-now" not in page(client, seed_event)


def test_the_placeholder_during_the_event_links_to_the_now_page(client, seed_event, run_clock):
    html = page(client, seed_event)
    assert 'data-run-now="/events/counter-migrant-smuggling-vienna-2017/now.json"' in html
    assert 'href="/events/counter-migrant-smuggling-vienna-2017/now/"' in html
    # Above the header: the first thing after the notices.
    assert html.index("data-run-now") < html.index('<header class="event-header')


def test_a_draft_has_no_placeholder(client, seed_event, run_clock):
    Event.objects.filter(pk=seed_event.pk).update(status=Event.Status.DRAFT)
    assert "data-run-now" not in page(client, seed_event)


def test_the_banner_and_the_expected_times(client, seed_event, run_clock):
    run_clock.moment = SEED_START
    press(seed_event, "start")
    run_clock.advance(minutes=7)
    press(seed_event, "next")
    run_clock.advance(minutes=34)  # the panel is 4 minutes over
    data = now_json(client, seed_event).json()
    assert data["banner"] == "Now: II. Panel, until about 13:56"
    assert [(i["planned"], i["expected"], i["state"]) for i in data["items"]] == [
        ("13:15", "13:15", "done"),
        ("13:22", "13:22", "current"),
        ("13:52", "13:56", "coming"),
        ("14:22", "14:26", "coming"),
    ]
    html = client.get(reverse("runofshow:now", kwargs={"slug": seed_event.slug})).content.decode()
    assert "Now: II. Panel, until about 13:56" in html
    assert "expected 13:56 (planned 13:52)" in html
    assert '<meta http-equiv="refresh" content="30">' in html


def test_now_json_answers_304_until_a_press_or_the_next_minute(client, seed_event, run_clock):
    first = now_json(client, seed_event)
    etag = first["ETag"]
    assert "no-cache" in first["Cache-Control"]
    assert now_json(client, seed_event, HTTP_IF_NONE_MATCH=etag).status_code == 304
    run_clock.advance(seconds=20)
    assert now_json(client, seed_event, HTTP_IF_NONE_MATCH=etag).status_code in (200, 304)
    press(seed_event, "start")
    after_press = now_json(client, seed_event, HTTP_IF_NONE_MATCH=etag)
    assert after_press.status_code == 200
    run_clock.advance(minutes=1)
    assert now_json(client, seed_event, HTTP_IF_NONE_MATCH=after_press["ETag"]).status_code == 200


def test_a_press_does_not_change_the_event_page_version(client, seed_event, run_clock):
    before = client.get(reverse("agenda:event_detail", kwargs={"slug": seed_event.slug}))
    press(seed_event, "start")
    seed_event.refresh_from_db()
    again = client.get(
        reverse("agenda:event_detail", kwargs={"slug": seed_event.slug}),
        HTTP_IF_NONE_MATCH=before["ETag"],
    )
    assert again.status_code == 304


@pytest.mark.parametrize("item_count", [2, 12])
def test_now_json_query_count_is_constant(client, django_assert_num_queries, item_count):
    event = make_event(start=local(2030, 5, 6, 9, 0), end=local(2030, 5, 6, 17, 0))
    add_items(event, [10] * item_count, 2)
    # ETag row; event; run (select_related), items with timings, participations with people.
    with django_assert_num_queries(5):
        assert now_json(client, event).status_code == 200


def test_planned_against_actual_in_the_outcome_when_chosen(
    client, seed_event, run_clock, finished_run
):
    run_clock.moment = SEED_START + timedelta(days=1)
    assert "How the time was spent" not in page(client, seed_event)
    Run.objects.filter(event=seed_event).update(show_in_outcome=True)
    html = page(client, seed_event)
    assert "How the time was spent" in html
    assert '<th scope="row">II. Panel</th><td>30</td><td>34</td><td>+4</td>' in html
    assert '<th scope="row">Total</th><td>90</td><td>90</td><td>0</td>' in html
    assert html.index("How the time was spent") > html.index('id="outcome-heading"')


def test_calendar_exports_keep_the_planned_times(client, seed_event, run_clock):
    urls = [
        reverse("agenda:event_agenda_ics", kwargs={"slug": seed_event.slug}),
        reverse("agenda:schedule_json", kwargs={"slug": seed_event.slug}),
    ]
    before = [client.get(url).content for url in urls]
    run_clock.moment = SEED_START + timedelta(minutes=10)  # a late start
    press(seed_event, "start")
    run_clock.advance(minutes=40)
    press(seed_event, "next")
    after = [client.get(url).content for url in urls]
    assert b"DTSTART;TZID=Europe/Vienna:20170904T132200" in after[0]
    assert [b.replace(b"\r\n", b"\n").split(b"DTSTAMP")[0] for b in before] == [
        a.replace(b"\r\n", b"\n").split(b"DTSTAMP")[0] for a in after
    ]
    assert before[1] == after[1]


def test_a_correction_in_the_admin_changes_now_json(client, seed_event, run_clock):
    press(seed_event, "start")
    etag = now_json(client, seed_event)["ETag"]
    timing = Run.objects.get(event=seed_event).timings.get()
    timing.started_at -= timedelta(minutes=3)
    timing.save()
    again = now_json(client, seed_event, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200
    assert again.json()["banner"] == "Now: I. Opening Remarks, until about 13:14"


@pytest.mark.parametrize("item_count", [2, 12])
def test_timekeeper_query_count_is_constant(client, django_assert_num_queries, item_count):
    event = make_event(start=local(2030, 5, 6, 9, 0), end=local(2030, 5, 6, 17, 0))
    add_items(event, [10] * item_count, 2)
    url = reverse("runofshow:timekeeper", kwargs={"slug": event.slug})
    key = link_key(event)
    press(event, "start")
    # The event; the event with its run, items with timings, participations with people.
    with django_assert_num_queries(4):
        assert client.get(url, {"key": key}).status_code == 200
    with django_assert_num_queries(4):
        state = reverse("runofshow:state", kwargs={"slug": event.slug})
        assert client.get(state, {"key": key}).json()["current"]["number"] == "I"


def test_now_json_304_costs_one_query(client, seed_event, run_clock, django_assert_num_queries):
    press(seed_event, "start")
    etag = now_json(client, seed_event)["ETag"]
    with django_assert_num_queries(1):
        assert now_json(client, seed_event, HTTP_IF_NONE_MATCH=etag).status_code == 304
