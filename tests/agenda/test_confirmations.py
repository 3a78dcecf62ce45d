"""Participation status and consent: the rules, and who every public output shows."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from agenda import publishing
from agenda.models import Event, Participation
from tests.support.builders import add_items, make_event, make_person

pytestmark = pytest.mark.django_db

SECRET = "Zebedee Quillfeather"


def event_with(status: str, consent: bool | None = None, unconfirmed: str = "hide"):
    event = make_event(unconfirmed_people=unconfirmed)
    (item,) = add_items(event, [30])
    person = make_person(full_name=SECRET, slug="zebedee")
    participation = Participation.objects.create(
        agenda_item=item,
        person=person,
        role=Participation.Role.PANELIST,
        status=status,
        status_changed_at=datetime(2030, 1, 1, tzinfo=UTC),
        public_consent=consent,
    )
    return event, participation


def jsonld(html: str) -> str:
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert match, "the page has JSON-LD"
    return json.dumps(json.loads(match.group(1)))


OUTPUTS = {
    "page": lambda c, e: c.get(e.get_absolute_url()).content.decode(),
    "json-ld": lambda c, e: jsonld(c.get(e.get_absolute_url()).content.decode()),
    "event.ics": lambda c, e: c.get(reverse("agenda:event_ics", args=[e.slug])).content.decode(),
    "agenda.ics": lambda c, e: c.get(
        reverse("agenda:event_agenda_ics", args=[e.slug])
    ).content.decode(),
    "calendar feed": lambda c, e: c.get(reverse("agenda:calendar_feed")).content.decode(),
    "schedule.xml": lambda c, e: c.get(
        reverse("agenda:schedule_xml", args=[e.slug])
    ).content.decode(),
    "schedule.json": lambda c, e: c.get(
        reverse("agenda:schedule_json", args=[e.slug])
    ).content.decode(),
    "sitemap": lambda c, e: c.get("/sitemap.xml").content.decode(),
    "speakers list": lambda c, e: c.get("/speakers/").content.decode(),
}
# The sitemap and speaker list carry the person's address rather than the whole name.
NEEDLE = {"sitemap": "zebedee"}


def unfolded(text: str) -> str:
    # .ics folds long lines at 75 octets ("\r\n "); the name must be found across a fold.
    return text.replace("\r\n ", "").replace("\\,", ",")


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize(
    ("status", "consent", "unconfirmed", "shown"),
    [
        ("confirmed", None, "hide", True),
        ("confirmed", True, "hide", True),
        ("confirmed", False, "hide", False),
        ("declined", None, "mark", False),
        ("withdrawn", True, "mark", False),
        ("invited", None, "hide", False),
        ("invited", None, "mark", True),
        ("invited", False, "mark", False),
    ],
)
def test_each_public_output_shows_only_who_may_be_shown(
    client, output, status, consent, unconfirmed, shown
):
    event, _ = event_with(status, consent, unconfirmed)
    body = unfolded(OUTPUTS[output](client, event))
    assert (NEEDLE.get(output, SECRET) in body) is shown


def test_the_person_page_is_a_404_once_they_decline(client):
    _, participation = event_with("confirmed")
    assert client.get("/speakers/zebedee/").status_code == 200
    participation.set_status(Participation.Status.DECLINED)
    participation.save()
    assert client.get("/speakers/zebedee/").status_code == 404


def test_invited_people_are_marked_to_be_confirmed(client):
    event, _ = event_with("invited", unconfirmed="mark")
    page = client.get(event.get_absolute_url()).content.decode()
    assert "to be confirmed" in page
    ics = unfolded(
        client.get(reverse("agenda:event_agenda_ics", args=[event.slug])).content.decode()
    )
    assert f"{SECRET} (to be confirmed)" in ics


def test_existing_rows_count_as_confirmed_and_public():
    event = make_event()
    (item,) = add_items(event, [10], people_per_item=2)
    assert set(item.participations.values_list("status", flat=True)) == {"confirmed"}
    assert item.participations.shown_publicly().count() == 2


def test_the_database_refuses_an_unknown_status():
    _, participation = event_with("confirmed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.filter(pk=participation.pk).update(status="maybe")


def test_a_withdrawal_without_its_time_is_refused_with_a_message():
    _, participation = event_with("confirmed")
    participation.status = Participation.Status.WITHDRAWN
    participation.status_changed_at = None
    with pytest.raises(ValidationError) as error:
        participation.full_clean()
    assert "when the person withdrew" in str(error.value)
    with pytest.raises(IntegrityError), transaction.atomic():
        participation.save()


def test_the_database_refuses_an_unknown_display_choice():
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(unconfirmed_people="shout")


def test_set_status_stamps_the_time_and_history_keeps_each_change():
    _, participation = event_with("invited")
    moment = datetime(2030, 2, 3, 4, 5, tzinfo=UTC)
    assert participation.set_status("confirmed", now=moment) is True
    participation.save()
    assert participation.set_status("confirmed") is False
    participation.set_status("declined")
    participation.save()
    statuses = list(participation.history.order_by("history_date").values_list("status", flat=True))
    assert statuses == ["invited", "confirmed", "declined"]
    assert participation.history.filter(status="confirmed").get().status_changed_at == moment


def test_the_publish_checklist_names_who_is_not_confirmed():
    event, _ = event_with("invited")
    advisories = [c.message for c in publishing.checklist(event) if not c.blocking]
    assert f"Not confirmed: {SECRET} (Invited)." in advisories


def test_the_checklist_is_quiet_when_everyone_confirmed():
    event, _ = event_with("confirmed")
    assert not [c for c in publishing.checklist(event) if "Not confirmed" in c.message]
