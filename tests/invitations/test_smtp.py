"""The invitation e-mail through a real SMTP server (aiosmtpd, as in the registration tests)."""

import email
from email import policy

import pytest
from django.core.management import call_command

from agenda.models import Participation
from invitations import services
from invitations.models import InvitationMail
from tests.support.smtp import smtp_server

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("live")]


@pytest.fixture
def smtp(settings):
    yield from smtp_server(settings)


def test_the_server_receives_the_invitation_once_even_when_it_was_down_at_first(
    seed_event, smtp, django_capture_on_commit_callbacks
):
    participation = Participation.objects.filter(
        agenda_item__event=seed_event, role="panelist"
    ).first()
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(participation, email="panelist@example.org")
    # No server yet: the e-mail waits in the outbox and nothing is lost.
    assert InvitationMail.objects.get().status == "pending"
    inbox = smtp()
    call_command("send_outbox", "--now")
    call_command("send_outbox", "--now")
    ((recipients, raw),) = inbox.messages
    assert recipients == ["panelist@example.org"]
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Message-ID"] == InvitationMail.objects.get().message_id
    body = message.get_body(preferencelist=["plain"]).get_content()
    assert "/invitation/" in body
    assert "13:22 CEST (UTC+2)" in body
    assert InvitationMail.objects.get().status == "sent"
