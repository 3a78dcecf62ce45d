"""Interchange: an event as a self-contained JSON file, and back.

`export_event()` writes everything an event is made of (agenda, people,
organisations, contacts, questions, outcome) for backups and moves;
`import_event()` creates an event from such a file and refuses a file it
cannot take whole, with an `EventImportError` that names the offending place
in the file. Callable without HTTP (the admin's export, `manage.py
import_event` / `export_event`, the seed).

The texts are the originals (English) whatever the active language; French and
Spanish texts go under a top-level ``translations`` key, present only when an
event has some: {language: {"event": {field: text}, "agenda": [{"title": …,
"participants": [{"presentation_title": …}]}], "questions": [text],
"outcome": {field: text, "recommendations": [text]}, "people": {slug: {"position": …}}}},
lists in the order of the file's own. People already present keep their texts.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.dateparse import parse_datetime

from common import generation
from speakers.models import Organisation, Person

from . import hooks, occasion_interchange, text_languages
from .fit import check_publishable
from .models import (
    AgendaItem,
    Contact,
    DiscussionQuestion,
    Event,
    EventOrganisation,
    Outcome,
    Participation,
    Recommendation,
)

FORMAT = "eventsite.event"
FORMAT_VERSION = 1

EVENT_FIELDS = (
    "title",
    "slug",
    "status",
    "occasion",
    "theme",
    "time_zone",
    "room",
    "building",
    "city",
    "country",
    "context",
    "background",
    "objectives",
    "language_note",
    "practical_notes",
    "programme",
    "programme_note",
)
PERSON_FIELDS = ("honorific", "full_name", "position", "bio", "email")
OUTCOME_FIELDS = ("title", "summary", "recommendations_intro", "prepared_by", "citation", "url")


class EventImportError(Exception):
    """Raised with a message that names the offending place in the file."""


class EventAlreadyExists(EventImportError):
    pass


# -- export ---------------------------------------------------------------------------


def _iso(moment: datetime | None, event: Event) -> str | None:
    return moment.astimezone(event.zone).isoformat() if moment else None


ITEM_TEXTS = ("title", "description")
TRANSLATED_EVENT_FIELDS = (
    "title",
    "occasion",
    "theme",
    "context",
    "background",
    "objectives",
    "practical_notes",
)
TRANSLATED_OUTCOME_FIELDS = ("title", "summary", "recommendations_intro")


def _translated_languages() -> list[str]:
    original = text_languages.original_language()
    return [code for code in text_languages.site_languages() if code != original]


def _texts(obj, fields, language: str) -> dict[str, str]:
    return {f: v for f in fields if (v := getattr(obj, f"{f}_{language}", None))}


def _has_text(node) -> bool:
    if isinstance(node, dict):
        return any(_has_text(v) for v in node.values())
    if isinstance(node, list):
        return any(_has_text(v) for v in node)
    return bool(node)


def _export_translations(event: Event, people: dict[str, Person]) -> dict[str, Any]:
    found = {}
    outcome = getattr(event, "outcome", None)
    for language in _translated_languages():
        tree: dict[str, Any] = {
            "event": _texts(event, TRANSLATED_EVENT_FIELDS, language),
            "agenda": [
                {
                    **_texts(item, ITEM_TEXTS, language),
                    "participants": [
                        _texts(p, ("presentation_title",), language)
                        for p in item.participations.all()
                    ],
                }
                for item in event.items.all()
            ],
            "questions": [getattr(q, f"text_{language}") or "" for q in event.questions.all()],
            "people": {
                slug: texts
                for slug, person in sorted(people.items())
                if (texts := _texts(person, ("position",), language))
            },
        }
        if outcome is not None:
            tree["outcome"] = {
                **_texts(outcome, TRANSLATED_OUTCOME_FIELDS, language),
                "recommendations": [
                    getattr(r, f"text_{language}") or "" for r in outcome.recommendations.all()
                ],
            }
        if _has_text(tree):
            found[language] = tree
    return found


def export_event(event: Event) -> dict[str, Any]:
    """A self-contained, JSON-ready description of an event, for backups and moves."""
    with translation.override(text_languages.original_language()):
        return _export_event(event)


def _export_event(event: Event) -> dict[str, Any]:
    event = (
        Event.objects.with_agenda()
        .select_related("occasion_ref__parent", "room_ref__venue")
        .prefetch_related("outcome__recommendations")
        .get(pk=event.pk)
    )
    people: dict[str, Person] = {}
    organisations: dict[str, Organisation] = {}
    for eo in event.event_organisations.all():
        organisations[eo.organisation.name] = eo.organisation
    agenda = []
    for item in event.items.all():
        participants = []
        for participation in item.participations.all():
            person = participation.person
            people[person.slug] = person
            if person.organisation_id:
                organisations[person.organisation.name] = person.organisation
            participants.append(
                {
                    "person": person.slug,
                    "role": participation.role,
                    "presentation_title": participation.presentation_title,
                }
            )
        agenda.append(
            {
                "uid": str(item.uid),
                "title": item.title,
                "kind": item.kind,
                "minutes": item.minutes,
                "fixed_start": _iso(item.fixed_start, event),
                "description": item.description,
                "summary": item.summary,
                "participants": participants,
            }
        )
    data: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "event": {
            "uid": str(event.uid),
            **{name: getattr(event, name) for name in EVENT_FIELDS},
            "start": _iso(event.start, event),
            "end": _iso(event.end, event),
            "latitude": None if event.latitude is None else str(event.latitude),
            "longitude": None if event.longitude is None else str(event.longitude),
            "sequence": event.sequence,
            # Only when set: files of events without one stay as they were.
            **({"online_link": event.online_link} if event.online_link else {}),
            **({"languages": event.languages} if event.languages != "en" else {}),
        },
        **occasion_interchange.export_places(event),
        "organisations": [
            {"name": org.name, "acronym": org.acronym, "url": org.url}
            for org in sorted(organisations.values(), key=lambda o: o.name)
        ],
        "event_organisations": [
            {"organisation": eo.organisation.name, "role": eo.role, "display_name": eo.display_name}
            for eo in event.event_organisations.all()
        ],
        "people": [
            {
                "slug": person.slug,
                **{name: getattr(person, name) for name in PERSON_FIELDS},
                "organisation": person.organisation.name if person.organisation_id else None,
            }
            for person in sorted(people.values(), key=lambda p: p.slug)
        ],
        "agenda": agenda,
        "questions": [q.text for q in event.questions.all()],
        "contacts": [
            {"name": c.name, "email": c.email, "note": c.note} for c in event.contacts.all()
        ],
        "outcome": None,
    }
    outcome = getattr(event, "outcome", None)
    if outcome is not None:
        data["outcome"] = {
            **{name: getattr(outcome, name) for name in OUTCOME_FIELDS},
            "recommendations": [r.text for r in outcome.recommendations.all()],
        }
    for key, (export, _load) in hooks.interchange_sections().items():
        value = export(event)
        if value is not None:
            data[key] = value
    translations = _export_translations(event, people)
    if translations:  # files of events without translations stay as they were
        data["translations"] = translations
    return data


# -- import ---------------------------------------------------------------------------


def _clean(instance, where: str, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        details = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
        )
        raise EventImportError(f"{where}: {details}") from error


def _datetime(value: Any, where: str) -> datetime | None:
    if value in (None, ""):
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise EventImportError(f"{where}: “{value}” is not an ISO 8601 date and time.")
    if parsed.tzinfo is None:
        raise EventImportError(
            f"{where}: “{value}” has no UTC offset; write it as e.g. 2017-09-04T13:15:00+02:00."
        )
    return parsed


def _refuse_null_characters(value: Any, where: str) -> None:
    """PostgreSQL can neither store nor look up a text with NUL (the admin's forms
    refuse it too); name the first place in the file that has one."""
    if isinstance(value, str) and "\x00" in value:
        raise EventImportError(f"{where}: null characters are not allowed.")
    if isinstance(value, dict):
        for key, inner in value.items():
            _refuse_null_characters(inner, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _refuse_null_characters(inner, f"{where}[{index}]")


def _decimal(value: Any, where: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation as error:
        raise EventImportError(f"{where}: “{value}” is not a number.") from error


def _integer(value: Any, where: str) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError) as error:
        raise EventImportError(f"{where}: “{value}” is not a whole number.") from error


def _require(mapping: Any, key: str, where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise EventImportError(f"{where}: the field “{key}” is missing.")
    return mapping[key]


def _translation_reader(data: dict[str, Any]):
    """translated(obj, fields, *path): sets obj's texts in each language of the file's
    ``translations`` found at path (keys and list indexes)."""
    tree = data.get("translations") or {}
    if not isinstance(tree, dict):
        raise EventImportError("translations: must be an object of languages.")
    unknown = sorted(set(tree) - set(_translated_languages()))
    if unknown:
        raise EventImportError(
            f"translations: unknown language “{unknown[0]}”; "
            f"expected {', '.join(_translated_languages())}."
        )

    def translated(obj, fields, *path) -> None:
        for language, node in tree.items():
            for key in path:
                if isinstance(node, dict):
                    node = node.get(key)
                elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                    node = node[key]
                else:
                    node = None
            if isinstance(node, str):
                node = {fields[0]: node}
            if not isinstance(node, dict):
                continue
            for field in fields:
                if isinstance(node.get(field), str) and node[field]:
                    setattr(obj, f"{field}_{language}", node[field])

    return translated


@transaction.atomic
def import_event(data: dict[str, Any], *, if_absent: bool = False) -> tuple[Event, bool]:
    """Create an event from `export_event` output. Returns (event, created).

    People and organisations that already exist (by slug, by name) are reused
    and never overwritten, so re-importing cannot undo an organiser's edits.
    """
    with translation.override(text_languages.original_language()):
        return _import_event(data, if_absent=if_absent)


def _import_event(data: dict[str, Any], *, if_absent: bool) -> tuple[Event, bool]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise EventImportError(f"This is not an event file: “format” must be “{FORMAT}”.")
    if data.get("format_version") != FORMAT_VERSION:
        raise EventImportError(
            f"Unsupported format_version {data.get('format_version')!r}; expected {FORMAT_VERSION}."
        )
    _refuse_null_characters(data, "")
    translated = _translation_reader(data)
    source = _require(data, "event", "file")
    slug = _require(source, "slug", "event")
    existing = Event.objects.filter(slug=slug).first()
    if existing is not None:
        if if_absent:
            return existing, False
        raise EventAlreadyExists(f"event: an event with the slug “{slug}” already exists.")

    organisations: dict[str, Organisation] = {}
    for index, org_data in enumerate(data.get("organisations", [])):
        where = f"organisations[{index}]"
        name = _require(org_data, "name", where)
        org = Organisation.objects.filter(name=name).first()
        if org is None:
            org = Organisation(
                name=name, acronym=org_data.get("acronym", ""), url=org_data.get("url", "")
            )
            _clean(org, where)
            org.save()
        organisations[name] = org

    def organisation(name: str | None, where: str) -> Organisation | None:
        if name is None:
            return None
        if name not in organisations:
            raise EventImportError(f"{where}: the organisation “{name}” is not in “organisations”.")
        return organisations[name]

    people: dict[str, Person] = {}
    for index, person_data in enumerate(data.get("people", [])):
        where = f"people[{index}]"
        person_slug = _require(person_data, "slug", where)
        person = Person.objects.filter(slug=person_slug).first()
        if person is None:
            person = Person(
                slug=person_slug,
                organisation=organisation(person_data.get("organisation"), where),
                **{name: person_data.get(name, "") for name in PERSON_FIELDS},
            )
            translated(person, ("position",), "people", person_slug)
            _clean(person, where)
            person.save()
        people[person_slug] = person

    try:
        occasion = occasion_interchange.import_occasion(data.get("occasion"))
        room = occasion_interchange.import_room(data.get("room"))
    except occasion_interchange.PlaceError as error:
        raise EventImportError(str(error)) from error
    sequence = _integer(source.get("sequence"), "event.sequence")
    event = Event(
        **{name: source.get(name, "") for name in EVENT_FIELDS},
        start=_datetime(_require(source, "start", "event"), "event.start"),
        end=_datetime(_require(source, "end", "event"), "event.end"),
        latitude=_decimal(source.get("latitude"), "event.latitude"),
        longitude=_decimal(source.get("longitude"), "event.longitude"),
        online_link=source.get("online_link") or "",
        languages=source.get("languages") or "en",
        sequence=sequence,
        occasion_ref=occasion,
        room_ref=room,
    )
    if source.get("uid"):
        event.uid = source["uid"]
    translated(event, TRANSLATED_EVENT_FIELDS, "event")
    _clean(event, "event")
    event.save()

    for index, eo_data in enumerate(data.get("event_organisations", [])):
        where = f"event_organisations[{index}]"
        eo = EventOrganisation(
            event=event,
            organisation=organisation(_require(eo_data, "organisation", where), where),
            role=_require(eo_data, "role", where),
            display_name=eo_data.get("display_name", ""),
            position=index,
        )
        _clean(eo, where)
        eo.save()

    for index, item_data in enumerate(data.get("agenda", [])):
        where = f"agenda[{index}]"
        item = AgendaItem(
            event=event,
            position=index,
            title=_require(item_data, "title", where),
            kind=item_data.get("kind", AgendaItem.Kind.OTHER),
            minutes=item_data.get("minutes"),
            fixed_start=_datetime(item_data.get("fixed_start"), f"{where}.fixed_start"),
            description=item_data.get("description", ""),
            summary=item_data.get("summary", ""),
        )
        if item_data.get("uid"):
            item.uid = item_data["uid"]
        translated(item, ITEM_TEXTS, "agenda", index)
        _clean(item, where)
        item.save()
        for p_index, p_data in enumerate(item_data.get("participants", [])):
            p_where = f"{where}.participants[{p_index}]"
            person_slug = _require(p_data, "person", p_where)
            if person_slug not in people:
                raise EventImportError(f"{p_where}: the person “{person_slug}” is not in “people”.")
            participation = Participation(
                agenda_item=item,
                person=people[person_slug],
                role=p_data.get("role", Participation.Role.SPEAKER),
                presentation_title=p_data.get("presentation_title", ""),
                position=p_index,
            )
            translated(
                participation, ("presentation_title",), "agenda", index, "participants", p_index
            )
            _clean(participation, p_where)
            participation.save()

    for index, text in enumerate(data.get("questions", [])):
        question = DiscussionQuestion(event=event, position=index, text=text)
        translated(question, ("text",), "questions", index)
        _clean(question, f"questions[{index}]")
        question.save()

    for index, contact_data in enumerate(data.get("contacts", [])):
        where = f"contacts[{index}]"
        contact = Contact(
            event=event,
            name=_require(contact_data, "name", where),
            email=_require(contact_data, "email", where),
            note=contact_data.get("note", ""),
            position=index,
        )
        _clean(contact, where)
        contact.save()

    outcome_data = data.get("outcome")
    if outcome_data:
        outcome = Outcome(event=event, **{n: outcome_data.get(n, "") for n in OUTCOME_FIELDS})
        translated(outcome, TRANSLATED_OUTCOME_FIELDS, "outcome")
        _clean(outcome, "outcome")
        outcome.save()
        for index, text in enumerate(outcome_data.get("recommendations", [])):
            recommendation = Recommendation(outcome=outcome, position=index, text=text)
            translated(recommendation, ("text",), "outcome", "recommendations", index)
            _clean(recommendation, f"outcome.recommendations[{index}]")
            recommendation.save()

    for key, (_export, load) in hooks.interchange_sections().items():
        if data.get(key) is not None:
            try:
                load(event, data[key], key)
            except ValueError as error:
                raise EventImportError(str(error)) from error

    # Imports restore the stored SEQUENCE exactly; the saves above must not raise it.
    Event.objects.filter(pk=event.pk).update(sequence=sequence)
    generation.bump()  # the version kept for cache hits names SEQUENCE
    event.refresh_from_db()
    try:
        check_publishable(event)
    except ValidationError as error:
        raise EventImportError("agenda: " + " ".join(error.messages)) from error
    return event, True
