"""Reading a row's people from the event page's JSON field: order, defaults, human errors."""

import pytest
from django.core.exceptions import ValidationError

from agenda.people_rows import PersonRow, parse


def test_rows_keep_the_order_and_default_to_speaker():
    rows = parse('[{"id": 4, "person": 7, "title": " On routes "}, {"person": 8, "role": "chair"}]')
    assert rows == [PersonRow(4, 7, "speaker", "On routes"), PersonRow(None, 8, "chair", "")]


def test_an_empty_field_is_no_people():
    assert parse("") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "The list of people could not be read; reload the page."),
        ('{"person": 1}', "The list of people could not be read; reload the page."),
        ('[{"person": "1"}]', "Person 1: choose someone, or remove the line."),
        ('[{"person": true}]', "Person 1: choose someone, or remove the line."),
        (
            '[{"person": 1}, {"person": 2, "role": "host"}]',
            "Person 2: choose a role from the list.",
        ),
        ('[{"person": 1, "title": "' + "x" * 501 + '"}]', "longer than 500 characters"),
        ('[{"person": 1}, {"person": 1}]', "Person 2 is already on this item in the same role."),
    ],
)
def test_errors_say_which_line_and_what_to_do(text, message):
    with pytest.raises(ValidationError) as raised:
        parse(text)
    assert message in raised.value.messages[0]


def test_one_person_in_two_roles_is_allowed():
    assert len(parse('[{"person": 1, "role": "moderator"}, {"person": 1}]')) == 2
