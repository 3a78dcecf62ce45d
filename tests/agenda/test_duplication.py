"""agenda/duplication.py: the copy moves to its new date (pins too), keeps its title and
gets a web address from the title and the date."""

from datetime import UTC, date, datetime, time

import pytest

from agenda.duplication import duplicate_event, slug_for
from agenda.models import AgendaItem, Event, Outcome
from tests.support.builders import add_items, local, make_event

pytestmark = pytest.mark.django_db


def workshop(**fields) -> Event:
    event = make_event(
        title="Workshop on smuggling",
        slug="workshop-2017",
        start=local(2017, 9, 4, 13, 15),
        end=local(2017, 9, 4, 14, 45),
        **fields,
    )
    items = add_items(event, [10, 20, None])
    AgendaItem.objects.filter(pk=items[2].pk).update(fixed_start=local(2017, 9, 4, 14, 30))
    return event


def test_the_copy_moves_to_the_new_date_with_its_pinned_items():
    copy = duplicate_event(event=workshop(), on=date(2030, 9, 2), at=time(13, 0))
    assert (copy.start, copy.end) == (local(2030, 9, 2, 13, 0), local(2030, 9, 2, 14, 30))
    assert copy.items.get(title="Item 3").fixed_start == local(2030, 9, 2, 14, 15)


def test_the_wall_clock_stays_when_the_clocks_differ():
    """From summer (CEST, UTC+2) to winter (CET, UTC+1): 13:15 stays 13:15 on the wall."""
    copy = duplicate_event(event=workshop(), on=date(2031, 1, 13), at=time(13, 15))
    assert copy.start == datetime(2031, 1, 13, 12, 15, tzinfo=UTC)
    assert copy.items.get(title="Item 3").fixed_start == datetime(2031, 1, 13, 13, 30, tzinfo=UTC)


def test_no_copy_marks_in_title_or_address():
    copy = duplicate_event(event=workshop(), on=date(2030, 9, 2), at=time(13, 0))
    assert copy.title == "Workshop on smuggling"
    assert copy.slug == "workshop-on-smuggling-2030-09-02"
    assert "copy" not in copy.slug


def test_a_new_title_gives_the_address():
    copy = duplicate_event(
        event=workshop(), on=date(2030, 9, 2), at=time(13, 0), title="Sister event in Geneva"
    )
    assert (copy.title, copy.slug) == (
        "Sister event in Geneva",
        "sister-event-in-geneva-2030-09-02",
    )


def test_the_outcome_and_summaries_stay_behind():
    event = workshop()
    Outcome.objects.create(event=event, title="Report", summary="What was said.")
    AgendaItem.objects.filter(event=event).update(summary="Said.")
    copy = duplicate_event(event=event, on=date(2030, 9, 2), at=time(13, 0))
    assert not Outcome.objects.filter(event=copy).exists()
    assert set(copy.items.values_list("summary", flat=True)) == {""}
    assert copy.status == Event.Status.DRAFT


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Side event", "side-event-2030-09-02"),
        ("Éducation & santé", "education-sante-2030-09-02"),
        ("!!!", "event-2030-09-02"),
        ("word " * 60, ("word-" * 21)[:-1] + "-2030-09-02"),
    ],
)
def test_slug_for(title, expected):
    assert slug_for(title, date(2030, 9, 2)) == expected


def test_a_taken_address_gets_a_number():
    make_event(slug="side-event-2030-09-02")
    assert slug_for("Side event", date(2030, 9, 2)) == "side-event-2030-09-02-2"


def test_a_new_title_drops_the_old_titles_translations():
    event = workshop()
    Event.objects.filter(pk=event.pk).update(title_fr="Atelier sur le trafic")
    copy = duplicate_event(
        event=event, on=date(2030, 9, 2), at=time(13, 0), title="Sister event in Geneva"
    )
    assert (copy.title_en, copy.title_fr) == ("Sister event in Geneva", "")


def test_the_copy_keeps_the_translations_of_an_unchanged_title():
    event = workshop()
    Event.objects.filter(pk=event.pk).update(title_fr="Atelier sur le trafic")
    copy = duplicate_event(event=event, on=date(2030, 9, 2), at=time(13, 0))
    assert copy.title_fr == "Atelier sur le trafic"
