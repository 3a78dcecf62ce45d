"""An invitation per participation, and the e-mails it causes (an outbox, like registrations').

One `Invitation` row per participation, however often it is sent: re-sending adds
a mail row, never a second invitation, and the link stays the same.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import Participation
from speakers.models import Person


class Invitation(models.Model):
    participation = models.OneToOneField(
        Participation, on_delete=models.CASCADE, related_name="invitation"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail"))
    first_sent_at = models.DateTimeField(default=timezone.now)
    last_sent_at = models.DateTimeField(default=timezone.now)
    times_sent = models.PositiveIntegerField(default=1)
    reminders_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(reminders_sent__lte=2), name="invitation_at_most_two_reminders"
            ),
            models.CheckConstraint(condition=~Q(email=""), name="invitation_email_not_empty"),
        ]

    def __str__(self):
        return f"{self.participation} <{self.email}>"


class InvitationMail(models.Model):
    """An e-mail written in the same transaction as the invitation or reminder causing it.

    Delivered by `common.outbox` right after the commit and by `manage.py send_outbox`.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (no more retries)")

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation")
        REMINDER = "reminder", _("Reminder")

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="mails")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    to_email = models.EmailField(max_length=254)
    to_name = models.CharField(max_length=200, blank=True)
    reply_to = models.EmailField(max_length=254, blank=True)
    subject = models.CharField(max_length=300)
    text_body = models.TextField()
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "sent", "failed"]),
                name="invitation_mail_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["invitation", "reminder"]),
                name="invitation_mail_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"

    @property
    def message_id(self) -> str:
        return f"<invitation-{self.uid}@{settings.EVENTSITE_UID_DOMAIN}>"


class Proposal(models.Model):
    """A correction a speaker made through their link, waiting for an organiser."""

    class Field(models.TextChoices):
        HONORIFIC = "honorific", _("Honorific")
        FULL_NAME = "full_name", _("Name as printed")
        POSITION = "position", _("Position")
        ORGANISATION = "organisation", _("Organisation")
        BIO = "bio", _("Short bio")
        TALK_TITLE = "presentation_title", _("Talk title")
        # The value is the stored name of the re-encoded photo (speakers.photos).
        PHOTO = "photo", _("Photo")

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="proposals"
    )
    field = models.CharField(max_length=20, choices=Field.choices)
    value = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    accepted = models.BooleanField(null=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    field__in=[
                        "honorific",
                        "full_name",
                        "position",
                        "organisation",
                        "bio",
                        "presentation_title",
                        "photo",
                    ]
                ),
                name="proposal_field_valid",
            ),
            models.CheckConstraint(
                condition=Q(accepted__isnull=True, decided_at__isnull=True)
                | Q(accepted__isnull=False, decided_at__isnull=False),
                name="proposal_decided_with_time",
            ),
        ]

    def __str__(self):
        return f"{self.get_field_display()}: {self.value[:60]}"

    @property
    def photo_url(self) -> str:
        """Where the organiser sees a proposed photo (the storage of people's photos)."""
        if self.field != self.Field.PHOTO or not self.value:
            return ""
        return Person._meta.get_field("photo").storage.url(self.value)
