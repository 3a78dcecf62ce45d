"""An event's agenda, read in one query per kind of row for all the events at once.

`attach_agenda(events, public=…)` is what `Event.objects.with_agenda()` runs after
loading the events: their items, organisations (with each organisation), contacts,
questions, and every participation of every item with its person and organisation.
Each relation then answers from memory (`event.items.all()`,
`item.participations.all()`, …), in its model's order, as Django's prefetching
would: each row's link to its event or item is cached too. What it saves, against
`prefetch_related`:

- the SQL of each query is compiled once per connection and the instances are
  built without `Model.__init__` (`row_loading.Prepared`): at 4 items most of a
  load was building queries, at 200 most of it was `__init__`;
- one instance per organisation, however many people it sends;
- no queryset built and filtered per item (Django clones the prefetch queryset
  for each of them);
- for the public, no column that no page or export shows (people's bios and
  e-mails, notes to the organisers): reading one asks the database; and each
  participation's `photo_withheld` (`ParticipationQuerySet.with_photo_consent`),
  in the same query.

`paused_collection()` holds back Python's cyclic garbage collector while an
agenda loads: building thousands of instances otherwise sets off full
collections that walk everything alive (a third of the load of a 1000-item
event); what the load leaves behind is collected as usual afterwards.

A relation's `all()` is a queryset already evaluated: iterating, `len()`, `bool()`
and indexing read memory. Filtering it asks the database again, for all of that
event's or item's rows (not only the public people).
"""

import contextlib
import gc

from django.db.models import QuerySet

from speakers.models import Organisation

from .row_loading import Prepared

# Private or only on a person's own page: left out of public loading (`defer`).
_NOT_SHOWN = ("note_to_organisers", "person__bio", "person__email")


def _models():
    from . import models

    return models


def _people(public: bool):
    def build(event_ids):
        participations = _models().Participation.objects.filter(agenda_item__event_id__in=event_ids)
        if public:
            # What no page or export shows is not read at all.
            participations = participations.shown_publicly().with_photo_consent().defer(*_NOT_SHOWN)
        return participations.select_related("person__organisation")

    return Prepared(build, shared=[Organisation])


def _of_events(model_name: str, *related: str):
    def build(event_ids):
        rows = getattr(_models(), model_name).objects.filter(event_id__in=event_ids)
        return rows.select_related(*related) if related else rows

    return Prepared(build, shared=[Organisation])


_PUBLIC_PEOPLE = _people(public=True)
_ALL_PEOPLE = _people(public=False)
# (the relation's name on Event, its rows)
_EVENT_ROWS = (
    ("items", _of_events("AgendaItem")),
    ("event_organisations", _of_events("EventOrganisation", "organisation")),
    ("contacts", _of_events("Contact")),
    ("questions", _of_events("DiscussionQuestion")),
)


def attach_agenda(events, *, public: bool) -> None:
    """Fill each event's agenda relations (see the module's docstring); `public`:
    only the people the public may see (`ParticipationQuerySet.shown_publicly`)."""
    if not events:
        return
    db = events[0]._state.db
    event_ids = [event.pk for event in events]
    for name, prepared in _EVENT_ROWS:
        field = getattr(_models().Event, name).field
        _attach(events, prepared.instances(event_ids, db=db), field, name, db)
    attach_people(events, public=public)


def attach_people(events, *, public: bool) -> None:
    """Fill each loaded item's `participations`; `events` have their `items` loaded."""
    items = [item for event in events for item in event.items.all()]
    if not items:
        return
    db = events[0]._state.db
    prepared = _PUBLIC_PEOPLE if public else _ALL_PEOPLE
    rows = prepared.instances([event.pk for event in events], db=db)
    _attach(items, rows, _models().Participation.agenda_item.field, "participations", db)


def _attach(parents, rows: list, field, name: str, db: str) -> None:
    """Each of `parents` gets its `rows` (by `field`, their foreign key to it) as the
    prefetched relation `name`, and each row its parent."""
    by_parent: dict[int, list] = {parent.pk: [] for parent in parents}
    attname = field.attname
    for row in rows:
        by_parent[row.__dict__[attname]].append(row)
    model = field.model
    for parent in parents:
        loaded = by_parent[parent.pk]
        for row in loaded:
            field.set_cached_value(row, parent)
        cache = parent.__dict__.setdefault("_prefetched_objects_cache", {})
        cache[name] = _evaluated(model, loaded, db, **{field.name: parent})


def _evaluated(model, rows: list, db: str, **lookup) -> QuerySet:
    """A queryset of `model` holding `rows`, as if it had been run; its filter
    (`lookup`) is only built if something chains onto it."""
    queryset = model._default_manager._queryset_class(model=model, using=db)
    queryset._deferred_filter = (False, (), lookup)
    queryset._result_cache = rows
    queryset._prefetch_done = True
    return queryset


@contextlib.contextmanager
def paused_collection():
    """No cyclic garbage collection inside (see the module's docstring); if it was
    paused already (by a caller, another thread), it stays as it was found."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
