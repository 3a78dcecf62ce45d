"""Browser tests' organiser: a staff user in the Organisers group and manager on the
organising team (tests.support.teams: the group alone reaches no event), at the
filled-in login form."""

from tests.support.admin_forms import organisers_group
from tests.support.teams import join_organising_team

PASSWORD = "pw-organiser-browser-1"


def fill_organiser_login(
    page, live_server, django_user_model, username: str, next_url: str, *, team: bool = True
):
    """Make the organiser and fill in the login form; the caller submits it. Without
    `team` the caller puts them on a team (the organising team hosts every event)."""
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(organisers_group())
    if team:
        join_organising_team(user, "manager")
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    return user
