"""The checklist shown before an event is published: what blocks it, what to look at.

Blocking: the saved agenda overruns the slot or has overlapping pins, the
time zone is not one the venue's country uses and nobody confirmed it, or a
published event has the same room at an overlapping time (a room clash).
Advisory (the organiser may publish after acknowledging them): items without
people (breaks aside), people not confirmed, a person due in two places at once, no contact, texts that mention a year other than the
event's, texts not yet translated into a language the event offers, and whatever the apps above agenda add through `agenda.hooks.publish_check`
(registrations: no registration settings). `checklist` only reads; `publish`
is the only way an event becomes published from the admin: the publish page
and the event form's status drop-down both go through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from . import clash_checks, edit_guard, fit, hooks, text_languages, zone_field
from .models import AgendaItem, Event, Participation

YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
EVENT_TEXTS = (
    "title",
    "occasion",
    "theme",
    "context",
    "background",
    "objectives",
    "practical_notes",
    "programme",
    "programme_note",
)


@dataclass(frozen=True)
class Check:
    blocking: bool
    message: str


def other_years(event: Event, items: list[AgendaItem]) -> list[str]:
    """'Background mentions 2016' for each text naming a year that is not the event's."""
    year = str(event.start.astimezone(event.zone).year)
    found = []
    texts = [
        (getattr(Event._meta.get_field(n), "verbose_name", n), getattr(event, n))
        for n in EVENT_TEXTS
    ]
    texts += [(item.title, f"{item.title} {item.description}") for item in items]
    for where, text in texts:
        years = sorted({y for y in YEAR.findall(text or "") if y != year})
        if years:
            found.append(
                _("%(where)s mentions %(years)s.")
                % {"where": str(where)[:1].upper() + str(where)[1:], "years": ", ".join(years)}
            )
    return found


TRANSLATED_EVENT_TEXTS = (
    "title",
    "occasion",
    "theme",
    "context",
    "background",
    "objectives",
    "practical_notes",
)


def missing_translations(event: Event, items: list[AgendaItem]) -> list[str]:
    """'Not yet in French: title, context; 3 agenda items.' for each language the event
    offers beside the original."""
    found = []
    for language in text_languages.parse(event.languages):
        if language == text_languages.original_language():
            continue
        fields = [
            str(getattr(Event._meta.get_field(name), "verbose_name", name))
            for name, _language in text_languages.missing_translations(
                event, TRANSLATED_EVENT_TEXTS, [language]
            )
        ]
        untranslated_items = sum(
            1
            for item in items
            if text_languages.missing_translations(item, ("title", "description"), [language])
        )
        if untranslated_items:
            fields.append(
                ngettext("%(count)d agenda item", "%(count)d agenda items", untranslated_items)
                % {"count": untranslated_items}
            )
        if fields:
            found.append(
                _("Not yet in %(language)s: %(texts)s.")
                % {
                    "language": get_language_info(language)["name_translated"],
                    "texts": ", ".join(fields),
                }
            )
    return found


def unconfirmed_people(items: list[AgendaItem]) -> list[str]:
    """'Not confirmed: Ana Díaz (invited), …' — one advisory naming everyone not confirmed."""
    waiting = [
        f"{p.person.display_name} ({p.get_status_display()})"
        for item in items
        for p in item.participations.all()
        if p.status != Participation.Status.CONFIRMED
    ]
    if not waiting:
        return []
    return [_("Not confirmed: %(people)s.") % {"people": ", ".join(waiting)}]


def checklist(event: Event, *, zone_confirmed: bool = False) -> list[Check]:
    items = list(event.items.prefetch_related("participations__person"))
    checks = [Check(True, problem) for problem in fit.agenda_problems(event)]
    zone_warning = zone_field.mismatch(event.time_zone, event.country)
    if zone_warning and not zone_confirmed:
        checks.append(Check(True, zone_warning))
    checks += [Check(True, m) for m in clash_checks.room_clash_messages(event, published_only=True)]
    for item in items:
        if item.kind != AgendaItem.Kind.BREAK and not item.participations.all():
            checks.append(
                Check(False, _("Item “%(title)s” has no people.") % {"title": item.title})
            )
    checks += [Check(False, text) for text in unconfirmed_people(items)]
    if not event.contacts.exists():
        checks.append(Check(False, _("The event has no contact for attendees.")))
    checks += [Check(False, text) for text in other_years(event, items)]
    checks += [Check(False, text) for text in missing_translations(event, items)]
    checks += [Check(False, text) for text in clash_checks.person_clash_messages(event)]
    checks += [Check(False, text) for text in hooks.publish_advisories(event)]
    return checks


BLOCKED = "blocked"
ADVISED = "advised"


def publish(event_id: int, *, zone_confirmed: bool, acknowledged: bool) -> str | None:
    """Publish the saved event if its checklist allows it (None); else BLOCKED or
    ADVISED, and nothing changes.

    The row is locked while checked and published, so the checklist is about the
    agenda that is published. Blocking checks always refuse; advisories refuse
    until `acknowledged`.
    """
    with transaction.atomic():
        event = edit_guard.lock_event(event_id=event_id)
        if event.status == Event.Status.PUBLISHED:
            return None
        checks = checklist(event, zone_confirmed=zone_confirmed)
        if any(c.blocking for c in checks):
            return BLOCKED
        if checks and not acknowledged:
            return ADVISED
        event.status = Event.Status.PUBLISHED
        event.save()
    return None
