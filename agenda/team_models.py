"""Organising teams: who of an organisation's staff may edit which events.

A `Membership` ties a user to an organisation with a role (manager or editor).
Which events a team reaches follows from the event's organisations
(`EventOrganisation`): the organiser's team has its members' roles; a co-host's
team is an editor unless the organiser set an `EventTeam` row for it on that
event (raised to manager, or removed). An `OccasionManager` manages every event
of one occasion. The rules that read these rows are `agenda.teams`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class TeamRole(models.TextChoices):
    MANAGER = "manager", _("Manager")
    EDITOR = "editor", _("Editor")


class EventTeamRole(models.TextChoices):
    MANAGER = "manager", _("Manager")
    EDITOR = "editor", _("Editor")
    NONE = "none", _("No access")


class Membership(models.Model):
    organisation = models.ForeignKey(
        "speakers.Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "user"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="membership_one_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(role__in=TeamRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.role and self.role not in TeamRole.values:
            raise ValidationError({"role": _("Choose manager or editor.")})
        if self.organisation_id and self.user_id:
            others = Membership.objects.filter(
                organisation_id=self.organisation_id, user_id=self.user_id
            ).exclude(pk=self.pk)
            if others.exists():
                raise ValidationError(
                    {"user": _("This person is already in the organisation's team.")}
                )


class EventTeam(models.Model):
    """A co-host's team on one event, when it is not the default (editor)."""

    event = models.ForeignKey("agenda.Event", on_delete=models.CASCADE, related_name="team_roles")
    organisation = models.ForeignKey(
        "speakers.Organisation", on_delete=models.CASCADE, related_name="event_team_roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=EventTeamRole.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("co-host's team on the event")
        verbose_name_plural = _("co-hosts' teams on the event")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation"], name="event_team_one_per_organisation"
            ),
            models.CheckConstraint(
                condition=Q(role__in=EventTeamRole.values), name="event_team_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.event} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.role and self.role not in EventTeamRole.values:
            raise ValidationError({"role": _("Choose manager, editor or no access.")})
        if self.event_id and self.organisation_id:
            co_hosts = self.event.event_organisations.filter(
                organisation_id=self.organisation_id, role="co-host"
            )
            if not co_hosts.exists():
                raise ValidationError(
                    {
                        "organisation": _(
                            "Only a co-host's team can be raised or removed on an event; "
                            "add the organisation as a co-host first."
                        )
                    }
                )


class OccasionManager(models.Model):
    """A user who sees and publishes every event of an occasion."""

    occasion = models.ForeignKey(
        "agenda.Occasion", on_delete=models.CASCADE, related_name="managers"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="managed_occasions"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("occasion manager")
        verbose_name_plural = _("occasion managers")
        constraints = [
            models.UniqueConstraint(fields=["occasion", "user"], name="occasion_manager_once"),
        ]

    def __str__(self):
        return f"{self.user} – {self.occasion}"
