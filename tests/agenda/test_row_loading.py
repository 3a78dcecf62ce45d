"""`row_loading.Prepared`: the instances it builds without `__init__` are the ones
Django's `from_db` builds; its SQL is compiled once and run with the ids asked for."""

import pytest
from django.db.models import signals
from django.utils import translation

from agenda.models import AgendaItem, Participation
from agenda.row_loading import Prepared
from speakers.models import Organisation, Person
from tests.support.builders import add_items, make_event, make_organisation

pytestmark = pytest.mark.django_db


def state_of(instance) -> dict:
    """What a page could read of an instance: its columns, what it defers, its state."""
    columns = {k: v for k, v in vars(instance).items() if k not in {"_state", "_loaded"}}
    return {
        "columns": columns,
        "deferred": instance.get_deferred_fields(),
        "adding": instance._state.adding,
        "db": instance._state.db,
        "loaded": getattr(instance, "_loaded", "none"),
    }


def people(event_ids):
    return (
        Participation.objects.filter(agenda_item__event_id__in=event_ids)
        .shown_publicly()
        .with_photo_consent()
        .defer("note_to_organisers", "person__bio")
        .select_related("person__organisation")
    )


def test_instances_are_those_django_builds_with_their_related_rows_and_annotations():
    event = make_event()
    add_items(event, [10, 10], people_per_item=2)
    prepared = Prepared(people)

    built = prepared.instances([event.pk])
    expected = list(people([event.pk]))

    assert [state_of(p) for p in built] == [state_of(p) for p in expected]
    assert [state_of(p.person) for p in built] == [state_of(p.person) for p in expected]
    assert [state_of(p.person.organisation) for p in built] == [
        state_of(p.person.organisation) for p in expected
    ]
    assert [p.photo_withheld for p in built] == [False] * 4
    # Deferred columns are read on demand, as Django's are.
    assert built[0].person.bio == expected[0].person.bio


def test_calendar_fields_are_remembered_as_from_db_remembers_them():
    event = make_event()
    add_items(event, [10, 20])
    prepared = Prepared(lambda ids: AgendaItem.objects.filter(event_id__in=ids))
    built = prepared.instances([event.pk])
    assert [i._loaded for i in built] == [i._loaded for i in AgendaItem.objects.filter(event=event)]
    built[0].minutes = 15
    assert built[0].calendar_changes() == {"minutes": 10}


def test_translated_texts_read_the_active_language_with_fallback():
    event = make_event()
    [item] = add_items(event, [10])
    AgendaItem.objects.filter(pk=item.pk).update(title_fr="Point 1", title_es="")
    [built] = Prepared(lambda ids: AgendaItem.objects.filter(event_id__in=ids)).instances(
        [event.pk]
    )
    with translation.override("fr"):
        assert built.title == "Point 1"
    with translation.override("es"):
        assert built.title == item.title_en


def test_compiled_once_then_run_with_other_ids(django_assert_num_queries):
    events = [make_event(), make_event()]
    for event in events:
        add_items(event, [10, 10, 10][: 1 + events.index(event)])
    compiled = []

    def items(ids):
        compiled.append(ids)
        return AgendaItem.objects.filter(event_id__in=ids)

    prepared = Prepared(items)
    with django_assert_num_queries(1):
        assert [i.event_id for i in prepared.instances([events[0].pk])] == [events[0].pk]
    assert [i.event_id for i in prepared.instances([events[1].pk])] == [events[1].pk] * 2
    assert len(compiled) == 1
    # Another number of ids is another query.
    assert len(prepared.instances([e.pk for e in events])) == 3
    assert len(compiled) == 2
    assert prepared.instances([]) == []


def test_rows_of_one_model_are_shared_when_asked():
    event = make_event()
    add_items(event, [10], people_per_item=2)
    unit = make_organisation()
    Person.objects.update(organisation=unit)
    shared = Prepared(people, shared=[Organisation]).instances([event.pk])
    apart = Prepared(people).instances([event.pk])
    assert len({id(p.person.organisation) for p in shared}) == 1
    assert len({id(p.person.organisation) for p in apart}) == 2


def test_a_model_with_its_own_init_receiver_is_built_by_its_from_db():
    event = make_event()
    add_items(event, [10])
    seen = []

    def receiver(sender, instance, **kwargs):
        seen.append(instance)

    signals.post_init.connect(receiver, sender=AgendaItem)
    try:
        [built] = Prepared(lambda ids: AgendaItem.objects.filter(event_id__in=ids)).instances(
            [event.pk]
        )
    finally:
        signals.post_init.disconnect(receiver, sender=AgendaItem)
    assert seen == [built]
