"""Two-factor sign-in with an authenticator app (TOTP: django-otp's `TOTPDevice`).

The contract:

- Only a confirmed device counts. Enrolment keeps the new secret in the session
  (`enrolment_device`) until a code made from it is typed (`confirm`); only then
  is a device saved, confirmed. Nothing half-made is left in the database.
- A user with a confirmed device signs in in two steps. The right password starts
  a *pending* sign-in (`start`): it is kept in the session and nobody is signed in
  yet, anywhere. The right code from the app finishes it (`finish`: Django's
  login, then django-otp's). A session signed in without a code (before the
  device was added, or by another door) is not signed in either
  (`needs_code`; `accounts.middleware` shows it as anonymous).
- Wrong codes (`check_code`): the device's own throttle (django-otp: a wait that
  doubles after each failure), each one a failed sign-in for django-axes (the same
  lockout as wrong passwords, by address and by name), and after
  EVENTSITE_TWO_FACTOR_TRIES the pending sign-in ends: back to the password.
- A member of an organisation whose `SignInRule` requires two-factor sign-in and
  who has no confirmed device `must_enrol`: the admin sends them to enrolment.
- Superusers follow the same rules; the local admin of `make run` has no device
  and belongs to no team, so its password is enough.

`with_facts` reads whether a user has a device and must have one in the query
that reads the session's user (`accounts.backends`), so the rules cost no query
per request; a user read otherwise is asked with one query each.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import Enum

import django_otp
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from agenda.team_models import Membership

PENDING = "accounts.two_factor.pending"
ENROLMENT = "accounts.two_factor.enrolment"
# A pending sign-in lasts this long: the code is typed right after the password.
PENDING_SECONDS = 10 * 60


def with_facts(users: QuerySet) -> QuerySet:
    """Users with `has_two_factor_device` and `two_factor_required` read alongside."""
    return users.annotate(
        has_two_factor_device=Exists(
            TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        ),
        two_factor_required=Exists(
            Membership.objects.filter(
                user=OuterRef("pk"), organisation__sign_in_rule__two_factor_required=True
            )
        ),
    )


FACTS = ("has_two_factor_device", "two_factor_required")


def _fact(user, name: str) -> bool:
    if not user.is_authenticated:
        return False
    if getattr(user, name, None) is None:
        facts = with_facts(get_user_model().objects.filter(pk=user.pk)).values(*FACTS).get()
        for fact, value in facts.items():
            setattr(user, fact, value)
    return bool(getattr(user, name))


def has_device(user) -> bool:
    return _fact(user, "has_two_factor_device")


def is_required(user) -> bool:
    """Whether one of the user's teams requires two-factor sign-in."""
    return _fact(user, "two_factor_required")


def must_enrol(user) -> bool:
    return is_required(user) and not has_device(user)


def needs_code(user) -> bool:
    """Signed in with a password alone although the account has a device."""
    verified = getattr(user, "is_verified", None)
    return has_device(user) and not (verified is not None and verified())


def device_of(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


# -- the sign-in's second step -------------------------------------------------------


def start(request, user) -> None:
    """The password was right: remember who is signing in, sign nobody in yet."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "hash": user.get_session_auth_hash(),
        "at": int(time.time()),
        "tries": 0,
    }


def pending_user(request):
    """Who passed the password step of this session's sign-in, if it still stands."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    # A password changed meanwhile ends the sign-in, as it ends sessions.
    if user is None or user.get_session_auth_hash() != pending["hash"]:
        return None
    user.backend = pending["backend"]
    return user


def forget(request) -> None:
    request.session.pop(PENDING, None)


class Outcome(Enum):
    SIGNED_IN = "signed in"
    WRONG = "wrong"
    WAIT = "wait"  # the device's throttle: too many wrong codes in a row
    ENDED = "ended"  # too many wrong codes for this sign-in: back to the password


@dataclass(frozen=True)
class Checked:
    outcome: Outcome
    wait_seconds: int = 0


def _wait(device: TOTPDevice) -> int:
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, int((data["locked_until"] - timezone.now()).total_seconds() + 0.999))


def count_failure(request, user) -> None:
    """A wrong code is a failed sign-in for axes: the same lockout as passwords."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )


def check_code(request, user, code: str) -> Checked:
    device = device_of(user)
    if device is None:  # removed meanwhile: nothing to check against
        forget(request)
        return Checked(Outcome.ENDED)
    wait = _wait(device)
    if wait:
        return Checked(Outcome.WAIT, wait)
    verified = django_otp.verify_token(user, device.persistent_id, code.strip())
    if verified is not None:
        finish(request, user, verified)
        return Checked(Outcome.SIGNED_IN)
    count_failure(request, user)
    pending = request.session[PENDING]
    pending["tries"] += 1
    request.session.modified = True
    if pending["tries"] >= settings.EVENTSITE_TWO_FACTOR_TRIES:
        forget(request)
        return Checked(Outcome.ENDED)
    return Checked(Outcome.WRONG)


def finish(request, user, device: TOTPDevice) -> None:
    forget(request)
    auth.login(request, user, backend=user.backend)
    django_otp.login(request, device)


# -- enrolment and removal ------------------------------------------------------------


def enrolment_device(request) -> TOTPDevice:
    """The device being added, unsaved; its secret stays the same across reloads."""
    key = request.session.get(ENROLMENT)
    if not key:
        key = request.session[ENROLMENT] = random_hex(20)
    return TOTPDevice(user=request.user, key=key, name="authenticator app", confirmed=False)


def _time_step(device: TOTPDevice, code: str) -> int | None:
    """The time step the code belongs to, if it is the device's (RFC 6238)."""
    try:
        token = int(code.strip())
    except ValueError:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return totp.t() if totp.verify(token, device.tolerance) else None


@transaction.atomic
def confirm(request, code: str) -> TOTPDevice | None:
    """Save the device being added if the code is one of its own; this session is
    then verified by it (the person has just proved they hold it)."""
    device = enrolment_device(request)
    step = _time_step(device, code)
    if step is None:
        return None
    TOTPDevice.objects.filter(user=request.user).delete()  # one app per person
    device.confirmed = True
    device.last_t = step  # the code just typed cannot sign in again
    device.save()
    request.session.pop(ENROLMENT, None)
    django_otp.login(request, device)
    return device


def may_remove(request, *, code: str = "", password: str = "") -> bool:
    """A current code or the password, before the device goes."""
    user = request.user
    if password and user.check_password(password):
        return True
    device = device_of(user)
    if (
        code
        and device is not None
        and not _wait(device)
        and django_otp.verify_token(user, device.persistent_id, code.strip()) is not None
    ):
        return True
    count_failure(request, user)
    return False


def remove(user) -> int:
    deleted, _ = TOTPDevice.objects.filter(user=user).delete()
    return deleted
