"""Two-factor sign-in: adding an app, the code after the password, wrong codes,
old sessions, removing the app. Codes are computed by RFC 6238 in
tests.support.two_factor, from the key the page shows or the device holds."""

import re
from base64 import b32encode
from io import StringIO

import pytest
import qrcode
import qrcode.image.svg
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.backends import ModelBackend
from tests.support.two_factor import (
    code_now,
    code_step,
    give_app,
    key_of,
    password_step,
    shown_key,
    signed_in,
    wrong_code,
)

pytestmark = pytest.mark.django_db

PASSWORD = "right-pw-1"
CODE_PAGE = reverse("accounts:two_factor_code")


@pytest.fixture
def maria(django_user_model):
    return django_user_model.objects.create_user(username="maria", password=PASSWORD, is_staff=True)


@pytest.fixture
def no_wait(settings):
    """django-otp's wait after a wrong code (1 s, then doubling) switched off, where
    a test types the right code straight after a wrong one."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def path_of(svg: str) -> str:
    return re.search(r' d="([^"]+)"', svg).group(1)


def reference_qr(text: str) -> str:
    """The qrcode package's own drawing of `text` (the page must show the same)."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathFillImage,
        box_size=8,
        border=4,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    return image.to_string(encoding="unicode")


# -- adding an app ---------------------------------------------------------------------


def test_the_page_shows_a_qr_code_drawn_in_the_page_and_the_key(client, maria):
    client.force_login(maria)
    response = client.get(reverse("accounts:two_factor"))
    html = response.content.decode()
    assert response.status_code == 200
    drawn = re.search(r"<svg role=\"img\"[^>]*class='qr-code'.*?</svg>", html, re.S).group(0)
    # The QR code holds the set-up link of this key for this account, as apps read it.
    key = shown_key(response)
    link = (
        f"otpauth://totp/eventsite%3Amaria?secret={b32encode(key).decode()}"
        "&algorithm=SHA1&digits=6&period=30&issuer=eventsite"
    )
    assert path_of(drawn) == path_of(reference_qr(link))
    # Nothing is fetched from elsewhere: no image tag, no other site's address.
    assert "<img" not in html.split('id="content"')[1]
    assert "otpauth://" not in html  # the set-up link is inside the QR code only
    assert len(key) == 20
    # The same key on a reload: the app scanned first still matches.
    assert shown_key(client.get(reverse("accounts:two_factor"))) == shown_key(response)


def test_the_admin_links_to_it_among_the_user_tools(client, maria):
    client.force_login(maria)
    html = client.get(reverse("admin:index")).content.decode()
    tools = html.split('id="user-tools"')[1].split("</div>")[0]
    assert f'href="{reverse("accounts:two_factor")}"' in tools


def test_a_right_code_confirms_the_app(client, maria):
    client.force_login(maria)
    key = shown_key(client.get(reverse("accounts:two_factor")))
    response = client.post(reverse("accounts:two_factor"), {"code": code_now(key)})
    assert response.status_code == 302
    device = TOTPDevice.objects.get(user=maria)
    assert device.confirmed
    assert key_of(device) == key
    # This session is now verified by it: the admin opens without another code.
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_saves_nothing(client, maria):
    client.force_login(maria)
    key = shown_key(client.get(reverse("accounts:two_factor")))
    response = client.post(reverse("accounts:two_factor"), {"code": wrong_code(key)})
    assert response.status_code == 200
    assert "This code does not match" in response.content.decode()
    assert not TOTPDevice.objects.exists()  # not even an unconfirmed one


@pytest.mark.parametrize("typed", ["12345", "1234567", "abcdef", ""])
def test_a_code_that_is_not_six_digits_is_refused_in_words(client, maria, typed):
    client.force_login(maria)
    client.get(reverse("accounts:two_factor"))
    response = client.post(reverse("accounts:two_factor"), {"code": typed})
    assert response.status_code == 200
    assert not TOTPDevice.objects.exists()
    assert "errorlist" in response.content.decode()


def test_the_code_typed_to_confirm_cannot_sign_in_again(client, maria):
    client.force_login(maria)
    key = shown_key(client.get(reverse("accounts:two_factor")))
    code = code_now(key)
    client.post(reverse("accounts:two_factor"), {"code": code})
    other = Client()
    password_step(other, "maria", PASSWORD)
    code_step(other, code)
    assert not signed_in(other)


# -- signing in ------------------------------------------------------------------------


def test_without_an_app_the_password_is_enough(client, maria):
    response = password_step(client, "maria", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert signed_in(client)


def test_with_an_app_the_password_alone_signs_nobody_in(client, maria):
    give_app(maria)
    response = password_step(client, "maria", PASSWORD)
    assert response.status_code == 302
    assert response["Location"].startswith(CODE_PAGE)
    assert not signed_in(client)
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "page",
    [
        reverse("admin:index"),
        reverse("admin:agenda_event_changelist"),
        reverse("admin:password_change"),
    ],
)
def test_after_the_password_alone_the_admin_sends_to_the_code_step(client, maria, page):
    give_app(maria)
    password_step(client, "maria", PASSWORD)
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(CODE_PAGE)


def test_the_right_code_signs_in(client, maria):
    device = give_app(maria)
    password_step(client, "maria", PASSWORD, next_url="/admin/agenda/event/")
    response = code_step(client, code_now(key_of(device)), next_url="/admin/agenda/event/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/agenda/event/"
    assert signed_in(client)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_wrong_code_is_refused_with_a_clear_error(client, maria):
    device = give_app(maria)
    password_step(client, "maria", PASSWORD)
    response = code_step(client, wrong_code(key_of(device)))
    assert response.status_code == 200
    assert "This is not the code your app shows now" in response.content.decode()
    assert not signed_in(client)
    assert client.get(reverse("admin:index"))["Location"].startswith(CODE_PAGE)


def test_after_a_wrong_code_the_app_makes_you_wait(client, maria):
    device = give_app(maria)
    password_step(client, "maria", PASSWORD)
    code_step(client, wrong_code(key_of(device)))
    response = code_step(client, code_now(key_of(device)))  # right, but too soon
    assert response.status_code == 200
    assert "wait 1 second" in response.content.decode()
    assert not signed_in(client)


@pytest.mark.usefixtures("no_wait")
def test_a_right_code_after_a_wrong_one_signs_in(client, maria):
    device = give_app(maria)
    password_step(client, "maria", PASSWORD)
    code_step(client, wrong_code(key_of(device)))
    code_step(client, code_now(key_of(device)))
    assert signed_in(client)


@pytest.mark.usefixtures("no_wait")
@override_settings(EVENTSITE_TWO_FACTOR_TRIES=3)
def test_too_many_wrong_codes_end_the_sign_in(client, maria):
    device = give_app(maria)
    password_step(client, "maria", PASSWORD)
    for _ in range(2):
        assert code_step(client, wrong_code(key_of(device))).status_code == 200
    response = code_step(client, wrong_code(key_of(device)))
    assert response["Location"].startswith(reverse("admin:login"))
    # Even the right code no longer counts: the password comes first again.
    code_step(client, code_now(key_of(device)))
    assert not signed_in(client)


def test_the_code_step_without_a_password_first_goes_to_the_sign_in_page(client, maria):
    device = give_app(maria)
    response = code_step(client, code_now(key_of(device)))
    assert response["Location"].startswith(reverse("admin:login"))
    assert not signed_in(client)


def test_a_password_changed_meanwhile_ends_the_pending_sign_in(client, maria):
    device = give_app(maria)
    password_step(client, "maria", PASSWORD)
    maria.set_password("another-pw-2")
    maria.save()
    code_step(client, code_now(key_of(device)))
    assert not signed_in(client)


def test_another_account_can_be_chosen_at_the_code_step(client, maria, django_user_model):
    give_app(maria)
    django_user_model.objects.create_user(username="ana", password="ana-pw-1", is_staff=True)
    password_step(client, "maria", PASSWORD)
    response = client.post(CODE_PAGE, {"cancel": "1"})
    assert response["Location"].startswith(reverse("admin:login"))
    password_step(client, "ana", "ana-pw-1")
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_session_signed_in_without_a_code_is_not_signed_in(client, maria):
    """A session from before the app was added (or any other door) counts for
    nothing: not the admin, not the staff pages outside it."""
    client.force_login(maria)
    give_app(maria)
    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("admin:login"))
    assert client.get(reverse("accounts:two_factor"))["Location"].startswith(reverse("admin:login"))


def test_async_views_see_the_same_user(rf, maria):
    from asgiref.sync import async_to_sync

    from accounts.middleware import TwoFactorMiddleware

    give_app(maria)
    maria.is_verified = lambda: False  # what OTPMiddleware says of a session without a code

    async def auser():
        return maria

    request = rf.get("/")
    request.user, request.auser = maria, auser
    TwoFactorMiddleware(lambda request: None)(request)
    assert async_to_sync(request.auser)().is_anonymous
    assert request.user.is_anonymous


def test_a_superuser_with_an_app_follows_the_same_rule(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", password=PASSWORD)
    device = give_app(root)
    password_step(client, "root", PASSWORD)
    assert client.get(reverse("admin:index"))["Location"].startswith(CODE_PAGE)
    code_step(client, code_now(key_of(device)))
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_local_admin_of_make_run_signs_in_with_its_password(client, settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("ensure_local_admin", stdout=out)
    password = out.getvalue().split("the password ")[1].split()[0]
    settings.DEBUG = False
    password_step(client, "admin", password)
    assert client.get(reverse("admin:index")).status_code == 200


# -- wrong codes are failed sign-ins for axes ------------------------------------------


@pytest.fixture
def axes_on():
    from axes.models import AccessAttempt

    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=4, OTP_TOTP_THROTTLE_FACTOR=0):
        yield
    AccessAttempt.objects.all().delete()


@pytest.mark.usefixtures("axes_on")
def test_wrong_codes_lock_out_like_wrong_passwords(maria):
    device = give_app(maria)
    client = Client(REMOTE_ADDR="203.0.113.9")
    password_step(client, "maria", "wrong-1")  # one wrong password, then wrong codes
    password_step(client, "maria", PASSWORD)
    statuses = [code_step(client, wrong_code(key_of(device))).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    # Locked out now: the right code, and the right password, are refused.
    assert code_step(client, code_now(key_of(device))).status_code in {302, 429}
    assert not signed_in(client)
    locked = password_step(client, "maria", PASSWORD)
    assert locked.status_code == 429
    assert "Too many sign-ins failed" in locked.content.decode()


@pytest.mark.usefixtures("axes_on")
def test_a_full_sign_in_clears_the_failures(maria):
    from axes.models import AccessAttempt

    device = give_app(maria)
    client = Client(REMOTE_ADDR="198.51.100.7")
    password_step(client, "maria", PASSWORD)
    code_step(client, wrong_code(key_of(device)))
    assert AccessAttempt.objects.filter(username="maria").exists()
    code_step(client, code_now(key_of(device)))
    assert signed_in(client)
    assert not AccessAttempt.objects.filter(username="maria", failures_since_start__gt=0).exists()


# -- the facts come with the session's user --------------------------------------------


def test_the_session_user_carries_the_facts_without_another_query(maria, django_assert_num_queries):
    give_app(maria)
    with django_assert_num_queries(1):
        user = ModelBackend().get_user(maria.pk)
        assert two_factor.has_device(user)
        assert not two_factor.is_required(user)


def test_a_user_read_otherwise_is_asked(maria, django_assert_num_queries):
    give_app(maria)
    user = get_user_model().objects.get(pk=maria.pk)
    with django_assert_num_queries(1):
        assert two_factor.has_device(user)
        assert not two_factor.must_enrol(user)


def test_an_unconfirmed_device_does_not_count(client, maria):
    TOTPDevice.objects.create(user=maria, name="half-made", confirmed=False)
    password_step(client, "maria", PASSWORD)
    assert signed_in(client)


# -- removing the app ------------------------------------------------------------------


def signed_in_with_app(client, user):
    device = give_app(user)
    password_step(client, user.get_username(), PASSWORD)
    code_step(client, code_now(key_of(device)))
    assert signed_in(client)
    return device


@pytest.mark.usefixtures("no_wait")
def test_removing_the_app_with_a_current_code(client, maria):
    device = signed_in_with_app(client, maria)
    device.refresh_from_db()
    device.last_t -= 1  # the code used to sign in may be typed again here, in this test
    device.save()
    response = client.post(
        reverse("accounts:two_factor_remove"), {"code": code_now(key_of(device))}
    )
    assert response["Location"] == reverse("accounts:two_factor")
    assert not TOTPDevice.objects.filter(user=maria).exists()
    assert password_step(Client(), "maria", PASSWORD)["Location"] == "/admin/"


def test_removing_the_app_with_the_password(client, maria):
    signed_in_with_app(client, maria)
    client.post(reverse("accounts:two_factor_remove"), {"password": PASSWORD})
    assert not TOTPDevice.objects.filter(user=maria).exists()


@pytest.mark.parametrize(
    "data", [{"password": "not-it"}, {"code": "000000"}, {}], ids=["password", "code", "none"]
)
def test_removing_needs_a_right_code_or_password(client, maria, data):
    device = signed_in_with_app(client, maria)
    if data.get("code"):
        data = {"code": wrong_code(key_of(device))}
    response = client.post(reverse("accounts:two_factor_remove"), data)
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=maria).exists()
    assert "errorlist" in response.content.decode()


def test_an_operator_removes_a_lost_app(maria):
    give_app(maria)
    out = StringIO()
    call_command("remove_two_factor", "maria", stdout=out)
    assert not TOTPDevice.objects.filter(user=maria).exists()
    assert "Removed 1" in out.getvalue()
