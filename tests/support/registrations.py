"""Builders for the registration tests: an upcoming event that takes registrations."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage as ParsedMessage

from agenda.models import Contact, Event
from registrations.models import RegistrationSettings
from registrations.services import Details
from tests.support.builders import add_items, local, make_event

CONTACT_NAME = "Julia de Bresser"
CONTACT_EMAIL = "jdebresser@iom.int"


def make_registration_event(
    *, capacity: int | None = 10, waiting_list: bool = True, is_open: bool = True, **overrides
) -> Event:
    """4 September 2030, 13:15–14:45 CEST in Vienna, with a contact, an agenda and
    registration open."""
    fields = {
        "title": "Supporting New Models of Cooperation to Counter Migrant Smuggling",
        "start": local(2030, 9, 4, 13, 15),
        "end": local(2030, 9, 4, 14, 45),
        "room": "Board Room A",
        "building": "Vienna International Centre",
        "city": "Vienna",
        "country": "Austria",
    }
    fields.update(overrides)
    event = make_event(**fields)
    Contact.objects.create(event=event, name=CONTACT_NAME, email=CONTACT_EMAIL)
    add_items(event, [7, 30, 30, None])
    RegistrationSettings.objects.create(
        event=event, is_open=is_open, capacity=capacity, waiting_list=waiting_list
    )
    event.refresh_from_db()
    return event


def details(n: int = 1, **overrides) -> Details:
    fields = {
        "name": "Jørgen Carling" if n == 1 else f"Jørgen Carling {n}",
        "email": f"jorgen{n}@prio.example",
        "organisation": "Peace Research Institute Oslo",
        "affiliation_type": "academia",
        "needs": "",
        "refreshments": True,
    }
    fields.update(overrides)
    return Details(**fields)


def form_data(n: int = 1, **overrides) -> dict:
    data = {
        "name": "Jørgen Carling",
        "email": f"jorgen{n}@prio.example",
        "organisation": "Peace Research Institute Oslo",
        "affiliation_type": "academia",
        "needs": "Vegetarian",
        "refreshments": "on",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def parse(raw: bytes) -> ParsedMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def mime_tree(message, depth: int = 0) -> list[str]:
    """['multipart/mixed', '  multipart/alternative', '    text/plain', …]"""
    lines = ["  " * depth + message.get_content_type()]
    if message.is_multipart():
        for part in message.iter_parts():
            lines += mime_tree(part, depth + 1)
    return lines


def calendar_part(message):
    return next(part for part in message.walk() if part.get_content_type() == "text/calendar")


# How every registration e-mail with a calendar invitation is laid out (RFC 6047).
INVITATION_TREE = [
    "multipart/mixed",
    "  multipart/alternative",
    "    text/plain",
    "    text/html",
    "    text/calendar",
    "  application/ics",
]
