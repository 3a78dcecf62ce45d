"""No lost data: concurrent edits are refused with an explanation; history and revert."""

import pytest
from django.test import Client
from django.urls import reverse

from agenda.models import AgendaItem, Event, Participation
from speakers.models import Person
from tests.support.admin_forms import form_data, make_organiser, text

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice(django_user_model):
    client = Client()
    client.force_login(make_organiser(django_user_model, "alice"))
    return client


@pytest.fixture
def bob(django_user_model):
    client = Client()
    client.force_login(make_organiser(django_user_model, "bob"))
    return client


def change_url(event) -> str:
    return reverse("admin:agenda_event_change", args=[event.pk])


def item_url(item) -> str:
    return reverse("admin:agenda_agendaitem_change", args=[item.pk])


def test_second_save_is_refused_and_explains_what_changed(alice, bob, seed_event):
    old_title = seed_event.title
    alices_form = form_data(alice.get(change_url(seed_event)), "event_form")
    bobs_form = form_data(bob.get(change_url(seed_event)), "event_form")

    alices_form["title"] = "Countering migrant smuggling together"
    alices_form["items-1-minutes"] = "25"
    assert alice.post(change_url(seed_event), alices_form).status_code == 302

    bobs_form["room"] = "Conference Room 3"
    response = bob.post(change_url(seed_event), bobs_form)
    assert response.status_code == 200
    page = text(response)
    assert "Someone else saved this event while you were editing it, so nothing was saved." in page
    assert f"title: “{old_title[:60]}…” → “Countering migrant smuggling together”" in page
    assert "by alice" in page
    assert "Agenda items: “Panel” changed (minutes) by alice" in page
    seed_event.refresh_from_db()
    assert seed_event.title == "Countering migrant smuggling together"
    assert seed_event.room == "Board Room A"
    assert seed_event.items.get(title="Panel").minutes == 25
    # Bob's input is still in the form…
    bobs_form_again = form_data(response, "event_form")
    assert bobs_form_again["room"] == "Conference Room 3"
    # …and saving it again, knowingly, goes through.
    assert bob.post(change_url(seed_event), bobs_form_again).status_code == 302
    seed_event.refresh_from_db()
    assert seed_event.room == "Conference Room 3"


def test_an_edit_on_an_item_page_counts_as_an_edit_of_the_event(alice, bob, seed_event):
    panel = seed_event.items.get(title="Panel")
    event_form = form_data(alice.get(change_url(seed_event)), "event_form")
    item_form = form_data(bob.get(item_url(panel)), "agendaitem_form")
    item_form["title"] = "High-level panel"
    assert bob.post(item_url(panel), item_form).status_code == 302

    event_form["items-1-title"] = "Expert panel"
    response = alice.post(change_url(seed_event), event_form)
    assert response.status_code == 200
    assert "Agenda items: “High-level panel” changed (title) by bob" in text(response)
    assert AgendaItem.objects.get(pk=panel.pk).title == "High-level panel"


def test_two_saves_of_one_item_page(alice, bob, seed_event):
    panel = seed_event.items.get(title="Panel")
    first = form_data(alice.get(item_url(panel)), "agendaitem_form")
    second = form_data(bob.get(item_url(panel)), "agendaitem_form")
    first["description"] = "Alice's description"
    assert alice.post(item_url(panel), first).status_code == 302
    second["description"] = "Bob's description"
    response = bob.post(item_url(panel), second)
    assert response.status_code == 200
    assert "Someone else saved this event" in text(response)
    assert AgendaItem.objects.get(pk=panel.pk).description == "Alice's description"


def test_a_form_without_its_edit_marker_is_refused(alice, seed_event):
    data = form_data(alice.get(change_url(seed_event)), "event_form")
    del data["edit_version"]
    data["room"] = "Elsewhere"
    response = alice.post(change_url(seed_event), data)
    assert response.status_code == 200
    assert "reload it before saving" in text(response)
    seed_event.refresh_from_db()
    assert seed_event.room == "Board Room A"


# -- history --------------------------------------------------------------------------


def test_admin_edits_are_recorded_with_who_made_them(alice, seed_event):
    panel = seed_event.items.get(title="Panel")
    carling = Person.objects.get(slug="jorgen-carling")
    data = form_data(alice.get(change_url(seed_event)), "event_form")
    data["room"] = "Board Room B"
    data["items-1-minutes"] = "25"
    alice.post(change_url(seed_event), data)

    item_form = form_data(alice.get(item_url(panel)), "agendaitem_form")
    participation = Participation.objects.get(agenda_item=panel, person=carling)
    rows = [k.removesuffix("-id") for k, v in item_form.items() if k.endswith("-id")]
    row = next(r for r in rows if item_form[f"{r}-id"] == str(participation.pk))
    item_form[f"{row}-presentation_title"] = "Outcomes of the Istanbul conference"
    assert alice.post(item_url(panel), item_form).status_code == 302

    person_url = reverse("admin:speakers_person_change", args=[carling.pk])
    person_form = form_data(alice.get(person_url), "person_form")
    person_form["position"] = "Research Professor, PRIO"
    assert alice.post(person_url, person_form).status_code == 302

    for record in [
        Event.history.filter(id=seed_event.pk).latest("history_date"),
        AgendaItem.history.filter(id=panel.pk).latest("history_date"),
        Participation.history.filter(id=participation.pk).latest("history_date"),
        Person.history.filter(id=carling.pk).latest("history_date"),
    ]:
        assert record.history_user.username == "alice"
    assert Participation.history.filter(id=participation.pk).latest(
        "history_date"
    ).presentation_title == ("Outcomes of the Istanbul conference")

    history_page = text(alice.get(reverse("admin:agenda_event_history", args=[seed_event.pk])))
    assert "Board Room A" in history_page
    assert "Board Room B" in history_page


def test_an_organiser_restores_an_earlier_version(alice, seed_event):
    original = Event.history.filter(id=seed_event.pk).earliest("history_date")
    data = form_data(alice.get(change_url(seed_event)), "event_form")
    data["title"] = "A wrong title"
    alice.post(change_url(seed_event), data)
    seed_event.refresh_from_db()
    version_before_revert = seed_event.version
    sequence_before_revert = seed_event.sequence

    revert_url = reverse(
        "admin:agenda_event_simple_history", args=[seed_event.pk, original.history_id]
    )
    revert_form = form_data(alice.get(revert_url), "historicalevent_form")
    assert revert_form["title"] == original.title
    response = alice.post(revert_url, revert_form)
    assert response.status_code == 302, text(response)
    seed_event.refresh_from_db()
    assert seed_event.title == original.title
    # The counter goes on from where it was, so older forms stay stale.
    assert seed_event.version == version_before_revert + 1
    assert seed_event.sequence == sequence_before_revert + 1


def test_a_revert_over_a_newer_save_is_refused(alice, bob, seed_event):
    original = Event.history.filter(id=seed_event.pk).earliest("history_date")
    revert_url = reverse(
        "admin:agenda_event_simple_history", args=[seed_event.pk, original.history_id]
    )
    revert_form = form_data(alice.get(revert_url), "historicalevent_form")
    data = form_data(bob.get(change_url(seed_event)), "event_form")
    data["room"] = "Board Room B"
    bob.post(change_url(seed_event), data)
    response = alice.post(revert_url, revert_form)
    assert response.status_code == 200
    assert "Someone else saved this event" in text(response)
    seed_event.refresh_from_db()
    assert seed_event.room == "Board Room B"


def test_a_reverted_item_is_back_on_the_agenda_page(alice, seed_event):
    panel = seed_event.items.get(title="Panel")
    first = AgendaItem.history.filter(id=panel.pk).earliest("history_date")
    item_form = form_data(alice.get(item_url(panel)), "agendaitem_form")
    item_form["title"] = "Renamed"
    alice.post(item_url(panel), item_form)
    revert_url = reverse(
        "admin:agenda_agendaitem_simple_history", args=[panel.pk, first.history_id]
    )
    response = alice.post(revert_url, form_data(alice.get(revert_url), "historicalagendaitem_form"))
    assert response.status_code == 302, text(response)
    assert AgendaItem.objects.get(pk=panel.pk).title == "Panel"
    assert "13:22 30 minutes II. Panel" in text(alice.get(seed_event.get_absolute_url()))


def test_a_revert_that_would_make_a_published_agenda_overrun_is_refused(alice, seed_event):
    original = Event.history.filter(id=seed_event.pk).earliest("history_date")
    data = form_data(alice.get(change_url(seed_event)), "event_form")
    data.update({"end_1": "15:45", "items-1-minutes": "90"})
    assert alice.post(change_url(seed_event), data).status_code == 302

    revert_url = reverse(
        "admin:agenda_event_simple_history", args=[seed_event.pk, original.history_id]
    )
    response = alice.post(revert_url, form_data(alice.get(revert_url), "historicalevent_form"))
    assert response.status_code == 200
    assert "The agenda runs 37 minutes past the event's end" in text(response)
    seed_event.refresh_from_db()
    assert seed_event.end.astimezone(seed_event.zone).strftime("%H:%M") == "15:45"


def test_deleting_items_from_the_item_list_counts_as_an_edit_of_the_event(alice, seed_event):
    version = seed_event.version
    response = alice.post(
        reverse("admin:agenda_agendaitem_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [seed_event.items.get(title="Closing remarks").pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not seed_event.items.filter(title="Closing remarks").exists()
    assert Event.objects.get(pk=seed_event.pk).version == version + 1
