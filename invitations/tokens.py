"""The speaker's private link: a signed invitation UID with a lifetime, no login.

Tampered links fail the signature; a link older than
`EVENTSITE_INVITATION_LINK_DAYS` (default 90) is refused as expired. Re-sending an
invitation signs afresh, so the newest e-mail always carries a live link.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "invitations.respond"


class LinkExpired(Exception):
    pass


def max_age_seconds() -> int:
    return int(getattr(settings, "EVENTSITE_INVITATION_LINK_DAYS", 90)) * 24 * 3600


def token_for(invitation) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(invitation.uid))


def uid_from_token(token: str) -> str | None:
    """The invitation UID; None if tampered with; raises LinkExpired if too old."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        return signer.unsign(token, max_age=max_age_seconds())
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature:
        return None


def respond_url(invitation) -> str:
    path = reverse("invitations:respond", kwargs={"token": token_for(invitation)})
    return settings.EVENTSITE_BASE_URL + path
