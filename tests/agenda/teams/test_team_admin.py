"""The team page: managers see and change their own team only; forged writes change nothing."""

import pytest
from django.urls import reverse

from agenda.team_models import Membership
from tests.support.builders import make_organisation
from tests.support.teams import member, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    iom, unodc = make_organisation(acronym="IOM"), make_organisation(acronym="UNODC")
    return {
        "iom": iom,
        "boss": member(iom, "boss", "manager"),
        "editor": member(iom, "ed", "editor"),
        "other boss": member(unodc, "other", "manager"),
        "other editor": member(unodc, "other-ed", "editor"),
    }


def change_url(user):
    return reverse("admin:agenda_membership_change", args=[Membership.objects.get(user=user).pk])


def test_a_manager_lists_their_own_team_only(client, teams):
    client.force_login(teams["boss"])
    page = client.get(reverse("admin:agenda_membership_changelist")).content.decode()
    assert "boss" in page
    assert ">ed<" in page or "ed</a>" in page
    assert "other" not in page


@pytest.mark.parametrize(
    ("who", "expected"),
    [("editor", 403), ("other boss", 302), ("boss", 200)],
)
def test_who_opens_a_members_page(client, teams, who, expected):
    client.force_login(teams[who])
    assert client.get(change_url(teams["editor"])).status_code == expected


def test_staff_on_no_team_reach_no_team_page(client, teams):
    client.force_login(staff_user("nobody"))
    assert client.get(reverse("admin:agenda_membership_changelist")).status_code == 403
    assert client.get(change_url(teams["editor"])).status_code == 403


def test_managers_do_not_add_from_every_account(client, teams):
    client.force_login(teams["boss"])
    assert client.get(reverse("admin:agenda_membership_add")).status_code == 403


def test_a_manager_changes_a_role(client, teams):
    client.force_login(teams["boss"])
    response = client.post(change_url(teams["editor"]), {"role": "manager"})
    assert response.status_code == 302
    assert Membership.objects.get(user=teams["editor"]).role == "manager"


@pytest.mark.parametrize("forger", ["editor", "other boss", "other editor"])
def test_a_forged_raise_of_a_role_writes_nothing(client, teams, forger):
    client.force_login(teams[forger])
    client.post(change_url(teams["editor"]), {"role": "manager"})
    assert Membership.objects.get(user=teams["editor"]).role == "editor"


def test_a_forged_move_to_another_organisation_writes_nothing(client, teams):
    client.force_login(teams["boss"])
    other = Membership.objects.get(user=teams["other boss"]).organisation
    client.post(change_url(teams["editor"]), {"role": "editor", "organisation": other.pk})
    assert Membership.objects.get(user=teams["editor"]).organisation == teams["iom"]


def test_the_last_manager_is_not_demoted(client, teams):
    client.force_login(teams["boss"])
    response = client.post(change_url(teams["boss"]), {"role": "editor"})
    assert response.status_code == 200
    assert "last manager" in response.content.decode()
    assert Membership.objects.get(user=teams["boss"]).role == "manager"


def test_the_last_manager_is_not_removed(client, teams):
    client.force_login(teams["boss"])
    url = change_url(teams["boss"]).replace("/change/", "/delete/")
    response = client.post(url, {"post": "yes"}, follow=True)
    assert "last manager" in response.content.decode()
    assert Membership.objects.filter(user=teams["boss"]).exists()


def test_a_manager_removes_a_member(client, teams):
    client.force_login(teams["boss"])
    url = change_url(teams["editor"]).replace("/change/", "/delete/")
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not Membership.objects.filter(user=teams["editor"]).exists()


def test_history_names_who_changed_a_role(client, teams):
    client.force_login(teams["boss"])
    client.post(change_url(teams["editor"]), {"role": "manager"})
    latest = Membership.objects.get(user=teams["editor"]).history.latest("history_date")
    assert latest.history_user == teams["boss"]
