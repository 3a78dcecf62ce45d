"""Who may open what: every URL × anonymous, organiser, superuser × draft, published.

One table, `rows()`, holds every URL the site answers (public pages, exports,
each admin page of each model, the admin's own pages and the event actions)
with the status each kind of visitor gets, for a draft and for a published
event. Organisers are staff in the "Organisers" group (migration 0002): they
add, change and view everything of agendas, delete an agenda's parts but not
whole events, outcomes, people or organisations, and never see users or groups.

`test_the_table_covers_every_url` checks the table against Django's URL
resolver, so a new URL without its row fails. The CSRF tests post to every
URL of the same table.
"""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import get_resolver, resolve, reverse

from agenda import preview_links
from agenda.models import Event, Occasion, Room
from tests.support.admin_forms import organisers_group
from tests.support.builders import local
from tests.support.documents import make_attachment
from tests.support.hostile import World, build_world, tally
from tests.support.occasions import make_occasion, make_room
from tests.support.permissions import (
    FORBIDDEN,
    FOUND,
    LOGIN,
    MOVED,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    ROLES,
    STATES,
    Row,
    admin_object_rows,
    is_registration_url,
    is_runofshow_url,
    named_urls,
    same,
    status_of,
)

pytestmark = pytest.mark.django_db


def public_event(draft_for_staff=OK) -> dict:
    """Drafts are a 404 for the public and a preview for staff."""
    return {"draft": (NOT_FOUND, draft_for_staff, draft_for_staff), "published": (OK, OK, OK)}


# Admin pages by model: (URL name part, the object, whether organisers may delete it).
def admin_models(w: World, users: dict) -> dict:
    return {
        "agenda_event": (w.event, False),
        "agenda_agendaitem": (w.item, True),
        "agenda_participation": (w.participation, True),
        "agenda_contact": (w.contact, True),
        "agenda_discussionquestion": (w.question, True),
        "agenda_eventorganisation": (w.event_organisation, False),  # the organiser row
        "agenda_outcome": (w.outcome, False),
        "agenda_recommendation": (w.recommendation, True),
        "speakers_person": (w.person, False),
        "speakers_organisation": (w.organisation, False),
    }


def rows(w: World, users: dict) -> list[Row]:
    event, item, person = w.event, w.item, w.person
    slug = {"slug": event.slug}
    table = [
        Row("event list", reverse("agenda:event_list"), **same(OK, OK, OK)),
        Row("calendar feed", reverse("agenda:calendar_feed"), **same(OK, OK, OK)),
        Row("speakers", reverse("speakers:list"), **same(OK, OK, OK)),
        Row("organisations", reverse("agenda:organisation_list"), **same(OK, OK, OK)),
        Row("sitemap", reverse("sitemap"), **same(OK, OK, OK)),
        Row("robots.txt", reverse("robots_txt"), **same(OK, OK, OK)),
        Row("health check", reverse("healthz"), **same(OK, OK, OK)),
        Row("script words (jsi18n)", reverse("javascript-catalog"), **same(OK, OK, OK)),
        # set_language changes nothing on a GET: it sends the visitor back.
        Row("set language (GET)", reverse("set_language"), **same(FOUND, FOUND, FOUND)),
        Row("favicon", "/favicon.ico", **same(MOVED, MOVED, MOVED)),
        Row("event page", reverse("agenda:event_detail", kwargs=slug), **public_event()),
        Row("event .ics", reverse("agenda:event_ics", kwargs=slug), **public_event()),
        Row("agenda .ics", reverse("agenda:event_agenda_ics", kwargs=slug), **public_event()),
        Row(
            "item .ics",
            reverse("agenda:item_ics", kwargs={**slug, "uid": item.uid}),
            **public_event(),
        ),
        Row("schedule.xml", reverse("agenda:schedule_xml", kwargs=slug), **public_event()),
        Row("schedule.json", reverse("agenda:schedule_json", kwargs=slug), **public_event()),
        # A draft's shareable preview answers whoever holds the signed link (no account);
        # once published it sends them to the public page. A changed link is refused.
        Row(
            "shared preview",
            reverse("agenda:event_preview", args=[preview_links.token_for(event)]),
            draft=(OK, OK, OK),
            published=(FOUND, FOUND, FOUND),
        ),
        Row(
            "shared preview (changed link)",
            reverse("agenda:event_preview", args=[preview_links.token_for(event) + "x"]),
            **same(FORBIDDEN, FORBIDDEN, FORBIDDEN),
        ),
        # The person is only on this event's agenda.
        Row(
            "speaker page",
            reverse("speakers:detail", kwargs={"slug": person.slug}),
            **public_event(),
        ),
        # Feeds are public only: a draft is a 404 for staff too (no preview).
        Row(
            "organisation .ics",
            reverse(
                "agenda:organisation_ics",
                kwargs={"slug": w.event_organisation.organisation.slug},
            ),
            **public_event(draft_for_staff=NOT_FOUND),
        ),
        Row(
            "speaker .ics",
            reverse("speakers:calendar", kwargs={"slug": person.slug}),
            **public_event(draft_for_staff=NOT_FOUND),
        ),
        # The admin's own pages.
        Row("admin index", reverse("admin:index"), **same(LOGIN, OK, OK)),
        Row("admin login", reverse("admin:login"), **same(OK, FOUND, FOUND)),
        # Logging out is a POST; a GET sends visitors who are not logged in to the index.
        Row(
            "admin logout (GET)",
            reverse("admin:logout"),
            **same(FOUND, NOT_ALLOWED, NOT_ALLOWED),
        ),
        Row("password change", reverse("admin:password_change"), **same(LOGIN, OK, OK)),
        Row("password changed", reverse("admin:password_change_done"), **same(LOGIN, OK, OK)),
        Row("javascript catalogue", reverse("admin:jsi18n"), **same(LOGIN, OK, OK)),
        Row(
            "view on site",
            reverse(
                "admin:view_on_site",
                args=[ContentType.objects.get_for_model(Event).pk, event.pk],
            ),
            **same(LOGIN, FOUND, FOUND),
        ),
        Row(
            "autocomplete",
            reverse("admin:autocomplete")
            + "?app_label=agenda&model_name=participation&field_name=person&term=S",
            **same(LOGIN, OK, OK),
        ),
        Row("agenda app", reverse("admin:app_list", args=["agenda"]), **same(LOGIN, OK, OK)),
        Row("speakers app", reverse("admin:app_list", args=["speakers"]), **same(LOGIN, OK, OK)),
        Row("auth app", reverse("admin:app_list", args=["auth"]), **same(LOGIN, NOT_FOUND, OK)),
        Row(
            "event export (JSON)",
            reverse("admin:agenda_event_export", args=[event.pk]),
            **same(LOGIN, OK, OK),
        ),
        # The event page's JSON views: people search (GET); live times and in-page
        # additions are POSTs with a JSON body, so a GET is refused.
        Row(
            "people search",
            reverse("admin:speakers_person_find") + "?q=S",
            **same(LOGIN, OK, OK),
        ),
        Row(
            "live row times (GET)",
            reverse("admin:agenda_event_schedule_preview"),
            **same(LOGIN, NOT_ALLOWED, NOT_ALLOWED),
        ),
        Row(
            "new person in-page (GET)",
            reverse("admin:speakers_person_quick_add"),
            **same(LOGIN, NOT_ALLOWED, NOT_ALLOWED),
        ),
        Row(
            "publish checklist",
            reverse("admin:agenda_event_publish", args=[event.pk]),
            **same(LOGIN, OK, OK),
        ),
        Row(
            "next edition form",
            reverse("admin:agenda_event_next_edition", args=[event.pk]),
            **same(LOGIN, OK, OK),
        ),
        Row(
            "duplicate form",
            reverse("admin:agenda_event_duplicate", args=[event.pk]),
            **same(LOGIN, OK, OK),
        ),
        Row(
            "withdraw preview links (GET)",
            reverse("admin:agenda_event_withdraw_preview", args=[event.pk]),
            **same(LOGIN, NOT_ALLOWED, NOT_ALLOWED),
        ),
        Row(
            "new organisation in-page (GET)",
            reverse("admin:speakers_organisation_quick_add"),
            **same(LOGIN, NOT_ALLOWED, NOT_ALLOWED),
        ),
    ]
    for prefix, (obj, organisers_delete) in admin_models(w, users).items():
        first = obj.history.earliest("history_date")
        # Who organises an event decides who reaches it: its organisations are added on
        # the event's page, and the organiser row is a superuser's to change.
        add = (FORBIDDEN, OK) if prefix == "agenda_eventorganisation" else None
        table += admin_object_rows(
            prefix, obj, organiser=OK, add=add, delete=(OK if organisers_delete else FORBIDDEN, OK)
        )
        table += [
            Row(
                f"{prefix} revert",
                reverse(f"admin:{prefix}_simple_history", args=[obj.pk, first.pk]),
                **same(LOGIN, OK, OK),
            ),
            Row(
                f"{prefix} object (old address)",
                reverse(f"admin:{prefix}_changelist") + f"{obj.pk}/",
                **same(LOGIN, FOUND, FOUND),
            ),
        ]
    # Occasions, venues and rooms: public pages of a published occasion, and their admin.
    occasion = Occasion.objects.filter(slug="matrix-session").first() or make_occasion(
        slug="matrix-session"
    )
    room = Room.objects.filter(name="Matrix room").first() or make_room(name="Matrix room")
    at = {"slug": occasion.slug}
    table += [
        Row("occasion list", reverse("agenda:occasion_list"), **same(OK, OK, OK)),
        Row("occasion page", reverse("agenda:occasion_detail", kwargs=at), **same(OK, OK, OK)),
        Row("occasion .ics", reverse("agenda:occasion_ics", kwargs=at), **same(OK, OK, OK)),
        Row(
            "occasion schedule.xml",
            reverse("agenda:occasion_schedule_xml", kwargs=at),
            **same(OK, OK, OK),
        ),
        Row(
            "occasion schedule.json",
            reverse("agenda:occasion_schedule_json", kwargs=at),
            **same(OK, OK, OK),
        ),
    ]
    for prefix, obj in (
        ("agenda_occasion", occasion),
        ("agenda_venue", room.venue),
        ("agenda_room", room),
    ):
        table += admin_object_rows(prefix, obj, organiser=OK)
    organiser = users["organiser"]
    group = organisers_group()
    for prefix, obj in (("auth_user", organiser), ("auth_group", group)):
        table += admin_object_rows(prefix, obj, organiser=FORBIDDEN)
    # The team page: managers of a team only; the organiser manages the organising team
    # (tests.support.teams), so the list answers (their team only) and another team's
    # member is "not found" (the admin's redirect to its index).
    membership = team_membership()
    membership_url = reverse("admin:agenda_membership_changelist")
    table += [
        Row("agenda_membership list", membership_url, **same(LOGIN, OK, OK)),
        Row("agenda_membership add", reverse("admin:agenda_membership_add"),
            **same(LOGIN, FORBIDDEN, OK)),
        Row("agenda_membership change",
            reverse("admin:agenda_membership_change", args=[membership.pk]),
            **same(LOGIN, FOUND, OK)),
        Row("agenda_membership history",
            reverse("admin:agenda_membership_history", args=[membership.pk]),
            **same(LOGIN, FORBIDDEN, OK)),
        Row("agenda_membership delete",
            reverse("admin:agenda_membership_delete", args=[membership.pk]),
            **same(LOGIN, FOUND, OK)),
    ]  # fmt: skip
    table.append(
        Row(
            "agenda_membership revert",
            reverse(
                "admin:agenda_membership_simple_history",
                args=[membership.pk, membership.history.earliest("history_date").pk],
            ),
            **same(LOGIN, FORBIDDEN, OK),
        )
    )
    table.append(
        Row(
            "user password",
            reverse("admin:auth_user_password_change", args=[organiser.pk]),
            **same(LOGIN, FORBIDDEN, OK),
        )
    )
    # Documents: a private one opens for the event's team only; the table is not the
    # Organisers group's (no migration grants it), so organisers are refused its admin.
    document = make_attachment(event, is_public=False)
    table += [
        Row("private document", document.get_absolute_url(),
            draft=(NOT_FOUND, OK, OK), published=(NOT_FOUND, OK, OK)),
        *admin_object_rows("materials_attachment", document, organiser=FORBIDDEN),
    ]  # fmt: skip
    # Speakers' confirmations: the event's team; a made-up invitation link is refused
    # with the page that says why (403), whoever follows it.
    table += [
        Row("invitation (made-up link)",
            reverse("invitations:respond", kwargs={"token": "not-a-token"}),
            **same(FORBIDDEN, FORBIDDEN, FORBIDDEN)),
        Row("upload through a made-up link (GET)",
            reverse("invitations:upload", kwargs={"token": "not-a-token"}),
            **same(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)),
        Row("photo through a made-up link (GET)",
            reverse("invitations:photo", kwargs={"token": "not-a-token"}),
            **same(NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)),
        Row("confirmations", reverse("invitations:confirmations", kwargs=slug),
            **same(LOGIN, OK, OK)),
        Row("invite (GET)", reverse("invitations:invite", kwargs=slug),
            **same(LOGIN, NOT_ALLOWED, NOT_ALLOWED)),
        Row("accept a correction (GET)",
            reverse("invitations:accept", kwargs={**slug, "pk": w.participation.pk}),
            **same(LOGIN, NOT_ALLOWED, NOT_ALLOWED)),
    ]  # fmt: skip
    # Colleagues' invitations and password resets (accounts): the invitation page is
    # its team's managers' (the organiser manages the organising team); a made-up
    # link is refused with the page that says why (403), whoever follows it.
    table += [
        Row("invite a colleague", reverse("accounts:invite"), **same(LOGIN, OK, OK)),
        Row("team invitation (made-up link)",
            reverse("accounts:join", args=["MQ", "made-up"]),
            **same(FORBIDDEN, FORBIDDEN, FORBIDDEN)),
        Row("password reset", reverse("admin_password_reset"), **same(OK, OK, OK)),
        Row("password reset sent", reverse("accounts:password_reset_done"), **same(OK, OK, OK)),
        Row("password reset (made-up link)",
            reverse("accounts:password_reset_confirm", args=["MQ", "made-up"]),
            **same(OK, OK, OK)),
        Row("password reset done", reverse("accounts:password_reset_complete"),
            **same(OK, OK, OK)),
    ]  # fmt: skip
    # Two-factor sign-in: one's own app (signed-in staff; removing one needs one, so
    # the matrix's users, who have none, are sent back), the code step (only after a
    # password: others go to the sign-in page, or on if signed in) and a team's rule
    # (its managers: the organiser manages the organising team).
    table += [
        Row("two-factor sign-in", reverse("accounts:two_factor"), **same(LOGIN, OK, OK)),
        Row("remove the authenticator app", reverse("accounts:two_factor_remove"),
            **same(LOGIN, FOUND, FOUND)),
        Row("two-factor code step", reverse("accounts:two_factor_code"),
            **same(LOGIN, FOUND, FOUND)),
        Row("team's two-factor rule", reverse("accounts:team_two_factor"),
            **same(LOGIN, OK, OK)),
    ]  # fmt: skip
    # The event list's actions (POST). Organisers may not delete events: the action is
    # not offered, so the list comes back with "No action selected".
    events = reverse("admin:agenda_event_changelist")
    selected = {"_selected_action": [str(event.pk)], "index": "0"}
    table += [
        Row("action: duplicate", events, **same(LOGIN, FOUND, FOUND), method="POST",
            data={**selected, "action": "duplicate"}),
        Row("action: export JSON", events, **same(LOGIN, OK, OK), method="POST",
            data={**selected, "action": "export_json"}),
        Row("action: download .ics", events, **same(LOGIN, FOUND, FOUND), method="POST",
            data={**selected, "action": "download_ics"}),
        Row("action: delete events", events, **same(LOGIN, FOUND, OK), method="POST",
            data={**selected, "action": "delete_selected"}),
        Row("withdraw preview links", reverse("admin:agenda_event_withdraw_preview",
            args=[event.pk]), **same(LOGIN, FOUND, FOUND), method="POST"),
        Row("action: delete items", reverse("admin:agenda_agendaitem_changelist"),
            **same(LOGIN, OK, OK), method="POST",
            data={"_selected_action": [str(item.pk)], "index": "0", "action": "delete_selected"}),
    ]  # fmt: skip
    return table


def team_membership():
    """A manager on a team of their own (not one of the matrix's users)."""
    from tests.support.builders import make_organisation
    from tests.support.teams import member

    org = make_organisation()
    user = member(org, f"team-manager-{org.pk}", "manager")
    return user.memberships.get()


def world_in(state: str) -> World:
    return build_world(
        status=state,
        slug="side-event",
        start=local(2030, 9, 4, 13, 15),
        end=local(2030, 9, 4, 14, 45),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
def test_permission_matrix(client, users, state, role):
    world = world_in(state)
    if role != "anonymous":
        client.force_login(users[role])
    wrong = []
    table = rows(world, users)
    for row in table:
        got = status_of(client, row)
        tally(f"permissions: URL × role × state cells ({len(ROLES)} roles, {len(STATES)} states)")
        if got != row.expected(state, role):
            wrong.append(f"{row.name}: got {got}, expected {row.expected(state, role)}")
    assert not wrong, "\n".join(wrong)
    assert len(table) >= 100


def test_what_actions_did_for_each_role(client, users):
    """The effects behind the action statuses above: what exists afterwards."""
    world = world_in(Event.Status.PUBLISHED)
    events = reverse("admin:agenda_event_changelist")
    selected = {"_selected_action": [str(world.event.pk)], "index": "0"}
    client.post(events, {**selected, "action": "duplicate"})
    assert Event.objects.count() == 1  # anonymous: nothing
    client.force_login(users["organiser"])
    client.post(events, {**selected, "action": "delete_selected", "post": "yes"})
    assert Event.objects.filter(pk=world.event.pk).exists()
    asked = client.post(events, {**selected, "action": "duplicate"})
    assert Event.objects.count() == 1  # the action opens the page that asks for the date
    duplicate = reverse("admin:agenda_event_duplicate", args=[world.event.pk])
    assert asked["Location"] == duplicate
    client.post(duplicate, {"title": "Side event", "on": "2031-09-04", "at": "13:15"})
    assert Event.objects.filter(slug="side-event-2031-09-04", status="draft").exists()
    client.force_login(users["superuser"])
    client.post(events, {**selected, "action": "delete_selected", "post": "yes"})
    assert not Event.objects.filter(pk=world.event.pk).exists()


def test_the_table_covers_every_url(users):
    world = world_in(Event.Status.PUBLISHED)
    covered = {resolve(row.url.split("?")[0]).view_name for row in rows(world, users)}
    every = named_urls(get_resolver().url_patterns)
    # Registration and run-of-show URLs have their tables in tests/registrations/ and
    # tests/runofshow/ (test_permission_matrix.py).
    every = {n for n in every if not is_registration_url(n) and not is_runofshow_url(n)}
    # Not yet in any matrix (a known gap, in the closing note): django-axes' sign-in
    # logs, superuser-only tables.
    not_yet = ("admin:axes_",)
    every = {n for n in every if not n.startswith(not_yet)}
    assert every - covered == set()


# -- CSRF: every state-changing request needs the token ----------------------------------


def post_rows(world: World, users: dict) -> list[Row]:
    """Every URL of the table, posted to (the forms' own data does not matter: the
    token is checked before any view runs)."""
    return [
        Row(row.name, row.url, row.draft, row.published, method="POST", data=row.data)
        for row in rows(world, users)
    ]


def snapshot() -> tuple:
    """How many rows of each model there are, and each event's version, title and status."""
    from django.apps import apps

    counts = [
        (model._meta.label, model.objects.count())
        for model in apps.get_models()
        if model._meta.app_label in {"agenda", "speakers", "auth"}
    ]
    return (*counts, *Event.objects.values_list("pk", "version", "title", "status"))


@pytest.mark.parametrize("role", ROLES)
def test_every_post_without_the_csrf_token_is_refused(users, role):
    world = world_in(Event.Status.PUBLISHED)
    client = Client(enforce_csrf_checks=True)
    if role != "anonymous":
        client.force_login(users[role])
    posts = post_rows(world, users)  # builds the table's rows (an occasion) first
    before = snapshot()
    for row in posts:
        response = client.post(row.url, row.data)
        tally("csrf: POSTs without a token (URL × role)")
        assert response.status_code == FORBIDDEN, f"{row.name}: {response.status_code}"
        assert b"CSRF" in response.content, row.name
    assert snapshot() == before


@pytest.mark.parametrize(
    "name", ["agenda_event", "agenda_agendaitem", "speakers_person", "speakers_organisation"]
)
def test_the_same_post_with_the_token_goes_through(users, name):
    """The control: with the token from the page, the request is not refused."""
    world = world_in(Event.Status.PUBLISHED)
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["superuser"])
    obj, _ = admin_models(world, users)[name]
    url = reverse(f"admin:{name}_delete", args=[obj.pk])
    client.get(url)
    token = client.cookies["csrftoken"].value
    assert client.post(url, {"post": "yes"}).status_code == FORBIDDEN
    assert type(obj).objects.filter(pk=obj.pk).exists()
    response = client.post(url, {"post": "yes", "csrfmiddlewaretoken": token})
    assert response.status_code in {FOUND, OK}  # deleted, or told what stops it
    tally("csrf: control POSTs with the token")
