"""The people on loaded agenda items, read in one query for all the events at once.

`attach_people(events, public=…)` is what `Event.objects.with_agenda()` runs after
loading the events and their items: one query for every participation of every
item with its person, and each item's `participations.all()` then answers from
memory, in the items' order (`Participation.Meta.ordering`), as Django's
prefetching would. What it saves, against a nested `Prefetch`:

- one instance per organisation, however many people it sends (the query reads
  the organisation's columns beside each row and builds each organisation once);
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

`participations.all()` is a queryset already evaluated: iterating, `len()`,
`bool()` and indexing read memory. Filtering it asks the database for all of
that item's participations again (not only the public ones).
"""

import contextlib
import gc

from django.db.models import F, QuerySet

from speakers.models import Organisation, Person

# The organisation's columns, read beside each participation under these names.
_ORGANISATION_COLUMNS = {
    f"_organisation_{field.attname}": F(f"person__organisation__{field.attname}")
    for field in Organisation._meta.concrete_fields
}


# Private or only on a person's own page: left out of public loading (`defer`).
_NOT_SHOWN = ("note_to_organisers", "person__bio", "person__email")


def attach_people(events, *, public: bool) -> None:
    """Fill each loaded item's `participations` (see the module's docstring).

    `events` have their `items` prefetched; `public`: only the people the public
    may see (`ParticipationQuerySet.shown_publicly`).
    """
    from .models import Participation

    items = [item for event in events for item in event.items.all()]
    if not items:
        return
    rows = Participation.objects.filter(agenda_item_id__in=[item.pk for item in items])
    if public:
        # What no page or export shows is not read at all.
        rows = rows.shown_publicly().with_photo_consent().defer(*_NOT_SHOWN)
    rows = rows.select_related("person").annotate(**_ORGANISATION_COLUMNS)

    organisations: dict[int, Organisation] = {}
    by_item: dict[int, list] = {item.pk: [] for item in items}
    names = list(_ORGANISATION_COLUMNS)
    field_names = [field.attname for field in Organisation._meta.concrete_fields]
    db = rows.db
    for participation in rows:
        values = [participation.__dict__.pop(name) for name in names]
        person = participation.person
        organisation_id = person.organisation_id
        organisation = None
        if organisation_id is not None:
            organisation = organisations.get(organisation_id)
            if organisation is None:
                organisation = Organisation.from_db(db, field_names, values)
                organisations[organisation_id] = organisation
        Person.organisation.field.set_cached_value(person, organisation)
        by_item[participation.agenda_item_id].append(participation)

    agenda_item_field = Participation.agenda_item.field
    for item in items:
        loaded = by_item[item.pk]
        for participation in loaded:
            agenda_item_field.set_cached_value(participation, item)
        cache = item.__dict__.setdefault("_prefetched_objects_cache", {})
        cache["participations"] = _evaluated(Participation, loaded, db, agenda_item=item)


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
