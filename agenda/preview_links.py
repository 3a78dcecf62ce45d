"""Shareable preview links: a draft's public page for co-hosts without an account.

The contract: `token_for(event)` signs the event's id and its `preview_key`
with a TimestampSigner (salted, so no other signed value of the site passes).
`read(token)` answers the event id, or raises:

- `Expired`: the signature is right but older than
  `settings.EVENTSITE_PREVIEW_LINK_DAYS` days;
- `Invalid`: anything changed in the token, or a token of another salt.

`withdraw(event)` gives the event a new random `preview_key`: every link
issued before no longer matches (`matches()` is false), and a new one is
issued. No database read here except what the caller does with the id.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "agenda.preview_links"


class Expired(Exception):
    pass


class Invalid(Exception):
    pass


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def max_age() -> timedelta:
    return timedelta(days=settings.EVENTSITE_PREVIEW_LINK_DAYS)


def token_for(event) -> str:
    return _signer().sign(f"{event.pk}.{event.preview_key}")


def read(token: str) -> tuple[int, str]:
    """(event id, the key it was signed with) of a link that is neither changed nor expired."""
    try:
        value = _signer().unsign(token, max_age=max_age())
    except signing.SignatureExpired as error:
        raise Expired from error
    except signing.BadSignature as error:
        raise Invalid from error
    pk, _, key = value.partition(".")
    if not pk.isdigit():
        raise Invalid
    return int(pk), key


def matches(event, key: str) -> bool:
    """False once the event's links were withdrawn after this one was issued."""
    return secrets.compare_digest(event.preview_key, key)


def withdraw(event) -> str:
    """A new key for the event (saved by the caller): every earlier link stops working."""
    event.preview_key = secrets.token_urlsafe(24)
    return event.preview_key
