"""What registrations adds to the checklist before an event is published (agenda.hooks)."""

from django.utils.translation import gettext as _

from .models import RegistrationSettings


def advisories(event) -> list[str]:
    if RegistrationSettings.objects.filter(event_id=event.pk).exists():
        return []
    return [_("No registration settings: attendees cannot register.")]
