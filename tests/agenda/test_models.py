"""agenda/models.py: the data rules (constraints and clean()), SEQUENCE and updated_at, and the QuerySets."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from agenda.models import AgendaItem, Contact, Event
from tests.support.builders import add_items, local, make_event, make_organisation, make_person

pytestmark = pytest.mark.django_db


def assert_db_refuses(callable_):
    with pytest.raises(IntegrityError), transaction.atomic():
        callable_()


@pytest.mark.parametrize("minutes", [0, -5])
def test_budget_must_be_positive(minutes):
    event = make_event()
    item = AgendaItem(event=event, title="Talk", minutes=minutes, position=0)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "minutes" in error.value.message_dict
    if minutes == 0:  # a negative value cannot even reach a PositiveIntegerField column
        assert_db_refuses(lambda: AgendaItem.objects.create(event=event, title="T", minutes=0))


def test_end_must_follow_start():
    event = Event(
        title="T", slug="t", start=local(2030, 1, 1, 10), end=local(2030, 1, 1, 9), time_zone="UTC"
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert error.value.message_dict["end"] == ["The event must end after it starts."]
    assert_db_refuses(event.save)


def test_unknown_time_zone_is_refused_with_a_readable_message():
    event = Event(
        title="T",
        slug="t",
        start=local(2030, 1, 1, 9),
        end=local(2030, 1, 1, 10),
        time_zone="Europe/Atlantis",
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "not a known IANA time zone" in error.value.message_dict["time_zone"][0]


def test_duplicate_slug_is_refused():
    make_event(slug="same")
    duplicate = Event(
        title="Other", slug="same", start=local(2030, 1, 1, 9), end=local(2030, 1, 1, 10)
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "slug" in error.value.message_dict
    assert_db_refuses(duplicate.save)


def test_item_positions_are_unique_per_event():
    event = make_event()
    add_items(event, [10])
    assert_db_refuses(lambda: AgendaItem.objects.create(event=event, title="X", position=0))


def test_coordinates_come_in_pairs():
    event = Event(
        title="T", slug="t", start=local(2030, 1, 1, 9), end=local(2030, 1, 1, 10), latitude=48.2
    )
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "longitude" in error.value.message_dict


def test_contact_emails_unique_per_event():
    event = make_event()
    Contact.objects.create(event=event, name="A", email="a@example.org")
    assert_db_refuses(lambda: Contact.objects.create(event=event, name="B", email="a@example.org"))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "New title"),
        ("room", "Board Room B"),
        ("status", Event.Status.CANCELLED),
        ("start", local(2030, 5, 6, 8, 0)),
        ("end", local(2030, 5, 6, 18, 0)),
    ],
)
def test_calendar_visible_change_raises_sequence(field, value):
    event = make_event()
    event = Event.objects.get(pk=event.pk)
    before = event.sequence
    setattr(event, field, value)
    event.save()
    assert Event.objects.get(pk=event.pk).sequence == before + 1


@pytest.mark.parametrize(
    ("field", "value"), [("context", "More context"), ("language_note", "English")]
)
def test_unrelated_change_keeps_sequence_but_bumps_version(field, value):
    event = Event.objects.get(pk=make_event().pk)
    before = (event.sequence, event.version, event.updated_at)
    setattr(event, field, value)
    event.save()
    event.refresh_from_db()
    assert event.sequence == before[0]
    assert event.version == before[1] + 1
    assert event.updated_at > before[2]


def test_agenda_change_raises_sequence_and_moves_updated_at():
    event = make_event()
    item = AgendaItem.objects.create(event=event, title="Talk", minutes=10, position=0)
    event.refresh_from_db()
    before = (event.sequence, event.updated_at)
    item = AgendaItem.objects.get(pk=item.pk)
    item.minutes = 20
    item.save()
    event.refresh_from_db()
    assert event.sequence == before[0] + 1
    assert event.updated_at > before[1]


def test_description_edit_on_item_moves_updated_at_only():
    event = make_event()
    item = AgendaItem.objects.create(event=event, title="Talk", minutes=10, position=0)
    event.refresh_from_db()
    before = (event.sequence, event.updated_at)
    item = AgendaItem.objects.get(pk=item.pk)
    item.description = "Now with a description"
    item.save()
    event.refresh_from_db()
    assert event.sequence == before[0]
    assert event.updated_at > before[1]


def test_person_edit_moves_updated_at_of_their_events():
    event = make_event()
    item = add_items(event, [10])[0]
    person = make_person()
    item.participations.create(person=person, role="speaker")
    event.refresh_from_db()
    before = event.updated_at
    person.position = "Director"
    person.save()
    event.refresh_from_db()
    assert event.updated_at > before


def test_free_minutes_and_allocated():
    event = make_event(start=local(2030, 1, 1, 9), end=local(2030, 1, 1, 10))
    add_items(event, [20, 15, None])
    assert event.allocated_minutes == 35
    assert event.free_minutes == 25
    assert event.slot_minutes == 60


def test_queryset_published_upcoming_past():
    now = local(2030, 1, 1, 12)
    past = make_event(start=now - timedelta(days=2), end=now - timedelta(days=2, hours=-1))
    upcoming = make_event(start=now + timedelta(days=1), end=now + timedelta(days=1, hours=1))
    draft = make_event(status=Event.Status.DRAFT)
    assert set(Event.objects.published()) == {past, upcoming}
    assert list(Event.objects.published().upcoming(now)) == [upcoming]
    assert list(Event.objects.published().past(now)) == [past]
    assert draft not in Event.objects.public()


def test_saving_a_stale_copy_never_lowers_sequence():
    event = make_event()
    stale = Event.objects.get(pk=event.pk)
    add_items(event, [10])
    AgendaItem.objects.create(event=event, title="Added later", minutes=5, position=5)
    raised = Event.objects.get(pk=event.pk).sequence
    assert raised > stale.sequence
    stale.context = "An unrelated edit from an old form"
    stale.save()
    assert Event.objects.get(pk=event.pk).sequence == raised
    stale.title = "Renamed"
    stale.save()
    assert Event.objects.get(pk=event.pk).sequence == raised + 1


def test_organisation_edit_moves_updated_at_of_events_it_hosts_or_speaks_at():
    from agenda.models import EventOrganisation

    hosting, speaking, unrelated = make_event(), make_event(), make_event()
    organisation = make_organisation()
    EventOrganisation.objects.create(event=hosting, organisation=organisation, role="co-host")
    item = add_items(speaking, [10])[0]
    item.participations.create(person=make_person(organisation=organisation), role="speaker")
    before = {e.pk: Event.objects.get(pk=e.pk).updated_at for e in (hosting, speaking, unrelated)}
    organisation.acronym = "NEW"
    organisation.save()
    after = {e.pk: Event.objects.get(pk=e.pk).updated_at for e in (hosting, speaking, unrelated)}
    assert after[hosting.pk] > before[hosting.pk]
    assert after[speaking.pk] > before[speaking.pk]
    assert after[unrelated.pk] == before[unrelated.pk]
