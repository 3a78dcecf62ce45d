"""Browser tests' organiser: a staff user in the Organisers group at the filled-in login form."""

from tests.support.admin_forms import organisers_group

PASSWORD = "pw-organiser-browser-1"


def fill_organiser_login(page, live_server, django_user_model, username: str, next_url: str):
    """Make the organiser and fill in the login form; the caller submits it."""
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(organisers_group())
    page.goto(f"{live_server.url}/admin/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    return user
