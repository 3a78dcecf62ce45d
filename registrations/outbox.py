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

import logging
import smtplib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from .mail import build_email
from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)


def backoff(attempts: int) -> timedelta:
    """1, 2, 4, 8 … minutes after the 1st, 2nd, 3rd, 4th … failure, at most 6 hours."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def is_permanent(error: Exception) -> bool:
    """True when sending again cannot help: the message cannot be built (a
    header that cannot hold its text raises ValueError, Django's BadHeaderError
    is one), or the SMTP server answered 5xx for the message or every recipient.
    A refused login or sender is the site's set-up, not the message: retried."""
    if isinstance(error, ValueError | UnicodeError):
        return True
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPDataError):
        return error.smtp_code >= 500
    return False


@dataclass
class Report:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)  # will be retried
    gave_up: list[int] = field(default_factory=list)


def send_pending(
    *,
    ids: Iterable[int] | None = None,
    now: datetime | None = None,
    ignore_backoff: bool = False,
) -> Report:
    """Send pending messages (all that are due, or just `ids`), oldest first."""
    now = now or timezone.now()
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    if not ignore_backoff:
        pending = pending.filter(next_attempt_at__lte=now)
    report = Report()
    candidates = list(pending.order_by("created_at", "pk").values_list("pk", flat=True))
    if not candidates:
        return report
    connection = get_connection()
    try:
        for pk in candidates:
            _send_one(pk, connection=connection, now=now, report=report)
    finally:
        try:
            connection.close()
        except Exception:  # a connection that never opened may fail to close
            logger.debug("Closing the mail connection failed", exc_info=True)
    return report


def _send_one(pk: int, *, connection, now: datetime, report: Report) -> None:
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=OutboxMessage.Status.PENDING)
            .first()
        )
        if message is None:
            return  # sent meanwhile, or being sent by another sender
        message.attempts += 1
        try:
            build_email(message, connection=connection).send()
        except Exception as error:
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= MAX_ATTEMPTS or is_permanent(error):
                message.status = OutboxMessage.Status.FAILED
                report.gave_up.append(pk)
            else:
                message.next_attempt_at = now + backoff(message.attempts)
                report.failed.append(pk)
            logger.warning("Outbox message %s not sent: %s", pk, message.last_error)
            # The connection may be half-open after an error; start afresh next time.
            try:
                connection.close()
            except Exception:
                logger.debug("Closing the mail connection failed", exc_info=True)
        else:
            message.status = OutboxMessage.Status.SENT
            message.sent_at = timezone.now()
            message.last_error = ""
            report.sent.append(pk)
        message.save(
            update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"]
        )


def send_after_commit(ids: Iterable[int]) -> None:
    """Queue delivery of these messages for when the current transaction commits.

    A failure here never reaches the attendee: the message stays in the outbox.
    """
    ids = list(ids)
    if not ids:
        return

    def deliver():
        try:
            send_pending(ids=ids)
        except Exception:
            logger.exception("Sending outbox messages %s after commit failed", ids)

    transaction.on_commit(deliver)


def retry(messages) -> int:
    """Make failed or waiting messages due now (admin action)."""
    return messages.filter(
        status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.FAILED]
    ).update(status=OutboxMessage.Status.PENDING, next_attempt_at=timezone.now())
