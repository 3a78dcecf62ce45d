"""Documents in the calendars: the event's own as ATTACH on the event's VEVENT, a
talk's slides on its item's VEVENT, absolute, with FMTTYPE for a file; the fast
writer (`published`) writes what icalendar writes; ical.js reads them."""

import icalendar
import pytest
from django.urls import reverse

from agenda.ical import calendars, published
from agenda.models import Event, Participation
from materials.models import Attachment
from tests.support import documents as files
from tests.support.builders import add_items, local, make_event
from tests.support.calendar_readers import icaljs_read

pytestmark = pytest.mark.django_db

BASE = "http://testserver"


@pytest.fixture
def event():
    event = make_event(start=local(2030, 5, 6, 9), end=local(2030, 5, 6, 12))
    add_items(event, [30, 30, 30], people_per_item=1)
    return event


def talk(event, position):
    return Participation.objects.get(agenda_item__event=event, agenda_item__position=position)


@pytest.fixture
def documents(event):
    note = files.make_attachment(event, title="Concept note")
    link = files.make_attachment(
        event, kind="flyer", title="Flyer", file=None, link="https://example.org/flyer"
    )
    slides = files.make_attachment(
        event,
        kind="slides",
        title="Routes in 2017",
        participation=talk(event, 1),
        file=files.upload("routes.pptx", files.PPTX_BYTES),
    )
    files.make_attachment(event, title="Internal", is_public=False)
    return note, link, slides


def attach_of(vevent) -> list[tuple[str, str | None]]:
    found = vevent.get("attach", [])
    found = found if isinstance(found, list) else [found]
    return [(str(a), a.params.get("FMTTYPE")) for a in found]


def test_the_event_ics_lists_its_own_public_documents(client, event, documents):
    note, _link, slides = documents
    body = client.get(reverse("agenda:event_ics", kwargs={"slug": event.slug})).content
    (vevent,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert attach_of(vevent) == [
        (BASE + note.get_absolute_url(), "application/pdf"),
        ("https://example.org/flyer", None),
    ]
    assert b"Internal" not in body
    assert slides.get_absolute_url().encode() not in body


def test_the_agenda_ics_lists_each_talks_slides_under_its_item(client, event, documents):
    slides = documents[2]
    body = client.get(reverse("agenda:event_agenda_ics", kwargs={"slug": event.slug})).content
    vevents = icalendar.Calendar.from_ical(body).walk("VEVENT")
    by_summary = {str(v["summary"]).split(" – ")[0]: attach_of(v) for v in vevents}
    assert by_summary == {
        "Item 2": [(BASE + slides.get_absolute_url(), files.PPTX_MIME)],
        "Item 1": [],
        "Item 3": [],
    }
    item = slides.participation.agenda_item
    one = client.get(
        reverse("agenda:item_ics", kwargs={"slug": event.slug, "uid": item.uid})
    ).content
    (vevent,) = icalendar.Calendar.from_ical(one).walk("VEVENT")
    assert attach_of(vevent) == [(BASE + slides.get_absolute_url(), files.PPTX_MIME)]


def test_the_fast_writer_writes_what_icalendar_writes(event, documents):
    loaded = Event.objects.with_agenda(public=True).get(pk=event.pk)
    now = local(2030, 1, 1, 0)
    reference = calendars.to_ics(calendars.agenda_calendar(loaded, base_url=BASE, now=now))
    assert published.agenda_ics(loaded, base_url=BASE, now=now) == reference
    assert reference.count(b"ATTACH") == 1


def test_ical_js_reads_the_attachments(client, event, documents):
    note, _link, slides = documents
    event_ics = client.get(reverse("agenda:event_ics", kwargs={"slug": event.slug})).content
    agenda_ics = client.get(reverse("agenda:event_agenda_ics", kwargs={"slug": event.slug})).content
    whole, agenda = icaljs_read(event_ics, agenda_ics)
    assert whole["events"][0]["attach"] == [
        {"uri": BASE + note.get_absolute_url(), "fmttype": "application/pdf"},
        {"uri": "https://example.org/flyer", "fmttype": None},
    ]
    attached = [e.get("attach") for e in agenda["events"]]
    assert attached == [
        None,
        [{"uri": BASE + slides.get_absolute_url(), "fmttype": files.PPTX_MIME}],
        None,
    ]


@pytest.mark.parametrize("hidden", [{"status": "declined"}, {"public_consent": False}])
def test_slides_of_a_hidden_person_leave_the_calendar(client, event, documents, hidden):
    slides = documents[2]
    Participation.objects.filter(pk=slides.participation_id).update(**hidden)
    Event.objects.get(pk=event.pk).save()
    body = client.get(reverse("agenda:event_agenda_ics", kwargs={"slug": event.slug})).content
    assert b"ATTACH" not in body
    assert Attachment.objects.filter(pk=slides.pk).exists()
