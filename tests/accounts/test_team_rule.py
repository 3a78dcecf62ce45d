"""A team's rule "Members must use two-factor sign-in": who may set it, and what it
does to members without an authenticator app (enrolment on every admin page)."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import SignInRule
from tests.support.builders import make_organisation
from tests.support.two_factor import code_now, password_step, shown_key

pytestmark = pytest.mark.django_db

RULE_PAGE = reverse("accounts:team_two_factor")
ENROL_PAGE = reverse("accounts:two_factor")


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def require(organisation, by):
    return services.require_two_factor(organisation, True, by=by)


def post_rule(client, organisation, required=True):
    data = {"organisation": organisation.pk}
    if required:
        data["two_factor_required"] = "on"
    return client.post(RULE_PAGE, data)


# -- who sets it -----------------------------------------------------------------------


def test_a_manager_requires_it_for_their_team(team):
    response = post_rule(as_user(team["boss"]), team["iom"])
    assert response.status_code == 302
    rule = SignInRule.objects.get(organisation=team["iom"])
    assert rule.two_factor_required
    assert rule.changed_by == team["boss"]


def test_a_manager_stops_requiring_it(team):
    require(team["iom"], team["boss"])
    post_rule(as_user(team["boss"]), team["iom"], required=False)
    assert not SignInRule.objects.get(organisation=team["iom"]).two_factor_required


def test_a_forged_post_by_an_editor_is_refused_and_writes_nothing(team):
    response = post_rule(as_user(team["editor"]), team["iom"])
    assert response.status_code == 403
    assert not SignInRule.objects.exists()
    assert as_user(team["editor"]).get(RULE_PAGE).status_code == 403


def test_a_manager_of_another_team_cannot_set_it(team):
    response = post_rule(as_user(team["other boss"]), team["iom"])
    assert response.status_code == 200  # the form again: not a choice for them
    assert "errorlist" in response.content.decode()
    assert not SignInRule.objects.exists()


def test_the_service_refuses_an_editor_too(team):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        require(team["iom"], team["editor"])
    assert not SignInRule.objects.exists()


def test_a_superuser_sets_it_for_any_team(team, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="pw-root-1")
    post_rule(as_user(root), team["unodc"])
    assert SignInRule.objects.get(organisation=team["unodc"]).two_factor_required


def test_the_page_lists_only_the_managers_teams(team):
    html = as_user(team["boss"]).get(RULE_PAGE).content.decode()
    assert team["iom"].name in html
    assert team["unodc"].name not in html


def test_the_team_page_links_to_it_for_managers_only(team):
    members = reverse("admin:agenda_membership_changelist")
    assert RULE_PAGE in as_user(team["boss"]).get(members).content.decode()


@pytest.mark.parametrize("teams", [1, 6])
def test_the_page_reads_the_same_queries_however_many_teams(team, teams, django_assert_num_queries):
    boss = team["boss"]
    for n in range(teams - 1):
        organisation = make_organisation(acronym=f"T{n}")
        organisation.memberships.create(user=boss, role="manager")
        if n % 2:
            require(organisation, boss)
    client = as_user(boss)
    client.get(RULE_PAGE)
    # The session, the user (with its two-factor facts), the admin's context, the
    # rows: as many for one team as for six.
    with django_assert_num_queries(5):
        response = client.get(RULE_PAGE)
    assert response.content.decode().count('name="organisation"') == teams


@pytest.mark.parametrize("teams", [1, 6])
def test_a_member_of_many_teams_is_asked_in_the_same_queries(
    team, teams, django_assert_num_queries
):
    """Whether a team requires it is read with the session's user, however many."""
    editor = team["editor"]
    require(team["iom"], team["boss"])
    for n in range(teams - 1):
        organisation = make_organisation(acronym=f"M{n}")
        organisation.memberships.create(user=editor, role="editor")
        SignInRule.objects.create(organisation=organisation, two_factor_required=True)
    client = as_user(editor)
    client.get(ENROL_PAGE)
    # The session and the user with its facts: nothing else before being sent on.
    with django_assert_num_queries(2):
        response = client.get(reverse("admin:agenda_event_changelist"))
    assert response["Location"].startswith(ENROL_PAGE)
    # The same, the app (none yet) and the admin's context.
    with django_assert_num_queries(5):
        assert "requires two-factor sign-in" in client.get(ENROL_PAGE).content.decode()


# -- what it does ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "page",
    [
        reverse("admin:index"),
        reverse("admin:agenda_event_changelist"),
        reverse("admin:agenda_membership_changelist"),
    ],
)
def test_a_member_without_an_app_is_sent_to_enrol_on_every_admin_page(team, page):
    require(team["iom"], team["boss"])
    response = as_user(team["editor"]).get(page)
    assert response.status_code == 302
    assert response["Location"].startswith(ENROL_PAGE)


def test_they_can_still_sign_out(team):
    require(team["iom"], team["boss"])
    client = as_user(team["editor"])
    response = client.post(reverse("admin:logout"))
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_members_of_other_teams_are_not_asked(team):
    require(team["iom"], team["boss"])
    assert as_user(team["other boss"]).get(reverse("admin:index")).status_code == 200


def test_not_required_nobody_is_asked(team):
    services.require_two_factor(team["iom"], False, by=team["boss"])
    assert as_user(team["editor"]).get(reverse("admin:index")).status_code == 200


def test_once_enrolled_the_admin_opens(team):
    require(team["iom"], team["boss"])
    client = Client()
    password_step(client, "ed", "pw-ed-1")
    assert client.get(reverse("admin:index"))["Location"].startswith(ENROL_PAGE)
    page = client.get(ENROL_PAGE)
    assert "requires two-factor sign-in" in page.content.decode()
    client.post(ENROL_PAGE, {"code": code_now(shown_key(page))})
    assert client.get(reverse("admin:index")).status_code == 200
