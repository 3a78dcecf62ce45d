"""Failed sign-ins are throttled (django-axes): by address and by account name.

The lockout message is the same whether the account exists or not; a correct
password during a lockout is refused; the lockout ends after the cool-off.
"""

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]

LIMIT = 10
ATTACKER, OWNER = "203.0.113.9", "198.51.100.7"


@pytest.fixture
def axes_on():
    from axes.models import AccessAttempt

    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=LIMIT):
        yield
    AccessAttempt.objects.all().delete()


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user(
        username="maria", password="right-pw-1", is_staff=True
    )


def sign_in(username, password, address):
    client = Client(REMOTE_ADDR=address)
    response = client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}
    )
    return client, response


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_a_correct_password_signs_in(owner):
    client, response = sign_in("maria", "right-pw-1", OWNER)
    assert response.status_code == 302
    assert signed_in(client)


def test_fifty_wrong_passwords_lock_the_address(owner):
    statuses = [sign_in("maria", f"wrong-{n}", ATTACKER)[1].status_code for n in range(50)]
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)  # the form again, with its error
    assert set(statuses[LIMIT:]) == {429}
    # Another name from the same address is locked too: the address is.
    _client, response = sign_in("someone-else", "whatever", ATTACKER)
    assert response.status_code == 429


def test_a_correct_password_during_the_lockout_is_refused(owner):
    for n in range(LIMIT):
        sign_in("maria", f"wrong-{n}", ATTACKER)
    client, response = sign_in("maria", "right-pw-1", ATTACKER)
    assert response.status_code == 429
    assert not signed_in(client)


def test_the_message_does_not_say_whether_the_account_exists(owner):
    for n in range(LIMIT):
        sign_in("maria", f"wrong-{n}", "192.0.2.1")
        sign_in("nobody-here", f"wrong-{n}", "192.0.2.2")
    _, real = sign_in("maria", "x", "192.0.2.1")
    _, ghost = sign_in("nobody-here", "x", "192.0.2.2")
    assert real.status_code == ghost.status_code == 429
    real_text, ghost_text = real.content.decode(), ghost.content.decode()
    assert real_text == ghost_text
    assert "Too many sign-ins failed" in real_text
    assert "maria" not in real_text
    assert "account" not in real_text.lower().replace("accounts", "")


def test_the_lockout_expires_and_the_owner_signs_in_again(owner):
    from axes.models import AccessAttempt

    for n in range(50):
        sign_in("maria", f"wrong-{n}", ATTACKER)
    client, response = sign_in("maria", "right-pw-1", OWNER)
    assert response.status_code == 429  # the name is locked too, for the cool-off only
    # An hour and a minute later (the configured cool-off is an hour).
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1, minutes=1))
    client, response = sign_in("maria", "right-pw-1", OWNER)
    assert response.status_code == 302
    assert signed_in(client)
    client, response = sign_in("maria", "right-pw-1", ATTACKER)
    assert signed_in(client)


@override_settings(AXES_COOLOFF_TIME=timedelta(minutes=5))
def test_the_cool_off_is_as_configured(owner):
    from axes.models import AccessAttempt

    for n in range(LIMIT):
        sign_in("maria", f"wrong-{n}", ATTACKER)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=4))
    assert sign_in("maria", "right-pw-1", OWNER)[1].status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=6))
    assert sign_in("maria", "right-pw-1", OWNER)[1].status_code == 302
