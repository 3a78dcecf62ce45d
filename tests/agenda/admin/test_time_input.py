"""Times typed as organisers type them (13.15, 1:15 pm), on save and in the live row times."""

import json

import pytest
from django.urls import reverse

from agenda.models import AgendaItem
from tests.support.admin_forms import add_rows, event_fields, form_data, text
from tests.support.builders import local

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "pin"),
    [
        ("13:15", "14:15"),
        ("13.15", "14.15"),
        ("1:15 pm", "2:15 pm"),
        ("1:15PM", "2:15PM"),
        ("1.15 pm", "2.15 pm"),
        ("13:15:00", "14:15:00"),
    ],
)
def test_times_accept_the_usual_ways_of_writing_them(organiser_client, start, pin):
    data = form_data(organiser_client.get(reverse("admin:agenda_event_add")), "event_form")
    data.update(event_fields(start_1=start))
    row = {"title": "Talk", "minutes": "10", "fixed_start_0": "2030-09-02", "fixed_start_1": pin}
    add_rows(data, "items", [row])
    response = organiser_client.post(reverse("admin:agenda_event_add"), data)
    assert response.status_code == 302, text(response)
    item = AgendaItem.objects.get(title="Talk")
    assert item.event.start == local(2030, 9, 2, 13, 15)
    assert item.fixed_start == local(2030, 9, 2, 14, 15)


def test_a_time_it_cannot_read_is_refused_with_an_example(organiser_client):
    data = form_data(organiser_client.get(reverse("admin:agenda_event_add")), "event_form")
    data.update(event_fields(start_1="quarter past one"))
    page = text(organiser_client.post(reverse("admin:agenda_event_add"), data))
    assert "Enter a time such as 13:15, 13.15 or 1:15 pm." in page
    assert "e.g. 13:15, 13.15 or 1:15 pm" in page


def test_the_live_row_times_read_the_same_formats(organiser_client):
    answer = organiser_client.post(
        reverse("admin:agenda_event_schedule_preview"),
        json.dumps(
            {
                "zone": "Europe/Vienna",
                "start": ["02/09/2030", "1.15 pm"],
                "end": ["02/09/2030", "2:45 pm"],
                "rows": [{"minutes": "7"}],
            }
        ),
        content_type="application/json",
    ).json()
    assert answer["rows"][0]["ends"] == "13:22 CEST (UTC+2)"
