"""The signed link of a colleague's invitation, made by Django's password-reset
token machinery over the invitation instead of a user.

The token hashes the invitation's address, organisation and role, so a changed
link fails. It is used once because the invitation records its acceptance
(`accepted_at`, read under a row lock), which lets the page say "used already"
rather than "not valid". Its lifetime is the
invitation's own `expires_at` (EVENTSITE_TEAM_INVITATION_DAYS), checked by the
caller with its own message: Django's PASSWORD_RESET_TIMEOUT is for resets.
"""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode


class InvitationTokens(PasswordResetTokenGenerator):
    key_salt = "accounts.tokens.InvitationTokens"

    def _make_hash_value(self, invitation, timestamp):
        return (
            f"{invitation.pk}|{invitation.email}|{invitation.organisation_id}|"
            f"{invitation.role}|{timestamp}"
        )

    def check_token(self, invitation, token) -> bool:
        ts_b36, dash, _hash = (token or "").partition("-")
        try:
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        return bool(invitation and dash) and any(
            constant_time_compare(self._make_token_with_timestamp(invitation, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )


invitation_tokens = InvitationTokens()


def uid_of(invitation) -> str:
    return urlsafe_base64_encode(force_bytes(invitation.pk))


def pk_from_uid(uidb64: str) -> int | None:
    try:
        return int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        return None
