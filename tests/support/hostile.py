"""Shared pieces of the reliability tests: the hostile strings, and a tally of how
much each test tried, printed at the end of the run (`pytest -q` shows it too)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

# What is typed into forms and fields: markup and script, template syntax, SQL,
# calendar syntax and line breaks, control characters (NUL included),
# right-to-left and zero-width marks, emoji, and a very long text.
LONG = "Ωmega " * 1666 + "Ωmega"  # 10 000 characters
HOSTILE = {
    "script": "<script>alert('xss')</script>",
    "img onerror": '"><img src=x onerror=alert(1) id=xss-img>',
    "javascript url": '<a href="javascript:alert(1)" id=xss-a>click</a>',
    "close script": "</script><script id=xss-script>alert(1)</script><!--",
    "attribute break": "' onmouseover='alert(1)' x='",
    "template": "{{ 7|add:7 }} {% now 'Y' %}",
    "sql": "Robert'); DROP TABLE agenda_event;--",
    "ics injection": "Talk\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\r\nEND:VEVENT",
    "ics specials": 'a;b,c\\d:e "quoted" ^caret C:\\Netz\\new',
    "newlines": "line one\nline two\r\nline three\rline four",
    "nul": "before\x00after",
    "controls": "bell\x07 esc\x1b[31m del\x7f vt\x0b ff\x0c",
    "rtl": "\u202egnp.exe مؤتمر عن الهجرة \u200f",
    "zero width": "Zero\u200bwidth\u200d joiner\ufeff",
    "emoji": "Panel 👩‍👩‍👧‍👦 🇦🇹 🎉",
    "diacritics": "Jørgen Carling, Zoë Ünal, Łódź",
    "unicode lines": "para\u2028line\u2029para\x85next",
    "long": LONG,
}

_tallies: Counter = Counter()


def tally(what: str, count: int = 1) -> None:
    """Count something tried (examples, requests, cases) under a readable name."""
    _tallies[what] += count


def tallies() -> Counter:
    """What this process tried so far."""
    return _tallies


def report(terminalreporter) -> None:
    if not _tallies:
        return
    terminalreporter.section("reliability: how much was tried")
    for what, count in sorted(_tallies.items()):
        terminalreporter.write_line(f"{count:>8}  {what}")


# -- one event with every part an organiser can fill in ---------------------------------


@dataclass
class World:
    event: object  # agenda.models.Event, and so on (imported late: Django must be set up)
    items: list
    participation: object
    person: object
    organisation: object
    contact: object
    question: object
    event_organisation: object
    outcome: object
    recommendation: object

    @property
    def item(self):
        return self.items[0]


def build_world(*, status: str, start: datetime, end: datetime, **event_fields) -> World:
    """An event with two agenda items (a person with an organisation on the first),
    a contact, a discussion question, an organisation's role, and an outcome report
    with a recommendation. Every text has a value, so every part is shown."""
    from agenda.models import (
        AgendaItem,
        Contact,
        DiscussionQuestion,
        EventOrganisation,
        Outcome,
        Recommendation,
    )
    from tests.support.builders import add_items, make_event, make_organisation

    event = make_event(status=status, start=start, end=end, **event_fields)
    # Saved one by one (not in bulk) so that each has its history, as in the admin.
    items = list(AgendaItem.objects.filter(pk__in=[i.pk for i in add_items(event, [30, 20], 1)]))
    items[0].description, items[0].summary = "About.", "Said."
    for item in items:
        item.save()
    participation = items[0].participations.get()
    participation.presentation_title = "Talk"
    participation.save()
    person = participation.person
    person.honorific, person.position, person.bio = "Dr", "Head", "Bio."
    person.save()
    person.organisation.save()
    event.refresh_from_db()
    outcome = Outcome.objects.create(
        event=event,
        title="Report",
        summary="Summary.",
        recommendations_intro="Intro.",
        prepared_by="Prepared.",
        citation="Cite.",
    )
    return World(
        event=event,
        items=items,
        participation=participation,
        person=person,
        organisation=person.organisation,
        contact=Contact.objects.create(
            event=event, name="Julia", email="julia@example.org", note="Note"
        ),
        question=DiscussionQuestion.objects.create(event=event, text="Why?"),
        event_organisation=EventOrganisation.objects.create(
            event=event, organisation=make_organisation(), role="organiser", display_name="Host"
        ),
        outcome=outcome,
        recommendation=Recommendation.objects.create(outcome=outcome, text="Cooperate."),
    )
