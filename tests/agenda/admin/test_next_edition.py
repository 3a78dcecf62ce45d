"""The next edition: a new date and start time move the whole event, pins too, as a draft."""

from datetime import UTC, datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from agenda.models import AgendaItem, Event, Outcome
from tests.support.admin_forms import text
from tests.support.builders import local

pytestmark = pytest.mark.django_db


def next_url(event) -> str:
    return reverse("admin:agenda_event_next_edition", args=[event.pk])


def test_the_seed_moves_to_a_new_date_and_time_as_a_draft(organiser_client, seed_event):
    closing = seed_event.items.get(title="Closing remarks")
    AgendaItem.objects.filter(pk=closing.pk).update(fixed_start=local(2017, 9, 4, 14, 30))
    response = organiser_client.post(
        next_url(seed_event), {"on": "2030-09-02", "at": "1:00 pm"}, follow=True
    )
    copy = Event.objects.exclude(pk=seed_event.pk).get()
    assert response.redirect_chain[-1][0] == reverse("admin:agenda_event_change", args=[copy.pk])
    assert (copy.title, copy.slug, copy.status) == (
        seed_event.title,
        "counter-migrant-smuggling-vienna-2030",
        "draft",
    )
    assert (copy.start, copy.end) == (local(2030, 9, 2, 13, 0), local(2030, 9, 2, 14, 30))
    assert copy.items.get(title="Closing remarks").fixed_start == local(2030, 9, 2, 14, 15)
    assert Outcome.objects.filter(event=seed_event).exists()
    assert not Outcome.objects.filter(event=copy).exists()
    assert copy.items.get(title="Panel").participations.count() == 4
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("mentions 2017" in w for w in warnings), warnings


def test_the_clocks_moving_do_not_move_the_times(organiser_client, seed_event):
    """From summer (CEST) to winter (CET): 13:15 stays 13:15 on the wall."""
    organiser_client.post(next_url(seed_event), {"on": "2031-01-13", "at": "13.15"})
    copy = Event.objects.exclude(pk=seed_event.pk).get()
    assert copy.start == datetime(2031, 1, 13, 12, 15, tzinfo=UTC)
    assert copy.end == datetime(2031, 1, 13, 13, 45, tzinfo=UTC)


def test_the_form_asks_for_a_date_and_a_time_with_an_example(organiser_client, seed_event):
    response = organiser_client.post(next_url(seed_event), {"on": "", "at": "quarter past"})
    page = text(response)
    assert "Enter a time such as 13:15, 13.15 or 1:15 pm." in page
    assert Event.objects.count() == 1


def test_staff_without_the_right_to_add_events_may_not(client, django_user_model, seed_event):
    client.force_login(django_user_model.objects.create_user("bare", is_staff=True))
    assert client.post(next_url(seed_event), {"on": "2030-09-02", "at": "13:15"}).status_code == 403
    assert Event.objects.count() == 1
