"""Hostile strings in every field of every form: a validation error, or the text
stored exactly as typed; never a 500, and the page that comes back escapes it.

The forms: the organisers' admin pages for an event (with its inlines: agenda
items, contacts, discussion questions, organisations), an agenda item (with the
people on it), a person, an organisation and an outcome report (with its
recommendations), and the one public form the site has today, the admin login.
Each field gets every string of `tests.support.hostile.HOSTILE`.

Django's form fields trim outer whitespace and refuse NUL; a text longer than
the column is refused; a single-line field (names, titles, places) refuses
control characters and line breaks. Anything else typed into a text field is
stored as is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import models, transaction
from django.test import Client
from django.urls import reverse

from agenda.interchange import EventImportError, export_event, import_event
from agenda.models import Event
from tests.support.admin_forms import form_data, make_organiser
from tests.support.builders import local, make_person, seed_data
from tests.support.hostile import HOSTILE, World, build_world, tally

pytestmark = pytest.mark.django_db

# Markup that must never reach a page unescaped.
RAW = (
    "<script>alert(",
    "<script id=xss-script>",
    "<img src=x",
    'href="javascript:',
    "onmouseover='alert",
)


def assert_escaped(response) -> None:
    page = response.content.decode()
    for raw in RAW:
        assert raw not in page, f"{raw!r} is on the page unescaped"


@pytest.fixture
def world(db) -> World:
    return build_world(
        status=Event.Status.DRAFT, start=local(2030, 5, 6, 9, 0), end=local(2030, 5, 6, 17, 0)
    )


# -- the fields ------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    url: Callable[[World], str]
    form_id: str


PAGES = {
    "event": Page(lambda w: reverse("admin:agenda_event_change", args=[w.event.pk]), "event_form"),
    "agenda item": Page(
        lambda w: reverse("admin:agenda_agendaitem_change", args=[w.item.pk]), "agendaitem_form"
    ),
    "person": Page(
        lambda w: reverse("admin:speakers_person_change", args=[w.person.pk]), "person_form"
    ),
    "organisation": Page(
        lambda w: reverse("admin:speakers_organisation_change", args=[w.organisation.pk]),
        "organisation_form",
    ),
    "outcome": Page(
        lambda w: reverse("admin:agenda_outcome_change", args=[w.outcome.pk]), "outcome_form"
    ),
}


@dataclass(frozen=True)
class Field:
    page: str
    key: str  # the name the browser posts
    row: Callable[[World], models.Model]  # the row the field is stored in
    column: str
    # Text fields store what was typed (trimmed); the others take only their own format.
    free_text: bool = True
    # Names, titles and places: one line, no control characters.
    single_line: bool = False

    @property
    def id(self) -> str:
        return f"{self.page}: {self.key}"

    def stored(self, world: World):
        row = self.row(world)
        return getattr(type(row).objects.get(pk=row.pk), self.column)

    def max_length(self, world: World) -> int | None:
        return type(self.row(world))._meta.get_field(self.column).max_length


def _event_fields() -> list[Field]:
    lines = ["title", "occasion", "room", "building", "city", "country"]
    lines += ["language_note", "programme"]
    texts = ["theme", "context", "background", "objectives", "practical_notes", "programme_note"]
    strict = {
        "slug": "slug",
        "status": "status",
        "time_zone": "time_zone",
        "latitude": "latitude",
        "start_0": "start",  # the date half of the start
        "end_1": "end",  # the time half of the end
    }
    event = lambda w: w.event  # noqa: E731
    return [
        *(Field("event", name, event, name, single_line=True) for name in lines),
        *(Field("event", name, event, name) for name in texts),
        *(Field("event", key, event, column, free_text=False) for key, column in strict.items()),
        # A new room typed beside the picker: booked, and its name becomes the event's room.
        Field("event", "new_room", event, "room", single_line=True),
        Field("event", "online_link", event, "online_link", free_text=False),
        Field("event", "items-0-title", lambda w: w.item, "title", single_line=True),
        Field("event", "items-0-minutes", lambda w: w.item, "minutes", free_text=False),
        Field("event", "items-0-kind", lambda w: w.item, "kind", free_text=False),
        Field("event", "items-0-fixed_start_0", lambda w: w.item, "fixed_start", False),
        # The row's people (JSON from the page's editor): anything else is refused, and
        # the item (here its title) is left as it was.
        Field("event", "items-0-people", lambda w: w.item, "title", free_text=False),
        Field("event", "event_organisations-0-role", lambda w: w.event_organisation, "role", False),
        Field("event", "contacts-0-name", lambda w: w.contact, "name", single_line=True),
        Field("event", "contacts-0-email", lambda w: w.contact, "email", free_text=False),
        Field("event", "contacts-0-note", lambda w: w.contact, "note", single_line=True),
        Field("event", "questions-0-text", lambda w: w.question, "text"),
        Field(
            "event",
            "event_organisations-0-display_name",
            lambda w: w.event_organisation,
            "display_name",
            single_line=True,
        ),
    ]


FIELDS = [
    *_event_fields(),
    Field("agenda item", "title", lambda w: w.item, "title", single_line=True),
    *(Field("agenda item", name, lambda w: w.item, name) for name in ("description", "summary")),
    Field("agenda item", "minutes", lambda w: w.item, "minutes", free_text=False),
    Field("agenda item", "kind", lambda w: w.item, "kind", free_text=False),
    Field("agenda item", "fixed_start_0", lambda w: w.item, "fixed_start", free_text=False),
    Field(
        "agenda item",
        "participations-0-presentation_title",
        lambda w: w.participation,
        "presentation_title",
        single_line=True,
    ),
    Field("agenda item", "participations-0-role", lambda w: w.participation, "role", False),
    *(
        Field("person", name, lambda w: w.person, name, single_line=True)
        for name in ("honorific", "full_name", "position")
    ),
    Field("person", "bio", lambda w: w.person, "bio"),
    *(Field("person", name, lambda w: w.person, name, False) for name in ("slug", "email")),
    Field("organisation", "name", lambda w: w.organisation, "name", single_line=True),
    Field("organisation", "slug", lambda w: w.organisation, "slug", False),
    Field("organisation", "acronym", lambda w: w.organisation, "acronym", single_line=True),
    Field("organisation", "url", lambda w: w.organisation, "url", free_text=False),
    Field("outcome", "title", lambda w: w.outcome, "title", single_line=True),
    *(
        Field("outcome", name, lambda w: w.outcome, name)
        for name in ("summary", "recommendations_intro", "prepared_by", "citation")
    ),
    Field("outcome", "url", lambda w: w.outcome, "url", free_text=False),
    Field("outcome", "recommendations-0-text", lambda w: w.recommendation, "text"),
]


def _french_fields() -> list[Field]:
    """Every translated text's French column, beside the text on its page
    (common/admin_languages.py). Its Spanish column is built the same way: a twin."""
    event, item = (lambda w: w.event), (lambda w: w.item)
    one_line = [
        ("event", "title_fr", event),
        ("event", "occasion_fr", event),
        ("event", "items-0-title_fr", item),
        ("agenda item", "title_fr", item),
        ("agenda item", "participations-0-presentation_title_fr", lambda w: w.participation),
        ("person", "position_fr", lambda w: w.person),
        ("outcome", "title_fr", lambda w: w.outcome),
    ]
    texts = [
        *((("event", f"{name}_fr", event)) for name in EVENT_TEXTS),
        ("event", "questions-0-text_fr", lambda w: w.question),
        ("agenda item", "description_fr", item),
        ("outcome", "summary_fr", lambda w: w.outcome),
        ("outcome", "recommendations_intro_fr", lambda w: w.outcome),
        ("outcome", "recommendations-0-text_fr", lambda w: w.recommendation),
    ]
    column = lambda key: key.rsplit("-", 1)[-1]  # noqa: E731
    return [
        *(Field(page, key, row, column(key), single_line=True) for page, key, row in one_line),
        *(Field(page, key, row, column(key)) for page, key, row in texts),
    ]


EVENT_TEXTS = ("theme", "context", "background", "objectives", "practical_notes")
FIELDS += _french_fields()


# What a single-line field refuses, written out here (not taken from the code).
_NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _fits(field: Field, world: World, value: str) -> bool:
    """Text the form field itself takes: no NUL, not longer than the column."""
    limit = field.max_length(world)
    return "\x00" not in value and (limit is None or len(value.strip()) <= limit)


def not_one_line(field: Field, world: World, value: str) -> bool:
    """Refused by the single-line rule (and not before it, by NUL or length)."""
    one_line = not _NOT_ONE_LINE.search(value.strip())
    return field.free_text and field.single_line and _fits(field, world, value) and not one_line


def expected_to_store(field: Field, world: World, value: str) -> bool:
    if not field.free_text or not_one_line(field, world, value):
        return False
    return _fits(field, world, value)


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.id)
def test_every_admin_field_stores_hostile_text_intact_or_refuses_it(
    client, django_user_model, world, field
):
    client.force_login(make_organiser(django_user_model))
    page = PAGES[field.page]
    url = page.url(world)
    data = form_data(client.get(url), page.form_id)
    assert field.key in data, f"the page has no field {field.key}"
    stored = refused = 0
    for name, value in HOSTILE.items():
        before = field.stored(world)
        posted = {**data, field.key: value}
        if "edit_version" in data:  # the edit guard: post as someone who just loaded the page
            posted["edit_version"] = str(Event.objects.get(pk=world.event.pk).version)
        response = client.post(url, posted)
        tally("forms: admin posts of a hostile string into one field")
        if expected_to_store(field, world, value):
            assert response.status_code == 302, (name, response.status_code)
            assert field.stored(world) == value.strip(), name
            stored += 1
            if name in {"script", "img onerror", "close script"}:
                assert_escaped(client.get(url))
                assert_escaped(client.get(url.replace("/change/", "/history/")))
        else:
            assert response.status_code == 200, (name, response.status_code)
            page_text = response.content.decode()
            assert "errornote" in page_text or "errorlist" in page_text, name
            if not_one_line(field, world, value):
                assert "Please write this on one line" in page_text, name
            assert field.stored(world) == before, name
            assert_escaped(response)
            refused += 1
    assert stored + refused == len(HOSTILE)
    if field.free_text:
        assert stored, "a text field took none of the strings"


def test_every_form_field_of_the_admin_pages_is_covered(client, django_user_model, world):
    """No field is left out: every field each page posts is in FIELDS, or is
    bookkeeping, a relation picked from a list, or the twin of a tested field."""
    client.force_login(make_organiser(django_user_model))
    covered = {(f.page, f.key) for f in FIELDS}
    twins = {"start_1", "end_0", "longitude", "fixed_start_1", "photo"}
    bookkeeping = {"csrfmiddlewaretoken", "edit_version", "edit_loaded_at"}
    per_row = {"id", "position", "event", "agenda_item", "outcome", "person", "organisation"}
    # Relations picked from a list (occasions and rooms, issue 15).
    per_row |= {"occasion_ref", "room_ref"}
    # Choices (status, consent, how unconfirmed people show: issue 18).
    per_row |= {"public_consent", "status", "unconfirmed_people"}
    for name, page in PAGES.items():
        for posted in form_data(client.get(page.url(world)), page.form_id):
            key = re.sub(r"-\d+-", "-0-", posted)  # every row has the first row's fields
            last = key.rsplit("-", 1)[-1]
            if "__prefix__" in key or key.endswith("_FORMS") or last in per_row:
                continue
            if last in twins | bookkeeping:
                continue
            if key.endswith("_es") and (name, key[: -len("_es")] + "_fr") in covered:
                continue  # a translation built as its French twin
            assert (name, key) in covered, f"{name}: {key} is not tried"


# -- the public form: logging in -------------------------------------------------------


@pytest.mark.parametrize("field", ["username", "password"])
def test_login_form_refuses_hostile_strings_with_a_message(django_user_model, field):
    django_user_model.objects.create_user("organiser", password="pw-organiser-1", is_staff=True)
    client = Client(enforce_csrf_checks=True)
    url = reverse("admin:login")
    for name, value in HOSTILE.items():
        data = form_data(client.get(url), "login-form")
        data.update({"username": "organiser", "password": "wrong", field: value})
        response = client.post(url, data)
        tally("forms: login posts of a hostile string")
        assert response.status_code == 200, name
        assert "errornote" in response.content.decode(), name
        assert_escaped(response)
        assert "_auth_user_id" not in client.session


# -- the admin's search boxes ----------------------------------------------------------

CHANGELISTS = [
    "admin:agenda_event_changelist",
    "admin:agenda_agendaitem_changelist",
    "admin:agenda_contact_changelist",
    "admin:agenda_discussionquestion_changelist",
    "admin:agenda_eventorganisation_changelist",
    "admin:agenda_participation_changelist",
    "admin:speakers_person_changelist",
    "admin:speakers_organisation_changelist",
]


@pytest.mark.parametrize("changelist", CHANGELISTS)
def test_admin_search_takes_any_string(organiser_client, world, changelist):
    for name, value in HOSTILE.items():
        response = organiser_client.get(reverse(changelist), {"q": value})
        tally("forms: admin searches for a hostile string")
        assert response.status_code == 200, name
        assert_escaped(response)


@pytest.mark.parametrize(
    ("model_name", "field_name"),
    [("participation", "person"), ("eventorganisation", "organisation"), ("contact", "event")],
)
def test_admin_autocomplete_takes_any_string(organiser_client, world, model_name, field_name):
    for name, value in HOSTILE.items():
        response = organiser_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "agenda",
                "model_name": model_name,
                "field_name": field_name,
                "term": value,
            },
        )
        tally("forms: admin autocompletes of a hostile string")
        assert response.status_code == 200, name
        assert response.json()["results"] == [], name


def test_a_long_search_looks_for_its_first_words(organiser_client, world):
    zoe = make_person(full_name="Zoë Ünal", slug="zoe-unal")
    url = reverse("admin:speakers_person_changelist")
    response = organiser_client.get(url, {"q": " ".join(["Zoë Ünal"] * 2000)})
    assert response.status_code == 200
    assert [p.pk for p in response.context["cl"].result_list] == [zoe.pk]
    # Ten words are looked for; an eleventh that matches nobody changes nothing.
    words = " ".join(["Zoë"] * 10 + ["nobody"])
    assert organiser_client.get(url, {"q": words}).context["cl"].result_count == 1
    words = " ".join(["Zoë"] * 9 + ["nobody"])
    assert organiser_client.get(url, {"q": words}).context["cl"].result_count == 0


# -- the event file (manage.py import_event) ---------------------------------------------

IMPORT_STRINGS = {
    name: HOSTILE[name] for name in ("nul", "controls", "ics injection", "script", "long")
}


def _string_leaves(data, path=()):
    """Paths to every string in an event file, the first entry of each list only."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in {"format"}:
                yield from _string_leaves(value, (*path, key))
    elif isinstance(data, list):
        if data:
            yield from _string_leaves(data[0], (*path, 0))
    elif isinstance(data, str):
        yield path


def _with(data, path, value):
    copy = json.loads(json.dumps(data))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


def test_hostile_strings_in_an_event_file_import_intact_or_name_the_place():
    data = seed_data()
    leaves = list(_string_leaves(data))
    assert len(leaves) > 40
    imported = refused = 0
    for path in leaves:
        for name, value in IMPORT_STRINGS.items():
            problem = None
            with transaction.atomic():
                try:
                    event, _ = import_event(_with(data, path, value))
                except EventImportError as error:
                    problem = str(error)
                else:
                    exported = json.dumps(export_event(event), ensure_ascii=False)
                    assert json.dumps(value, ensure_ascii=False)[1:-1] in exported, (path, name)
                    imported += 1
                transaction.set_rollback(True)
            tally("forms: event-file imports with a hostile string")
            if problem is not None:
                # The message starts with the place in the file: "agenda[0]: title: …".
                assert re.match(r"^[\w.\[\]]+: ", problem), (path, name, problem)
                refused += 1
    assert imported
    assert refused


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("agenda", 1, "title"), "Panel\x00", "agenda[1].title: null characters are not allowed."),
        (("people", 0, "slug"), "\x00", "people[0].slug: null characters are not allowed."),
        (("event", "latitude"), "north", "event.latitude: “north” is not a number."),
        (("event", "sequence"), "first", "event.sequence: “first” is not a whole number."),
        (("event", "title"), "x" * 301, "event: title: Ensure this value has at most 300"),
        (
            ("people", 0, "full_name"),
            "Eve\r\nBcc: x@example.org",
            "people[0]: full_name: Please write this on one line",
        ),
        (("agenda", 0, "title"), "Opening\tremarks", "agenda[0]: title: Please write this on one"),
    ],
)
def test_a_bad_event_file_is_refused_with_the_place_named(path, value, message):
    with pytest.raises(EventImportError) as refused:
        import_event(_with(seed_data(), path, value))
    assert str(refused.value).startswith(message)
    assert not Event.objects.exists()
