import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.models import Event
from common.single_line import single_line_constraint, validate_single_line


class RegistrationSettings(models.Model):
    """How an event takes registrations. An event without settings takes none."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="registration_settings"
    )
    is_open = models.BooleanField(
        _("registration open"),
        default=False,
        help_text=_("Untick to close registration at once, whatever the times below say."),
    )
    opens_at = models.DateTimeField(
        _("opens at"), null=True, blank=True, help_text=_("Leave empty to open straight away.")
    )
    closes_at = models.DateTimeField(
        _("closes at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close when the event starts."),
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Seats in the room. Leave empty for no limit.")
    )
    waiting_list = models.BooleanField(
        _("waiting list"),
        default=True,
        help_text=_(
            "Once every seat is taken, put people on a waiting list "
            "(otherwise they are told the event is full)."
        ),
    )

    class Meta:
        verbose_name = _("registration settings")
        verbose_name_plural = "registration settings"
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="registration_closes_after_opening",
            ),
        ]

    def __str__(self):
        return f"Registration for {self.event}"

    def clean(self):
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "Registration must close after it opens."})


class RegistrationQuerySet(models.QuerySet):
    def for_email(self, email: str):
        return self.filter(email__iexact=email.strip(), anonymised_at__isnull=True)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=Registration.Status.WAITING).order_by("registered_at", "pk")

    def counts(self) -> dict[str, int]:
        """Confirmed, waiting and cancelled, and the refreshments headcount (confirmed only)."""
        status = Registration.Status
        return self.aggregate(
            confirmed=Count("pk", filter=Q(status=status.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=status.WAITING)),
            cancelled=Count("pk", filter=Q(status=status.CANCELLED)),
            refreshments=Count("pk", filter=Q(status=status.CONFIRMED, refreshments=True)),
        )


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Affiliation(models.TextChoices):
        GOVERNMENT = "government", _("Government")
        INTERNATIONAL_ORGANISATION = "international-organisation", _("International organisation")
        CIVIL_SOCIETY = "civil-society", _("Civil society")
        ACADEMIA = "academia", _("Academia")
        MEDIA = "media", _("Media")
        OTHER = "other", _("Other")

    class CancelledBy(models.TextChoices):
        ATTENDEE = "attendee", _("The attendee")
        ORGANISERS = "organisers", _("The organisers")

    # Part of the private manage link; replaced when the data is anonymised.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField(max_length=10, choices=Status.choices)
    name = models.CharField(max_length=200, validators=[validate_single_line])
    email = models.EmailField(_("e-mail"), max_length=254)
    organisation = models.CharField(max_length=300, blank=True, validators=[validate_single_line])
    affiliation_type = models.CharField(
        _("affiliation type"), max_length=40, choices=Affiliation.choices
    )
    needs = models.TextField(_("access or dietary needs"), blank=True)
    # The language of the page they registered on: their e-mails are written in it.
    language = models.CharField(
        _("language"),
        max_length=7,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of their e-mails: the one of the page they registered on."),
    )
    refreshments = models.BooleanField(_("joins the refreshments before the event"), default=False)
    consent_at = models.DateTimeField(
        _("agreed to the privacy notice at"), null=True, blank=True, editable=False
    )
    # Waiting-list order: set again when a cancelled registration is renewed.
    registered_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True, editable=False)
    cancelled_by = models.CharField(
        max_length=12, choices=CancelledBy.choices, blank=True, editable=False
    )
    # The SEQUENCE of the last invitation or cancellation written to this person,
    # so the next one is never lower than what their calendar holds.
    calendar_sequence = models.PositiveIntegerField(null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["registered_at", "pk"]
        indexes = [
            models.Index(fields=["event", "status", "registered_at"], name="registration_queue"),
        ]
        constraints = [
            single_line_constraint("name", "registration_name_single_line"),
            single_line_constraint("organisation", "registration_organisation_single_line"),
            models.UniqueConstraint(
                Lower("email"),
                "event",
                condition=Q(anonymised_at__isnull=True),
                name="registration_one_per_email",
                violation_error_message=_(
                    "This e-mail address is already registered for the event."
                ),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waiting", "cancelled"]),
                name="registration_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(language__in=[code for code, _name in settings.LANGUAGES]),
                name="registration_language_valid",
                violation_error_message=_("Choose one of the site's languages."),
            ),
            models.CheckConstraint(
                condition=Q(
                    affiliation_type__in=[
                        "government",
                        "international-organisation",
                        "civil-society",
                        "academia",
                        "media",
                        "other",
                    ]
                ),
                name="registration_affiliation_valid",
            ),
            models.CheckConstraint(
                condition=Q(anonymised_at__isnull=False) | ~Q(name="") & ~Q(email=""),
                name="registration_name_and_email_given",
            ),
        ]

    def __str__(self):
        return f"{self.name or 'Anonymised'} – {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.CONFIRMED, self.Status.WAITING)


class OutboxQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status=OutboxMessage.Status.HELD)

    def due(self, now):
        return self.filter(status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now)


class OutboxMessage(models.Model):
    """An e-mail written in the same transaction as the change that causes it.

    `send_outbox` (also run after each commit) delivers it; failures are retried
    with backoff and stay visible in the admin. Delivery is at least once: a
    sender that dies after the SMTP server accepted a message but before the
    row is marked sent sends it again, under the same `message_id`, so the
    receiving systems can drop the repeat.
    """

    class Status(models.TextChoices):
        HELD = "held", _("Awaiting the organisers' confirmation")
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed (no more retries)")
        DISCARDED = "discarded", _("Not sent (discarded)")

    class Kind(models.TextChoices):
        CONFIRMATION = "confirmation", _("Confirmation with invitation")
        WAITING_LIST = "waiting-list", _("On the waiting list")
        PROMOTION = "promotion", _("Promoted from the waiting list")
        EVENT_UPDATE = "event-update", _("Event changed (updated invitation)")
        EVENT_CANCELLED = "event-cancelled", _("Event cancelled by the organisers")
        ATTENDEE_CANCELLED = "attendee-cancelled", _("Registration cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="outbox_messages"
    )
    registration = models.ForeignKey(
        Registration,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbox_messages",
    )
    # The Message-ID of every attempt (`message_id`): fixed when the row is written.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    to_email = models.EmailField(_("to"), max_length=254)
    to_name = models.CharField(max_length=200, blank=True)
    reply_to = models.EmailField(max_length=254, blank=True)
    subject = models.CharField(max_length=300)
    text_body = models.TextField()
    html_body = models.TextField(blank=True)
    calendar_method = models.CharField(max_length=10, blank=True)
    calendar = models.TextField(blank=True, help_text=_("The iCalendar invitation (RFC 5546)."))
    sequence = models.PositiveIntegerField(null=True, blank=True)
    # For updates: what a calendar showed before ({"Time": "…", "Place": "…"}).
    changes = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = "outgoing e-mails"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["held", "pending", "sent", "failed", "discarded"]),
                name="outbox_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(calendar_method__in=["", "REQUEST", "CANCEL"]),
                name="outbox_calendar_method_valid",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"

    @property
    def message_id(self) -> str:
        """The same on every attempt (RFC 5322 msg-id), on the site's UID domain."""
        return f"<outbox-{self.uid}@{settings.EVENTSITE_UID_DOMAIN}>"
