"""Reads for the registration pages and the admin."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone

from agenda.models import Event

from . import admission, tokens
from .models import Registration, RegistrationSettings


def availability(event: Event, *, now: datetime | None = None) -> admission.Availability:
    """Whether the event takes registrations now, with its seat count: one query."""
    settings = (
        RegistrationSettings.objects.filter(event_id=event.pk)
        .annotate(
            confirmed=Count(
                "event__registrations",
                filter=Q(event__registrations__status=Registration.Status.CONFIRMED),
            )
        )
        .first()
    )
    return admission.availability(
        now=now or timezone.now(),
        event_start=event.start,
        event_end=event.end,
        event_published=event.status == Event.Status.PUBLISHED,
        settings=settings,
        confirmed=settings.confirmed if settings is not None else 0,
    )


def registration_for_token(token: str) -> Registration | None:
    uid = tokens.uid_from_token(token)
    if uid is None:
        return None
    try:
        return Registration.objects.select_related("event").get(uid=uid, anonymised_at__isnull=True)
    except (Registration.DoesNotExist, ValueError):
        return None


def counts_by_event(event_ids) -> dict[int, dict[str, int]]:
    """{event id: {confirmed, waiting, cancelled, refreshments}} in one query."""
    status = Registration.Status
    rows = (
        Registration.objects.filter(event_id__in=list(event_ids))
        .values("event_id")
        .annotate(
            confirmed=Count("pk", filter=Q(status=status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=status.WAITING)),
            cancelled=Count("pk", filter=Q(status=status.CANCELLED)),
            refreshments=Count("pk", filter=Q(status=status.CONFIRMED, refreshments=True)),
        )
        .order_by()
    )
    empty = {"confirmed": 0, "waiting": 0, "cancelled": 0, "refreshments": 0}
    found = {row.pop("event_id"): row for row in rows}
    return {event_id: found.get(event_id, dict(empty)) for event_id in event_ids}
