"""An agenda item's own page: the people on it, its times, and the same agenda checks."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from agenda.models import AgendaItem, Event, Participation
from tests.support.admin_forms import add_rows, form_data, text
from tests.support.builders import make_person

pytestmark = pytest.mark.django_db


def item_url(item) -> str:
    return reverse("admin:agenda_agendaitem_change", args=[item.pk])


def test_event_page_links_each_row_to_its_item_page(organiser_client, seed_event):
    page = organiser_client.get(reverse("admin:agenda_event_change", args=[seed_event.pk]))
    for item in seed_event.items.all():
        assert f'href="{item_url(item)}"' in page.content.decode()


def test_people_with_roles_and_titles_are_edited_on_the_item_page(organiser_client, seed_event):
    panel = seed_event.items.get(title="Panel")
    newcomer = make_person(full_name="Ahmet İçduygu", slug="ahmet-icduygu")
    response = organiser_client.get(item_url(panel))
    page = response.content.decode()
    # People are picked with the admin's autocomplete, not a list of everyone.
    assert 'data-ajax--url="/admin/autocomplete/"' in page
    assert "Jørgen Carling" in text(response)

    data = form_data(response, "agendaitem_form")
    add_rows(
        data,
        "participations",
        [{"person": str(newcomer.pk), "role": "panelist", "presentation_title": "Koç findings"}],
    )
    assert organiser_client.post(item_url(panel), data).status_code == 302
    added = Participation.objects.get(agenda_item=panel, person=newcomer)
    assert (added.role, added.presentation_title) == ("panelist", "Koç findings")
    public = text(organiser_client.get(seed_event.get_absolute_url()))
    assert re.search(r"Panelists .*Ahmet İçduygu[^“]*“Koç findings”", public)


def test_people_autocomplete_finds_names_with_diacritics(organiser_client, seed_event):
    response = organiser_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "agenda",
            "model_name": "participation",
            "field_name": "person",
            "term": "Jør",
        },
    )
    names = [result["text"] for result in json.loads(response.content)["results"]]
    assert names == ["Jørgen Carling"]


def test_item_page_shows_its_times_and_reads_pins_in_the_event_zone(organiser_client, seed_event):
    closing = seed_event.items.get(title="Closing remarks")
    response = organiser_client.get(item_url(closing))
    assert "14:22 CEST (UTC+2) – 14:45 CEST (UTC+2)" in text(response)
    data = form_data(response, "agendaitem_form")
    data.update({"fixed_start_0": "04/09/2017", "fixed_start_1": "14:25"})
    assert organiser_client.post(item_url(closing), data).status_code == 302
    closing.refresh_from_db()
    assert closing.fixed_start == datetime(2017, 9, 4, 12, 25, tzinfo=UTC)


def test_item_page_refuses_an_overrun_on_a_published_event(organiser_client, seed_event):
    panel = seed_event.items.get(title="Panel")
    data = form_data(organiser_client.get(item_url(panel)), "agendaitem_form")
    data["minutes"] = "60"
    response = organiser_client.post(item_url(panel), data)
    assert response.status_code == 200
    assert (
        "The agenda runs 7 minutes past the event's end: item III. Q&A Session ends after it."
        in text(response)
    )
    assert AgendaItem.objects.get(pk=panel.pk).minutes == 30


def test_item_page_saves_a_draft_with_a_warning(organiser_client, seed_event):
    Event.objects.filter(pk=seed_event.pk).update(status=Event.Status.DRAFT)
    panel = seed_event.items.get(title="Panel")
    data = form_data(organiser_client.get(item_url(panel)), "agendaitem_form")
    data["minutes"] = "60"
    response = organiser_client.post(item_url(panel), data)
    assert response.status_code == 302
    assert (
        "The agenda runs 7 minutes past the event's end: item III. Q&A Session ends after it."
        in [str(m) for m in get_messages(response.wsgi_request)]
    )


def test_adding_an_item_on_its_own_page_puts_it_last(organiser_client, seed_event):
    Event.objects.filter(pk=seed_event.pk).update(status=Event.Status.DRAFT)
    version = Event.objects.get(pk=seed_event.pk).version
    data = form_data(
        organiser_client.get(reverse("admin:agenda_agendaitem_add")), "agendaitem_form"
    )
    data.update({"event": str(seed_event.pk), "title": "Coffee", "kind": "break", "minutes": "5"})
    response = organiser_client.post(reverse("admin:agenda_agendaitem_add"), data)
    assert response.status_code == 302, text(response)
    assert list(seed_event.items.values_list("title", flat=True))[-1] == "Coffee"
    assert Event.objects.get(pk=seed_event.pk).version == version + 1


def test_adding_an_item_that_overruns_a_published_event_is_refused(organiser_client, seed_event):
    data = form_data(
        organiser_client.get(reverse("admin:agenda_agendaitem_add")), "agendaitem_form"
    )
    data.update({"event": str(seed_event.pk), "title": "Coffee", "kind": "break", "minutes": "30"})
    response = organiser_client.post(reverse("admin:agenda_agendaitem_add"), data)
    assert response.status_code == 200
    assert "The agenda runs 7 minutes past the event's end: item V. Coffee ends after it." in text(
        response
    )
    assert not seed_event.items.filter(title="Coffee").exists()
