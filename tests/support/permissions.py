"""The permission matrices' shared pieces: roles, states, statuses, a table row, a
model's admin rows, how a row is requested, and the site's named URLs."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.test import Client
from django.urls import URLPattern, URLResolver, reverse

from agenda.models import Event

ROLES = ("anonymous", "organiser", "superuser")
STATES = (Event.Status.DRAFT, Event.Status.PUBLISHED)
LOGIN = "login"  # a redirect to the admin's login page
OK, FOUND, MOVED, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 301, 403, 404, 405


@dataclass(frozen=True)
class Row:
    name: str
    url: str
    # (anonymous, organiser, superuser) for a draft event, and for a published one.
    draft: tuple
    published: tuple
    method: str = "GET"
    data: dict = field(default_factory=dict)

    def expected(self, state: str, role: str):
        cells = self.published if state == Event.Status.PUBLISHED else self.draft
        return cells[ROLES.index(role)]


def same(anonymous, organiser, superuser) -> dict:
    return {
        "draft": (anonymous, organiser, superuser),
        "published": (anonymous, organiser, superuser),
    }


def admin_object_rows(
    prefix: str,
    obj,
    *,
    organiser: int,
    add: tuple[int, int] | None = None,
    delete: tuple[int, int] | None = None,
) -> list[Row]:
    """A model's admin list, add, change, history and delete pages. Anonymous visitors
    go to the login page; `organiser` is what organisers get on the list, change and
    history pages; `add` and `delete` are (organiser, superuser), by default
    (`organiser`, allowed)."""
    add = add or (organiser, OK)
    delete = delete or (organiser, OK)
    return [
        Row(f"{prefix} list", reverse(f"admin:{prefix}_changelist"), **same(LOGIN, organiser, OK)),
        Row(f"{prefix} add", reverse(f"admin:{prefix}_add"), **same(LOGIN, *add)),
        Row(
            f"{prefix} change",
            reverse(f"admin:{prefix}_change", args=[obj.pk]),
            **same(LOGIN, organiser, OK),
        ),
        Row(
            f"{prefix} history",
            reverse(f"admin:{prefix}_history", args=[obj.pk]),
            **same(LOGIN, organiser, OK),
        ),
        Row(
            f"{prefix} delete",
            reverse(f"admin:{prefix}_delete", args=[obj.pk]),
            **same(LOGIN, *delete),
        ),
    ]


def status_of(client: Client, row: Row) -> int | str:
    send = client.post if row.method == "POST" else client.get
    response = send(row.url, row.data)
    if response.status_code == FOUND and response["Location"].startswith(reverse("admin:login")):
        return LOGIN
    return response.status_code


def named_urls(patterns, namespace="") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= named_urls(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def is_registration_url(name: str) -> bool:
    return name.startswith(("registrations:", "admin:registrations_"))


def is_runofshow_url(name: str) -> bool:
    return name.startswith(("runofshow:", "admin:runofshow_"))


def mismatches(client: Client, table: list[Row], state: str, role: str) -> list[str]:
    """'name: got X, expected Y' for each row whose status is not the table's."""
    wrong = []
    for row in table:
        got = status_of(client, row)
        if got != row.expected(state, role):
            wrong.append(f"{row.name}: got {got}, expected {row.expected(state, role)}")
    return wrong
