"""Password resets and changes write their e-mails to the outbox, in the change's transaction."""

import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail as django_mail
from django.core.management import call_command
from django.urls import reverse

from accounts import mail as account_mail
from accounts.models import AccountMail

pytestmark = pytest.mark.django_db

OLD, NEW = "pw-old-Passw0rd-1", "a-long-new-Passw0rd"


@pytest.fixture
def staff():
    return get_user_model().objects.create_user(
        "dana", email="dana@example.org", password=OLD, is_staff=True
    )


def change(client, old=OLD, new=NEW):
    return client.post(
        reverse("admin:password_change"),
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_the_login_page_offers_a_reset(client):
    page = client.get(reverse("admin:login")).content.decode()
    assert reverse("admin_password_reset") in page


def test_a_reset_mail_is_in_the_outbox_and_not_sent_by_the_request(client, staff):
    response = client.post(reverse("admin_password_reset"), {"email": "dana@example.org"})
    assert response.status_code == 302
    assert django_mail.outbox == []  # the request wrote to no SMTP connection
    (row,) = AccountMail.objects.all()
    assert (row.kind, row.to_email, row.status) == ("password_reset", "dana@example.org", "pending")

    call_command("send_outbox")
    (message,) = django_mail.outbox
    path = re.search(r"http://[^/\s]+(/password-reset/\S+/)", message.body).group(1)
    form = client.get(path, follow=True)
    assert form.status_code == 200
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(NEW)
    # The reset's last step is a password change too: its notice waits in the outbox.
    assert AccountMail.objects.filter(kind="password_changed", status="pending").count() == 1


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, staff):
    response = client.post(reverse("admin_password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert not AccountMail.objects.exists()


def test_a_change_writes_the_notice_once(client, staff):
    client.force_login(staff)
    assert change(client).status_code == 302
    (row,) = AccountMail.objects.all()
    assert (row.kind, row.to_email) == ("password_changed", "dana@example.org")
    assert django_mail.outbox == []
    call_command("send_outbox")
    call_command("send_outbox")  # a second run sends nothing again
    (message,) = django_mail.outbox
    assert "dana" in message.body
    assert reverse("admin_password_reset") in message.body


def test_a_crash_before_the_commit_keeps_the_old_password_and_writes_no_notice(client, staff):
    client.force_login(staff)
    crash = mock.patch.object(account_mail, "send_after_commit", side_effect=RuntimeError("crash"))
    with crash, pytest.raises(RuntimeError):
        change(client)
    staff.refresh_from_db()
    assert staff.check_password(OLD)
    assert not AccountMail.objects.exists()


def test_a_failed_delivery_keeps_the_notice_for_the_next_run(client, staff):
    client.force_login(staff)
    change(client)
    with mock.patch.object(account_mail.EmailMessage, "send", side_effect=OSError("down")):
        call_command("send_outbox")
    row = AccountMail.objects.get()
    assert (row.status, row.attempts) == ("pending", 1)
    call_command("send_outbox", "--now")
    assert len(django_mail.outbox) == 1
    assert AccountMail.objects.get().status == "sent"


def test_a_superuser_setting_a_password_notifies_the_account(client, staff):
    root = get_user_model().objects.create_superuser("root", password="pw-root-1")
    client.force_login(root)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[staff.pk]),
        {"password1": NEW, "password2": NEW, "usable_password": "true"},
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password(NEW)
    assert AccountMail.objects.get().to_email == "dana@example.org"
