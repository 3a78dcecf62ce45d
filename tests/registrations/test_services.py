"""Registering, the waiting list, cancelling, promoting and the e-mails they write,
through the services (no HTTP)."""

from datetime import UTC, timedelta

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from agenda.models import Event
from registrations import services
from registrations.models import OutboxMessage, Registration, RegistrationSettings
from registrations.services import Placement
from tests.support.builders import local
from tests.support.registrations import details, make_registration_event

pytestmark = pytest.mark.django_db

Kind = OutboxMessage.Kind


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run the after-commit sender of everything done inside the block."""

    def capture():
        return django_capture_on_commit_callbacks(execute=True)

    return capture


def vevent_of(message) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(message.calendar)
    return next(iter(calendar.walk("VEVENT")))


def test_register_confirms_and_writes_an_invitation(sent):
    event = make_registration_event()
    with sent():
        result = services.register(event=event, details=details())
    assert result.outcome == Placement.CONFIRMED
    registration = result.registration
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.name == "Jørgen Carling"
    assert registration.refreshments is True
    assert registration.consent_at is not None
    message = OutboxMessage.objects.get()
    assert message.kind == Kind.CONFIRMATION
    assert message.status == OutboxMessage.Status.SENT
    assert message.calendar_method == "REQUEST"
    assert message.sequence == event.sequence == 0
    registration.refresh_from_db()
    assert registration.calendar_sequence == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["Jørgen Carling <jorgen1@prio.example>"]


def test_the_outbox_row_is_written_even_if_sending_never_runs():
    """Written in the registration's transaction; without a commit hook run, it waits."""
    event = make_registration_event()
    services.register(event=event, details=details())
    message = OutboxMessage.objects.get()
    assert message.status == OutboxMessage.Status.PENDING
    assert mail.outbox == []
    call_command("send_outbox")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(mail.outbox) == 1


def test_a_failed_registration_writes_no_e_mail():
    event = make_registration_event()
    with pytest.raises(ValidationError, match="affiliation_type"):
        services.register(event=event, details=details(affiliation_type="nonsense"))
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_past_capacity_people_join_the_waiting_list_in_order(sent):
    event = make_registration_event(capacity=2)
    with sent():
        outcomes = [services.register(event=event, details=details(n)) for n in range(1, 6)]
    assert [o.outcome for o in outcomes] == [
        Placement.CONFIRMED,
        Placement.CONFIRMED,
        Placement.WAITING,
        Placement.WAITING,
        Placement.WAITING,
    ]
    assert [o.waiting_position for o in outcomes[2:]] == [1, 2, 3]
    waiting_mail = [m for m in mail.outbox if "Waiting list" in m.subject]
    assert len(waiting_mail) == 3
    # No calendar invitation for a place on the waiting list.
    assert all(not m.attachments and len(m.alternatives) == 1 for m in waiting_mail)
    assert "number 2" in waiting_mail[1].body


def test_full_without_waiting_list_turns_people_away():
    event = make_registration_event(capacity=1, waiting_list=False)
    assert services.register(event=event, details=details(1)).outcome == Placement.CONFIRMED
    result = services.register(event=event, details=details(2))
    assert result.outcome == Placement.FULL
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    "setup",
    ["closed", "past", "cancelled", "draft", "no settings"],
)
def test_closed_registration_writes_nothing(setup):
    event = make_registration_event()
    if setup == "closed":
        RegistrationSettings.objects.filter(event=event).update(is_open=False)
    elif setup == "past":
        Event.objects.filter(pk=event.pk).update(
            start=local(2017, 9, 4, 13, 15), end=local(2017, 9, 4, 14, 45)
        )
    elif setup in ("cancelled", "draft"):
        Event.objects.filter(pk=event.pk).update(status=setup)
    else:
        RegistrationSettings.objects.filter(event=event).delete()
    event.refresh_from_db()
    assert services.register(event=event, details=details()).outcome == Placement.CLOSED
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_registering_twice_resends_the_confirmation(sent):
    event = make_registration_event()
    with sent():
        first = services.register(event=event, details=details())
        again = services.register(
            event=event, details=details(email="  JORGEN1@prio.example ", name="Someone else")
        )
    assert again.outcome == Placement.ALREADY_REGISTERED
    assert again.registration.pk == first.registration.pk
    assert Registration.objects.count() == 1
    assert Registration.objects.get().name == "Jørgen Carling"  # not overwritten by the form
    assert len(mail.outbox) == 2
    assert "sent again" in mail.outbox[1].subject
    # The same invitation: same UID and SEQUENCE as the first.
    first_event, second_event = (
        vevent_of(message) for message in OutboxMessage.objects.order_by("pk")
    )
    assert first_event["UID"] == second_event["UID"] == event.calendar_uid
    assert first_event["SEQUENCE"] == second_event["SEQUENCE"] == 0


def test_cancel_frees_the_seat_and_promotes_the_first_waiting(sent):
    event = make_registration_event(capacity=1)
    first = services.register(event=event, details=details(1)).registration
    second = services.register(event=event, details=details(2)).registration
    third = services.register(event=event, details=details(3)).registration
    mail.outbox.clear()
    with sent():
        promoted = services.cancel(registration=first)
    assert [r.pk for r in promoted] == [second.pk]
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert first.status == Registration.Status.CANCELLED
    assert first.cancelled_by == Registration.CancelledBy.ATTENDEE
    assert second.status == Registration.Status.CONFIRMED
    assert third.status == Registration.Status.WAITING
    assert services.waiting_position(third) == 1
    by_kind = {m.kind: m for m in OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT)}
    cancel = vevent_of(by_kind[Kind.ATTENDEE_CANCELLED])
    assert by_kind[Kind.ATTENDEE_CANCELLED].calendar_method == "CANCEL"
    # RFC 5546 3.2.5: uninviting one attendee carries no STATUS; the event goes ahead.
    assert "STATUS" not in cancel
    assert cancel["UID"] == event.calendar_uid
    assert cancel["SEQUENCE"] == 1  # above the 0 their calendar holds
    promotion = vevent_of(by_kind[Kind.PROMOTION])
    assert by_kind[Kind.PROMOTION].to_email == second.email
    assert promotion["SEQUENCE"] == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [f"{first.name} <{first.email}>", f"{second.name} <{second.email}>"]
    )


def test_cancelling_twice_does_nothing_more():
    event = make_registration_event()
    registration = services.register(event=event, details=details()).registration
    services.cancel(registration=registration)
    count = OutboxMessage.objects.count()
    assert services.cancel(registration=registration) == []
    assert OutboxMessage.objects.count() == count


def test_leaving_the_waiting_list_sends_no_calendar_cancel():
    event = make_registration_event(capacity=0)
    registration = services.register(event=event, details=details()).registration
    assert registration.status == Registration.Status.WAITING
    services.cancel(registration=registration)
    message = OutboxMessage.objects.get(kind=Kind.ATTENDEE_CANCELLED)
    assert message.calendar == ""


def test_registering_again_after_cancelling_raises_the_sequence():
    event = make_registration_event()
    registration = services.register(event=event, details=details()).registration
    services.cancel(registration=registration)  # CANCEL with SEQUENCE 1
    again = services.register(event=event, details=details(organisation="IOM"))
    assert again.outcome == Placement.CONFIRMED
    assert again.registration.pk == registration.pk
    assert again.registration.organisation == "IOM"
    latest = OutboxMessage.objects.latest("pk")
    assert latest.calendar_method == "REQUEST"
    assert latest.sequence == 2  # a calendar that holds the CANCEL (1) takes it


def test_promote_respects_the_capacity():
    event = make_registration_event(capacity=1)
    services.register(event=event, details=details(1))
    waiting = services.register(event=event, details=details(2)).registration
    assert services.promote(event=event, registrations=[waiting]) == []
    RegistrationSettings.objects.filter(event=event).update(capacity=2)
    assert [r.pk for r in services.promote(event=event, registrations=[waiting])] == [waiting.pk]
    assert event.registrations.confirmed().count() == 2


def test_update_details_keeps_status_and_email():
    event = make_registration_event()
    registration = services.register(event=event, details=details()).registration
    updated = services.update_details(
        registration=registration,
        name=" Jørgen Carling ",
        organisation="PRIO",
        affiliation_type="academia",
        needs="Step-free access",
        refreshments=False,
    )
    assert updated.organisation == "PRIO"
    assert updated.name == "Jørgen Carling"
    assert updated.refreshments is False
    assert updated.status == Registration.Status.CONFIRMED


def test_counts():
    event = make_registration_event(capacity=2)
    services.register(event=event, details=details(1, refreshments=True))
    second = services.register(event=event, details=details(2, refreshments=False)).registration
    services.register(event=event, details=details(3, refreshments=True))
    services.register(event=event, details=details(4, refreshments=True))
    services.cancel(registration=second)  # promotes 3
    assert event.registrations.counts() == {
        "confirmed": 2,
        "waiting": 1,
        "cancelled": 1,
        "refreshments": 2,
    }


# -- the organisers change or cancel the event -------------------------------------------


def change_event(event, **changes) -> Event:
    event = Event.objects.get(pk=event.pk)
    for name, value in changes.items():
        setattr(event, name, value)
    event.save()
    return event


def test_a_new_time_is_held_then_sent_as_an_update_with_a_higher_sequence(sent):
    event = make_registration_event(capacity=1)
    confirmed = services.register(event=event, details=details(1)).registration
    services.register(event=event, details=details(2))  # waiting: no calendar, no update
    with sent():
        event = change_event(event, start=local(2030, 9, 4, 15, 0), end=local(2030, 9, 4, 16, 30))
    held = OutboxMessage.objects.held()
    assert [m.registration_id for m in held] == [confirmed.pk]
    assert held.get().changes == {"Time": "Wednesday, 4 September 2030, 13:15–14:45 CEST (UTC+2)"}
    assert not OutboxMessage.objects.filter(kind=Kind.EVENT_UPDATE).exclude(status="held")
    mail.outbox.clear()

    with sent():
        assert services.release_held(event=event) == 1
    message = OutboxMessage.objects.get(kind=Kind.EVENT_UPDATE)
    assert message.status == OutboxMessage.Status.SENT
    assert event.sequence == 1
    vevent = vevent_of(message)
    assert vevent["UID"] == event.calendar_uid
    assert vevent["SEQUENCE"] == 1
    assert vevent.decoded("DTSTART").astimezone(UTC).hour == 13  # 15:00 CEST
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Time: Wednesday, 4 September 2030, 15:00–16:30 CEST (UTC+2)" in body
    assert "(was: Wednesday, 4 September 2030, 13:15–14:45 CEST (UTC+2))" in body


def test_changes_before_confirmation_merge_into_one_notice():
    event = make_registration_event()
    services.register(event=event, details=details())
    event = change_event(event, room="Board Room B")
    event = change_event(event, title="New title")
    held = OutboxMessage.objects.held().get()
    assert set(held.changes) == {"Place", "Title"}
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.DISCARDED).count() == 1
    assert services.release_held(event=event) == 1
    vevent = vevent_of(OutboxMessage.objects.get(kind=Kind.EVENT_UPDATE, status="pending"))
    assert str(vevent["SUMMARY"]) == "New title"
    assert str(vevent["LOCATION"]).startswith("Board Room B")
    assert vevent["SEQUENCE"] == 2


def test_edits_that_a_calendar_does_not_show_notify_nobody():
    event = make_registration_event()
    services.register(event=event, details=details())
    change_event(event, background="More background.", practical_notes="Bring ID.")
    assert not OutboxMessage.objects.held().exists()


def test_organisers_cancelling_sends_cancel_to_confirmed_and_a_note_to_waiting(sent):
    event = make_registration_event(capacity=1)
    confirmed = services.register(event=event, details=details(1)).registration
    waiting = services.register(event=event, details=details(2)).registration
    event = change_event(event, status=Event.Status.CANCELLED)
    assert OutboxMessage.objects.held().count() == 2
    with sent():
        services.release_held(event=event)
    to_confirmed = OutboxMessage.objects.get(registration=confirmed, kind=Kind.EVENT_CANCELLED)
    to_waiting = OutboxMessage.objects.get(registration=waiting, kind=Kind.EVENT_CANCELLED)
    assert to_confirmed.calendar_method == "CANCEL"
    vevent = vevent_of(to_confirmed)
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert vevent["UID"] == event.calendar_uid
    assert vevent["SEQUENCE"] == event.sequence == 1
    assert to_waiting.calendar == ""
    assert "cancelled the event you were waiting for" in to_waiting.text_body


def test_discarding_held_notices_sends_nothing():
    event = make_registration_event()
    services.register(event=event, details=details())
    event = change_event(event, room="Elsewhere")
    assert services.discard_held(event=event) == 1
    assert services.release_held(event=event) == 0
    assert not OutboxMessage.objects.filter(kind=Kind.EVENT_UPDATE, status="pending").exists()


def test_an_attendee_who_cancels_drops_their_held_update():
    event = make_registration_event()
    registration = services.register(event=event, details=details()).registration
    event = change_event(event, room="Elsewhere")
    services.cancel(registration=registration)
    assert not OutboxMessage.objects.held().exists()
    assert services.release_held(event=event) == 0


def test_changes_to_a_past_event_notify_nobody():
    event = make_registration_event()
    services.register(event=event, details=details())
    Event.objects.filter(pk=event.pk).update(
        start=local(2020, 1, 1, 10, 0), end=local(2020, 1, 1, 11, 0)
    )
    change_event(event, title="Renamed afterwards")
    assert not OutboxMessage.objects.held().exists()


# -- privacy -------------------------------------------------------------------------------


@pytest.mark.parametrize("delete", [False, True])
def test_forget_registrants_after_the_retention_period(delete):
    old = make_registration_event()
    recent = make_registration_event()
    gone = services.register(event=old, details=details(1)).registration
    kept = services.register(event=recent, details=details(2)).registration
    Event.objects.filter(pk=old.pk).update(
        start=timezone.now() - timedelta(days=40, hours=2),
        end=timezone.now() - timedelta(days=40),
    )
    Event.objects.filter(pk=recent.pk).update(
        start=timezone.now() - timedelta(days=20, hours=2),
        end=timezone.now() - timedelta(days=20),
    )
    args = ["--days", "30"] + (["--delete"] if delete else [])
    call_command("forget_registrants", *args)
    assert Registration.objects.filter(pk=kept.pk, name=kept.name).exists()
    assert OutboxMessage.objects.filter(registration=kept).exists()
    assert not OutboxMessage.objects.filter(to_email=gone.email).exists()
    if delete:
        assert not Registration.objects.filter(pk=gone.pk).exists()
    else:
        anonymised = Registration.objects.get(pk=gone.pk)
        assert anonymised.name == anonymised.email == anonymised.organisation == ""
        assert anonymised.anonymised_at is not None
        assert anonymised.uid != gone.uid  # the manage link is dead
        assert old.registrations.counts()["confirmed"] == 1  # the counts survive
