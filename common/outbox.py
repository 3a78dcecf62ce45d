"""Delivering an outbox table: each message once, failures retried with backoff.

Any app that writes e-mails in the same transaction as the change causing them
keeps them in a model with the fields `status` ("pending", "sent", "failed"),
`attempts`, `next_attempt_at`, `last_error`, `sent_at` and `created_at`, and
delivers them with `send_pending(model, build)`; `build(row, connection=…)`
returns the EmailMessage. Each row is sent inside its own transaction that holds
its row lock (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL), so two senders
running at once never send it twice.

`manage.py send_outbox` runs every sender registered with `register_sender`, so an
app's mail goes out with registrations' without either naming the other.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.headerregistry import Address

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
PENDING, SENT, FAILED = "pending", "sent", "failed"


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


def envelope(message, *, connection=None) -> dict:
    """The EmailMessage arguments every outbox row shares: subject, text, sender,
    recipient, reply-to, and the row's own Message-ID (`message.message_id`), so a
    repeat after a crash carries the same one."""
    return {
        "subject": message.subject,
        "body": message.text_body,
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "to": [str(Address(display_name=message.to_name, addr_spec=message.to_email))],
        "reply_to": [message.reply_to] if message.reply_to else None,
        "connection": connection,
        "headers": {"Message-ID": message.message_id, "Auto-Submitted": "auto-generated"},
    }


@dataclass
class Report:
    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)  # will be retried
    gave_up: list[int] = field(default_factory=list)

    def add(self, other: Report) -> None:
        self.sent += other.sent
        self.failed += other.failed
        self.gave_up += other.gave_up


def send_pending(
    model,
    build: Callable,
    *,
    ids: Iterable[int] | None = None,
    now: datetime | None = None,
    ignore_backoff: bool = False,
) -> Report:
    """Send `model`'s pending rows (all that are due, or just `ids`), oldest first."""
    now = now or timezone.now()
    pending = model.objects.filter(status=PENDING)
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
            _send_one(model, build, pk, connection=connection, now=now, report=report)
    finally:
        _close(connection)
    return report


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:  # a connection that never opened may fail to close
        logger.debug("Closing the mail connection failed", exc_info=True)


def _send_one(model, build, pk: int, *, connection, now: datetime, report: Report) -> None:
    with transaction.atomic():
        message = model.objects.select_for_update(skip_locked=True).filter(pk=pk, status=PENDING)
        message = message.first()
        if message is None:
            return  # sent meanwhile, or being sent by another sender
        message.attempts += 1
        try:
            build(message, connection=connection).send()
        except Exception as error:
            message.last_error = f"{type(error).__name__}: {error}"[:2000]
            if message.attempts >= MAX_ATTEMPTS or is_permanent(error):
                message.status = FAILED
                report.gave_up.append(pk)
            else:
                message.next_attempt_at = now + backoff(message.attempts)
                report.failed.append(pk)
            logger.warning("Outbox message %s not sent: %s", pk, message.last_error)
            # The connection may be half-open after an error; start afresh next time.
            _close(connection)
        else:
            message.status = SENT
            message.sent_at = timezone.now()
            message.last_error = ""
            report.sent.append(pk)
        message.save(
            update_fields=["attempts", "status", "sent_at", "last_error", "next_attempt_at"]
        )


def send_after_commit(send: Callable, ids: Iterable[int]) -> None:
    """Queue `send(ids=…)` for when the current transaction commits.

    A failure here never reaches the person: the message stays in the outbox.
    """
    ids = list(ids)
    if not ids:
        return

    def deliver():
        try:
            send(ids=ids)
        except Exception:
            logger.exception("Sending outbox messages %s after commit failed", ids)

    transaction.on_commit(deliver)


_senders: list[Callable] = []


def register_sender(func: Callable) -> Callable:
    """`func(now=…, ignore_backoff=…) -> Report`, run by `manage.py send_outbox`."""
    if func not in _senders:
        _senders.append(func)
    return func


def run_senders(*, now: datetime | None = None, ignore_backoff: bool = False) -> Report:
    report = Report()
    for func in _senders:
        report.add(func(now=now, ignore_backoff=ignore_backoff))
    return report
