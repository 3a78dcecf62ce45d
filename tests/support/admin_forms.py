"""Read an admin page's form as a browser would submit it, for admin-client tests."""

import html
import re
from html.parser import HTMLParser
from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, str] = {}
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option_value: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in {"submit", "button", "image", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self.data[name] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self.data[self._select] = value
                self._select_chosen = True

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline Django writes after <textarea>.
            self.data[self._textarea] = self.data[self._textarea].removeprefix("\n")
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.data[self._select] = self._select_first
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def form_data(response, form_id: str) -> dict[str, str]:
    """The values the page's form would send, keyed by field name."""
    assert response.status_code == 200, response.status_code
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    return reader.data


def event_fields(**changes: str) -> dict[str, str]:
    """What an organiser types for a new event: a 13:15–14:45 slot in Vienna, a draft."""
    return {
        "title": "Planning desk",
        "slug": "planning-desk",
        "status": "draft",
        "time_zone": "Europe/Vienna",
        "start_0": "2030-09-02",
        "start_1": "13:15",
        "end_0": "2030-09-02",
        "end_1": "14:45",
        **changes,
    }


def text(response) -> str:
    """The page as plain text, entities decoded, whitespace collapsed."""
    page = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", response.content.decode())
    page = re.sub(r"</?(a|span|strong|em|b|i|time|code)\b[^>]*>", "", page)  # inline: no gap
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page))).strip()


def row_prefixes(data: dict[str, str], prefix: str) -> list[str]:
    """'items-0', 'items-1' … for the saved rows of an inline, in page order."""
    total = int(data[f"{prefix}-INITIAL_FORMS"])
    return [f"{prefix}-{n}" for n in range(total)]


def add_rows(data: dict[str, str], prefix: str, rows: list[dict[str, str]]) -> None:
    """Append new rows to an inline formset, as "Add another" does: a copy of the
    page's empty row (hidden defaults such as position 0 included), then filled in."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    template = f"{prefix}-__prefix__-"
    defaults = {k.removeprefix(template): v for k, v in data.items() if k.startswith(template)}
    for offset, row in enumerate(rows):
        for field, value in {**defaults, **row}.items():
            data[f"{prefix}-{total + offset}-{field}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(total + len(rows))


# The data migrations that make the "Organisers" group and grant it its permissions.
ORGANISERS_MIGRATIONS = (
    ("agenda.migrations.0002_admin_organisers_group", "create_group"),
    ("registrations.migrations.0002_organisers_registration_permissions", "grant_permissions"),
    ("runofshow.migrations.0002_organisers_run_permissions", "grant_permissions"),
    ("agenda.migrations.0006_organisers_occasion_permissions", "grant_permissions"),
)


def organisers_group() -> Group:
    """The "Organisers" group. An earlier transactional test's flush empties the
    tables (the group with them), whatever order the tests run in; then the group
    is made again by the same migration code."""
    if not Group.objects.filter(name="Organisers").exists():
        for module, function in ORGANISERS_MIGRATIONS:
            getattr(import_module(module), function)(apps, None)
    return Group.objects.get(name="Organisers")


def make_organiser(django_user_model, username: str = "organiser", role: str = "manager"):
    """Staff in the "Organisers" group and on the organising team (a manager by
    default), which organises every event of the test (tests.support.teams): the
    group alone reaches no event."""
    from tests.support.teams import join_organising_team

    user = django_user_model.objects.create_user(
        username=username, password=f"pw-{username}-1", is_staff=True
    )
    user.groups.add(organisers_group())
    join_organising_team(user, role)
    return user
