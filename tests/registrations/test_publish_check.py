"""Registrations' advisory on the checklist before publishing: no registration settings."""

import pytest

from agenda import publishing
from registrations.models import RegistrationSettings
from tests.support.registrations import make_registration_event

pytestmark = pytest.mark.django_db

ADVICE = "No registration settings: attendees cannot register."


def advisories(event) -> list[str]:
    return [c.message for c in publishing.checklist(event) if not c.blocking]


def test_an_event_without_registration_settings_is_advised():
    event = make_registration_event()
    assert ADVICE not in advisories(event)
    RegistrationSettings.objects.filter(event=event).delete()
    assert ADVICE in advisories(event)
