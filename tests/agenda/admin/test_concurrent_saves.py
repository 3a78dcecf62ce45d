"""Organisers saving the same event at the same moment, with real threads on PostgreSQL.

Each thread is an organiser with a browser of its own (a Django test client,
its own database connection) that loads the event's admin page, waits at a
barrier for the others, and saves: edits of the event's fields, reorderings of
its agenda, edits on an item's own page, new items added on the item page.
The admin's edit guard (`agenda.forms.EditGuardForm` with
`agenda.edit_guard.lock_event_for_edit`) must let exactly one stale save through
per round and refuse the others with the conflict message; whatever the
interleaving, the agenda afterwards has no duplicate position and no lost item.

SQLite has no row locks (a write locks the whole database), so these tests
run on PostgreSQL only; `.ci/run` runs the suite on PostgreSQL too.
"""

from __future__ import annotations

import importlib
import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from agenda.edit_guard import EditConflict, lock_event_for_edit
from agenda.forms import PUBLISHED_MUST_FIT
from agenda.models import AgendaItem, Event
from tests.support.admin_forms import form_data, make_organiser, row_prefixes, text
from tests.support.builders import add_items, local, make_event
from tests.support.hostile import tally

pytestmark = [
    pytest.mark.xdist_group("live"),  # real threads: one worker runs the live tests in turn
    # Real transactions: the threads must see each other's commits.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL's row locks and real concurrent connections "
        "(SQLite locks the whole database); set DATABASE_URL=postgres://…",
    ),
]

THREADS = 8
ROUNDS = 4
CONFLICT = "Someone else saved this event while you were editing it, so nothing was saved."


def run_together(count: int, work: Callable[[int, threading.Barrier], object]) -> list:
    """Run work(i, barrier) in `count` threads at once; each closes its connections."""
    barrier = threading.Barrier(count, timeout=60)

    def thread(i: int):
        try:
            return work(i, barrier)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(thread, range(count)))


def organisers_group() -> None:
    """The "Organisers" group as migration 0002 makes it. It is data, so a test with
    real transactions that ran before (and emptied the tables) took it away."""
    migration = importlib.import_module("agenda.migrations.0002_admin_organisers_group")
    group, _ = Group.objects.get_or_create(name=migration.GROUP)
    for app_label, models in migration.PERMISSIONS.items():
        create_permissions(apps.get_app_config(app_label), verbosity=0)
        for model, actions in models.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model}" for action in actions],
                )
            )


@pytest.fixture
def organisers(django_user_model) -> list[Client]:
    organisers_group()
    clients = []
    for i in range(THREADS):
        client = Client()
        client.force_login(make_organiser(django_user_model, username=f"organiser{i}"))
        clients.append(client)
    return clients


@pytest.fixture
def event():
    event = make_event(
        title="Side event",
        status=Event.Status.PUBLISHED,
        start=local(2030, 9, 2, 13, 15),
        end=local(2030, 9, 2, 17, 15),
    )
    add_items(event, [10, 20, 30, 40, 50, 60])
    return event


def change_url(event) -> str:
    return reverse("admin:agenda_event_change", args=[event.pk])


def titles_in_order(event) -> list[str]:
    return list(event.items.order_by("position").values_list("title", flat=True))


def assert_agenda_consistent(event, titles: set[str]) -> None:
    positions = list(AgendaItem.objects.filter(event=event).values_list("position", flat=True))
    assert len(positions) == len(set(positions)), f"duplicate positions: {sorted(positions)}"
    assert set(titles_in_order(event)) == titles, "an item was lost or added"


def save_page(client: Client, url: str, data: dict) -> tuple[str, object]:
    response = client.post(url, data)
    if response.status_code == 302:
        return "saved", response
    assert response.status_code == 200, response.status_code
    assert CONFLICT in text(response), text(response)[:500]
    return "refused", response


# -- the event page: field edits -----------------------------------------------------------


def test_concurrent_edits_of_the_event_let_one_through_per_round(organisers, event):
    url = change_url(event)
    for round_ in range(ROUNDS):
        before = Event.objects.get(pk=event.pk)

        def edit(i, barrier, round_=round_):
            data = form_data(organisers[i].get(url), "event_form")
            data["title"] = f"Round {round_}, edit {i}"
            data["room"] = f"Room {i}"
            barrier.wait()
            return save_page(organisers[i], url, data)[0]

        outcomes = run_together(THREADS, edit)
        tally("concurrency: admin saves of the event page (threads × rounds)", THREADS)
        assert sorted(outcomes) == ["refused"] * (THREADS - 1) + ["saved"]
        winner = outcomes.index("saved")
        after = Event.objects.get(pk=event.pk)
        assert (after.title, after.room) == (f"Round {round_}, edit {winner}", f"Room {winner}")
        assert after.version == before.version + 1
        assert after.sequence == before.sequence + 1  # the title is on calendars
        assert Event.history.filter(id=event.pk).count() == round_ + 2
    assert_agenda_consistent(event, {f"Item {n}" for n in range(1, 7)})


# -- the event page: reorderings -----------------------------------------------------------


def reordered(data: dict, order: list[int]) -> dict:
    """The form as the drag handle leaves it: rows numbered 1..n in their new order."""
    data = dict(data)
    rows = row_prefixes(data, "items")
    for place, index in enumerate(order, start=1):
        data[f"{rows[index]}-position"] = str(place)
    return data


def test_concurrent_reorderings_let_one_through_and_keep_every_item(organisers, event):
    url = change_url(event)
    titles = titles_in_order(event)
    shuffler = random.Random(7)
    for _ in range(ROUNDS):
        orders = [shuffler.sample(range(len(titles)), len(titles)) for _ in range(THREADS)]

        def reorder(i, barrier, orders=orders):
            data = form_data(organisers[i].get(url), "event_form")
            shown = [data[f"{row}-title"] for row in row_prefixes(data, "items")]
            barrier.wait()
            return save_page(organisers[i], url, reordered(data, orders[i]))[0], shown

        results = run_together(THREADS, reorder)
        tally("concurrency: admin reorderings of the agenda (threads × rounds)", THREADS)
        outcomes = [outcome for outcome, _ in results]
        assert sorted(outcomes) == ["refused"] * (THREADS - 1) + ["saved"]
        winner = outcomes.index("saved")
        shown = results[winner][1]
        assert titles_in_order(event) == [shown[i] for i in orders[winner]]
        assert_agenda_consistent(event, set(titles))
        positions = list(event.items.order_by("position").values_list("position", flat=True))
        assert positions == list(range(1, len(titles) + 1))


def test_reorderings_that_retry_after_a_conflict_all_land_in_turn(organisers, event):
    """Each organiser reloads after being refused and saves again: every reordering
    is applied whole, one after another, and the last one saved is what remains."""
    url = change_url(event)
    titles = titles_in_order(event)
    shuffler = random.Random(11)
    orders = [shuffler.sample(range(len(titles)), len(titles)) for _ in range(THREADS)]

    def reorder_until_saved(i, barrier):
        attempts = 0
        barrier.wait()
        while True:
            attempts += 1
            assert attempts <= THREADS * 3, "no progress"
            data = form_data(organisers[i].get(url), "event_form")
            shown = [data[f"{row}-title"] for row in row_prefixes(data, "items")]
            outcome, _ = save_page(organisers[i], url, reordered(data, orders[i]))
            if outcome == "saved":
                return attempts, [shown[j] for j in orders[i]]

    results = run_together(THREADS, reorder_until_saved)
    tally(
        "concurrency: admin saves, reorderings retried until saved",
        sum(attempts for attempts, _ in results),
    )
    saves = list(
        Event.history.filter(id=event.pk, history_user__isnull=False)
        .order_by("version")
        .values_list("history_user__username", flat=True)
    )
    assert sorted(saves) == sorted(f"organiser{i}" for i in range(THREADS))
    last = int(saves[-1].removeprefix("organiser"))
    assert titles_in_order(event) == results[last][1]
    assert_agenda_consistent(event, set(titles))


# -- an item's own page against the event page ------------------------------------------


def test_an_item_page_and_the_event_page_saved_at_once(organisers, event):
    """Both pages guard the same event version: one save lands, the other is refused."""
    event_url = change_url(event)
    item = event.items.order_by("position").first()
    item_url = reverse("admin:agenda_agendaitem_change", args=[item.pk])
    titles = set(titles_in_order(event))
    for round_ in range(ROUNDS):

        def save(i, barrier, round_=round_):
            client = organisers[i]
            if i % 2:
                data = form_data(client.get(item_url), "agendaitem_form")
                data["minutes"] = str(5 + round_)
                barrier.wait()
                return save_page(client, item_url, data)[0]
            data = form_data(client.get(event_url), "event_form")
            order = list(range(len(titles)))
            order[0], order[-1] = order[-1], order[0]
            barrier.wait()
            return save_page(client, event_url, reordered(data, order))[0]

        outcomes = run_together(THREADS, save)
        tally("concurrency: admin saves, item page against event page", THREADS)
        assert sorted(outcomes) == ["refused"] * (THREADS - 1) + ["saved"]
        assert_agenda_consistent(event, titles)


# -- new items added on the item page ------------------------------------------------------


def test_items_added_at_once_on_the_item_page_all_get_a_place(organisers, event):
    add_url = reverse("admin:agenda_agendaitem_add")
    titles = set(titles_in_order(event))
    for round_ in range(ROUNDS):

        def add(i, barrier, round_=round_):
            data = form_data(organisers[i].get(add_url), "agendaitem_form")
            data.update({"event": str(event.pk), "title": f"Added {round_}.{i}", "kind": "other"})
            barrier.wait()
            response = organisers[i].post(add_url, data)
            assert response.status_code == 302, text(response)[:500]

        run_together(THREADS, add)
        tally("concurrency: items added at once on the item page", THREADS)
        titles |= {f"Added {round_}.{i}" for i in range(THREADS)}
        assert_agenda_consistent(event, titles)


def test_items_added_while_others_reorder_the_agenda(organisers, event):
    """Half the organisers add an item on its own page, half drag the agenda around
    on the event page: every addition lands, at most one stale reordering does, and
    no item is lost or shares a place."""
    add_url, event_url = reverse("admin:agenda_agendaitem_add"), change_url(event)
    titles = set(titles_in_order(event))
    for round_ in range(ROUNDS):

        def work(i, barrier, round_=round_):
            client = organisers[i]
            if i % 2:
                data = form_data(client.get(add_url), "agendaitem_form")
                data.update({"event": str(event.pk), "title": f"New {round_}.{i}", "kind": "other"})
                barrier.wait()
                response = client.post(add_url, data)
                assert response.status_code == 302, text(response)[:500]
                return "added"
            data = form_data(client.get(event_url), "event_form")
            count = len(row_prefixes(data, "items"))
            barrier.wait()
            return save_page(client, event_url, reordered(data, list(range(count))[::-1]))[0]

        outcomes = run_together(THREADS, work)
        tally("concurrency: additions and reorderings at once", THREADS)
        assert outcomes.count("added") == THREADS // 2
        assert outcomes.count("saved") <= 1
        titles |= {f"New {round_}.{i}" for i in range(1, THREADS, 2)}
        assert_agenda_consistent(event, titles)


def test_items_added_at_once_to_a_published_agenda_never_overrun_it(organisers, event):
    """210 of 240 minutes are taken: of eight 20-minute items added at the same
    moment, one fits; the others are refused, as they would be one at a time."""
    add_url = reverse("admin:agenda_agendaitem_add")

    def add(i, barrier):
        data = form_data(organisers[i].get(add_url), "agendaitem_form")
        data.update(
            {"event": str(event.pk), "title": f"Late {i}", "kind": "other", "minutes": "20"}
        )
        barrier.wait()
        response = organisers[i].post(add_url, data)
        if response.status_code == 302:
            return "saved"
        assert response.status_code == 200
        assert PUBLISHED_MUST_FIT in text(response)
        return "refused"

    outcomes = run_together(THREADS, add)
    tally("concurrency: items added at once to a full published agenda", THREADS)
    assert sorted(outcomes) == ["refused"] * (THREADS - 1) + ["saved"]
    event.refresh_from_db()
    assert event.free_minutes == 10


# -- the service itself --------------------------------------------------------------------


def test_the_edit_guard_lets_exactly_one_stale_save_through(event):
    """`lock_event_for_edit` as the forms call it: in a transaction, then save."""
    for round_ in range(ROUNDS * 4):
        seen = Event.objects.get(pk=event.pk).version

        def save(i, barrier, round_=round_, seen=seen):
            barrier.wait()
            try:
                with transaction.atomic():
                    locked = lock_event_for_edit(event_id=event.pk, seen_version=seen, seen_at=None)
                    locked.room = f"Room {round_}.{i}"
                    locked.save()
            except EditConflict as refused:
                return refused
            return "saved"

        outcomes = run_together(THREADS, save)
        tally("concurrency: edit-guard calls (threads × rounds)", THREADS)
        assert outcomes.count("saved") == 1
        for conflict in (o for o in outcomes if o != "saved"):
            assert isinstance(conflict, EditConflict)
            assert conflict.current_version == seen + 1
            assert "room" in conflict.changes[0]  # says what the other save changed
        winner = outcomes.index("saved")
        after = Event.objects.get(pk=event.pk)
        assert (after.version, after.room) == (seen + 1, f"Room {round_}.{winner}")
