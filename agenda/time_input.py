"""Clock times as organisers type them: 13:15, 13.15, 1:15 pm, 1.15pm, 13:15:00.

One list of formats for every time box of the event page and the item page and
for the live row times (agenda/live_schedule.py), so what is accepted while
typing is what is accepted on save.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

TIME_FORMATS = [
    "%H:%M:%S",
    "%H:%M:%S.%f",
    "%H:%M",
    "%H.%M",
    "%I:%M %p",
    "%I:%M%p",
    "%I.%M %p",
    "%I.%M%p",
    "%I %p",
    "%I%p",
]
EXAMPLE = gettext_lazy("e.g. 13:15, 13.15 or 1:15 pm")
INVALID = gettext_lazy("Enter a time such as 13:15, 13.15 or 1:15 pm.")


def accept_organisers_times(field: forms.Field) -> None:
    """Let a split date-and-time field's time half read every format above."""
    halves = getattr(field, "fields", None)
    if not halves or not isinstance(halves[1], forms.TimeField):
        return
    halves[1].input_formats = TIME_FORMATS
    halves[1].error_messages["invalid"] = INVALID
    widgets = getattr(field.widget, "widgets", [])
    if len(widgets) == 2:
        widgets[1].attrs.setdefault("placeholder", "13:15")


def split_datetime_field() -> forms.SplitDateTimeField:
    field = forms.SplitDateTimeField()
    accept_organisers_times(field)
    return field
