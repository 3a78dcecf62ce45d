"""A manager invites a colleague by e-mail: outbox, signed link, password, membership, refusals."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail as django_mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import AccountMail, ColleagueInvitation
from agenda.team_models import Membership

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-new-Passw0rd"


def post_invite(client, organisation, email="ana@example.org", role="editor"):
    return client.post(
        reverse("accounts:invite"), {"organisation": organisation.pk, "email": email, "role": role}
    )


def delivered_link() -> str:
    """Runs send_outbox and returns the path of the link in the one e-mail it sent."""
    call_command("send_outbox")
    (message,) = django_mail.outbox
    match = re.search(r"http://[^/\s]+(/team/join/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def set_password(client, path, password=NEW_PASSWORD):
    return client.post(path, {"new_password1": password, "new_password2": password})


def test_invite_mail_password_membership_sign_in(client, team):
    client.force_login(team["boss"])
    response = post_invite(client, team["iom"], role="manager")
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:agenda_membership_changelist")
    (row,) = AccountMail.objects.all()
    assert (row.kind, row.status, row.to_email) == ("invitation", "pending", "ana@example.org")
    assert django_mail.outbox == []  # written, not sent inside the request

    path = delivered_link()
    assert django_mail.outbox[0].to == ["ana@example.org"]
    assert "IOM" in django_mail.outbox[0].subject or "IOM" in django_mail.outbox[0].body
    client.logout()
    assert client.get(path).status_code == 200
    response = set_password(client, path)
    assert response.status_code == 302, response.content.decode()[:2000]

    user = get_user_model().objects.get(email="ana@example.org")
    assert user.is_staff
    assert user.check_password(NEW_PASSWORD)
    assert Membership.objects.get(user=user).role == "manager"
    assert Membership.objects.get(user=user).organisation == team["iom"]
    client.logout()
    assert client.login(username="ana@example.org", password=NEW_PASSWORD)
    assert client.get(reverse("admin:agenda_membership_changelist")).status_code == 200


def test_the_team_page_offers_the_invitation_to_managers_only(client, team):
    client.force_login(team["boss"])
    page = client.get(reverse("admin:agenda_membership_changelist")).content.decode()
    assert reverse("accounts:invite") in page
    client.force_login(team["editor"])
    assert client.get(reverse("accounts:invite")).status_code == 403


@pytest.mark.parametrize(
    ("who", "organisation"),
    [("editor", "iom"), ("other boss", "iom"), ("boss", "unodc")],
)
def test_a_forged_invitation_writes_nothing(client, team, who, organisation):
    client.force_login(team[who])
    response = post_invite(client, team[organisation])
    assert response.status_code in (200, 403)
    assert not ColleagueInvitation.objects.exists()
    assert not AccountMail.objects.exists()


def test_the_service_refuses_an_editor(team):
    with pytest.raises(services.PermissionDenied):
        services.invite(organisation=team["iom"], email="x@example.org", role="manager",
                        by=team["editor"])  # fmt: skip
    assert not ColleagueInvitation.objects.exists()


def test_a_forged_role_on_the_link_is_ignored(client, team):
    client.force_login(team["boss"])
    post_invite(client, team["iom"], role="editor")
    path = delivered_link()
    client.logout()
    client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD,
                       "role": "manager"})  # fmt: skip
    assert Membership.objects.get(user__email="ana@example.org").role == "editor"


def test_a_changed_link_is_refused(client, team):
    client.force_login(team["boss"])
    post_invite(client, team["iom"], role="editor")
    path = delivered_link()
    client.logout()
    response = client.get(path[:-3] + "xx/")
    assert response.status_code == 403
    assert "not valid" in response.content.decode()


def test_a_used_link_is_refused_with_a_clear_message(client, team):
    client.force_login(team["boss"])
    post_invite(client, team["iom"])
    path = delivered_link()
    client.logout()
    set_password(client, path)
    client.logout()
    response = set_password(client, path, "another-long-Passw0rd")
    assert response.status_code == 403
    assert "used already" in response.content.decode()
    user = get_user_model().objects.get(email="ana@example.org")
    assert user.check_password(NEW_PASSWORD)


def test_an_expired_link_is_refused_with_a_clear_message(client, team, settings):
    client.force_login(team["boss"])
    post_invite(client, team["iom"])
    path = delivered_link()
    ColleagueInvitation.objects.update(
        created_at=timezone.now() - timedelta(days=8), expires_at=timezone.now() - timedelta(days=1)
    )
    client.logout()
    response = set_password(client, path)
    assert response.status_code == 403
    assert "expired" in response.content.decode()
    assert not get_user_model().objects.filter(email="ana@example.org").exists()


def test_it_lasts_the_configured_days(team, settings):
    settings.EVENTSITE_TEAM_INVITATION_DAYS = 2
    invitation = services.invite(
        organisation=team["iom"], email="b@example.org", role="editor", by=team["boss"]
    )
    assert invitation.expires_at - invitation.created_at == timedelta(days=2)


def test_an_existing_account_joins_after_signing_in(client, team):
    colleague = get_user_model().objects.create_user(
        "carla", email="carla@example.org", password="pw-carla-1"
    )
    client.force_login(team["boss"])
    post_invite(client, team["iom"], email="Carla@example.org")
    path = delivered_link()
    client.logout()
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Membership.objects.filter(user=colleague).exists()

    client.force_login(team["other boss"])  # someone else's account: refused
    assert client.post(path).status_code == 403
    assert not Membership.objects.filter(user=colleague).exists()

    client.force_login(colleague)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    assert Membership.objects.get(user=colleague).role == "editor"
    colleague.refresh_from_db()
    assert colleague.is_staff
    assert colleague.check_password("pw-carla-1")


def test_an_invitation_as_editor_never_demotes_a_manager(team):
    invitation = services.invite(
        organisation=team["iom"], email="boss@example.org", role="editor", by=team["boss"]
    )
    team["boss"].email = "boss@example.org"
    team["boss"].save()
    token = services.invitation_tokens.make_token(invitation)
    services.join_existing(invitation, token, team["boss"])
    assert Membership.objects.get(user=team["boss"]).role == "manager"
