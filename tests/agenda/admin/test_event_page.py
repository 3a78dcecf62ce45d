"""The event page in the admin: computed times, the summary box, overruns, ordering, atomicity."""

import json
from datetime import UTC, datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.urls import reverse

from agenda.forms import AgendaItemFormSet
from agenda.models import AgendaItem, Event
from tests.support.admin_forms import add_rows, form_data, row_prefixes, text
from tests.support.builders import add_items, local, make_event, make_organisation

pytestmark = pytest.mark.django_db


def change_url(event) -> str:
    return reverse("admin:agenda_event_change", args=[event.pk])


def load(client, event) -> dict[str, str]:
    return form_data(client.get(change_url(event)), "event_form")


def titles_in_order(event) -> list[str]:
    return list(event.items.order_by("position").values_list("title", flat=True))


def slot_event(status=Event.Status.DRAFT, budgets=(7, 30, 30, None)):
    """A 13:15–14:45 Vienna slot (90 minutes) with items of the given budgets."""
    event = make_event(
        start=local(2030, 9, 2, 13, 15), end=local(2030, 9, 2, 14, 45), status=status
    )
    add_items(event, list(budgets))
    return event


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# -- what the page shows --------------------------------------------------------------


def test_rows_show_computed_times_labelled_in_the_event_zone(organiser_client, seed_event):
    page = text(organiser_client.get(change_url(seed_event)))
    for start, end in [
        ("13:15", "13:22"),
        ("13:22", "13:52"),
        ("13:52", "14:22"),
        ("14:22", "14:45"),
    ]:
        assert f"{start} CEST (UTC+2) {end} CEST (UTC+2)" in page
    assert "Agenda: 67 of 90 minutes allocated, 23 free" in page


def test_summary_box_names_the_overrun_against_the_end_time(organiser_client):
    event = slot_event(budgets=(60, 42))
    page = text(organiser_client.get(change_url(event)))
    assert "Agenda: 102 of 90 minutes allocated: runs 12 minutes past 14:45 CEST (UTC+2)" in page


@pytest.mark.parametrize("page", ["change", "add"])
def test_summary_script_gets_times_and_wording_from_the_server(organiser_client, page):
    """The script that follows typing asks the server, which answers in summary.py's words."""
    url = (
        change_url(slot_event(budgets=(30,)))
        if page == "change"
        else reverse("admin:agenda_event_add")
    )
    html = organiser_client.get(url).content.decode()
    preview_url = reverse("admin:agenda_event_schedule_preview")
    assert f'data-preview-url="{preview_url}"' in html
    slot = {
        "zone": "Europe/Vienna",
        "start": ["02/09/2030", "13:15"],
        "end": ["02/09/2030", "14:45"],
    }
    answers = [
        organiser_client.post(
            preview_url,
            json.dumps({**slot, "rows": [{"minutes": str(m)} for m in budgets]}),
            content_type="application/json",
        ).json()["summary"]
        for budgets in [(30,), (50, 41)]
    ]
    assert answers == [
        "30 of 90 minutes allocated, 60 free",
        "91 of 90 minutes allocated: runs 1 minute past 14:45 CEST (UTC+2)",
    ]


def test_the_live_times_need_the_right_to_plan_events(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("bare", is_staff=True))
    url = reverse("admin:agenda_event_schedule_preview")
    assert client.post(url, "{}", content_type="application/json").status_code == 403


def test_summary_box_shows_what_was_saved_not_what_was_typed(organiser_client):
    event = slot_event()
    data = load(organiser_client, event)
    data["items-1-minutes"] = "45"
    data["title"] = ""  # an error, so the form comes back with the typed values
    response = organiser_client.post(change_url(event), data)
    assert response.status_code == 200
    page = text(response)
    assert "Agenda: 67 of 90 minutes allocated, 23 free" in page
    assert 'value="45"' in response.content.decode()


def test_times_are_typed_and_shown_in_the_event_zone(organiser_client):
    event = slot_event()
    data = load(organiser_client, event)
    assert (data["start_0"], data["start_1"]) == ("02/09/2030", "13:15:00")
    data.update({"time_zone": "America/New_York"})
    organiser_client.post(change_url(event), data)
    event.refresh_from_db()
    # Same clock time, now in New York (EDT, UTC-4).
    assert event.start == datetime(2030, 9, 2, 17, 15, tzinfo=UTC)


def test_organiser_builds_the_side_event_from_scratch(organiser_client):
    data = form_data(organiser_client.get(reverse("admin:agenda_event_add")), "event_form")
    data.update(
        {
            "title": "Countering migrant smuggling",
            "slug": "countering-migrant-smuggling",
            "status": "published",
            "time_zone": "Europe/Vienna",
            "start_0": "2017-09-04",
            "start_1": "13:15",
            "end_0": "2017-09-04",
            "end_1": "14:45",
            "room": "Board Room A",
        }
    )
    add_rows(
        data,
        "items",
        [
            {"title": "Opening Remarks", "kind": "remarks", "minutes": "7"},
            {"title": "Panel", "kind": "panel", "minutes": "30"},
            {"title": "Q&A Session", "kind": "discussion", "minutes": "30"},
            {"title": "Closing remarks", "kind": "remarks", "minutes": ""},
        ],
    )
    response = organiser_client.post(reverse("admin:agenda_event_add"), data)
    assert response.status_code == 302, text(response)
    event = Event.objects.get(slug="countering-migrant-smuggling")
    assert event.start == datetime(2017, 9, 4, 11, 15, tzinfo=UTC)
    assert titles_in_order(event) == ["Opening Remarks", "Panel", "Q&A Session", "Closing remarks"]
    page = text(organiser_client.get(event.get_absolute_url()))
    for fragment in [
        "13:15 7 minutes I. Opening Remarks",
        "13:22 30 minutes II. Panel",
        "13:52 30 minutes III. Q&A",
        "14:22 IV. Closing",
    ]:
        assert fragment in page


# -- overruns and overlaps ------------------------------------------------------------

OVERRUN = "The agenda runs 7 minutes past the event's end: item III. Q&A Session ends after it."
OVERLAP = "Item IV. Closing remarks is pinned to start 2 minutes before item III. Q&A Session ends."


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"items-1-minutes": "60"}, OVERRUN),
        ({"items-3-fixed_start_0": "04/09/2017", "items-3-fixed_start_1": "14:20"}, OVERLAP),
    ],
)
def test_published_agenda_that_does_not_fit_is_refused(
    organiser_client, seed_event, change, problem
):
    data = load(organiser_client, seed_event)
    data.update(change)
    data["title"] = "Changed title"
    response = organiser_client.post(change_url(seed_event), data)
    assert response.status_code == 200
    assert problem in text(response)
    seed_event.refresh_from_db()
    assert seed_event.title != "Changed title"
    assert list(seed_event.items.values_list("minutes", flat=True)) == [7, 30, 30, None]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"items-1-minutes": "60"}, OVERRUN),
        ({"items-3-fixed_start_0": "04/09/2017", "items-3-fixed_start_1": "14:20"}, OVERLAP),
    ],
)
def test_draft_saves_with_the_same_text_as_a_warning(organiser_client, seed_event, change, problem):
    Event.objects.filter(pk=seed_event.pk).update(status=Event.Status.DRAFT)
    data = load(organiser_client, seed_event)
    data.update(change)
    response = organiser_client.post(change_url(seed_event), data)
    assert response.status_code == 302
    assert problem in messages_of(response)
    assert seed_event.items.get(title="Panel").minutes == (60 if "60" in change.values() else 30)


def test_check_uses_the_submitted_event_times(organiser_client, seed_event):
    data = load(organiser_client, seed_event)
    data["end_1"] = "14:15"  # the saved agenda fits 13:15–14:45, not 13:15–14:15
    response = organiser_client.post(change_url(seed_event), data)
    assert response.status_code == 200
    assert "The agenda runs 7 minutes past the event's end" in text(response)


def test_publishing_and_fixing_the_agenda_in_one_save_is_accepted(organiser_client):
    event = slot_event(budgets=(60, 42))  # a draft that overruns by 12 minutes
    data = load(organiser_client, event)
    data.update({"status": "published", "items-1-minutes": "30"})
    response = organiser_client.post(change_url(event), data)
    assert response.status_code == 302, text(response)
    # The fix is saved and nothing blocks; the advisories (no people, no contact) are
    # asked on the checklist before the event goes public (agenda/publishing.py).
    assert response["Location"] == reverse("admin:agenda_event_publish", args=[event.pk])
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT
    assert list(event.items.values_list("minutes", flat=True)) == [60, 30]
    checklist = text(organiser_client.get(response["Location"]))
    assert "look at the advisories below, then publish" in checklist
    assert "The agenda runs" not in checklist


# -- ordering -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "new_order",
    [[1, 0, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [0, 1, 2, 3]],
    ids=["swap-first-two", "reverse", "shuffle", "unchanged"],
)
def test_reordering_rows_as_the_drag_handle_does(organiser_client, seed_event, new_order):
    data = load(organiser_client, seed_event)
    rows = row_prefixes(data, "items")
    titles = [data[f"{row}-title"] for row in rows]
    # adminsortable2's script numbers the rows 1..n in their new order.
    for place, index in enumerate(new_order, start=1):
        data[f"{rows[index]}-position"] = str(place)
    response = organiser_client.post(change_url(seed_event), data)
    assert response.status_code == 302, text(response)
    assert titles_in_order(seed_event) == [titles[i] for i in new_order]


def test_reorder_delete_and_add_in_one_save(organiser_client):
    event = slot_event(budgets=(10, 10, 10, 10))
    data = load(organiser_client, event)
    rows = row_prefixes(data, "items")
    data[f"{rows[0]}-DELETE"] = "on"
    for place, index in enumerate([3, 1, 2], start=1):
        data[f"{rows[index]}-position"] = str(place)
    add_rows(data, "items", [{"title": "New one", "kind": "other", "minutes": "5"}])
    response = organiser_client.post(change_url(event), data)
    assert response.status_code == 302, text(response)
    assert titles_in_order(event) == ["Item 4", "Item 2", "Item 3", "New one"]
    assert list(event.items.order_by("position").values_list("position", flat=True)) == [1, 2, 3, 4]


def test_several_new_rows_on_an_empty_agenda_keep_their_order(organiser_client):
    event = slot_event(budgets=())
    data = load(organiser_client, event)
    add_rows(
        data,
        "items",
        [{"title": name, "kind": "other", "minutes": "5"} for name in ("A", "B", "C")],
    )
    response = organiser_client.post(change_url(event), data)
    assert response.status_code == 302, text(response)
    assert titles_in_order(event) == ["A", "B", "C"]


def test_new_rows_moved_with_the_buttons_keep_the_order_they_were_moved_into(
    organiser_client,
):
    """The move buttons number new rows after the saved ones; the save follows them."""
    event = slot_event(budgets=(5, 5))
    data = load(organiser_client, event)
    add_rows(
        data,
        "items",
        [
            {"title": name, "kind": "other", "minutes": "5", "position": position}
            for name, position in (("A", "5"), ("B", "3"), ("C", "4"))
        ],
    )
    response = organiser_client.post(change_url(event), data)
    assert response.status_code == 302, text(response)
    assert titles_in_order(event) == ["Item 1", "Item 2", "B", "C", "A"]


# -- atomic saves ---------------------------------------------------------------------


def test_inline_that_fails_validation_leaves_the_database_as_it_was(organiser_client, seed_event):
    before = list(AgendaItem.objects.filter(event=seed_event).values_list("title", "minutes"))
    data = load(organiser_client, seed_event)
    data["title"] = "A new title"
    data["items-0-title"] = "Welcome"
    data["contacts-1-email"] = "not an address"
    response = organiser_client.post(change_url(seed_event), data)
    assert response.status_code == 200
    assert "Enter a valid email address." in text(response)
    seed_event.refresh_from_db()
    assert seed_event.title != "A new title"
    assert (
        list(AgendaItem.objects.filter(event=seed_event).values_list("title", "minutes")) == before
    )


def test_a_failure_while_saving_rows_undoes_the_whole_save(
    organiser_client, seed_event, monkeypatch
):
    original = AgendaItemFormSet.save

    def save_then_fail(self, commit=True):
        original(self, commit)  # the rows are written, then something breaks
        raise RuntimeError("disk full")

    monkeypatch.setattr(AgendaItemFormSet, "save", save_then_fail)
    data = load(organiser_client, seed_event)
    data["title"] = "A new title"
    data["items-0-minutes"] = "8"
    with pytest.raises(RuntimeError, match="disk full"):
        organiser_client.post(change_url(seed_event), data)
    seed_event.refresh_from_db()
    assert seed_event.title != "A new title"
    assert seed_event.items.get(title="Opening Remarks").minutes == 7


# -- view on site ---------------------------------------------------------------------


def test_view_on_site_opens_the_public_page_or_a_staff_preview(organiser_client, client):
    draft = make_event(status=Event.Status.DRAFT)
    page = organiser_client.get(change_url(draft)).content.decode()
    assert "View on site" in page
    response = organiser_client.get(view_on_site_url(draft), follow=True)
    assert response.redirect_chain[-1][0].endswith(draft.get_absolute_url())
    assert "Preview: this event is a draft" in text(response)
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


def view_on_site_url(event) -> str:
    content_type = ContentType.objects.get_for_model(Event)
    return reverse("admin:view_on_site", args=[content_type.pk, event.pk])


# -- query counts ---------------------------------------------------------------------


@pytest.mark.parametrize("item_count", [3, 100])
def test_change_form_query_count_does_not_grow_with_the_agenda(
    organiser_client, django_assert_num_queries, item_count
):
    event = make_event(start=local(2030, 1, 1, 9), end=local(2030, 1, 3, 9))
    add_items(event, [5] * item_count, people_per_item=5)
    organiser_client.get(change_url(event))  # warm the session and permission caches
    with django_assert_num_queries(CHANGE_FORM_QUERIES):
        response = organiser_client.get(change_url(event))
    assert text(response).count("CET (UTC+1)") >= 2 * item_count
    # Every row carries its five people (with their organisation) for the people editor.
    assert response.content.decode().count("&quot;person&quot;:") == 5 * item_count


# Session, user, the event's zone, the event, user and group permissions, the four
# inlines' rows, the people of every agenda row (with person and organisation), the
# registration settings inline, the saved agenda for the summary box and row times
# (event, items), and the team check of this event for the user (agenda.teams, one
# query joining memberships, the event's teams and occasion managers; asked once per
# request however many parts ask it). The event is organised by the organiser's team
# (tests.support.teams), so the organisations inline has a row: its organisation is
# read for the chosen option of the picker and for the row (two queries).
CHANGE_FORM_QUERIES = 17


def test_organisations_contacts_and_questions_are_edited_on_the_event_page(organiser_client):
    event = slot_event()
    iom = make_organisation(name="International Organization for Migration", acronym="IOM")
    response = organiser_client.get(change_url(event))
    # Organisations are picked with the admin's autocomplete.
    assert 'name="event_organisations-__prefix__-organisation"' in response.content.decode()
    assert 'data-ajax--url="/admin/autocomplete/"' in response.content.decode()
    data = form_data(response, "event_form")
    assert not any(name.endswith(("-starts", "-ends")) for name in data)  # computed, read-only
    add_rows(data, "event_organisations", [{"organisation": str(iom.pk), "role": "co-host"}])
    add_rows(data, "contacts", [{"name": "Julia", "email": "julia@example.org"}])
    add_rows(data, "questions", [{"text": "How can data help?"}])
    response = organiser_client.post(change_url(event), data)
    assert response.status_code == 302, text(response)
    assert [str(o) for o in event.co_hosts] == ["International Organization for Migration (IOM)"]
    assert list(event.contacts.values_list("email", flat=True)) == ["julia@example.org"]
    assert list(event.questions.values_list("text", flat=True)) == ["How can data help?"]
