"""Forms for the organisers' admin: edit guards, agenda checks, safe reordering."""

from __future__ import annotations

import copy
from itertools import pairwise

from adminsortable2.admin import CustomInlineFormSet
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.single_line import validate_single_line

from . import clash_checks, edit_guard, fit, interchange, people_field, time_input, zone_field
from .models import AgendaItem, Event
from .validators import validate_time_zone

# -- concurrent edits -----------------------------------------------------------------


class EditGuardForm(forms.ModelForm):
    """Refuses to save over changes someone else saved after this form was loaded.

    The form carries the event's `version` as it was when the page was built.
    On save the event row is locked and the versions compared; on a mismatch the
    save is refused with what changed, and the organiser's input stays in the
    form, whose marker is moved on so that saving again is a deliberate choice.
    Subclasses say which event they edit (`guarded_event_id`).
    """

    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    edit_loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)

    CONFLICT_INTRO = (
        "Someone else saved this event while you were editing it, so nothing was saved."
    )
    CONFLICT_OUTRO = (
        "Your changes are still in the form below. Check them against the above; "
        "saving again will replace the other changes with yours."
    )

    def guarded_event_id(self) -> int | None:
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locked_event: Event | None = None
        event_id = self.guarded_event_id()
        if event_id is not None and not self.is_bound:
            self.initial["edit_version"] = self.current_version(event_id)
            self.initial["edit_loaded_at"] = timezone.now().isoformat()

    def current_version(self, event_id: int) -> int | None:
        # A revert form's instance is an old version (simple-history marks it with
        # `_history`); its marker must be the event's version now.
        if isinstance(self.instance, Event) and not hasattr(self.instance, "_history"):
            return self.instance.version
        return Event.objects.filter(pk=event_id).values_list("version", flat=True).first()

    def clean(self):
        cleaned = super().clean()
        event_id = self.guarded_event_id()
        if event_id is None:
            return cleaned
        seen_version = cleaned.get("edit_version")
        if seen_version is None:
            raise ValidationError(
                _("This page is missing its edit marker; reload it before saving."),
                code="no_marker",
            )
        seen_at = parse_datetime(cleaned.get("edit_loaded_at") or "")
        try:
            self.locked_event = edit_guard.lock_event_for_edit(
                event_id=event_id, seen_version=seen_version, seen_at=seen_at
            )
        except edit_guard.EditConflict as conflict:
            self._move_marker(conflict.current_version)
            raise ValidationError(
                [self.CONFLICT_INTRO, *conflict.changes, self.CONFLICT_OUTRO], code="edit_conflict"
            ) from conflict
        return cleaned

    def _move_marker(self, version: int) -> None:
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = str(version)
        self.data[self.add_prefix("edit_loaded_at")] = timezone.now().isoformat()


# -- the event --------------------------------------------------------------------------


class EventAdminForm(EditGuardForm):
    # Set by the admin's revert view, which has no agenda formset to check against.
    checks_saved_agenda = False
    zone_confirmed = zone_field.confirm_field()
    new_room = forms.CharField(
        label=gettext_lazy("or a new room"),
        required=False,
        max_length=200,
        validators=[validate_single_line],
        help_text=gettext_lazy(
            "Type a room's name to add it to the venue named by the building "
            "(or city) below, and book it."
        ),
    )

    class Meta:
        model = Event
        fields = [
            *interchange.EVENT_FIELDS,
            "occasion_ref",
            "room_ref",
            "start",
            "end",
            "latitude",
            "longitude",
        ]
        widgets = {"time_zone": zone_field.ZoneInput}
        labels = {"slug": gettext_lazy("Web address")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            # The admin shows help texts as HTML, so "<address>" is escaped.
            self.fields["slug"].help_text = escape(
                _(
                    "Filled in from the title as you type it; the event's page is "
                    "/events/<address>/. Letters, digits and hyphens."
                )
            )
        zone = timezone.get_current_timezone_name()
        help_text = (
            f"In the event's time zone (now {zone}); changing the zone keeps the clock times. "
            f"{time_input.EXAMPLE}."
        )
        for name in ("start", "end"):
            if name in self.fields:
                self.fields[name].help_text = help_text
                name_split_halves(self.fields[name])
                time_input.accept_organisers_times(self.fields[name])

    def guarded_event_id(self) -> int | None:
        return self.instance.pk

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_room") and cleaned.get("room_ref"):
            self.add_error("new_room", _("Choose a booked room or type a new one, not both."))
        self._refuse_publishing_in_an_unconfirmed_zone(cleaned)
        self._refuse_publishing_into_a_booked_room(cleaned)
        if self.checks_saved_agenda and self.instance.pk and not self.errors:
            event = with_submitted(self.instance, cleaned, ["start", "end", "status"])
            items = list(AgendaItem.objects.filter(event_id=event.pk))
            raise_if_published_with_problems(event, items)
        return cleaned

    def _refuse_publishing_into_a_booked_room(self, cleaned: dict) -> None:
        if cleaned.get("status") != Event.Status.PUBLISHED or not cleaned.get("room_ref"):
            return
        planned = with_submitted(self.instance, cleaned, ["start", "end", "status", "room_ref"])
        for message in clash_checks.room_clash_messages(planned, published_only=True):
            self.add_error("room_ref", message)

    def _refuse_publishing_in_an_unconfirmed_zone(self, cleaned: dict) -> None:
        if cleaned.get("status") != Event.Status.PUBLISHED or cleaned.get("zone_confirmed"):
            return
        if not {"status", "time_zone", "country"} & set(self.changed_data):
            return  # published before with this zone and country
        warning = zone_field.mismatch(cleaned.get("time_zone", ""), cleaned.get("country", ""))
        if warning:
            self.add_error(
                "time_zone",
                f"{warning} "
                + _("To publish, tick “%(label)s” or choose another zone.")
                % {"label": zone_field.CONFIRM_LABEL},
            )


def name_split_halves(field: forms.Field) -> None:
    """Date and time boxes share one label; each half gets an accessible name of its own."""
    halves = getattr(field.widget, "widgets", [])
    for half, part in zip(halves, [gettext_lazy("date"), gettext_lazy("time")], strict=False):
        half.attrs["aria-label"] = f"{field.label} ({part})"


PUBLISHED_MUST_FIT = "A published agenda must fit its slot: fix it, or save the event as a draft."


def raise_if_published_with_problems(event: Event, items: list[AgendaItem]) -> None:
    """Refuse a published agenda that overruns or overlaps; drafts get a warning after saving."""
    if event.status != Event.Status.PUBLISHED:
        return
    problems = fit.planned_agenda_problems(event=event, items=items)
    if problems:
        raise ValidationError([*problems, PUBLISHED_MUST_FIT], code="agenda_does_not_fit")


def with_submitted(instance, cleaned_data: dict, names: list[str]):
    """A copy of `instance` with the submitted values (clean() runs before the form
    writes them to the instance)."""
    planned = copy.copy(instance)
    for name in names:
        if name in cleaned_data:
            setattr(planned, name, cleaned_data[name])
    return planned


def timezone_field_value(data, prefix: str = "") -> str | None:
    """The zone an organiser submitted, if it is a real one (for reading times in it)."""
    value = (data.get(f"{prefix}time_zone") or "").strip()
    try:
        validate_time_zone(value)
    except ValidationError:
        return None
    return value


# -- agenda items on the event page ---------------------------------------------------


# Organisers' words for the model's field names (form labels: no migration).
ITEM_LABELS = {"kind": gettext_lazy("Type"), "fixed_start": gettext_lazy("Pinned start time")}


class AgendaItemInlineForm(forms.ModelForm):
    # The row's people, edited in the row (agenda/people_field.py); not a model field.
    people = people_field.PeopleField()

    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "minutes", "fixed_start", "position"]
        labels = ITEM_LABELS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("people", people_field.saved_people(self.instance))
        name_split_halves(self.fields["fixed_start"])
        time_input.accept_organisers_times(self.fields["fixed_start"])

    def _get_validation_exclusions(self):
        # Positions are renumbered by the formset on save; the unique (event, position)
        # constraint is enforced there, so a swap is not reported as a clash here.
        return {*super()._get_validation_exclusions(), "position"}


class AgendaItemFormSet(CustomInlineFormSet):
    """Agenda rows in the order the organiser dragged them into.

    Checks the submitted agenda (not only the saved one) against the event's
    slot, and writes new positions in two phases so that the unique
    (event, position) constraint never sees two rows on one place mid-update.
    """

    def ordered_forms(self) -> list[forms.Form]:
        kept = []
        for index, form in enumerate(self.forms):
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            if form.instance.pk is None and not form.has_changed():
                continue  # an empty extra row
            # New rows follow the saved ones, in the order their positions say (the
            # page's move buttons number them), else in the order they were added.
            is_new = form.instance.pk is None
            position = form.cleaned_data.get("position") or 0
            kept.append(((is_new, position, index), form))
        return [form for _, form in sorted(kept, key=lambda pair: pair[0])]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        final = self.ordered_forms()
        people_field.check_people_exist(
            [row for form in final for row in form.cleaned_data.get("people", [])]
        )
        items = [form.instance for form in final]
        raise_if_published_with_problems(self.instance, items)

    @staticmethod
    def final_positions(final: list[forms.Form]) -> list[int]:
        """Saved rows keep their positions while the order is unchanged (new rows go last);
        otherwise all are numbered 1..n, as adminsortable2's JavaScript numbers them."""
        saved = [f.initial.get("position") for f in final if f.instance.pk is not None]
        if all(a < b for a, b in pairwise(saved)):
            top = max(saved, default=0)
            return saved + list(range(top + 1, top + 1 + len(final) - len(saved)))
        return list(range(1, len(final) + 1))

    def save_new(self, form, commit=True):
        # Keep the position chosen in save(); the library's default appends at max + 1.
        return BaseInlineFormSet.save_new(self, form, commit=commit)

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        final = self.ordered_forms()
        positions = self.final_positions(final)
        moved = []
        for position, form in zip(positions, final, strict=True):
            if form.instance.pk is not None and form.initial.get("position") != position:
                moved.append(form)
            form.instance.position = position
        with transaction.atomic():
            stale = [f.instance.pk for f in moved] + [
                f.instance.pk for f in self.deleted_forms if f.instance.pk is not None
            ]
            if stale:
                # Phase 1: park the rows that move (or go) above every position in use.
                rows = AgendaItem.objects.filter(event=self.instance)
                top = rows.aggregate(top=Max("position"))["top"] or 0
                offset = max(top, len(final)) + 1
                rows.filter(pk__in=stale).update(position=F("position") + offset)
            # Phase 2: the usual save writes changed and new rows at their final places...
            saved = super().save(commit=True)
            # ...and rows that only moved are written here.
            changed = {obj.pk for obj, _ in self.changed_objects}
            for form in moved:
                if form.instance.pk not in changed:
                    form.instance.save()
                    self.changed_objects.append((form.instance, ["position"]))
            for form in final:
                if form.has_changed() and "people" in form.changed_data:
                    people_field.save_people(form.instance, form.cleaned_data.get("people", []))
        return saved


# -- pages of their own: an agenda item, a contact … --------------------------------


class EventPartForm(EditGuardForm):
    """A form for something that belongs to one event; guards that event's version."""

    def guarded_event_id(self) -> int | None:
        if self.instance.pk is None:
            return None
        return event_id_of(self.instance)


def event_id_of(obj) -> int:
    if hasattr(obj, "event_id"):
        return obj.event_id
    return obj.agenda_item.event_id


class AgendaItemAdminForm(EventPartForm):
    class Meta:
        model = AgendaItem
        fields = ["event", "title", "kind", "minutes", "fixed_start", "description", "summary"]
        labels = ITEM_LABELS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        time_input.accept_organisers_times(self.fields["fixed_start"])

    def clean(self):
        cleaned = super().clean()
        item = self.instance
        # On the add page the event is only in the submitted data so far.
        event = item.event if item.pk is not None else cleaned.get("event")
        if self.errors or event is None:
            return cleaned
        if item.pk is None:
            # An edit of the item is guarded by the event's version (above); an addition
            # takes the event's lock, so that two additions are checked one after the other.
            event = edit_guard.lock_event(event_id=event.pk)
        # The saved agenda with this item's submitted budget and pin in its place.
        planned = with_submitted(item, cleaned, ["title", "minutes", "fixed_start"])
        items = [planned if i.pk == item.pk else i for i in event.items.all()]
        if item.pk is None:
            items.append(planned)
        raise_if_published_with_problems(event, items)
        return cleaned
