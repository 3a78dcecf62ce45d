"""Two-factor sign-in for tests: codes computed by RFC 6238 here (hmac, not the
code under test), a confirmed app for a user, and the two steps of signing in."""

from __future__ import annotations

import hashlib
import hmac
import re
import struct
import time
from base64 import b32decode

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

STEP, DIGITS = 30, 6


def code_at(key: bytes, when: float, step: int = STEP) -> str:
    """RFC 6238 (TOTP, HMAC-SHA1, the default every app uses) for one moment."""
    counter = int(when // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**DIGITS:0{DIGITS}d}"


def code_now(key: bytes) -> str:
    return code_at(key, time.time())


def wrong_code(key: bytes) -> str:
    """Six digits that no nearby time step of the key gives (apps drift a step)."""
    now = time.time()
    near = {code_at(key, now + d * STEP) for d in (-2, -1, 0, 1, 2)}
    return next(c for c in (f"{n:06d}" for n in range(10**DIGITS)) if c not in near)


def key_from_page(secret: str) -> bytes:
    """The key as the enrolment page writes it for typing (base32, in groups)."""
    letters = secret.replace(" ", "")
    return b32decode(letters + "=" * (-len(letters) % 8))


def shown_key(response) -> bytes:
    """The key the enrolment page shows for typing into an app."""
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", response.content.decode()).group(1)
    return key_from_page(secret)


def give_app(user) -> TOTPDevice:
    """A confirmed authenticator app, as if enrolled."""
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def key_of(device: TOTPDevice) -> bytes:
    return bytes.fromhex(device.key)


def password_step(client: Client, username: str, password: str, next_url: str = "/admin/"):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": next_url}
    )


def code_step(client: Client, code: str, next_url: str = "/admin/"):
    return client.post(reverse("accounts:two_factor_code"), {"code": code, "next": next_url})


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session
