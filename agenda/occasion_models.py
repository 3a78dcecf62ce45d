"""Occasions, venues and rooms: what side events are grouped in and held at.

An `Occasion` is the session or conference a side event is held around (the
fifth informal thematic session of the global compact, Vienna, 4–5 September
2017); occasions may sit in a parent occasion (the series of thematic
sessions). A `Venue` has `Room`s. An event points at an occasion and a room,
both optional: a one-off place stays free text on the event.

The event keeps its own text place (`room`, `building`, `city`, `country`),
which is what its page and calendar files show and what SEQUENCE follows;
choosing a room fills those texts from the room (`Event.take_place_from_room`).
"""

from __future__ import annotations

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.single_line import (
    single_line_constraint,
    translated_single_line_constraints,
    validate_single_line,
)

from .validators import validate_time_zone


class OccasionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Occasion.Status.PUBLISHED)


class Occasion(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    name = models.CharField(_("name"), max_length=500, validators=[validate_single_line])
    slug = models.SlugField(
        _("web address"),
        max_length=120,
        unique=True,
        help_text=_("The occasion's address: /occasions/<slug>/. Letters, digits and hyphens."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    theme = models.TextField(_("theme"), blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("IANA name of the zone the occasion happens in, e.g. Europe/Vienna."),
    )
    city = models.CharField(
        _("city"), max_length=120, blank=True, validators=[validate_single_line]
    )
    country = models.CharField(
        _("country"), max_length=120, blank=True, validators=[validate_single_line]
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
        help_text=_("The series or larger occasion this one belongs to, if any."),
    )
    updated_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OccasionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("occasion")
        verbose_name_plural = _("occasions")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="occasion_name_not_empty"),
            single_line_constraint("name", "occasion_name_single_line"),
            *translated_single_line_constraints("name", "occasion_name"),
            models.CheckConstraint(condition=~Q(slug=""), name="occasion_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="occasion_ends_on_or_after_start"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="occasion_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="occasion_not_its_own_parent"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agenda:occasion_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last day cannot be before the first day.")
        ancestor, seen = self.parent, set()
        while ancestor is not None and self.pk is not None:
            if ancestor.pk == self.pk:
                errors["parent"] = _("An occasion cannot be part of itself.")
                break
            if ancestor.pk in seen:
                break
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
        if errors:
            raise ValidationError(errors)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    city = models.CharField(
        _("city"), max_length=120, blank=True, validators=[validate_single_line]
    )
    country = models.CharField(
        _("country"), max_length=120, blank=True, validators=[validate_single_line]
    )

    class Meta:
        ordering = ["name", "city"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="venue_name_not_empty"),
            single_line_constraint("name", "venue_name_single_line"),
            models.UniqueConstraint(
                fields=["name", "city", "country"], name="venue_name_city_unique"
            ),
        ]

    def __str__(self):
        return ", ".join(p for p in (self.name, self.city) if p)


class Room(models.Model):
    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("venue")
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_single_line])
    building = models.CharField(
        _("building"), max_length=200, blank=True, validators=[validate_single_line]
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    accessibility_note = models.CharField(
        _("accessibility note"),
        max_length=300,
        blank=True,
        validators=[validate_single_line],
        help_text=_("e.g. step-free entrance from the east lift; hearing loop."),
    )

    class Meta:
        ordering = ["venue__name", "name"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [
            models.CheckConstraint(condition=~Q(name=""), name="room_name_not_empty"),
            single_line_constraint("name", "room_name_single_line"),
            models.UniqueConstraint(
                fields=["venue", "building", "name"], name="room_name_unique_in_venue"
            ),
        ]

    def __str__(self):
        return " · ".join(p for p in (self.name, self.building or self.venue.name) if p)


def room_for_place(*, name: str, building: str, city: str, country: str) -> Room:
    """The room named on an event (created with its venue when new): the admin's
    "new room" box, so a room needs no pop-up window."""
    venue, _created = Venue.objects.get_or_create(
        name=building or city or name, city=city, country=country
    )
    room, _created = Room.objects.get_or_create(venue=venue, building=building, name=name)
    return room
