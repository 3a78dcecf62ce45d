"""Writes: importing, exporting and checking events. Callable without HTTP."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils.dateparse import parse_datetime

from speakers.models import Organisation, Person

from . import schedule, timefmt
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


# -- checks ---------------------------------------------------------------------------


def agenda_problems(event: Event) -> list[str]:
    """Overruns and overlaps in readable words; empty when the agenda fits."""
    schedule = event.build_schedule()
    return schedule.problems(titles=[slot.payload.title for slot in schedule.slots])


def check_publishable(event: Event) -> None:
    """A published event's agenda must fit its slot and have no overlapping pins."""
    if event.status != Event.Status.PUBLISHED or event.pk is None:
        return
    problems = agenda_problems(event)
    if problems:
        raise ValidationError(problems)


# -- export ---------------------------------------------------------------------------


def _iso(moment: datetime | None, event: Event) -> str | None:
    return moment.astimezone(event.zone).isoformat() if moment else None


def export_event(event: Event) -> dict[str, Any]:
    """A self-contained, JSON-ready description of an event, for backups and moves."""
    event = (
        Event.objects.with_agenda().prefetch_related("outcome__recommendations").get(pk=event.pk)
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
        },
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


@transaction.atomic
def import_event(data: dict[str, Any], *, if_absent: bool = False) -> tuple[Event, bool]:
    """Create an event from `export_event` output. Returns (event, created).

    People and organisations that already exist (by slug, by name) are reused
    and never overwritten, so re-importing cannot undo an organiser's edits.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise EventImportError(f"This is not an event file: “format” must be “{FORMAT}”.")
    if data.get("format_version") != FORMAT_VERSION:
        raise EventImportError(
            f"Unsupported format_version {data.get('format_version')!r}; expected {FORMAT_VERSION}."
        )
    _refuse_null_characters(data, "")
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
            _clean(person, where)
            person.save()
        people[person_slug] = person

    sequence = _integer(source.get("sequence"), "event.sequence")
    event = Event(
        **{name: source.get(name, "") for name in EVENT_FIELDS},
        start=_datetime(_require(source, "start", "event"), "event.start"),
        end=_datetime(_require(source, "end", "event"), "event.end"),
        latitude=_decimal(source.get("latitude"), "event.latitude"),
        longitude=_decimal(source.get("longitude"), "event.longitude"),
        sequence=sequence,
    )
    if source.get("uid"):
        event.uid = source["uid"]
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
            _clean(participation, p_where)
            participation.save()

    for index, text in enumerate(data.get("questions", [])):
        question = DiscussionQuestion(event=event, position=index, text=text)
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
        _clean(outcome, "outcome")
        outcome.save()
        for index, text in enumerate(outcome_data.get("recommendations", [])):
            recommendation = Recommendation(outcome=outcome, position=index, text=text)
            _clean(recommendation, f"outcome.recommendations[{index}]")
            recommendation.save()

    # Imports restore the stored SEQUENCE exactly; the saves above must not raise it.
    Event.objects.filter(pk=event.pk).update(sequence=sequence)
    event.refresh_from_db()
    try:
        check_publishable(event)
    except ValidationError as error:
        raise EventImportError("agenda: " + " ".join(error.messages)) from error
    return event, True


# -- the organisers' admin ------------------------------------------------------------


@dataclass(frozen=True)
class AgendaSummary:
    """Minutes allocated against the event's slot, for the admin's summary box."""

    allocated: int
    slot: int
    overrun: int
    end_label: str

    @property
    def free(self) -> int:
        return self.slot - self.allocated

    @property
    def fits(self) -> bool:
        return self.overrun == 0 and self.free >= 0

    @property
    def text(self) -> str:
        allocated = f"{self.allocated} of {self.slot} minutes allocated"
        if self.overrun:
            return f"{allocated}: runs {minutes_label(self.overrun)} past {self.end_label}"
        if self.free < 0:
            return f"{allocated}, {-self.free} over"
        return f"{allocated}, {self.free} free"


def minutes_label(minutes: int) -> str:
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


def agenda_summary(event: Event, agenda: schedule.Schedule | None = None) -> AgendaSummary:
    """'67 of 90 minutes allocated, 23 free' or '…: runs 12 minutes past 14:45 CEST (UTC+2)'."""
    agenda = agenda or event.build_schedule()
    return AgendaSummary(
        allocated=agenda.allocated_minutes,
        slot=agenda.slot_minutes,
        overrun=agenda.overrun_minutes,
        end_label=timefmt.clock_labelled(event.end, event.zone),
    )


def planned_agenda_problems(*, event: Event, items: Sequence[AgendaItem]) -> list[str]:
    """Overruns and overlaps if `event` had these items in this order, saved or not.

    The admin checks what an organiser submitted (budgets, pins, order, the
    event's own times) before anything is written.
    """
    if event.start is None or event.end is None:
        return []
    agenda = schedule.compute(
        start=event.start,
        end=event.end,
        items=[schedule.ItemInput(minutes=i.minutes, fixed_start=i.fixed_start) for i in items],
    )
    return agenda.problems(titles=[item.title for item in items])


class EditConflict(Exception):
    """Someone saved the event after the form being submitted was loaded."""

    def __init__(self, current_version: int, changes: list[str]):
        self.current_version = current_version
        self.changes = changes
        super().__init__("; ".join(changes))


def lock_event(*, event_id: int) -> Event:
    """The event, its row locked until the transaction ends: saves that read its
    agenda and then write it (adding an item, checking that it fits) take turns."""
    return Event.objects.select_for_update().get(pk=event_id)


def next_item_position(*, event_id: int) -> int:
    """The place after the event's last item; locks the event so that items added
    at the same moment get different places. Run inside a transaction."""
    lock_event(event_id=event_id)
    top = AgendaItem.objects.filter(event_id=event_id).aggregate(top=Max("position"))["top"]
    return (top or 0) + 1


def lock_event_for_edit(*, event_id: int, seen_version: int, seen_at: datetime | None) -> Event:
    """Lock the event's row until the transaction ends; refuse a stale edit.

    `seen_version` is the `Event.version` the organiser's form was built from.
    Run inside a transaction: the lock is what stops two saves passing the
    check at the same moment (select_for_update refuses to run outside one).
    """
    event = lock_event(event_id=event_id)
    if event.version != seen_version:
        raise EditConflict(
            event.version, changes_since(event=event, seen_version=seen_version, seen_at=seen_at)
        )
    return event


def bump_event_version(*, event_id: int) -> None:
    """An edit made on a page of its own (an item, a contact) still counts as an edit of the event."""
    Event.objects.filter(pk=event_id).update(version=F("version") + 1)


def _who_and_when(records) -> str:
    people = sorted({str(r.history_user) for r in records if r.history_user_id})
    last = max(r.history_date for r in records)
    by = f" by {', '.join(people)}" if people else ""
    return f"{by} at {last.astimezone(UTC):%H:%M:%S} UTC"


def _value(value: Any) -> str:
    if value in (None, ""):
        return "(empty)"
    text = str(value)
    return f"“{text[:60]}…”" if len(text) > 60 else f"“{text}”"


def changes_since(*, event: Event, seen_version: int, seen_at: datetime | None) -> list[str]:
    """What others changed in an event (and its parts) since a form was loaded, in words."""
    lines = []
    records = list(
        Event.history.filter(id=event.pk, version__gt=seen_version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    baseline = (
        Event.history.filter(id=event.pk, version__lte=seen_version)
        .order_by("-version", "-history_date")
        .first()
    )
    if records:
        fields = []
        if baseline is not None:
            delta = records[-1].diff_against(baseline)
            fields = [
                f"{Event._meta.get_field(c.field).verbose_name}: {_value(c.old)} → {_value(c.new)}"
                for c in delta.changes
            ]
        what = "; ".join(fields) if fields else "no field of the event itself"
        lines.append(f"The event was saved{_who_and_when(records)}. Changed: {what}.")
    if seen_at is not None:
        for label, history, in_event in _event_parts(event):
            part_records = list(
                history.filter(in_event, history_date__gt=seen_at)
                .select_related("history_user")
                .order_by("history_date")
            )
            if part_records:
                names = [_part_change(rs) for rs in _by_object(part_records).values()]
                lines.append(f"{label}: {', '.join(names)}{_who_and_when(part_records)}.")
    if not lines:
        lines.append("The event was changed elsewhere since you opened this page.")
    return lines


def _by_object(records) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for record in records:
        grouped.setdefault(record.id, []).append(record)
    return grouped


def _part_change(records) -> str:
    """'“Panel” changed (minutes)', '“Coffee” added', '“Q&A” moved' for one object's records."""
    first, last = records[0], records[-1]
    name = _value(str(last.instance))
    if last.history_type == "-":
        return f"{name} deleted"
    if first.history_type == "+":
        return f"{name} added"
    before = first.prev_record
    fields = [] if before is None else last.diff_against(before).changed_fields
    if fields == ["position"]:
        return f"{name} moved"
    shown = [last.instance._meta.get_field(f).verbose_name for f in fields if f != "position"]
    return f"{name} changed ({', '.join(shown)})" if shown else f"{name} changed"


def _event_parts(event: Event):
    item_ids = AgendaItem.history.filter(event_id=event.pk).values("id")
    return [
        ("Agenda items", AgendaItem.history, Q(event_id=event.pk)),
        ("People on agenda items", Participation.history, Q(agenda_item_id__in=item_ids)),
        ("Organisations", EventOrganisation.history, Q(event_id=event.pk)),
        ("Contacts", Contact.history, Q(event_id=event.pk)),
        ("Discussion questions", DiscussionQuestion.history, Q(event_id=event.pk)),
    ]


def _copy_slug(slug: str) -> str:
    base = f"{slug[: Event._meta.get_field('slug').max_length - 10]}-copy"
    taken = set(Event.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _copy_of(instance, **changes):
    """An unsaved copy of a row with new identity (pk, calendar UID) and the given changes."""
    fresh = {"id", "uid", "created_at", "updated_at"}
    values = {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
        if field.name not in fresh
    }
    return type(instance)(**{**values, **changes})


@transaction.atomic
def duplicate_event(*, event: Event, slug: str | None = None, title: str | None = None) -> Event:
    """A new draft with a copy of the event's agenda, people, organisations and contacts.

    The copy gets new calendar UIDs and SEQUENCE 0: it is a different event for
    calendars. What belongs to the event that took place is not copied: the
    outcome report and the items' summaries of what was said.
    """
    source = Event.objects.with_agenda().get(pk=event.pk)
    title_length = Event._meta.get_field("title").max_length
    copy = _copy_of(
        source,
        slug=slug or _copy_slug(source.slug),
        title=title or f"{source.title[: title_length - 7]} (copy)",
        status=Event.Status.DRAFT,
        sequence=0,
        version=1,
    )
    copy.full_clean()
    copy.save()
    for part in [
        *source.event_organisations.all(),
        *source.contacts.all(),
        *source.questions.all(),
    ]:
        _copy_of(part, event_id=copy.pk).save()
    for item in source.items.all():
        new_item = _copy_of(item, event_id=copy.pk, summary="")
        new_item.save()
        for participation in item.participations.all():
            _copy_of(participation, agenda_item_id=new_item.pk).save()
    # A new calendar entry starts at SEQUENCE 0; adding its items must not raise it.
    Event.objects.filter(pk=copy.pk).update(sequence=0)
    copy.refresh_from_db()
    return copy
