"""The organisers' confirmations page: counts, the "not confirmed" filter, who may open it."""

import pytest
from django.urls import reverse

from agenda.models import Participation
from invitations.models import InvitationMail
from tests.support import teams

pytestmark = pytest.mark.django_db


def page_of(event):
    return reverse("invitations:confirmations", args=[event.slug])


def test_counts_and_the_not_confirmed_filter(admin_client, seed_event):
    people = Participation.objects.filter(agenda_item__event=seed_event)
    total = people.count()
    first = people.first()
    Participation.objects.filter(pk=first.pk).update(status="invited")
    page = admin_client.get(page_of(seed_event)).content.decode()
    assert f"{total - 1} of {total} confirmed" in page
    filtered = admin_client.get(page_of(seed_event) + "?show=not_confirmed")
    rows = filtered.context["rows"]
    assert [p.pk for p in rows] == [first.pk]


def test_the_page_reads_a_fixed_number_of_queries(
    admin_client, seed_event, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        assert admin_client.get(page_of(seed_event)).status_code == 200


def test_invite_all_writes_one_mail_per_person_with_an_address(
    admin_client, seed_event, django_capture_on_commit_callbacks
):
    people = list(Participation.objects.filter(agenda_item__event=seed_event))
    for n, p in enumerate(people[1:]):
        p.person.email = f"p{n}@example.org"
        p.person.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("invitations:invite", args=[seed_event.slug]), {"all": "1"}, follow=True
        )
    assert InvitationMail.objects.count() == len(people) - 1
    assert "has no e-mail address" in response.content.decode()
    # Again: everyone with an address is invited already, so nothing more is sent.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("invitations:invite", args=[seed_event.slug]), {"all": "1"})
    assert InvitationMail.objects.count() == len(people) - 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("anonymous", 302),
        ("staff without rights", 403),
        ("organiser on no team", 403),
        ("editor on the event's team", 200),
    ],
)
def test_who_may_open_it(client, django_user_model, seed_event, who, status):
    if who == "staff without rights":
        client.force_login(
            django_user_model.objects.create_user("plain", password="pw-plain-1", is_staff=True)
        )
    elif who == "organiser on no team":
        client.force_login(teams.staff_user("loner"))
    elif who == "editor on the event's team":
        organiser = seed_event.event_organisations.filter(role="organiser").first().organisation
        client.force_login(teams.member(organiser, "editor"))
    assert client.get(page_of(seed_event)).status_code == status
    invite = client.post(reverse("invitations:invite", args=[seed_event.slug]), {"all": "1"})
    assert invite.status_code == (302 if status != 403 else 403)
    if status != 200:
        assert not InvitationMail.objects.exists()
