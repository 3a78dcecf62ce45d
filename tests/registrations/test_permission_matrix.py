"""Who may open what in registrations: public form and manage link, and the admin
pages of registration settings, registrations and outgoing notices, for
anonymous visitors, organisers and superusers, with a draft and a published event.

Organisers (migration registrations 0002) set up registration, list, export and
promote registrations and review notices; registrations are made only through the
public form (no "add" for anyone) and are cancelled, not deleted, by organisers.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from agenda.models import Event
from registrations.models import OutboxMessage, Registration, RegistrationSettings
from registrations.services import register
from registrations.tokens import manage_token
from tests.support.permissions import (
    FORBIDDEN,
    LOGIN,
    NOT_FOUND,
    OK,
    ROLES,
    STATES,
    Row,
    admin_object_rows,
    is_registration_url,
    named_urls,
    same,
    status_of,
)
from tests.support.registrations import details, make_registration_event

pytestmark = pytest.mark.django_db


def public_event() -> dict:
    return {"draft": (NOT_FOUND, NOT_FOUND, NOT_FOUND), "published": (OK, OK, OK)}


def registration_rows(event: Event) -> list[Row]:
    settings = RegistrationSettings.objects.get(event=event)
    registration = Registration.objects.filter(event=event).first()
    notice = OutboxMessage.objects.filter(event=event).first()
    slug = {"slug": event.slug}
    table = [
        # The public form is for public events only, staff included: it counts real seats.
        Row("register form", reverse("registrations:register", kwargs=slug), **public_event()),
        Row("register thanks", reverse("registrations:thanks", kwargs=slug), **public_event()),
        Row(
            "manage link",
            reverse("registrations:manage", kwargs={"token": manage_token(registration)}),
            **same(OK, OK, OK),
        ),
        Row(
            "manage link, forged",
            reverse("registrations:manage", kwargs={"token": "not-a-token"}),
            **same(NOT_FOUND, NOT_FOUND, NOT_FOUND),
        ),
        Row("privacy notice", reverse("registrations:privacy"), **same(OK, OK, OK)),
        Row(
            "registrations app",
            reverse("admin:app_list", args=["registrations"]),
            **same(LOGIN, OK, OK),
        ),
        Row(
            "notices review",
            reverse("admin:registrations_outboxmessage_review", args=[event.pk]),
            **same(LOGIN, OK, OK),
        ),
    ]
    for prefix, obj, add, delete in (
        ("registrations_registrationsettings", settings, OK, FORBIDDEN),
        ("registrations_registration", registration, FORBIDDEN, FORBIDDEN),
        ("registrations_outboxmessage", notice, FORBIDDEN, FORBIDDEN),
    ):
        table += admin_object_rows(
            prefix,
            obj,
            organiser=OK,
            add=(add, OK if add == OK else FORBIDDEN),
            delete=(delete, OK),
        )
    return table


def registration_world(state: str) -> Event:
    event = make_registration_event(slug="registration-side-event")
    register(event=event, details=details(1))
    Event.objects.filter(pk=event.pk).update(status=state)
    return Event.objects.get(pk=event.pk)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_registration_permission_matrix(users, state, role):
    client = Client()
    event = registration_world(state)
    if role != "anonymous":
        client.force_login(users[role])
    table = registration_rows(event)
    wrong = [
        f"{row.name}: got {got}, expected {row.expected(state, role)}"
        for row in table
        if (got := status_of(client, row)) != row.expected(state, role)
    ]
    assert not wrong, "\n".join(wrong)
    assert len(table) == 22


def test_the_table_covers_every_registration_url(users):
    from django.urls import get_resolver, resolve

    event = registration_world(Event.Status.PUBLISHED)
    covered = {resolve(row.url).view_name for row in registration_rows(event)}
    every = {n for n in named_urls(get_resolver().url_patterns) if is_registration_url(n)}
    assert every
    assert every - covered == set()
