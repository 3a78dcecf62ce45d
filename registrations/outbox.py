"""Delivering the outbox: each message once, failures retried with backoff.

Each message is sent inside its own transaction that holds its row lock
(`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL), so two senders running at
once (the after-commit one and `manage.py send_outbox`) never send it twice.

A message that can never be sent (`is_permanent()`: it cannot be built, or the
server refused it for good with a 5xx) is marked failed at its first attempt,
with the reason, so organisers see it in the admin's outbox at once instead
of after ten retries.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone

from common import outbox
from common.outbox import (  # noqa: F401 - the names registrations' callers and tests use
    FIRST_RETRY,
    LONGEST_WAIT,
    MAX_ATTEMPTS,
    Report,
    backoff,
    is_permanent,
)

from .mail import build_email
from .models import OutboxMessage


def send_pending(
    *,
    ids: Iterable[int] | None = None,
    now: datetime | None = None,
    ignore_backoff: bool = False,
) -> Report:
    """Send pending messages (all that are due, or just `ids`), oldest first."""
    return outbox.send_pending(
        OutboxMessage, build_email, ids=ids, now=now, ignore_backoff=ignore_backoff
    )


def send_after_commit(ids: Iterable[int]) -> None:
    """Queue delivery of these messages for when the current transaction commits.

    A failure here never reaches the attendee: the message stays in the outbox.
    """
    outbox.send_after_commit(send_pending, ids)


def retry(messages) -> int:
    """Make failed or waiting messages due now (admin action)."""
    return messages.filter(
        status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.FAILED]
    ).update(status=OutboxMessage.Status.PENDING, next_attempt_at=timezone.now())
