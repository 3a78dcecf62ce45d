"""Duplication: a new draft event from an existing one, on a new date.

What is copied and what is not is `duplicate_event()`'s contract: the copy is
a different event for calendars (new UIDs, SEQUENCE 0), it leaves behind what
belongs to the event that took place, and it is moved as a whole to the new
date and start time: the end and every pinned item keep their wall-clock
distance from the start in the event's zone (13:15 stays 13:15 when the clocks
differ between the two dates). Its title is the organisers' (no "(copy)") and
its web address is derived from the title and the new date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from django.db import transaction
from django.utils.text import slugify

from common import generation
from common.admin_languages import texts_of

from .models import Event
from .text_languages import original_language, site_languages


def mover(event: Event, *, on: date, at: time) -> Callable[[datetime], datetime]:
    """A function moving a moment of `event` so that its start falls on `on` at `at`
    (wall clock, in the event's zone) and every other moment keeps its distance."""
    zone = event.zone
    old_start = event.start.astimezone(zone).replace(tzinfo=None)
    new_start = datetime.combine(on, at)

    def move(moment: datetime) -> datetime:
        wall = moment.astimezone(zone).replace(tzinfo=None) - old_start
        return (new_start + wall).replace(tzinfo=zone)

    return move


def free_slug(base: str) -> str:
    """`base`, or `base-2`, `base-3`… whichever no event has, within the field's length."""
    limit = Event._meta.get_field("slug").max_length or 120
    base = base[:limit].strip("-")
    taken = set(Event.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base[: limit - 4].strip('-')}-{number}", number + 1
    return candidate


def slug_for(title: str, on: date) -> str:
    """'side-event-on-smuggling-2030-09-04': the title's words, cut at a word, then the date."""
    limit = (Event._meta.get_field("slug").max_length or 120) - len("-2030-09-04") - 4
    words = slugify(title)
    if len(words) > limit:
        words = words[:limit].rsplit("-", 1)[0]
    return free_slug(f"{words or 'event'}-{on.isoformat()}")


def _copy_of(instance, **changes):
    """An unsaved copy of a row with new identity (pk, calendar UID) and the given changes.

    A changed translated text (a new title, a summary left behind) is the new text
    in the original language, and its translations are dropped: they translated the
    old one."""
    fresh = {"id", "uid", "created_at", "updated_at", "preview_key"}
    values = {
        field.attname: getattr(instance, field.attname)
        for field in type(instance)._meta.concrete_fields
        if field.name not in fresh
    }
    translated = texts_of(type(instance))
    for name, value in list(changes.items()):
        if name in translated:
            for language in site_languages():
                values[f"{name}_{language}"] = value if language == original_language() else ""
    return type(instance)(**{**values, **changes})


@transaction.atomic
def duplicate_event(
    *, event: Event, on: date, at: time, title: str | None = None, slug: str | None = None
) -> Event:
    """A new draft with a copy of the event's agenda, people, organisations and contacts,
    starting on `on` at `at`.

    The copy gets new calendar UIDs and SEQUENCE 0: it is a different event for
    calendars. What belongs to the event that took place is not copied: the
    outcome report and the items' summaries of what was said. `title` defaults
    to the event's, `slug` to one derived from the title and `on`.
    """
    source = Event.objects.with_agenda().get(pk=event.pk)
    move = mover(source, on=on, at=at)
    # A new title replaces the translations of the old one; the same title keeps them.
    renamed = {"title": title} if title and title != source.title else {}
    copy = _copy_of(
        source,
        slug=slug or slug_for(title or source.title, on),
        **renamed,
        start=move(source.start),
        end=move(source.end),
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
        pinned = move(item.fixed_start) if item.fixed_start is not None else None
        new_item = _copy_of(item, event_id=copy.pk, summary="", fixed_start=pinned)
        new_item.save()
        for participation in item.participations.all():
            _copy_of(participation, agenda_item_id=new_item.pk).save()
    # A new calendar entry starts at SEQUENCE 0; adding its items must not raise it.
    Event.objects.filter(pk=copy.pk).update(sequence=0)
    generation.bump()  # the version kept for cache hits names SEQUENCE
    copy.refresh_from_db()
    return copy
