"""Inviting a colleague to an organisation's team and joining it.

`invite` is a manager's (or a superuser's): anyone else is refused before anything
is written. The invitation row and its e-mail are written in one transaction.
`join_new` (an address without an account: the password is set through Django's
SetPasswordForm) and `join_existing` (a signed-in account with that address) lock
the invitation first, so a link used twice, even at once, joins once.
`require_two_factor` sets a team's sign-in rule; like inviting, it is the
organisation's managers' (and superusers'), refused before anything is written.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda import memberships
from agenda.team_models import Membership, TeamRole
from speakers.models import Organisation

from . import mail
from .models import ColleagueInvitation, SignInRule
from .tokens import invitation_tokens, pk_from_uid

# The group holding the admin's table rights; the team decides which events.
ORGANISERS_GROUP = "Organisers"


def lifetime() -> timedelta:
    return timedelta(days=float(getattr(settings, "EVENTSITE_TEAM_INVITATION_DAYS", 7)))


def managed_organisations(user):
    """The organisations whose team `user` may invite to."""
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=TeamRole.MANAGER
    ).distinct()


def may_invite(user, organisation: Organisation) -> bool:
    return managed_organisations(user).filter(pk=organisation.pk).exists()


@transaction.atomic
def invite(*, organisation: Organisation, email: str, role: str, by) -> ColleagueInvitation:
    if not may_invite(by, organisation):
        raise PermissionDenied(_("Only the organisation's managers invite colleagues."))
    now = timezone.now()
    invitation = ColleagueInvitation(
        organisation=organisation,
        email=email.strip(),
        role=role,
        invited_by=by,
        created_at=now,
        expires_at=now + lifetime(),
    )
    invitation.full_clean()
    invitation.save()
    mail.send_after_commit([mail.write_invitation(invitation).pk])
    return invitation


def account_for(email: str):
    """The account an invitation to `email` joins, if there is one."""
    User = get_user_model()
    return (
        User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email))
        .order_by("pk")
        .first()
    )


def refusal(invitation: ColleagueInvitation | None, token: str) -> str | None:
    """Why the link cannot be used, for the person following it; None if it can."""
    if invitation is None or not invitation_tokens.check_token(invitation, token):
        return _("This invitation link is not valid. Check that it was copied whole.")
    if invitation.accepted_at is not None:
        return _("This invitation has been used already. Sign in with your account instead.")
    if invitation.is_expired():
        return _(
            "This invitation has expired. Ask a manager of %(organisation)s to invite you again."
        ) % {"organisation": invitation.organisation}
    return None


def invitation_from_link(uidb64: str) -> ColleagueInvitation | None:
    pk = pk_from_uid(uidb64)
    if pk is None:
        return None
    return ColleagueInvitation.objects.select_related("organisation").filter(pk=pk).first()


def _locked(invitation: ColleagueInvitation, token: str) -> ColleagueInvitation:
    locked = ColleagueInvitation.objects.select_for_update().get(pk=invitation.pk)
    reason = refusal(locked, token)
    if reason:
        raise ValidationError(reason)
    return locked


def _join(invitation: ColleagueInvitation, user) -> Membership:
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    group = Group.objects.filter(name=ORGANISERS_GROUP).first()
    if group is not None:
        user.groups.add(group)
    current = Membership.objects.filter(organisation=invitation.organisation, user=user).first()
    if current is not None and current.role == TeamRole.MANAGER:
        membership = current  # an invitation as editor never demotes a manager
    else:
        membership = memberships.assign(
            organisation=invitation.organisation, user=user, role=invitation.role
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def account_to_set_up(invitation: ColleagueInvitation):
    """The account whose password the colleague sets, or None if theirs has one (they
    sign in). A new colleague's is unsaved: staff, no password until they set one."""
    account = account_for(invitation.email)
    if account is not None:
        return None if account.has_usable_password() else account
    User = get_user_model()
    user = User(username=invitation.email.lower(), email=invitation.email, is_staff=True)
    user.set_unusable_password()
    return user


@transaction.atomic
def join_new(invitation: ColleagueInvitation, token: str, password_form) -> Membership:
    """Set the new account's password (a bound, valid SetPasswordForm) and join."""
    locked = _locked(invitation, token)
    account = account_for(locked.email)
    if account is not None and (
        account.pk != password_form.user.pk or account.has_usable_password()
    ):
        raise ValidationError(_("An account with this address exists; sign in to join."))
    user = password_form.save()
    return _join(locked, user)


@transaction.atomic
def join_existing(invitation: ColleagueInvitation, token: str, user) -> Membership:
    locked = _locked(invitation, token)
    account = account_for(locked.email)
    if account is None or account.pk != user.pk:
        raise PermissionDenied(_("This invitation is for another account."))
    return _join(locked, user)


# -- how a team signs in ----------------------------------------------------------------


def rule_organisations(user):
    """The organisations whose sign-in rule `user` may set: those they manage;
    superusers, every organisation that has a team."""
    if user.is_authenticated and user.is_active and user.is_staff and user.is_superuser:
        return Organisation.objects.filter(memberships__isnull=False).distinct()
    return managed_organisations(user)


@transaction.atomic
def require_two_factor(organisation: Organisation, required: bool, *, by) -> SignInRule:
    """Set "Members must use two-factor sign-in"; a manager's or a superuser's."""
    if not rule_organisations(by).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("Only the organisation's managers decide how its team signs in."))
    rule, _made = SignInRule.objects.select_for_update().get_or_create(organisation=organisation)
    rule.two_factor_required = required
    rule.changed_by = by
    rule.changed_at = timezone.now()
    rule.full_clean()
    rule.save()
    return rule
