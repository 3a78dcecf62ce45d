"""The .ics URLs: headers, conditional requests, drafts, and pinned query counts."""

from email.utils import parsedate_to_datetime
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils.http import http_date

from agenda.models import AgendaItem, Event
from tests.support.builders import add_items, local, make_event

pytestmark = pytest.mark.django_db

SEED_SLUG = "counter-migrant-smuggling-vienna-2017"


def event_urls(event: Event) -> dict[str, str]:
    item = event.items.first()
    urls = {
        "event": reverse("agenda:event_ics", kwargs={"slug": event.slug}),
        "agenda": reverse("agenda:event_agenda_ics", kwargs={"slug": event.slug}),
        "schedule.xml": reverse("agenda:schedule_xml", kwargs={"slug": event.slug}),
        "schedule.json": reverse("agenda:schedule_json", kwargs={"slug": event.slug}),
    }
    if item is not None:
        urls["item"] = reverse("agenda:item_ics", kwargs={"slug": event.slug, "uid": item.uid})
    return urls


def test_event_ics_headers(client, seed_event):
    response = client.get(f"/events/{SEED_SLUG}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"{SEED_SLUG}.ics\"; filename*=UTF-8''{SEED_SLUG}.ics"
    )
    assert response["ETag"].startswith('W/"')
    event = Event.objects.get(pk=seed_event.pk)
    assert response["Last-Modified"] == http_date(event.updated_at.timestamp())
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 1
    assert f"URL:http://testserver/events/{SEED_SLUG}/" in body  # the request's host


def test_detail_agenda_and_agenda_url_give_one_vevent_per_item(client, seed_event):
    by_query = client.get(f"/events/{SEED_SLUG}.ics", {"detail": "agenda"})
    by_path = client.get(f"/events/{SEED_SLUG}/agenda.ics")
    for response in (by_query, by_path):
        assert response.status_code == 200
        assert response.content.decode().count("BEGIN:VEVENT") == 4
        assert response["Content-Disposition"].startswith(
            f'attachment; filename="{SEED_SLUG}-agenda.ics"'
        )


def test_item_ics_and_its_rfc5987_filename(client, seed_event):
    item = seed_event.items.get(title="Panel")
    item.title = "Jørgen’s panel"
    item.save()
    response = client.get(f"/events/{SEED_SLUG}/items/{item.uid}.ics")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("BEGIN:VEVENT") == 1
    assert f"UID:{item.calendar_uid}" in body
    name = f"{SEED_SLUG}-jørgens-panel.ics"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{SEED_SLUG}-jrgens-panel.ics"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )
    assert "j%C3%B8rgens-panel.ics" in response["Content-Disposition"]


def test_unknown_items_and_events_are_404(client, seed_event):
    other = make_event()
    (foreign,) = add_items(other, [10])
    assert client.get(f"/events/{SEED_SLUG}/items/{foreign.uid}.ics").status_code == 404
    missing = "00000000-0000-0000-0000-000000000000"
    assert client.get(f"/events/{SEED_SLUG}/items/{missing}.ics").status_code == 404
    assert client.get("/events/nope.ics").status_code == 404
    assert client.get("/events/nope/schedule.json").status_code == 404


def test_conditional_get_answers_304_from_one_query(client, seed_event, django_assert_num_queries):
    url = f"/events/{SEED_SLUG}.ics"
    first = client.get(url)
    with django_assert_num_queries(1):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert not again.content
    with django_assert_num_queries(1):
        since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    # Any edit to what the event shows gives a new ETag and a full answer.
    seed_event.refresh_from_db()
    seed_event.context = "Edited."
    seed_event.save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert parsedate_to_datetime(changed["Last-Modified"]) >= parsedate_to_datetime(
        first["Last-Modified"]
    )


def test_each_export_has_its_own_etag(client, seed_event):
    etags = {name: client.get(url)["ETag"] for name, url in event_urls(seed_event).items()}
    assert len(set(etags.values())) == len(etags)
    # The conference schedules have no DTSTAMP: the same state gives the same bytes.
    assert not etags["schedule.xml"].startswith("W/")
    urls = event_urls(seed_event)
    assert client.get(urls["schedule.json"]).content == client.get(urls["schedule.json"]).content


def test_drafts_are_404_for_the_public_and_a_private_preview_for_staff(client, staff_user):
    draft = make_event(status=Event.Status.DRAFT)
    add_items(draft, [30])
    urls = event_urls(draft)
    for name, url in urls.items():
        assert client.get(url).status_code == 404, name
    assert draft.calendar_uid not in client.get(reverse("agenda:calendar_feed")).content.decode()
    client.force_login(staff_user)
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name
        assert "private" in response["Cache-Control"], name
    assert "STATUS:TENTATIVE" in client.get(urls["event"]).content.decode()
    # Staff still get the public feed only.
    assert draft.calendar_uid not in client.get(reverse("agenda:calendar_feed")).content.decode()


def test_cancelled_event_stays_downloadable(client):
    cancelled = make_event(status=Event.Status.CANCELLED)
    response = client.get(event_urls(cancelled)["event"])
    assert response.status_code == 200
    assert "STATUS:CANCELLED" in response.content.decode()


def test_feed_headers_contents_and_revalidation(client, seed_event):
    cancelled = make_event(title="Called off", status=Event.Status.CANCELLED)
    draft = make_event(title="Draft", status=Event.Status.DRAFT)
    url = reverse("agenda:calendar_feed")
    assert url == "/calendar.ics"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    body = response.content.decode()
    assert seed_event.calendar_uid in body
    assert cancelled.calendar_uid in body
    assert draft.calendar_uid not in body
    assert "SOURCE:http://testserver/calendar.ics" in body
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in body
    assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    # Publishing the draft changes the feed...
    draft.status = Event.Status.PUBLISHED
    draft.save()
    published = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert published.status_code == 200
    assert draft.calendar_uid in published.content.decode()
    # ...and so does deleting an event.
    Event.objects.filter(pk=cancelled.pk).delete()
    assert client.get(url, HTTP_IF_NONE_MATCH=published["ETag"]).status_code == 200


def test_head_and_post(client, seed_event):
    head = client.head(f"/events/{SEED_SLUG}.ics")
    assert head.status_code == 200
    assert head["Content-Type"] == "text/calendar; charset=utf-8"
    assert client.post(f"/events/{SEED_SLUG}.ics").status_code == 405


@pytest.mark.parametrize("item_count", [4, 300])
def test_event_export_query_counts_are_constant(client, django_assert_num_queries, item_count):
    event = make_event(start=local(2030, 1, 1, 0), end=local(2030, 1, 31, 0))
    add_items(event, [5] * item_count, people_per_item=3)
    # visibility + validators row, then with_agenda(): event, items,
    # participations with people and organisations, event organisations, contacts, questions,
    # and the public documents (agenda.hooks.documents, filled by materials)
    urls = event_urls(event)
    for name, url in urls.items():
        with django_assert_num_queries(8):
            response = client.get(url)
        assert response.status_code == 200, name
    with django_assert_num_queries(8):
        response = client.get(urls["agenda"])
    assert response.content.decode().count("BEGIN:VEVENT") == item_count


@pytest.mark.parametrize("event_count", [1, 25])
def test_feed_query_count_is_constant(client, django_assert_num_queries, event_count):
    for n in range(event_count):
        event = make_event(start=local(2030, 1, 1 + n % 28, 9), end=local(2030, 1, 1 + n % 28, 11))
        add_items(event, [30, 30], people_per_item=2)
    with django_assert_num_queries(7):
        response = client.get(reverse("agenda:calendar_feed"))
    assert response.content.decode().count("BEGIN:VEVENT") == event_count
    with django_assert_num_queries(1):
        again = client.get(reverse("agenda:calendar_feed"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_seed_export_sizes(client, seed_event, capsys):
    """Prints the size of each export of the seed event (quoted in the closing note)."""
    urls = event_urls(seed_event)
    urls["feed"] = reverse("agenda:calendar_feed")
    sizes = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200
        sizes[name] = len(response.content)
    for item in seed_event.items.all():
        url = reverse("agenda:item_ics", kwargs={"slug": SEED_SLUG, "uid": item.uid})
        sizes[f"item {item.title}"] = len(client.get(url).content)
    with capsys.disabled():
        print("\nseed export sizes (bytes):", sizes)
    assert all(size > 500 for size in sizes.values())


def test_item_without_budget_between_pinned_items(client):
    event = make_event(start=local(2030, 5, 6, 9), end=local(2030, 5, 6, 12))
    AgendaItem.objects.create(event=event, position=0, title="Open", minutes=None)
    AgendaItem.objects.create(
        event=event, position=1, title="Pinned", minutes=30, fixed_start=local(2030, 5, 6, 10)
    )
    body = client.get(event_urls(event)["agenda"]).content.decode()
    assert "DTSTART;TZID=Europe/Vienna:20300506T090000" in body
    assert "DTEND;TZID=Europe/Vienna:20300506T100000" in body  # ends where the next starts
