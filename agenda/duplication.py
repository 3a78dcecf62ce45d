"""Duplication: a new draft event from an existing one.

What is copied and what is not is `duplicate_event()`'s contract: the copy is
a different event for calendars (new UIDs, SEQUENCE 0) and leaves behind what
belongs to the event that took place.
"""

from __future__ import annotations

from django.db import transaction

from common import generation

from .models import Event


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
    generation.bump()  # the version kept for cache hits names SEQUENCE
    copy.refresh_from_db()
    return copy
