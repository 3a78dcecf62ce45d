"""Script typed into any field an organiser edits stays inert everywhere it is shown.

One case per field: the field holds markup meant to run (`</script>`, an `<img>`
with `onerror`, a `javascript:` link, an `<svg onload>`, quotes and `&`), and
then every public page (the event, the list, the speakers, the speaker's page,
with their JSON-LD and meta tags) and every export (.ics, the feed, schedule.xml,
schedule.json, the admin's JSON export) is read back with real parsers:

* HTML through html5lib, as a browser builds its DOM: no script but the site's
  own files and JSON-LD, no `on…` attribute, no injected element, no
  `javascript:` address; the JSON-LD parses as JSON;
* .ics through icalendar, XML through ElementTree, JSON through json: each
  parses, with the number of entries it must have.

The visible marker (`Xss1`) must show up where the field is published, so a
field that silently stopped being shown would fail here too.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

import html5lib
import icalendar
import pytest
from django.db import models
from django.urls import reverse

from agenda.models import (
    AgendaItem,
    Contact,
    DiscussionQuestion,
    Event,
    EventOrganisation,
    Outcome,
    Participation,
    Recommendation,
)
from speakers.models import Organisation, Person
from tests.support.builders import local
from tests.support.hostile import World, build_world, tally

pytestmark = pytest.mark.django_db

MARKER = "Xss1"
# Fits the shortest field (an organisation's acronym, 40 characters).
SHORT = f"{MARKER}</script><svg onload=alert(1)>'&"
LONG = (
    f"{MARKER}</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'& "
    '<a href="javascript:alert(3)">a</a> [b](javascript:alert(4)) <svg onload=alert(5)> '
    "<!-- ]]> {{ 7|add:7 }}"
)


@pytest.fixture
def world(db) -> World:
    """A past, published event with every part filled in, so every text is shown."""
    return build_world(
        status=Event.Status.PUBLISHED,
        title="Side event",
        slug="side-event",
        start=local(2017, 9, 4, 13, 15),
        end=local(2017, 9, 4, 14, 45),
        occasion="Occasion",
        theme="Theme",
        building="Building",
        city="Vienna",
        country="Austria",
        context="Context.",
        background="Background.",
        objectives="Objectives.",
        language_note="English.",
        practical_notes="Coffee.",
        programme="Programme",
        programme_note="Programme note.",
    )


@dataclass(frozen=True)
class Field:
    row: Callable[[World], models.Model]
    name: str
    # Where the marker must be seen; the other places must still be safe.
    shown_in: frozenset[str]
    # What the column needs first (a meeting link starts https://, as its check wants).
    prefix: str = ""


ICS = ("event.ics", "agenda.ics", "item.ics", "calendar.ics")
CONFERENCE = ("schedule.xml", "schedule.json")
EXPORT = "export JSON"

# Where each field is published (by reading the templates and exporters).
ON_EVENT_PAGE = frozenset({"event page", EXPORT})
WITH_TITLE = frozenset({"event page", "event list", *ICS, *CONFERENCE, EXPORT})
VENUE = frozenset({"event page", "event list", *ICS, EXPORT})
ONLINE = frozenset({"event page", *ICS, EXPORT})  # the .ics: CONFERENCE (RFC 7986)


def f(row, name, *shown_in, prefix="") -> Field:
    return Field(row, name, frozenset(shown_in), prefix)


event_ = lambda w: w.event  # noqa: E731
item_ = lambda w: w.items[0]  # noqa: E731
person_ = lambda w: w.person  # noqa: E731
outcome_ = lambda w: w.outcome  # noqa: E731

FIELDS = {
    "event.title": f(event_, "title", *WITH_TITLE, "speaker page"),
    "event.occasion": f(event_, "occasion", "event page", "schedule.json", EXPORT),
    "event.theme": f(event_, "theme", "event page", EXPORT),
    "event.room": f(event_, "room", *VENUE, *CONFERENCE),
    "event.building": f(event_, "building", *VENUE),
    "event.city": f(event_, "city", *VENUE),
    "event.country": f(event_, "country", *VENUE),
    "event.context": f(event_, "context", *ON_EVENT_PAGE),
    "event.background": f(event_, "background", *ON_EVENT_PAGE),
    "event.objectives": f(event_, "objectives", *ON_EVENT_PAGE),
    "event.language_note": f(event_, "language_note", *ON_EVENT_PAGE),
    "event.practical_notes": f(event_, "practical_notes", *ON_EVENT_PAGE),
    "event.programme": f(event_, "programme", EXPORT),  # the programme note is shown instead
    "event.programme_note": f(event_, "programme_note", *ON_EVENT_PAGE),
    "event organisation.display_name": f(
        lambda w: w.event_organisation, "display_name", *ON_EVENT_PAGE
    ),
    "event.online_link": f(event_, "online_link", *ONLINE, prefix="https://meet.example.org/"),
    "item.title": f(item_, "title", "event page", *ICS, *CONFERENCE, EXPORT, "speaker page"),
    "item.description": f(
        item_, "description", "event page", "item.ics", "agenda.ics", *CONFERENCE, EXPORT
    ),
    "item.summary": f(item_, "summary", *ON_EVENT_PAGE),
    "participation.presentation_title": f(
        lambda w: w.participation,
        "presentation_title",
        "event page",
        "event.ics",
        "agenda.ics",
        "item.ics",
        "calendar.ics",
        "schedule.xml",
        "schedule.json",
        EXPORT,
        "speaker page",
    ),
    # A speaker's answer to the invitation: on the organisers' confirmations page only.
    "participation.note_to_organisers": f(lambda w: w.participation, "note_to_organisers"),
    "contact.name": f(lambda w: w.contact, "name", "event page", *ICS, EXPORT),
    "contact.note": f(lambda w: w.contact, "note", *ON_EVENT_PAGE),
    "question.text": f(lambda w: w.question, "text", *ON_EVENT_PAGE),
    "outcome.title": f(outcome_, "title", *ON_EVENT_PAGE),
    "outcome.summary": f(outcome_, "summary", *ON_EVENT_PAGE),
    "outcome.recommendations_intro": f(outcome_, "recommendations_intro", *ON_EVENT_PAGE),
    "outcome.prepared_by": f(outcome_, "prepared_by", *ON_EVENT_PAGE),
    "outcome.url": f(outcome_, "url", *ON_EVENT_PAGE, prefix="https://example.org/"),
    "outcome.citation": f(outcome_, "citation", *ON_EVENT_PAGE),
    "recommendation.text": f(lambda w: w.recommendation, "text", *ON_EVENT_PAGE),
    "person.honorific": f(
        person_, "honorific", "event page", *ICS, *CONFERENCE, "speakers", "speaker page", EXPORT
    ),
    "person.full_name": f(
        person_, "full_name", "event page", *ICS, *CONFERENCE, "speakers", "speaker page", EXPORT
    ),
    "person.position": f(
        person_,
        "position",
        "event page",
        *ICS,
        "schedule.xml",
        "schedule.json",
        "speakers",
        "speaker page",
        EXPORT,
    ),
    "person.bio": f(person_, "bio", "speaker page", EXPORT),
    "organisation.name": f(
        lambda w: w.organisation,
        "name",
        "event page",
        *ICS,
        *CONFERENCE,
        "speakers",
        "speaker page",
        EXPORT,
    ),
    "organisation.url": f(
        lambda w: w.organisation,
        "url",
        "event page",
        "speaker page",
        EXPORT,
        prefix="https://x.org/",
    ),
    "organisation.acronym": f(
        lambda w: w.organisation,
        "acronym",
        "event page",
        *ICS,
        *CONFERENCE,
        "speakers",
        "speaker page",
        EXPORT,
    ),
}


# -- reading what came back ----------------------------------------------------------


def check_html(body: bytes, where: str) -> str:
    """The page as a browser's parser builds it: nothing the payload could run."""
    tree = html5lib.parse(body, treebuilder="etree", namespaceHTMLElements=False)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        tag = element.tag.rsplit("}", 1)[-1]  # <svg> and <math> come namespaced
        for attribute, value in element.attrib.items():
            assert not attribute.lower().startswith("on"), f"{where}: {tag} {attribute}"
            if attribute in {"href", "src", "action", "formaction", "xlink:href"}:
                assert not value.strip().lower().startswith("javascript:"), f"{where}: {value}"
        assert tag not in {"svg", "math", "iframe", "object", "embed"}, f"{where}: {tag}"
        if tag == "img":
            assert element.get("src") != "x", f"{where}: an injected <img>"
        if tag == "script":
            if element.get("type") == "application/ld+json":
                data = json.loads(element.text)  # still one JSON document
                assert data["@type"] == "Event"
                assert "<" not in element.text, f"{where}: '<' inside the JSON-LD block"
            else:
                src = element.get("src") or ""
                # Our files only: static ones, and the script words Django serves (jsi18n).
                own = src.startswith("/static/") or re.fullmatch(r"(/(fr|es))?/jsi18n/", src)
                assert own, f"{where}: inline script"
                assert not (element.text or "").strip(), f"{where}: inline script"
    # The addresses of links count as shown too (a meeting link is only an href).
    links = " ".join(a.get("href", "") for a in tree.iter("a"))
    return "".join(tree.itertext()) + links


def check_ics(body: bytes, vevents: int, where: str) -> str:
    calendar = icalendar.Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    assert len(events) == vevents, where
    return "\n".join(
        str(event.get(name, ""))
        for event in events
        for name in ("SUMMARY", "DESCRIPTION", "LOCATION", "CONFERENCE")
    ) + "\n".join(
        str(event["ORGANIZER"].params.get("CN", "")) for event in events if "ORGANIZER" in event
    )


def check_xml(body: bytes, talks: int, where: str) -> str:
    root = ET.fromstring(body)
    assert root.tag == "schedule", where
    assert len(root.findall("./day/room/event")) == talks, where
    tags = {element.tag for element in root.iter()}
    assert not tags & {"script", "img", "svg", "a"}, where
    return " ".join(root.itertext())


def check_json(body: bytes, talks: int, where: str) -> str:
    document = json.loads(body)
    days = document["schedule"]["conference"]["days"]
    assert sum(len(room) for day in days for room in day["rooms"].values()) == talks, where
    return json.dumps(document, ensure_ascii=False)


def read_everything(client, world: World) -> dict[str, str]:
    """Every public page and export, checked; the text each one shows."""
    event, item = world.event, world.items[0]
    slug = {"slug": event.slug}
    pages = {
        "event page": reverse("agenda:event_detail", kwargs=slug),
        "event list": reverse("agenda:event_list"),
        "speakers": reverse("speakers:list"),
        "speaker page": reverse("speakers:detail", kwargs={"slug": world.person.slug}),
    }
    seen = {}
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, where
        seen[where] = check_html(response.content, where)
        # Meta tags and JSON-LD hold text too; the parsed values are what a crawler reads.
        seen[where] += " ".join(str(value) for value in _meta_and_jsonld(response.content))
    n_items = len(world.items)
    ics = {
        "event.ics": (reverse("agenda:event_ics", kwargs=slug), 1),
        "agenda.ics": (reverse("agenda:event_agenda_ics", kwargs=slug), n_items),
        "item.ics": (reverse("agenda:item_ics", kwargs={**slug, "uid": item.uid}), 1),
        "calendar.ics": (reverse("agenda:calendar_feed"), Event.objects.public().count()),
    }
    for where, (url, vevents) in ics.items():
        response = client.get(url)
        assert response.status_code == 200, where
        seen[where] = check_ics(response.content, vevents, where)
    response = client.get(reverse("agenda:schedule_xml", kwargs=slug))
    seen["schedule.xml"] = check_xml(response.content, n_items, "schedule.xml")
    response = client.get(reverse("agenda:schedule_json", kwargs=slug))
    seen["schedule.json"] = check_json(response.content, n_items, "schedule.json")
    return seen


def _meta_and_jsonld(body: bytes):
    tree = html5lib.parse(body, treebuilder="etree", namespaceHTMLElements=False)
    for meta in tree.iter("meta"):
        yield meta.get("content", "")
    for script in tree.iter("script"):
        if script.get("type") == "application/ld+json":
            yield json.dumps(json.loads(script.text), ensure_ascii=False)


@pytest.mark.parametrize("name", list(FIELDS))
def test_script_in_a_field_is_inert_on_every_page_and_export(client, admin_client, world, name):
    field = FIELDS[name]
    row = field.row(world)
    limit = type(row)._meta.get_field(field.name).max_length
    payload = SHORT if limit is not None and limit < len(LONG) else LONG
    payload = field.prefix + payload
    assert limit is None or len(payload) <= limit
    type(row).objects.filter(pk=row.pk).update(**{field.name: payload})

    seen = read_everything(client, world)
    response = admin_client.get(reverse("admin:agenda_event_export", args=[world.event.pk]))
    exported = json.loads(response.content)
    seen[EXPORT] = json.dumps(exported, ensure_ascii=False)
    if EXPORT in field.shown_in:
        assert (
            payload in seen[EXPORT] or json.dumps(payload, ensure_ascii=False)[1:-1] in seen[EXPORT]
        )
    tally("xss: fields × (pages + exports) read back", len(seen))

    shown = {where for where, text in seen.items() if MARKER in text}
    assert shown == field.shown_in, f"shown in {sorted(shown)}"


def test_every_organiser_text_field_is_tried():
    """Every free-text column of the models organisers edit has its case above."""
    tried = set(FIELDS)
    models_ = {
        "event": Event,
        "event organisation": EventOrganisation,
        "item": AgendaItem,
        "participation": Participation,
        "contact": Contact,
        "question": DiscussionQuestion,
        "outcome": Outcome,
        "recommendation": Recommendation,
        "person": Person,
        "organisation": Organisation,
    }
    for label, model in models_.items():
        for model_field in model._meta.concrete_fields:
            is_text = type(model_field) in {models.CharField, models.TextField, models.URLField}
            if is_text and model_field.editable and not model_field.choices:
                if model_field.name in {"time_zone"}:
                    continue  # checked against the zone database, not free text
                assert f"{label}.{model_field.name}" in tried, f"{label}.{model_field.name}"


@pytest.mark.parametrize(
    "page",
    [
        b"<p><img src=x onerror=alert(1)></p>",
        b'<p><a href=" javascript:alert(1)">x</a></p>',
        b"<p><script>alert(1)</script></p>",
        b'<p title="x" onmouseover="alert(1)">x</p>',
        b'<script type="application/ld+json">{"@type": "Event"}</script><script>x</script>',
        b'<script type="application/ld+json">{"@type": "Event", "name": "</script><b>"}</script>',
        b"<svg><desc>x</desc></svg>",
    ],
)
def test_the_html_check_catches_what_it_looks_for(page):
    with pytest.raises((AssertionError, ValueError)):
        check_html(page, "sample")
