"""The next edition of an event: the same event on a new date, as a new draft.

`next_edition` is `duplication.duplicate_event` (new calendar UIDs, no
outcome, no summaries of what was said; what other apps keep about the old
event, such as registrations, stays with it; the whole event moves to the new
date and time, pinned items too) with the same title and a web address that
takes the new year (or gets it). `texts_to_review` lists the texts
that still name the old year.
"""

from __future__ import annotations

import re
from datetime import date, time

from . import duplication, publishing
from .models import Event


def new_slug(slug: str, old_year: int, new_year: int) -> str:
    limit = Event._meta.get_field("slug").max_length or 120
    if re.search(rf"\b{old_year}\b", slug.replace("-", " ")):
        base = re.sub(rf"(?<![0-9]){old_year}(?![0-9])", str(new_year), slug)
    else:
        base = f"{slug[: limit - 5]}-{new_year}"
    return duplication.free_slug(base)


def next_edition(*, event: Event, on: date, at: time) -> Event:
    old_year = event.start.astimezone(event.zone).year
    return duplication.duplicate_event(
        event=event, on=on, at=at, slug=new_slug(event.slug, old_year, on.year), title=event.title
    )


def texts_to_review(event: Event) -> list[str]:
    """The new edition's texts that name another year than its own."""
    return publishing.other_years(event, list(event.items.all()))
