"""`Event.objects.with_agenda()` loads the items' people in one query, one
organisation instance per organisation, in the items' order, public or all."""

import pytest

from agenda.models import Event, Participation
from speakers.models import Organisation
from tests.support.builders import add_items, local, make_event, make_organisation, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return make_event(start=local(2030, 5, 6, 9), end=local(2030, 5, 6, 18))


def people_of(item) -> list[str]:
    return [p.person.full_name for p in item.participations.all()]


@pytest.mark.parametrize("items", [3, 30])
def test_one_query_for_all_the_people_and_nothing_more_when_reading_them(
    event, items, django_assert_num_queries
):
    add_items(event, [10] * items, people_per_item=2)
    # event, items, people (with organisations), event organisations, contacts, questions
    with django_assert_num_queries(6):
        loaded = Event.objects.with_agenda(public=True).get(pk=event.pk)
    with django_assert_num_queries(0):
        read = [
            (p.agenda_item.title, p.person.display_name, p.person.affiliation)
            for item in loaded.items.all()
            for p in item.participations.all()
        ]
    assert len(read) == 2 * items
    [organisation] = Organisation.objects.all()
    assert read[:2] == [
        ("Item 1", "Speaker 0", f"{organisation.name} ({organisation.acronym})"),
        ("Item 1", "Speaker 1", f"{organisation.name} ({organisation.acronym})"),
    ]


def test_people_of_one_organisation_share_one_instance_with_its_columns(event):
    add_items(event, [10, 10], people_per_item=2)
    unit = make_organisation(name="International Organization for Migration", acronym="IOM")
    for person in [p.person for p in Participation.objects.filter(agenda_item__event=event)]:
        person.organisation = unit
        person.save()
    loaded = Event.objects.with_agenda().get(pk=event.pk)
    organisations = [
        p.person.organisation for item in loaded.items.all() for p in item.participations.all()
    ]
    assert len(organisations) == 4
    assert len({id(o) for o in organisations}) == 1
    assert (organisations[0].pk, organisations[0].name, organisations[0].acronym) == (
        unit.pk,
        "International Organization for Migration",
        "IOM",
    )


def test_a_person_without_organisation_has_none_and_no_query(event, django_assert_num_queries):
    [item] = add_items(event, [10])
    Participation.objects.create(agenda_item=item, person=make_person(full_name="Ana Alone"))
    loaded = Event.objects.with_agenda().get(pk=event.pk)
    with django_assert_num_queries(0):
        [participation] = loaded.items.all()[0].participations.all()
        assert participation.person.organisation is None
        assert participation.person.affiliation == ""


def test_items_keep_their_people_in_order_and_public_leaves_out_who_declined(event):
    first, second, _ = add_items(event, [10, 10, 10])
    for position, name in [(2, "Cleo"), (0, "Ada"), (1, "Bea")]:
        Participation.objects.create(
            agenda_item=first, person=make_person(full_name=name), position=position
        )
    Participation.objects.create(
        agenda_item=second,
        person=make_person(full_name="Dan Declined"),
        status=Participation.Status.DECLINED,
    )

    every = Event.objects.with_agenda().get(pk=event.pk)
    public = Event.objects.with_agenda(public=True).get(pk=event.pk)

    assert [people_of(i) for i in every.items.all()] == [
        ["Ada", "Bea", "Cleo"],
        ["Dan Declined"],
        [],
    ]
    assert [people_of(i) for i in public.items.all()] == [["Ada", "Bea", "Cleo"], [], []]


def test_chaining_onto_the_loaded_people_asks_for_that_item_only(event):
    first, _ = add_items(event, [10, 10], people_per_item=1)
    loaded = Event.objects.with_agenda().get(pk=event.pk)
    [item, _] = loaded.items.all()
    assert [p.agenda_item_id for p in item.participations.all().order_by("pk")] == [first.pk]


def test_several_events_each_get_their_own_people():
    events = [make_event(slug=f"e{n}") for n in range(2)]
    for n, event in enumerate(events):
        [item] = add_items(event, [10])
        Participation.objects.create(agenda_item=item, person=make_person(full_name=f"P{n}"))
    loaded = Event.objects.filter(pk__in=[e.pk for e in events]).order_by("pk").with_agenda()
    assert [[people_of(i) for i in e.items.all()] for e in loaded] == [[["P0"]], [["P1"]]]


@pytest.mark.parametrize(
    ("public", "left_out"),
    # The photo is read: the event page shows it beside the name.
    [(True, {"bio", "email"}), (False, set())],
)
def test_public_loading_leaves_out_what_no_page_shows(event, public, left_out):
    add_items(event, [10], people_per_item=1)
    loaded = Event.objects.with_agenda(public=public).get(pk=event.pk)
    [participation] = loaded.items.all()[0].participations.all()
    assert participation.person.get_deferred_fields() == left_out
    assert ("note_to_organisers" in participation.get_deferred_fields()) is public
    assert hasattr(participation, "photo_withheld") is public


@pytest.mark.parametrize("enabled", [True, False])
def test_collection_is_paused_while_loading_and_left_as_it_was_found(enabled):
    import gc

    from agenda.people_loading import paused_collection

    (gc.enable if enabled else gc.disable)()
    try:
        with paused_collection():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_collection_comes_back_after_a_failed_load(monkeypatch):
    import gc

    from agenda import people_loading

    def failing(events, *, public):
        raise RuntimeError("database gone")

    monkeypatch.setattr(people_loading, "attach_people", failing)
    with pytest.raises(RuntimeError):
        Event.objects.with_agenda().get(pk=make_event().pk)
    assert gc.isenabled()
