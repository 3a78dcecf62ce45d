"""The checklist before publishing: blocking problems, advisories, checks other apps add."""

import pytest

from agenda import hooks, publishing
from agenda.models import AgendaItem, Contact, Event, Participation
from tests.support.builders import add_items, local, make_person, make_vienna_draft

pytestmark = pytest.mark.django_db


def draft(**overrides) -> Event:
    return make_vienna_draft(**{"title": "Side event 2030", **overrides})


def ready(event: Event) -> Event:
    """People on every item and a contact: nothing left to advise but other apps' checks."""
    for item in event.items.all():
        Participation.objects.create(agenda_item=item, person=make_person(), role="speaker")
    Contact.objects.create(event=event, name="Desk", email="desk@example.org")
    return event


def messages(checks, blocking: bool) -> list[str]:
    return [c.message for c in checks if c.blocking is blocking]


@pytest.fixture
def no_other_checks(monkeypatch):
    monkeypatch.setattr(hooks, "_publish_checks", [])


def test_a_ready_event_has_nothing_to_say(no_other_checks):
    event = draft()
    add_items(event, [30, 30])
    assert publishing.checklist(ready(event)) == []


def test_an_overrun_and_an_unconfirmed_zone_block(no_other_checks):
    event = draft(
        time_zone="UTC",
        start=local(2030, 9, 2, 11, 15, zone="UTC"),
        end=local(2030, 9, 2, 12, 45, zone="UTC"),
    )
    add_items(event, [60, 60])
    ready(event)
    blocking = messages(publishing.checklist(event), True)
    assert blocking == [
        "The agenda runs 30 minutes past the event's end: item II. Item 2 ends after it.",
        "The time zone UTC is not used in Austria (Europe/Vienna is). "
        "Every time is published in the event's zone: check it.",
    ]
    confirmed = messages(publishing.checklist(event, zone_confirmed=True), True)
    assert len(confirmed) == 1


def test_advisories_name_items_without_people_no_contact_and_other_years(no_other_checks):
    event = draft(background="In 2016 alone, and again in 2030.")
    (talk, pause) = add_items(event, [30, 10])
    AgendaItem.objects.filter(pk=pause.pk).update(kind=AgendaItem.Kind.BREAK, title="Coffee")
    AgendaItem.objects.filter(pk=talk.pk).update(description="As in 2017")
    assert messages(publishing.checklist(event), False) == [
        "Item “Item 1” has no people.",
        "The event has no contact for attendees.",
        "Background mentions 2016.",
        "Item 1 mentions 2017.",
    ]
    assert messages(publishing.checklist(event), True) == []


def test_other_apps_add_advisories_through_the_hook(monkeypatch):
    monkeypatch.setattr(hooks, "_publish_checks", [])
    hooks.publish_check(lambda event: [f"Nothing booked for {event.title}."])
    event = draft()
    add_items(event, [30])
    assert messages(publishing.checklist(ready(event)), False) == [
        "Nothing booked for Side event 2030."
    ]


def test_offered_languages_without_translations_are_advised_not_blocking(no_other_checks):
    event = draft(languages="en fr es", context="Why we meet.")
    (first, second) = add_items(event, [30, 30])
    ready(event)
    Event.objects.filter(pk=event.pk).update(title_es="Evento paralelo 2030", context_es="Por qué")
    AgendaItem.objects.filter(pk=first.pk).update(title_es="Apertura")
    AgendaItem.objects.filter(pk__in=[first.pk, second.pk]).update(description="")
    event.refresh_from_db()
    assert messages(publishing.checklist(event), False) == [
        "Not yet in French: title, context, 2 agenda items.",
        "Not yet in Spanish: 1 agenda item.",
    ]
    assert messages(publishing.checklist(event), True) == []
    assert publishing.publish(event.pk, zone_confirmed=False, acknowledged=True) is None


def test_languages_the_event_does_not_offer_are_not_advised(no_other_checks):
    event = draft(languages="en", context="Why we meet.")
    add_items(event, [30, 30])
    assert publishing.checklist(ready(event)) == []
