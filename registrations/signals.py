"""Tell registrants when the organisers change what their calendar shows.

Before an event is saved, what a calendar shows (title, time, place, whether it
is cancelled) is compared with the stored row; after the save, notices for the
registrants are written to the outbox in the same transaction, held until an
organiser confirms them in the admin. Bulk `QuerySet.update()` sends no signals
and so notifies nobody: change events through `save()` (as the admin does).
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from agenda.models import Event, touch_event

from . import mail, services
from .models import Registration, RegistrationSettings

_CHANGES = "_registration_changes"


def _as_loaded(instance: Event) -> Event | None:
    """The event as a calendar showed it before this save (`Event.calendar_changes`)."""
    changes = instance.calendar_changes(complete=True)
    if changes is None:
        return None
    values = {name: getattr(instance, name) for name in Event.CALENDAR_FIELDS}
    return Event(**{**values, **changes})


def notice_changes(before: Event, after: Event) -> dict[str, str]:
    """{"Time": what it was, …} for every calendar fact that changed, plus "Status"
    when the event was cancelled or brought back."""
    old, new = mail.calendar_facts(before), mail.calendar_facts(after)
    changes = {label: old[label] for label in old if old[label] != new[label]}
    if before.is_cancelled != after.is_cancelled:
        changes["Status"] = before.get_status_display()
    return changes


@receiver(pre_save, sender=Event)
def remember_calendar_changes(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance._state.adding:
        return
    before = _as_loaded(instance)
    if before is not None:
        setattr(instance, _CHANGES, notice_changes(before, instance))


@receiver(post_save, sender=Event)
def notify_registrants(sender, instance, created=False, raw=False, **kwargs):
    changes = instance.__dict__.pop(_CHANGES, None)
    if raw or created or not changes:
        return
    if not instance.registrations.exists():
        return
    services.event_changed(event_id=instance.pk, changes=changes)


@receiver([post_save, post_delete], sender=Registration)
@receiver([post_save, post_delete], sender=RegistrationSettings)
def seats_changed(sender, instance, raw=False, **kwargs):
    """The event page shows seats and the registration state: move its ETag and cache key."""
    if not raw:
        touch_event(instance.event_id)
