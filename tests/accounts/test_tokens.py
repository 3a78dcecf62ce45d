"""The invitation link's token: bound to the invitation's address, organisation and
role, signed with the secret key (or a fallback), refused when malformed."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from accounts.models import ColleagueInvitation
from accounts.tokens import invitation_tokens
from tests.support.builders import make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation():
    return ColleagueInvitation.objects.create(
        organisation=make_organisation(acronym="IOM"),
        email="ana@example.org",
        role="editor",
        expires_at=timezone.now() + timedelta(days=7),
    )


def test_a_token_checks_against_its_invitation(invitation):
    assert invitation_tokens.check_token(invitation, invitation_tokens.make_token(invitation))


@pytest.mark.parametrize(
    "change",
    [
        {"email": "someone.else@example.org"},
        {"role": "manager"},
        {"organisation": "other"},
    ],
)
def test_a_changed_invitation_refuses_its_old_token(invitation, change):
    token = invitation_tokens.make_token(invitation)
    if change.get("organisation") == "other":
        change = {"organisation": make_organisation(acronym="UNODC")}
    for field, value in change.items():
        setattr(invitation, field, value)
    assert not invitation_tokens.check_token(invitation, token)


def test_a_token_of_another_invitation_is_refused(invitation):
    other = ColleagueInvitation.objects.create(
        organisation=invitation.organisation,
        email=invitation.email,
        role=invitation.role,
        expires_at=invitation.expires_at,
    )
    assert not invitation_tokens.check_token(other, invitation_tokens.make_token(invitation))


def test_a_rotated_secret_key_keeps_links_sent_before(invitation):
    with override_settings(SECRET_KEY="old-key-" + "x" * 50):
        token = invitation_tokens.make_token(invitation)
    with override_settings(SECRET_KEY="new-key-" + "y" * 50):
        assert not invitation_tokens.check_token(invitation, token)
    with override_settings(
        SECRET_KEY="new-key-" + "y" * 50, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 50]
    ):
        assert invitation_tokens.check_token(invitation, token)


@pytest.mark.parametrize("token", [None, "", "-", "zz", "!!-abc", "1-", "1-abc"])
def test_a_malformed_token_is_refused(invitation, token):
    assert not invitation_tokens.check_token(invitation, token)


def test_no_invitation_refuses_every_token(invitation):
    assert not invitation_tokens.check_token(None, invitation_tokens.make_token(invitation))
