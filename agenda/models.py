import uuid
import zoneinfo
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common import generation
from common.single_line import (
    single_line_constraint,
    translated_single_line_constraints,
    validate_single_line,
)
from common.urls import remembered_reverse
from speakers.models import Organisation, Person

from . import schedule, text_languages
from .languages_field import LanguagesField
from .occasion_models import Occasion, Room, Venue, room_for_place
from .validators import validate_https, validate_time_zone

__all__ = [
    "Occasion",
    "Room",
    "Venue",
    "room_for_place",
]  # defined beside, registered with agenda's models


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Event.Status.PUBLISHED)

    def public(self):
        """Events the public may see: published, and cancelled ones (marked as such)."""
        return self.filter(status__in=Event.PUBLIC_STATUSES)

    def upcoming(self, now: datetime | None = None):
        return self.filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now: datetime | None = None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start")

    def with_agenda(self, *, public: bool = False):
        """Everything the agenda page and the exports read, in a fixed number of queries.

        `public`: only the people the public may see (`ParticipationQuerySet.shown_publicly`),
        for pages and exports; without it every person, for editing and copying.
        """
        events = self.all()
        events._agenda_people = "public" if public else "all"
        return events

    # Set by with_agenda(): the agenda is loaded after the events (people_loading).
    _agenda_people: str | None = None

    def _clone(self):
        clone = super()._clone()
        clone._agenda_people = self._agenda_people
        return clone

    def _fetch_all(self):
        if (
            self._result_cache is None
            and self._agenda_people
            and self._iterable_class is models.query.ModelIterable
        ):
            from . import people_loading

            with people_loading.paused_collection():
                events = list(self._iterable_class(self))
                people_loading.attach_agenda(events, public=self._agenda_people == "public")
            self._result_cache = events
        # Then any other prefetching asked for (it finds the agenda loaded).
        super()._fetch_all()


class TracksCalendarFields(models.Model):
    """Remembers the fields a calendar shows as they were loaded, so that a save
    can tell what it changes: `calendar_changes()` is the one answer, read by
    SEQUENCE here and by the registrants' notices (registrations)."""

    CALENDAR_FIELDS: tuple[str, ...] = ()
    # Whether saving an instance that was never loaded counts as a change.
    CHANGED_WHEN_NEW = False
    _loaded: dict | None

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = {
            name: value
            for name, value in zip(field_names, values, strict=True)
            if name in cls.CALENDAR_FIELDS
        }
        return instance

    def remember_calendar_fields(self, loaded_from: "TracksCalendarFields | None" = None) -> None:
        """From now on compare with the current values, or with what `loaded_from`
        (another copy of the same row) loaded."""
        if loaded_from is not None:
            self._loaded = dict(loaded_from._loaded or {}) if loaded_from.was_loaded() else None
        else:
            self._loaded = {name: getattr(self, name) for name in self.CALENDAR_FIELDS}

    def was_loaded(self) -> bool:
        return getattr(self, "_loaded", None) is not None

    def calendar_changes(self, *, complete: bool = False) -> dict | None:
        """{field: value as loaded} for each calendar field that differs now.

        None for a copy that was never loaded (new, or built by hand). Fields the
        copy did not load (`only()`) are not compared, unless `complete`: then
        they, or all fields of a copy never loaded, are read from the stored row
        (one query; None if there is none).
        """
        loaded = getattr(self, "_loaded", None)
        missing = [n for n in self.CALENDAR_FIELDS if loaded is None or n not in loaded]
        if complete and missing and self.pk is not None:
            stored = type(self)._base_manager.filter(pk=self.pk).values(*missing).first()
            if stored is None:
                return None
            loaded = {**(loaded or {}), **stored}
        if loaded is None:
            return None
        return {
            name: loaded[name]
            for name in self.CALENDAR_FIELDS
            if name in loaded and getattr(self, name) != loaded[name]
        }

    def calendar_fields_changed(self) -> bool:
        changes = self.calendar_changes()
        return self.CHANGED_WHEN_NEW if changes is None else bool(changes)


class Event(TracksCalendarFields):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    PUBLIC_STATUSES = (Status.PUBLISHED, Status.CANCELLED)
    # Fields a calendar client shows: a change to any of them raises SEQUENCE.
    CALENDAR_FIELDS = (
        "title",
        "start",
        "end",
        "time_zone",
        "room",
        "building",
        "city",
        "country",
        "status",
        "online_link",
    )

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(max_length=300, validators=[validate_single_line])
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text=_("The event's address: /events/<slug>/. Letters, digits and hyphens."),
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)

    occasion = models.CharField(
        validators=[validate_single_line],
        max_length=500,
        blank=True,
        help_text=_("The conference or session this event belongs to."),
    )
    theme = models.TextField(blank=True, help_text=_("The occasion's theme."))
    occasion_ref = models.ForeignKey(
        Occasion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("occasion (grouped)"),
        help_text=_("The session whose programme lists this event, on /occasions/."),
    )

    start = models.DateTimeField()
    end = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("IANA name of the zone the event happens in, e.g. Europe/Vienna."),
    )

    room_ref = models.ForeignKey(
        Room,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("booked room"),
        help_text=_(
            "A room of a venue: checked for clashes. Its name and building fill the texts."
        ),
    )
    room = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    building = models.CharField(max_length=200, blank=True, validators=[validate_single_line])
    city = models.CharField(max_length=120, blank=True, validators=[validate_single_line])
    country = models.CharField(max_length=120, blank=True, validators=[validate_single_line])
    latitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    online_link = models.URLField(
        _("online meeting link"),
        max_length=500,
        blank=True,
        validators=[validate_https],
        help_text=_(
            "For an online or hybrid event: the https:// address attendees join, "
            "e.g. https://meet.example.org/side-event. Shown on the page and in the .ics."
        ),
    )

    # Preview links (agenda.preview_links) are signed with it: a new one withdraws them all.
    preview_key = models.CharField(max_length=64, blank=True, default="", editable=False)

    context = models.TextField(blank=True)
    background = models.TextField(blank=True)
    objectives = models.TextField(_("objectives and expected output"), blank=True)
    language_note = models.CharField(max_length=300, blank=True, validators=[validate_single_line])
    languages = LanguagesField(
        _("languages offered"),
        max_length=20,
        default="en",
        help_text=_(
            "The languages the event's texts are given in. Pages in another language "
            "show the English text."
        ),
    )
    practical_notes = models.TextField(
        blank=True, help_text=_("One note per line, e.g. refreshments before the event.")
    )
    programme = models.CharField(
        _("programme or project"),
        max_length=500,
        blank=True,
        help_text=_("Name of the project."),
        validators=[validate_single_line],
    )
    programme_note = models.TextField(
        blank=True, help_text=_("The sentence that presents the programme, as printed.")
    )

    class UnconfirmedPeople(models.TextChoices):
        HIDE = "hide", _("Hide them until they confirm")
        MARK = "mark", _("Show them marked “to be confirmed”")

    unconfirmed_people = models.CharField(
        _("people not yet confirmed"),
        max_length=10,
        choices=UnconfirmedPeople.choices,
        default=UnconfirmedPeople.HIDE,
        help_text=_(
            "What the public pages do with people who were invited but have not confirmed."
        ),
    )
    apply_speaker_changes = models.BooleanField(
        _("apply speakers' corrections directly"),
        default=False,
        help_text=_(
            "Off: what a speaker corrects through their link waits for an organiser to accept it."
        ),
    )

    organisations = models.ManyToManyField(
        Organisation, through="EventOrganisation", related_name="events", blank=True
    )

    sequence = models.PositiveIntegerField(
        default=0, editable=False, help_text=_("iCalendar SEQUENCE: raised on visible changes.")
    )
    version = models.PositiveIntegerField(
        default=1, editable=False, help_text=_("Raised on every save; guards concurrent edits.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(
        default=timezone.now, editable=False, help_text=_("Last change to the event or its agenda.")
    )

    # Not preview_key: restoring an old version must not bring back withdrawn links.
    history = HistoricalRecords(excluded_fields=["updated_at", "preview_key"])
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published", "cancelled"]),
                name="event_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(unconfirmed_people__in=["hide", "mark"]),
                name="event_unconfirmed_people_valid",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="event_title_not_empty"),
            models.CheckConstraint(
                condition=Q(languages__regex=text_languages.pattern()),
                name="event_languages_valid",
            ),
            single_line_constraint("title", "event_title_single_line"),
            *translated_single_line_constraints("title", "event_title"),
            models.CheckConstraint(condition=~Q(slug=""), name="event_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(online_link="") | Q(online_link__startswith="https://"),
                name="event_online_link_https",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="event_coordinates_valid",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            # SEQUENCE must only grow. Agenda edits raise it in the database while
            # this copy is in memory, so start from the stored value.
            stored = Event.objects.filter(pk=self.pk).values_list("sequence", flat=True).first()
            self.sequence = max(self.sequence, stored or 0)
            if self.calendar_fields_changed():
                self.sequence += 1
            self.version += 1
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)
        self.remember_calendar_fields()

    def get_absolute_url(self):
        return remembered_reverse(self, "agenda:event_detail", slug=self.slug)

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The event must end after it starts."
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude" if self.longitude is None else "latitude"] = (
                "Give both latitude and longitude, or neither."
            )
        if self.languages is not None and text_languages.problems(self.languages):
            errors["languages"] = _(
                "Choose at least one language, each once, among %(languages)s."
            ) % {"languages": ", ".join(text_languages.site_languages())}
        if errors:
            raise ValidationError(errors)

    @property
    def public_url(self) -> str:
        return settings.EVENTSITE_BASE_URL + self.get_absolute_url()

    @property
    def calendar_uid(self) -> str:
        return f"{self.uid}@{settings.EVENTSITE_UID_DOMAIN}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def is_past(self, now: datetime | None = None) -> bool:
        return self.end < (now or timezone.now())

    def take_place_from_room(self) -> None:
        """Fill the text place from the booked room: what pages and calendars show."""
        if self.room_ref is not None:
            room = self.room_ref
            self.room, self.building = room.name, room.building or room.venue.name
            self.city = room.venue.city or self.city
            self.country = room.venue.country or self.country

    def take_texts_from_occasion(self) -> None:
        if self.occasion_ref is not None:
            self.occasion, self.theme = self.occasion_ref.name, self.occasion_ref.theme

    @property
    def venue(self) -> str:
        return ", ".join(p for p in (self.room, self.building, self.city, self.country) if p)

    @property
    def slot_minutes(self) -> int:
        return schedule.minutes_between(self.start, self.end)

    def organisations_with_role(self, role: str) -> list[Organisation]:
        return [eo.organisation for eo in self.event_organisations.all() if eo.role == role]

    @property
    def organisers(self) -> list[Organisation]:
        return self.organisations_with_role(EventOrganisation.Role.ORGANISER)

    @property
    def co_hosts(self) -> list[Organisation]:
        return self.organisations_with_role(EventOrganisation.Role.CO_HOST)

    @property
    def supporters(self) -> list[Organisation]:
        return self.organisations_with_role(EventOrganisation.Role.SUPPORTER)

    def practical_note_lines(self) -> list[str]:
        return [line.strip() for line in self.practical_notes.splitlines() if line.strip()]

    def build_schedule(self) -> schedule.Schedule:
        """The computed agenda; reads `items` (prefetch it with `with_agenda()`)."""
        items = list(self.items.all())
        return schedule.compute(
            start=self.start,
            end=self.end,
            items=[schedule.ItemInput(minutes=i.minutes, fixed_start=i.fixed_start) for i in items],
            payloads=items,
        )

    def slot_of(self, item_pk: int) -> "schedule.Slot | None":
        """The computed slot of one of the event's items (None if it is not on the agenda)."""
        return next((s for s in self.build_schedule().slots if s.payload.pk == item_pk), None)

    @property
    def allocated_minutes(self) -> int:
        return self.build_schedule().allocated_minutes

    @property
    def free_minutes(self) -> int:
        return self.build_schedule().free_minutes


def touch_events(events: models.QuerySet, *, calendar_changed: bool = False) -> None:
    """Mark events as changed after an edit to something they show, in one statement.

    Moves `updated_at` (ETag, Last-Modified, cache keys) and, when the change
    is one a calendar shows, raises SEQUENCE so clients update in place.
    """
    changes: dict = {"updated_at": timezone.now()}
    if calendar_changed:
        changes["sequence"] = F("sequence") + 1
    events.update(**changes)
    generation.bump()  # cache hits read versions from the cache: end the ones kept


def touch_event(event_id: int, *, calendar_changed: bool = False) -> None:
    touch_events(Event.objects.filter(pk=event_id), calendar_changed=calendar_changed)


class EventOrganisation(models.Model):
    class Role(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        CO_HOST = "co-host", _("Co-host")
        SUPPORTER = "supporter", _("Supporter")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_organisations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="event_roles"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    display_name = models.CharField(
        validators=[validate_single_line],
        max_length=300,
        blank=True,
        help_text=_("How this event names the organisation, if not its usual name."),
    )
    position = models.PositiveIntegerField(default=0, db_index=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("organisation of the event")
        verbose_name_plural = "organisations of the event"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation", "role"], name="event_organisation_role_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["organiser", "co-host", "supporter"]),
                name="event_organisation_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    @property
    def name(self) -> str:
        return self.display_name or str(self.organisation)


class AgendaItem(TracksCalendarFields):
    class Kind(models.TextChoices):
        REMARKS = "remarks", _("Remarks")
        PANEL = "panel", _("Panel")
        DISCUSSION = "discussion", _("Discussion")
        BREAK = "break", _("Break")
        OTHER = "other", _("Other")

    CALENDAR_FIELDS = ("title", "minutes", "fixed_start", "position", "kind")
    CHANGED_WHEN_NEW = True  # a new item changes the agenda

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0, db_index=True)
    title = models.CharField(max_length=300, validators=[validate_single_line])
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(blank=True)
    minutes = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Minute budget. Leave empty to run until the next item or the event's end."),
    )
    fixed_start = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("Pin the item to a clock time (or a later day) instead of following on."),
    )
    summary = models.TextField(
        blank=True, help_text=_("What was said: shown once the event has taken place.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__isnull=True) | Q(minutes__gt=0),
                name="agenda_item_minutes_positive",
            ),
            single_line_constraint("title", "agenda_item_title_single_line"),
            *translated_single_line_constraints("title", "agenda_item_title"),
            models.UniqueConstraint(
                fields=["event", "position"], name="agenda_item_position_unique"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="agenda_item_title_not_empty"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        agenda_changed = self.calendar_fields_changed()
        super().save(*args, **kwargs)
        self.remember_calendar_fields()
        touch_event(self.event_id, calendar_changed=agenda_changed)

    def delete(self, *args, **kwargs):
        event_id = self.event_id
        result = super().delete(*args, **kwargs)
        touch_event(event_id, calendar_changed=True)
        return result

    def clean(self):
        if self.minutes is not None and self.minutes <= 0:
            raise ValidationError(
                {"minutes": "A minute budget must be at least 1 minute, or left empty."}
            )

    @property
    def calendar_uid(self) -> str:
        return f"{self.uid}@{settings.EVENTSITE_UID_DOMAIN}"

    def participations_by_role(self) -> dict[str, list["Participation"]]:
        grouped: dict[str, list[Participation]] = {}
        for participation in self.participations.all():
            grouped.setdefault(participation.role, []).append(participation)
        return grouped


class ParticipationQuerySet(models.QuerySet):
    def shown_publicly(self):
        """The one answer to "who is public": confirmed people, and invited ones where the
        event marks them "to be confirmed"; never anyone who declined, withdrew or
        withheld consent. Every page, JSON-LD, .ics, schedule.xml/json and the sitemap
        read their people through this."""
        return self.exclude(public_consent=False).filter(
            Q(status=Participation.Status.CONFIRMED)
            | Q(
                status=Participation.Status.INVITED,
                agenda_item__event__unconfirmed_people=Event.UnconfirmedPeople.MARK,
            )
        )

    def not_confirmed(self):
        return self.exclude(status=Participation.Status.CONFIRMED)

    def with_photo_consent(self):
        """`photo_withheld`: the person said no to appearing publicly somewhere, so no
        page shows their photo (in the same query, no extra one)."""
        return self.annotate(photo_withheld=photo_withheld("person_id"))


def photo_withheld(person_ref: str) -> models.Exists:
    """True where the person (`person_ref`, an outer field naming them) withheld
    consent on any of their participations."""
    return models.Exists(
        Participation.objects.filter(person_id=models.OuterRef(person_ref), public_consent=False)
    )


class Participation(models.Model):
    class Role(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        PANELIST = "panelist", _("Panelist")
        MODERATOR = "moderator", _("Moderator")
        CHAIR = "chair", _("Chair")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.SPEAKER)
    presentation_title = models.CharField(
        max_length=500, blank=True, validators=[validate_single_line]
    )
    position = models.PositiveIntegerField(default=0, db_index=True)
    # Organisers' own entries count as confirmed; an invitation makes the row "invited".
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.CONFIRMED
    )
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    # None: never asked (organisers' entries are public as before); False hides the person.
    public_consent = models.BooleanField(
        _("consents to appear publicly"),
        null=True,
        blank=True,
        help_text=_("Whether their name, photo and bio may appear on public pages and exports."),
    )
    note_to_organisers = models.TextField(_("note to the organisers"), blank=True)

    history = HistoricalRecords()
    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "person", "role"], name="participation_unique_role"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["invited", "confirmed", "declined", "withdrawn"]),
                name="participation_status_valid",
            ),
            # A withdrawal is always a change from an earlier answer, so it has its time.
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | Q(status_changed_at__isnull=False),
                name="participation_withdrawn_has_time",
            ),
            single_line_constraint("presentation_title", "participation_title_single_line"),
            *translated_single_line_constraints("presentation_title", "participation_title"),
            models.CheckConstraint(
                condition=Q(role__in=["speaker", "panelist", "moderator", "chair"]),
                name="participation_role_valid",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}"

    def clean(self):
        super().clean()
        if self.status == self.Status.WITHDRAWN and self.status_changed_at is None:
            raise ValidationError(
                {"status": _("Say when the person withdrew: set the time of the change.")}
            )

    def set_status(self, status: str, *, now: datetime | None = None) -> bool:
        """Change the status and stamp the time; False if it already was `status`."""
        if self.status == status:
            return False
        self.status = status
        self.status_changed_at = now or timezone.now()
        return True

    @property
    def to_be_confirmed(self) -> bool:
        return self.status == self.Status.INVITED


class Contact(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200, validators=[validate_single_line])
    email = models.EmailField()
    note = models.CharField(max_length=300, blank=True, validators=[validate_single_line])
    position = models.PositiveIntegerField(default=0, db_index=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="contact_email_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="contact_name_not_empty"),
            single_line_constraint("name", "contact_name_single_line"),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class DiscussionQuestion(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField(default=0, db_index=True)
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="question_text_not_empty"),
        ]

    def __str__(self):
        return self.text[:80]


class Outcome(models.Model):
    """The report written after the event: its summary and recommendations."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="outcome")
    title = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("The report's title."),
        validators=[validate_single_line],
    )
    summary = models.TextField(
        help_text=_("Summary of key points. Paragraphs separated by a blank line.")
    )
    recommendations_intro = models.TextField(blank=True)
    prepared_by = models.TextField(blank=True, help_text=_("Who prepared the report."))
    citation = models.TextField(blank=True, help_text=_("Suggested citation."))
    url = models.URLField(_("report URL"), blank=True)

    history = HistoricalRecords()

    def __str__(self):
        return self.title or f"Outcome of {self.event}"


class Recommendation(models.Model):
    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="recommendations")
    position = models.PositiveIntegerField(default=0, db_index=True)
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="recommendation_text_not_empty"),
        ]

    def __str__(self):
        return self.text[:80]


# Teams point at events by name; imported here so Django finds them with the app.
from .team_models import EventTeam, Membership, OccasionManager  # noqa: E402, F401
