"""What the timekeeper records while an event runs: one Run per event, and the
actual start and end of each agenda item with who recorded them.

`Run.step` counts the presses; a press names the step it was made on, so a
second device pressing on the same step changes nothing (runofshow.services).
Corrections afterwards are made in the admin; both models keep their history.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agenda.models import AgendaItem, Event


class Run(models.Model):
    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="run")
    current = models.PositiveIntegerField(
        _("item on now"),
        null=True,
        blank=True,
        help_text=_("Position in the agenda, from 0; empty before the start."),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    step = models.PositiveIntegerField(_("presses"), default=0, editable=False)
    # Moves on every press and correction: part of now.json's ETag.
    updated_at = models.DateTimeField(auto_now=True)
    show_in_outcome = models.BooleanField(
        _("show planned against actual in the outcome"),
        default=False,
        help_text=_("After the event, the public page shows how long each item ran."),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("run of show")
        verbose_name_plural = _("runs of show")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(current__isnull=False),
                name="run_ends_after_it_starts",
                violation_error_message=_("A run can only end once an item has started."),
            )
        ]

    def __str__(self):
        return str(_("Run of show: %(title)s") % {"title": self.event.title})

    def clean(self):
        if self.ended_at is not None and self.current is None:
            raise ValidationError({"ended_at": _("A run can only end once an item has started.")})


class ItemTiming(models.Model):
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="timings")
    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="timing")
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    started_by = models.CharField(_("start recorded by"), max_length=150, blank=True)
    ended_by = models.CharField(_("end recorded by"), max_length=150, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("item timing")
        verbose_name_plural = _("item timings")
        ordering = ["item__position", "item__pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True)
                | (Q(started_at__isnull=False) & Q(ended_at__gte=F("started_at"))),
                name="item_timing_ends_after_it_starts",
                violation_error_message=_("An item ends after it starts."),
            )
        ]

    def __str__(self):
        return self.item.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Run.objects.filter(pk=self.run_id).update(updated_at=timezone.now())

    def clean(self):
        if self.ended_at is not None and (
            self.started_at is None or self.ended_at < self.started_at
        ):
            raise ValidationError({"ended_at": _("An item ends after it starts.")})
        if self.run_id and self.item_id and self.item.event_id != self.run.event_id:
            raise ValidationError({"item": _("The item belongs to another event.")})
