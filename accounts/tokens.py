"""The signed link of a colleague's invitation, made by Django's password-reset
token machinery over the invitation instead of a user.

The token hashes the invitation's address, organisation and role, so a changed
link fails. It is used once because the invitation records its acceptance
(`accepted_at`, read under a row lock), which lets the page say "used already"
rather than "not valid". Its lifetime is the
invitation's own `expires_at` (EVENTSITE_TEAM_INVITATION_DAYS), checked by the
caller with its own message: Django's PASSWORD_RESET_TIMEOUT is for resets.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes, force_str
from django.utils.http import (
    base36_to_int,
    int_to_base36,
    urlsafe_base64_decode,
    urlsafe_base64_encode,
)

if TYPE_CHECKING:
    from .models import ColleagueInvitation


class InvitationTokens:
    """Django's token format ("<base36 seconds>-<half a SHA-256 HMAC>") over an
    invitation. Its own class, not a PasswordResetTokenGenerator: that one is typed
    for users and checks PASSWORD_RESET_TIMEOUT, which does not apply here."""

    key_salt = "accounts.tokens.InvitationTokens"

    def make_token(self, invitation: ColleagueInvitation) -> str:
        return self._token(invitation, int(time.time()), settings.SECRET_KEY)

    def check_token(self, invitation: ColleagueInvitation | None, token: str | None) -> bool:
        if invitation is None or not token:
            return False
        ts_b36, dash, _hash = token.partition("-")
        try:
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
        return bool(dash) and any(
            constant_time_compare(self._token(invitation, ts, secret), token) for secret in secrets
        )

    def _token(self, invitation: ColleagueInvitation, ts: int, secret: str) -> str:
        ts_b36 = int_to_base36(ts)
        value = (
            f"{invitation.pk}|{invitation.email}|{invitation.organisation_id}|"
            f"{invitation.role}|{ts}"
        )
        digest = salted_hmac(self.key_salt, value, secret=secret, algorithm="sha256").hexdigest()
        return f"{ts_b36}-{digest[::2]}"


invitation_tokens = InvitationTokens()


def uid_of(invitation) -> str:
    return urlsafe_base64_encode(force_bytes(invitation.pk))


def pk_from_uid(uidb64: str) -> int | None:
    try:
        return int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        return None
