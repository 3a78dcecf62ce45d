"""The event's time zone in the admin: the list, its default, the venue check, publishing."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from agenda.models import Event
from tests.support.admin_forms import event_fields, form_data, text
from tests.support.builders import local, make_event

pytestmark = pytest.mark.django_db

ADD = "admin:agenda_event_add"


def add_form(client) -> dict[str, str]:
    return form_data(client.get(reverse(ADD)), "event_form")


def event_data(client, **changes) -> dict[str, str]:
    data = add_form(client)
    data.update(
        event_fields(**{"slug": "zone-check", "city": "Vienna", "country": "Austria", **changes})
    )
    return data


def test_the_zone_is_chosen_from_a_list_with_offsets(organiser_client):
    page = organiser_client.get(reverse(ADD)).content.decode()
    assert 'list="time-zones"' in page
    assert '<option value="Europe/Vienna">Europe/Vienna — UTC+' in page


def test_a_first_event_starts_with_no_zone_rather_than_utc(organiser_client, settings):
    settings.EVENTSITE_DEFAULT_TIME_ZONE = ""
    assert add_form(organiser_client)["time_zone"] == ""


def test_the_site_setting_gives_the_first_default(organiser_client, settings):
    settings.EVENTSITE_DEFAULT_TIME_ZONE = "Africa/Nairobi"
    assert add_form(organiser_client)["time_zone"] == "Africa/Nairobi"


def test_the_organisers_last_event_gives_the_default(organiser_client, settings):
    settings.EVENTSITE_DEFAULT_TIME_ZONE = "Africa/Nairobi"
    response = organiser_client.post(
        reverse(ADD), event_data(organiser_client, time_zone="America/New_York", country="")
    )
    assert response.status_code == 302, text(response)
    make_event(time_zone="Asia/Tokyo")  # someone else's event, or an import
    assert add_form(organiser_client)["time_zone"] == "America/New_York"


def test_a_zone_the_country_does_not_use_is_a_warning_on_save(organiser_client):
    response = organiser_client.post(
        reverse(ADD), event_data(organiser_client, time_zone="UTC"), follow=True
    )
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert (
        "The time zone UTC is not used in Austria (Europe/Vienna is). "
        "Every time is published in the event's zone: check it."
    ) in warnings
    assert Event.objects.get(slug="zone-check").status == "draft"


def test_publishing_in_such_a_zone_is_refused_until_confirmed(organiser_client):
    data = event_data(organiser_client, time_zone="UTC", status="published")
    refused = organiser_client.post(reverse(ADD), data)
    assert refused.status_code == 200
    assert "To publish, tick “The time zone is right for this venue”" in text(refused)
    assert not Event.objects.filter(slug="zone-check").exists()
    accepted = organiser_client.post(reverse(ADD), {**data, "zone_confirmed": "on"})
    assert accepted.status_code == 302, text(accepted)
    event = Event.objects.get(slug="zone-check")
    # Once published with it, unrelated edits are not asked again.
    change = reverse("admin:agenda_event_change", args=[event.pk])
    edit = form_data(organiser_client.get(change), "event_form")
    edit["room"] = "Board Room B"
    assert organiser_client.post(change, edit).status_code == 302


def test_a_fitting_or_unknown_country_publishes_without_asking(organiser_client):
    for slug, country in [("fits", "Austria"), ("unknown", "Atlantis")]:
        data = event_data(organiser_client, slug=slug, status="published", country=country)
        assert organiser_client.post(reverse(ADD), data).status_code == 302


def test_the_old_event_keeps_its_times_in_its_zone(organiser_client):
    event = make_event(start=local(2030, 9, 2, 13, 15), end=local(2030, 9, 2, 14, 45))
    data = form_data(
        organiser_client.get(reverse("admin:agenda_event_change", args=[event.pk])), "event_form"
    )
    assert data["time_zone"] == event.time_zone
