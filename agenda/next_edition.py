"""The next edition of an event: the same event on a new date, as a new draft.

`next_edition` copies the event as `duplication.duplicate_event` does (new
calendar UIDs, no outcome, no summaries of what was said; what other apps keep
about the old event, such as registrations, stays with it) and moves the whole
of it: the start to the new date and time, the end and every pinned item by
the same wall-clock amount in the event's zone. The title stays; the web
address takes the new year (or gets it). `texts_to_review` lists the texts
that still name the old year.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from django.db import transaction

from . import duplication, publishing
from .models import AgendaItem, Event


def _moved(moment: datetime, *, old_start: datetime, new_start_local: datetime, zone) -> datetime:
    """`moment` at the same wall-clock distance from the new start as from the old."""
    wall = moment.astimezone(zone).replace(tzinfo=None) - old_start.astimezone(zone).replace(
        tzinfo=None
    )
    return (new_start_local.replace(tzinfo=None) + wall).replace(tzinfo=zone)


def new_slug(slug: str, old_year: int, new_year: int) -> str:
    limit = Event._meta.get_field("slug").max_length or 120
    if re.search(rf"\b{old_year}\b", slug.replace("-", " ")):
        base = re.sub(rf"(?<![0-9]){old_year}(?![0-9])", str(new_year), slug)
    else:
        base = f"{slug[: limit - 5]}-{new_year}"
    taken = set(Event.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base[: limit - 4]}-{number}", number + 1
    return candidate


@transaction.atomic
def next_edition(*, event: Event, on: date, at: time) -> Event:
    zone = event.zone
    old_year = event.start.astimezone(zone).year
    new_start = datetime.combine(on, at).replace(tzinfo=zone)
    copy = duplication.duplicate_event(
        event=event, slug=new_slug(event.slug, old_year, on.year), title=event.title
    )

    def move(moment: datetime) -> datetime:
        return _moved(moment, old_start=event.start, new_start_local=new_start, zone=zone)

    Event.objects.filter(pk=copy.pk).update(start=move(event.start), end=move(event.end))
    for item in AgendaItem.objects.filter(event=copy, fixed_start__isnull=False):
        if item.fixed_start is not None:
            AgendaItem.objects.filter(pk=item.pk).update(fixed_start=move(item.fixed_start))
    copy.refresh_from_db()
    return copy


def texts_to_review(event: Event) -> list[str]:
    """The new edition's texts that name another year than its own."""
    return publishing.other_years(event, list(event.items.all()))
