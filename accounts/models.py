"""A manager's invitation of a colleague to their organisation's team, and the
account e-mails (invitations, password resets, "your password was changed"),
kept as an outbox written in the same transaction as the change causing them.

An invitation is for one address, one organisation and one role; it is used once
(`accepted_at`) and refused after `expires_at`. A `SignInRule` says whether an
organisation's team must use two-factor sign-in (accounts.two_factor); the
authenticator apps themselves are django-otp's `TOTPDevice` rows.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agenda.team_models import TeamRole


class ColleagueInvitation(models.Model):
    organisation = models.ForeignKey(
        "speakers.Organisation",
        on_delete=models.CASCADE,
        related_name="colleague_invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("colleague's invitation")
        verbose_name_plural = _("colleagues' invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=TeamRole.values), name="colleague_invitation_role_valid"
            ),
            models.CheckConstraint(
                condition=~Q(email=""), name="colleague_invitation_email_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="colleague_invitation_expires_after_sending",
            ),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.role and self.role not in TeamRole.values:
            raise ValidationError({"role": _("Choose manager or editor.")})
        if self.expires_at and self.created_at and self.expires_at <= self.created_at:
            raise ValidationError({"expires_at": _("An invitation expires after it is sent.")})

    def is_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at


class AccountMail(models.Model):
    """An e-mail written in the same transaction as what caused it; delivered by
    `common.outbox` right after the commit and by `manage.py send_outbox`."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (no more retries)")

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("Invitation to a team")
        PASSWORD_RESET = "password_reset", _("Password reset")
        PASSWORD_CHANGED = "password_changed", _("Password changed")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    invitation = models.ForeignKey(
        ColleagueInvitation, on_delete=models.CASCADE, null=True, blank=True, related_name="mails"
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
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
                name="account_mail_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["invitation", "password_reset", "password_changed"]),
                name="account_mail_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"

    @property
    def message_id(self) -> str:
        return f"<account-{self.uid}@{settings.EVENTSITE_UID_DOMAIN}>"


class SignInRule(models.Model):
    """How an organisation's team signs in: "Members must use two-factor sign-in".

    Kept here rather than on `speakers.Organisation`: who may change it is a team
    question (its managers), which speakers cannot ask, and the rule is read only
    by accounts. No row is the same as not required.
    """

    organisation = models.OneToOneField(
        "speakers.Organisation",
        on_delete=models.CASCADE,
        related_name="sign_in_rule",
        verbose_name=_("organisation"),
    )
    two_factor_required = models.BooleanField(
        _("Members must use two-factor sign-in"), default=False
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("team's sign-in rule")
        verbose_name_plural = _("teams' sign-in rules")
        # One per organisation: the OneToOneField is unique in the database, and
        # full_clean() says so in words before the database is asked.

    def __str__(self):
        return f"{self.organisation}: {self.two_factor_required}"
