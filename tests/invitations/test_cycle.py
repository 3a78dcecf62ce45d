"""Invite, answer through the signed link, decline, re-invite: statuses, e-mails, history."""

import re
from datetime import timedelta

import pytest
from django.core import mail as django_mail
from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from agenda.models import Participation
from invitations import services, tokens
from invitations.mail import send_due
from invitations.models import Invitation, InvitationMail, Proposal
from tests.support.builders import add_items, make_event

pytestmark = pytest.mark.django_db


def panelist(event):
    return (
        Participation.objects.filter(agenda_item__event=event, role="panelist")
        .select_related("person")
        .first()
    )


def link_in(message) -> str:
    match = re.search(r"http://\S+/invitation/(\S+)/", message.body)
    assert match, message.body
    return reverse("invitations:respond", kwargs={"token": match.group(1)})


def answer(client, path, answer="confirmed", **overrides):
    page = client.get(path)
    assert page.status_code == 200
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data.update({"answer": answer, "consent": "yes", **overrides})
    return client.post(path, data)


def invite(participation, capture, email="panelist@example.org"):
    with capture(execute=True):
        return services.invite(participation, email=email)


def test_the_whole_cycle(client, seed_event, django_capture_on_commit_callbacks):
    participation = panelist(seed_event)
    name = participation.person.display_name
    assert participation.status == "confirmed"  # the seed counts as confirmed

    invite(participation, django_capture_on_commit_callbacks)
    participation.refresh_from_db()
    assert participation.status == "invited"
    (message,) = django_mail.outbox
    assert message.to == [f"{name} <panelist@example.org>"]
    body = message.body
    for expected in [
        seed_event.title,
        "Panelist",
        "13:22 CEST (UTC+2)",  # the panel's start in Vienna, from the seed's budgets
        "Moderated by",
        seed_event.contacts.first().email,
    ]:
        assert expected in body, expected
    assert InvitationMail.objects.get().status == "sent"

    path = link_in(message)
    response = answer(client, path, "confirmed", note="I will bring slides.")
    assert response.status_code == 200
    participation.refresh_from_db()
    assert participation.status == "confirmed"
    assert participation.note_to_organisers == "I will bring slides."
    assert participation.public_consent is True
    latest = participation.history.latest()
    assert latest.history_change_reason == f"by {name} through their invitation link"

    answer(client, path, "declined")
    participation.refresh_from_db()
    assert participation.status == "declined"
    assert name not in client.get(seed_event.get_absolute_url()).content.decode()

    invite(participation, django_capture_on_commit_callbacks)
    participation.refresh_from_db()
    assert participation.status == "invited"
    assert len(django_mail.outbox) == 2
    assert Invitation.objects.count() == 1
    assert Invitation.objects.get().times_sent == 2
    statuses = list(participation.history.order_by("history_date").values_list("status", flat=True))
    assert statuses[-4:] == ["invited", "confirmed", "declined", "invited"]


def test_resending_to_someone_who_confirmed_keeps_the_yes(
    seed_event, django_capture_on_commit_callbacks
):
    participation = panelist(seed_event)
    invite(participation, django_capture_on_commit_callbacks)
    Participation.objects.filter(pk=participation.pk).update(status="confirmed")
    invite(participation, django_capture_on_commit_callbacks)
    participation.refresh_from_db()
    assert participation.status == "confirmed"
    assert len(django_mail.outbox) == 2


def test_nobody_without_an_address_is_invited(seed_event):
    participation = panelist(seed_event)
    participation.person.email = ""
    participation.person.save()
    with pytest.raises(services.CannotInvite, match="has no e-mail address"):
        services.invite(participation)
    assert not InvitationMail.objects.exists()


def test_a_tampered_link_is_refused(client, seed_event, django_capture_on_commit_callbacks):
    invite(panelist(seed_event), django_capture_on_commit_callbacks)
    path = link_in(django_mail.outbox[0])
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    response = client.get(tampered)
    assert response.status_code == 403
    forged = signing.TimestampSigner(salt="other").sign(str(Invitation.objects.get().uid))
    assert client.get(reverse("invitations:respond", args=[forged])).status_code == 403


def test_an_expired_link_is_refused(
    client, settings, seed_event, django_capture_on_commit_callbacks
):
    invitation = invite(panelist(seed_event), django_capture_on_commit_callbacks)
    path = reverse("invitations:respond", args=[tokens.token_for(invitation)])
    assert client.get(path).status_code == 200
    settings.EVENTSITE_INVITATION_LINK_DAYS = -1
    response = client.get(path)
    assert response.status_code == 403
    assert b"expired" in response.content


def test_corrections_wait_as_proposals_until_accepted(
    client, seed_event, django_capture_on_commit_callbacks, admin_client
):
    participation = panelist(seed_event)
    invite(participation, django_capture_on_commit_callbacks)
    path = link_in(django_mail.outbox[0])
    answer(client, path, presentation_title="Smuggling routes in 2017", position="Head of unit")
    participation.refresh_from_db()
    assert participation.presentation_title != "Smuggling routes in 2017"
    assert set(Proposal.objects.values_list("field", flat=True)) == {
        "presentation_title",
        "position",
    }
    title = Proposal.objects.get(field="presentation_title")
    confirmations = reverse("invitations:confirmations", args=[seed_event.slug])
    assert "Smuggling routes in 2017" in admin_client.get(confirmations).content.decode()
    admin_client.post(reverse("invitations:accept", args=[seed_event.slug, title.pk]))
    participation.refresh_from_db()
    assert participation.presentation_title == "Smuggling routes in 2017"
    assert participation.history.latest().history_change_reason.startswith("accepted")


def test_the_event_may_apply_corrections_directly(
    client, seed_event, django_capture_on_commit_callbacks
):
    seed_event.apply_speaker_changes = True
    seed_event.save()
    participation = panelist(seed_event)
    invite(participation, django_capture_on_commit_callbacks)
    answer(client, link_in(django_mail.outbox[0]), honorific="Prof.", organisation="UNODC")
    participation.person.refresh_from_db()
    assert participation.person.honorific == "Prof."
    assert participation.person.organisation.name == "UNODC"
    assert not Proposal.objects.exists()
    reason = participation.person.history.latest().history_change_reason
    assert reason.endswith("through their invitation link")


def test_a_line_break_in_a_name_is_refused_with_a_message(
    client, seed_event, django_capture_on_commit_callbacks
):
    invite(panelist(seed_event), django_capture_on_commit_callbacks)
    response = answer(client, link_in(django_mail.outbox[0]), full_name="Ana\nDíaz")
    assert response.context["form"].errors["full_name"]
    assert not Proposal.objects.exists()


def test_withheld_consent_hides_the_person(client, seed_event, django_capture_on_commit_callbacks):
    participation = panelist(seed_event)
    invite(participation, django_capture_on_commit_callbacks)
    answer(client, link_in(django_mail.outbox[0]), consent="no")
    participation.refresh_from_db()
    assert participation.status == "confirmed"
    page = client.get(seed_event.get_absolute_url()).content.decode()
    assert participation.person.display_name not in page


@pytest.mark.parametrize(
    ("days_before", "reminders"),
    [(10, 0), (6, 1), (1, 2), (0.5, 2)],
)
def test_reminders_go_to_people_still_invited_at_most_twice(
    settings, django_capture_on_commit_callbacks, days_before, reminders
):
    settings.EVENTSITE_CONFIRMATION_REMINDER_DAYS = [7, 2]
    start = timezone.now() + timedelta(days=30)
    event = make_event(start=start, end=start + timedelta(hours=2))
    (item,) = add_items(event, [30], people_per_item=1)
    participation = item.participations.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(participation, email="p@example.org")
    now = start - timedelta(days=days_before)
    for _ in range(3):  # the sender runs every minute: the count must not grow
        send_due(now=now)
    assert InvitationMail.objects.filter(kind="reminder").count() == reminders
    assert InvitationMail.objects.filter(kind="reminder", status="sent").count() == reminders


def test_send_outbox_sends_reminders_and_nobody_who_answered_gets_one(
    settings, django_capture_on_commit_callbacks
):
    settings.EVENTSITE_CONFIRMATION_REMINDER_DAYS = [3]
    start = timezone.now() + timedelta(days=2)
    event = make_event(start=start, end=start + timedelta(hours=2))
    (item,) = add_items(event, [30], people_per_item=2)
    waiting, answered = item.participations.all()
    with django_capture_on_commit_callbacks(execute=True):
        services.invite(waiting, email="w@example.org")
        services.invite(answered, email="a@example.org")
    Invitation.objects.update(last_sent_at=timezone.now() - timedelta(days=2))
    Participation.objects.filter(pk=answered.pk).update(status="confirmed")
    django_mail.outbox.clear()
    call_command("send_outbox")
    assert [m.to for m in django_mail.outbox] == [
        [f"{waiting.person.display_name} <w@example.org>"]
    ]
    assert "Reminder" in django_mail.outbox[0].subject
