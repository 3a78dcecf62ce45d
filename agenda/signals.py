"""Keep each event's `updated_at` honest when something it shows changes."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from common import generation
from speakers.models import Organisation, Person

from .models import (
    Contact,
    DiscussionQuestion,
    Event,
    EventOrganisation,
    Occasion,
    Outcome,
    Participation,
    Recommendation,
    Room,
    Venue,
    touch_event,
    touch_events,
)


@receiver([post_save, post_delete], sender=Event)
def event_changed(sender, instance, **kwargs):
    # Its version (updated_at, sequence, status, times) is kept for cache hits; even a
    # raw save (loaddata) replaces it.
    generation.bump()


@receiver([post_save, post_delete], sender=Contact)
@receiver([post_save, post_delete], sender=DiscussionQuestion)
@receiver([post_save, post_delete], sender=EventOrganisation)
@receiver([post_save, post_delete], sender=Outcome)
def event_child_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_event(instance.event_id)


@receiver([post_save, post_delete], sender=Recommendation)
def recommendation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        for event_id in Outcome.objects.filter(pk=instance.outcome_id).values_list(
            "event_id", flat=True
        ):
            touch_event(event_id)


@receiver([post_save, post_delete], sender=Participation)
def participation_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if instance.public_consent is False:
        # Consent withheld here hides their photo on every event they appear in
        # (agenda.models.photo_withheld): no cached page may keep showing it.
        touch_events(Event.objects.filter(items__participations__person_id=instance.person_id))
    else:
        touch_event(instance.agenda_item.event_id)


@receiver(post_save, sender=Person)
def person_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_events(Event.objects.filter(items__participations__person=instance))


@receiver(post_save, sender=Organisation)
def organisation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_events(
            Event.objects.filter(
                Q(event_organisations__organisation=instance)
                | Q(items__participations__person__organisation=instance)
            )
        )


@receiver([post_save, post_delete], sender=Occasion)
def occasion_changed(sender, instance, raw=False, **kwargs):
    # Its events' pages name it and link to it.
    if not raw:
        touch_events(Event.objects.filter(occasion_ref_id=instance.pk))


@receiver([post_save, post_delete], sender=Room)
@receiver([post_save, post_delete], sender=Venue)
def place_changed(sender, instance, raw=False, **kwargs):
    # Occasion pages head their columns with the room and venue.
    if not raw:
        field = "room_ref_id" if sender is Room else "room_ref__venue_id"
        touch_events(Event.objects.filter(**{field: instance.pk}))
