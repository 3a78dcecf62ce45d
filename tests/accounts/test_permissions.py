"""Who may open the accounts pages: every accounts URL × the seven kinds of user of
issue 16 (the site-wide matrix in tests/eventsite/ has only anonymous, organiser and
superuser). A URL of the accounts app without its row fails
`test_every_accounts_url_has_a_row`.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import get_resolver, resolve, reverse

from accounts import mail, services
from agenda.team_models import Membership
from tests.support.builders import make_organisation
from tests.support.permissions import FORBIDDEN, FOUND, LOGIN, OK, named_urls, status_of
from tests.support.permissions import Row as _Row
from tests.support.teams import member

pytestmark = pytest.mark.django_db

USERS = ("superuser", "manager", "editor", "co_host_editor", "other_manager", "no_team",
         "anonymous")  # fmt: skip


def cells(superuser, manager, editor, co_host_editor, other_manager, no_team, anonymous):
    return dict(zip(USERS, (superuser, manager, editor, co_host_editor, other_manager, no_team,
                            anonymous), strict=True))  # fmt: skip


def everyone(status):
    return cells(*[status] * len(USERS))


STAFF = cells(OK, OK, OK, OK, OK, OK, LOGIN)


@pytest.fixture
def users():
    a, b, c = (make_organisation(acronym=name) for name in ("GOV", "IOM", "UNODC"))
    found = {
        "superuser": get_user_model().objects.create_superuser("root", password="pw-root-1"),
        "manager": member(a, "a-manager", "manager"),
        "editor": member(a, "a-editor", "editor"),
        "co_host_editor": member(b, "b-editor", "editor"),
        "other_manager": member(c, "c-manager", "manager"),
        "no_team": member(c, "nobody", "editor"),
    }
    Membership.objects.filter(user=found["no_team"]).delete()
    found["editor"].email = "a-editor@example.org"
    found["editor"].save()
    return found, c


def rows(users) -> list[tuple[str, str, dict]]:
    found, other = users
    # An invitation to the editor's existing account: theirs to accept once signed in.
    theirs = services.invite(organisation=other, email="a-editor@example.org", role="editor",
                             by=found["other_manager"])  # fmt: skip
    new = services.invite(organisation=other, email="new@example.org", role="editor",
                          by=found["other_manager"])  # fmt: skip
    path = lambda invitation: mail.join_url(invitation).split("://", 1)[1].partition("/")[2]  # noqa: E731
    refused = everyone(FORBIDDEN)
    return [
        ("admin index", reverse("admin:index"), STAFF),
        ("team page", reverse("admin:agenda_membership_changelist"),
         cells(OK, OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, LOGIN)),
        ("invite a colleague", reverse("accounts:invite"),
         cells(OK, OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, LOGIN)),
        ("team invitation (made-up link)", reverse("accounts:join", args=["MQ", "made-up"]),
         refused),
        # A new address: the link alone sets the password, whoever follows it.
        ("team invitation (new address)", "/" + path(new), everyone(OK)),
        # An existing account: signed in as that account, else told to sign in with it.
        ("team invitation (an account's)", "/" + path(theirs),
         cells(FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, LOGIN)),
        ("password reset", reverse("admin_password_reset"), everyone(OK)),
        ("password reset sent", reverse("accounts:password_reset_done"), everyone(OK)),
        ("password reset (made-up link)",
         reverse("accounts:password_reset_confirm", args=["MQ", "made-up"]), everyone(OK)),
        ("password reset done", reverse("accounts:password_reset_complete"), everyone(OK)),
        ("password change", reverse("admin:password_change"), STAFF),
        ("password changed", reverse("admin:password_change_done"), STAFF),
        # Two-factor: one's own app for every staff member; removing one needs one (these
        # users have none: sent back); the code step only follows a password (sent on);
        # a team's rule is its managers' (a superuser's too).
        ("two-factor sign-in", reverse("accounts:two_factor"), STAFF),
        ("remove the authenticator app", reverse("accounts:two_factor_remove"),
         cells(FOUND, FOUND, FOUND, FOUND, FOUND, FOUND, LOGIN)),
        ("two-factor code step", reverse("accounts:two_factor_code"),
         cells(FOUND, FOUND, FOUND, FOUND, FOUND, FOUND, LOGIN)),
        ("team's two-factor rule", reverse("accounts:team_two_factor"),
         cells(OK, OK, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, LOGIN)),
    ]  # fmt: skip


@pytest.mark.parametrize("user", USERS)
def test_accounts_pages_for_every_kind_of_user(client, users, user):
    if user != "anonymous":
        client.force_login(users[0][user])
    wrong = []
    for name, url, expected in rows(users):
        got = status_of(client, _Row(name, url, (), ()))
        if got != expected[user]:
            wrong.append(f"{name}: got {got}, expected {expected[user]}")
    assert not wrong, "\n".join(wrong)


def test_every_accounts_url_has_a_row(users):
    covered = {resolve(url.split("?")[0]).view_name for _name, url, _cells in rows(users)}
    accounts = {n for n in named_urls(get_resolver().url_patterns) if n.startswith("accounts:")}
    accounts |= {"admin_password_reset", "admin:password_change", "admin:password_change_done"}
    assert accounts - covered == set()
