"""The account e-mails: a colleague's invitation, a password reset link and the
notice that a password was changed. Each is an `AccountMail` row written inside
the caller's transaction, delivered by `common.outbox`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from common import outbox

from .models import AccountMail, ColleagueInvitation
from .tokens import invitation_tokens, uid_of


def join_url(invitation: ColleagueInvitation) -> str:
    path = reverse(
        "accounts:join",
        kwargs={"uidb64": uid_of(invitation), "token": invitation_tokens.make_token(invitation)},
    )
    return settings.EVENTSITE_BASE_URL + path


def _write(kind: str, *, to_email: str, to_name: str, subject: str, template: str, data: dict,
           invitation: ColleagueInvitation | None = None, reply_to: str = "") -> AccountMail:  # fmt: skip
    return AccountMail.objects.create(
        kind=kind,
        invitation=invitation,
        to_email=to_email,
        to_name=to_name[:200],
        reply_to=reply_to,
        subject=subject[:300],
        text_body=render_to_string(f"accounts/emails/{template}", data),
        next_attempt_at=timezone.now(),
    )


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def write_invitation(invitation: ColleagueInvitation) -> AccountMail:
    organisation = invitation.organisation
    inviter = _name(invitation.invited_by)
    data = {
        "inviter": inviter,
        "organisation": organisation,
        "role": invitation.get_role_display(),
        "link": join_url(invitation),
        "expires": invitation.expires_at,
    }
    subject = _("Join the team of %(organisation)s on eventsite") % {"organisation": organisation}
    return _write(
        AccountMail.Kind.INVITATION,
        to_email=invitation.email,
        to_name="",
        subject=subject,
        template="invitation.txt",
        data=data,
        invitation=invitation,
        reply_to=invitation.invited_by.email if invitation.invited_by else "",
    )


def write_password_reset(user, link: str) -> AccountMail:
    return _write(
        AccountMail.Kind.PASSWORD_RESET,
        to_email=user.email,
        to_name=_name(user),
        subject=_("Choose a new password for eventsite"),
        template="password_reset.txt",
        data={"user": user, "username": user.get_username(), "link": link},
    )


def write_password_changed(user) -> AccountMail | None:
    if not user.email:
        return None  # nobody to tell: an account without an address
    return _write(
        AccountMail.Kind.PASSWORD_CHANGED,
        to_email=user.email,
        to_name=_name(user),
        subject=_("Your eventsite password was changed"),
        template="password_changed.txt",
        data={
            "username": user.get_username(),
            "reset": settings.EVENTSITE_BASE_URL + reverse("admin_password_reset"),
        },
    )


def build_email(message: AccountMail, *, connection=None) -> EmailMessage:
    return EmailMessage(**outbox.envelope(message, connection=connection))


def send_pending(*, ids=None, now=None, ignore_backoff=False) -> outbox.Report:
    return outbox.send_pending(
        AccountMail, build_email, ids=ids, now=now, ignore_backoff=ignore_backoff
    )


def send_after_commit(ids) -> None:
    outbox.send_after_commit(send_pending, [pk for pk in ids if pk is not None])
