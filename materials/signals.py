"""A document added, changed or removed changes the event's page and exports."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from agenda.models import touch_event

from .models import Attachment


@receiver([post_save, post_delete], sender=Attachment)
def attachment_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch_event(instance.event_id)


@receiver(post_delete, sender=Attachment)
def attachment_deleted(sender, instance, **kwargs):
    # The stored file goes with its row, once the deletion is committed.
    if instance.file:
        from django.db import transaction

        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
