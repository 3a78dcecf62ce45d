"""The people of an agenda row on the event page: the field, its saved value, the write.

The field is a hidden JSON list (see `agenda.people_rows`) that the page's people
editor (static/admin-eventsite/agenda-people.js) shows as lines of role, person
and talk title. Saving writes only what changed, so the history of each
participation records real edits, and keys that change (another person or
role on a line) are removed before they are added, so the unique
(item, person, role) rule never sees two rows at once mid-save.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from speakers import quick_add
from speakers.models import Person

from . import people_rows
from .models import AgendaItem, Participation
from .text_languages import original_language


def saved_people(item: AgendaItem) -> str:
    """The field's text for a saved item (uses the prefetched participations)."""
    title = f"presentation_title_{original_language()}"
    return people_rows.as_json(
        {
            "id": p.pk,
            "person": p.person_id,
            "role": p.role,
            "title": getattr(p, title) or "",
            "label": quick_add.label(p.person),
        }
        for p in item.participations.all()
    )


class PeopleWidget(forms.HiddenInput):
    """A hidden input and the place where the script builds the editor.

    Not `is_hidden`, so the tabular inline gives it a column headed "People".
    """

    template_name = "agenda/widgets/people.html"
    input_type = "hidden"

    @property
    def is_hidden(self) -> bool:
        return False


class PeopleField(forms.CharField):
    widget = PeopleWidget

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("People"))
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def clean(self, value):
        return people_rows.parse(super().clean(value))

    def has_changed(self, initial, data) -> bool:
        try:
            return people_rows.parse(initial or "") != people_rows.parse(data or "")
        except ValidationError:
            return True


def check_people_exist(rows: list[people_rows.PersonRow]) -> None:
    """One query for all the rows of a page: everyone chosen must still exist."""
    wanted = {row.person_id for row in rows}
    found = set(Person.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    if wanted - found:
        raise ValidationError(_("Someone chosen on this page was deleted meanwhile; choose again."))


def save_people(item: AgendaItem, rows: list[people_rows.PersonRow]) -> None:
    """Make the item's participations what the rows say, in their order."""
    with translation.override(original_language()):
        existing = {p.pk: p for p in item.participations.all()}
        kept: dict[int, people_rows.PersonRow] = {}
        for row in rows:
            saved = existing.get(row.participation_id) if row.participation_id else None
            if saved is not None and (saved.person_id, saved.role) == (row.person_id, row.role):
                kept[saved.pk] = row
        for pk, participation in existing.items():
            if pk not in kept:
                participation.delete()
        for position, row in enumerate(rows, start=1):
            saved = existing.get(row.participation_id) if row.participation_id in kept else None
            if saved is None:
                Participation.objects.create(
                    agenda_item=item,
                    person_id=row.person_id,
                    role=row.role,
                    presentation_title=row.title,
                    position=position,
                )
            elif (saved.presentation_title, saved.position) != (row.title, position):
                saved.presentation_title, saved.position = row.title, position
                saved.save(update_fields=["presentation_title", "position"])
