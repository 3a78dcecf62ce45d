"""The private manage link: a signed registration UID, no login."""

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "registrations.manage"


def manage_token(registration) -> str:
    return signing.Signer(salt=SALT).sign(str(registration.uid))


def uid_from_token(token: str) -> str | None:
    """The registration UID the token was signed for, or None if it was tampered with."""
    try:
        return signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None


def manage_path(registration) -> str:
    return reverse("registrations:manage", kwargs={"token": manage_token(registration)})


def manage_url(registration) -> str:
    return settings.EVENTSITE_BASE_URL + manage_path(registration)
