"""Organising teams applied everywhere an event's rows are reached (issue 16).

The matrix: the issue's seven users × every URL that reaches one event's rows ×
a draft and a published event of each of two organisations. Organisation A
organises its events with B as co-host; C organises its own. What a user gets
depends only on their standing on the event (`STANDING`), and `EXPECTED` says
for each URL what each standing gets: the table is written out, not derived
from agenda.teams. `test_the_matrix_covers_every_admin_page_of_a_teams_row` fails on
a page of a team-scoped admin that has no row.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import get_resolver, resolve, reverse

from agenda import models as agenda_models
from agenda.models import AgendaItem, Contact, Event, EventOrganisation
from agenda.team_models import Membership
from registrations.models import OutboxMessage, Registration, RegistrationSettings
from runofshow.models import ItemTiming, Run
from speakers.models import Organisation
from tests.support.admin_forms import organisers_group
from tests.support.builders import add_items, local, make_event, make_organisation
from tests.support.documents import make_attachment
from tests.support.permissions import (
    FORBIDDEN,
    FOUND,
    LOGIN,
    NOT_FOUND,
    OK,
    Row,
    named_urls,
    status_of,
)
from tests.support.teams import host, member

pytestmark = pytest.mark.django_db

USERS = (
    "superuser",
    "manager",  # the organiser's manager (A)
    "editor",  # the organiser's editor (A)
    "co_host_editor",  # a co-host's editor (B)
    "other_manager",  # another organisation's manager (C)
    "no_team",  # staff in "Organisers", on no team
    "anonymous",
)
STATES = (Event.Status.DRAFT, Event.Status.PUBLISHED)
OWNERS = ("A", "C")

# (user, owner of the event) → standing on the event.
STANDING = {
    **{("superuser", owner): "super" for owner in OWNERS},
    ("manager", "A"): "manager",
    ("editor", "A"): "editor",
    ("co_host_editor", "A"): "editor",
    ("other_manager", "A"): "none",
    ("manager", "C"): "none",
    ("editor", "C"): "none",
    ("co_host_editor", "C"): "none",
    ("other_manager", "C"): "manager",
    **{("no_team", owner): "none" for owner in OWNERS},
    **{("anonymous", owner): "anon" for owner in OWNERS},
}
STANDINGS = ("super", "manager", "editor", "none", "anon")


def cells(super_, manager, editor, none, anon=LOGIN) -> dict:
    return dict(zip(STANDINGS, (super_, manager, editor, none, anon), strict=True))


# A row out of reach is "not found": the admin's change and delete pages redirect to
# its index (FOUND), history pages of simple-history refuse (403, it finds the row in
# its history), our own views answer 404 or 403.
EDITABLE = cells(OK, OK, OK, FOUND)
EDITABLE_HISTORY = cells(OK, OK, OK, FORBIDDEN)
MANAGERS_ROWS = cells(OK, OK, FOUND, FOUND)
EXPECTED = {
    "event change": EDITABLE,
    "event history": EDITABLE_HISTORY,
    "event revert": EDITABLE_HISTORY,
    # The "Organisers" group holds no right to delete events or registrations (agenda
    # 0002, registrations 0002): the table right is asked first, so even a manager is
    # refused, and a row out of reach is refused the same way (403, not "not found").
    "event delete": cells(OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "event export (JSON)": cells(OK, OK, OK, NOT_FOUND),
    "publish checklist": cells(OK, OK, FORBIDDEN, FORBIDDEN),
    "duplicate form": cells(OK, OK, OK, FORBIDDEN),
    "next edition form": cells(OK, OK, OK, FORBIDDEN),
    "item change": EDITABLE,
    "item history": EDITABLE_HISTORY,
    "item delete": EDITABLE,
    "participation change": EDITABLE,
    "contact change": EDITABLE,
    "contact history": EDITABLE_HISTORY,
    # Editors see the event's organisations (read only); changing them is managers'.
    "event organisation change": EDITABLE,
    "registration change": MANAGERS_ROWS,
    "registration history": MANAGERS_ROWS,
    "registration delete": cells(OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "registration settings change": MANAGERS_ROWS,
    "held notices review": cells(OK, OK, FORBIDDEN, FORBIDDEN),
    "document change": EDITABLE,
    "run of show change": EDITABLE,
    "run of show CSV": cells(OK, OK, OK, NOT_FOUND),
    "timekeeper": cells(OK, OK, OK, FORBIDDEN),
    "confirmations": cells(OK, OK, OK, FORBIDDEN),
    # The rest of each team-scoped admin's pages of one row.
    "withdraw preview links (POST)": cells(FOUND, FOUND, FOUND, FORBIDDEN),
    "item revert": EDITABLE_HISTORY,
    "participation history": EDITABLE_HISTORY,
    "participation revert": EDITABLE_HISTORY,
    "participation delete": EDITABLE,
    "contact revert": EDITABLE_HISTORY,
    "contact delete": EDITABLE,
    "question change": EDITABLE,
    "question history": EDITABLE_HISTORY,
    "question revert": EDITABLE_HISTORY,
    "question delete": EDITABLE,
    "event organisation history": EDITABLE_HISTORY,
    "event organisation revert": EDITABLE_HISTORY,
    # The organiser row is a superuser's to change; out of reach it is "not found".
    "event organisation delete": cells(OK, FORBIDDEN, FORBIDDEN, FOUND),
    "outcome change": EDITABLE,
    "outcome history": EDITABLE_HISTORY,
    "outcome revert": EDITABLE_HISTORY,
    "outcome delete": cells(OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "recommendation change": EDITABLE,
    "recommendation history": EDITABLE_HISTORY,
    "recommendation revert": EDITABLE_HISTORY,
    "recommendation delete": EDITABLE,
    "registration settings history": MANAGERS_ROWS,
    "registration settings delete": cells(OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    # Mail to registrants is registrants' data: managers only.
    "outbox message change": MANAGERS_ROWS,
    "outbox message history": MANAGERS_ROWS,
    "outbox message delete": cells(OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "run of show history": EDITABLE_HISTORY,
    "run of show revert": EDITABLE_HISTORY,
    "run of show delete": cells(OK, FORBIDDEN, FORBIDDEN, FORBIDDEN),  # no table right
    "item timing change": EDITABLE,
    "item timing history": EDITABLE_HISTORY,
    "item timing revert": EDITABLE_HISTORY,
    "item timing delete": EDITABLE,
    "document history": EDITABLE,
    "document delete": EDITABLE,
}
# Public pages: a draft is a preview for its team only; published, for everyone.
PUBLIC_DRAFT = cells(OK, OK, OK, NOT_FOUND, NOT_FOUND)
PUBLIC = {"event page": PUBLIC_DRAFT, "event .ics": PUBLIC_DRAFT}


def expected(name: str, state: str, standing: str):
    if name in PUBLIC:
        return OK if state == Event.Status.PUBLISHED else PUBLIC[name][standing]
    return EXPECTED[name][standing]


class Teams:
    def __init__(self):
        self.a = make_organisation(name="Government mission", acronym="GOV")
        self.b = make_organisation(name="International Organization for Migration", acronym="IOM")
        self.c = make_organisation(name="UN Office on Drugs and Crime", acronym="UNODC")
        User = get_user_model()
        self.users = {
            "superuser": User.objects.create_superuser("root", password="pw-root-1"),
            "manager": member(self.a, "a-manager", "manager"),
            "editor": member(self.a, "a-editor", "editor"),
            "co_host_editor": member(self.b, "b-editor", "editor"),
            "other_manager": member(self.c, "c-manager", "manager"),
            "no_team": member(self.c, "nobody", "editor"),
        }
        # The Organisers group and no team.
        Membership.objects.filter(user=self.users["no_team"]).delete()
        # Documents' table rights are not the group's yet (no migration grants them):
        # given here, so that the team decides which documents.
        organisers_group().permissions.add(
            *Permission.objects.filter(content_type__app_label="materials")
        )
        self.events = {}
        for owner, organisation in (("A", self.a), ("C", self.c)):
            for state in STATES:
                self.events[owner, state] = self._event(owner, organisation, state)

    def _event(self, owner, organisation, state) -> Event:
        event = make_event(
            title=f"{owner} {state} event",
            slug=f"{owner.lower()}-{state}",
            status=Event.Status.DRAFT,
            start=local(2030, 9, 4, 13, 15),
            end=local(2030, 9, 4, 14, 45),
        )
        host(event, organisation)
        if owner == "A":
            host(event, self.b, "co-host")
        add_items(event, [30], people_per_item=1)
        item = event.items.get()
        item.save()  # a history row, as the admin makes
        contact = Contact.objects.create(event=event, name="Host", email="host@example.org")
        contact.save()
        RegistrationSettings.objects.create(event=event, is_open=True, capacity=10)
        Registration.objects.create(
            event=event,
            status=Registration.Status.CONFIRMED,
            name=f"Registrant of {owner}",
            email=f"registrant-{owner.lower()}-{state}@example.org",
            affiliation_type=Registration.Affiliation.GOVERNMENT,
            consent_at=event.start - timedelta(days=30),
        )
        make_attachment(event, is_public=False)
        run = Run.objects.create(event=event)
        # Rows of every other team-scoped admin, each with a history row where it keeps one.
        agenda_models.DiscussionQuestion.objects.create(event=event, text="Why?").save()
        outcome = agenda_models.Outcome.objects.create(
            event=event, title="Report", summary="Summary."
        )
        outcome.save()
        agenda_models.Recommendation.objects.create(outcome=outcome, text="Cooperate.").save()
        ItemTiming.objects.create(run=run, item=item).save()
        run.save()
        for row in (item.participations.get(), event.event_organisations.get(role="organiser")):
            row.save()
        OutboxMessage.objects.create(
            event=event, kind=OutboxMessage.Kind.CONFIRMATION, to_email="x@example.org",
            subject="Registered", text_body="You are registered.",
        )  # fmt: skip
        if state == Event.Status.PUBLISHED:
            Event.objects.filter(pk=event.pk).update(status=Event.Status.PUBLISHED)
        event.refresh_from_db()
        event.save()  # the published state in its history
        return event


def rows(event: Event) -> list[Row]:
    item = event.items.get()
    participation = item.participations.get()
    contact = event.contacts.get()
    organisation_row = event.event_organisations.filter(role="organiser").get()
    registration = event.registrations.get()
    first = event.history.earliest("history_date")
    slug = {"slug": event.slug}

    def admin(name, *args):
        return reverse(f"admin:{name}", args=args)

    urls = {
        "event change": admin("agenda_event_change", event.pk),
        "event history": admin("agenda_event_history", event.pk),
        "event revert": admin("agenda_event_simple_history", event.pk, first.pk),
        "event delete": admin("agenda_event_delete", event.pk),
        "event export (JSON)": admin("agenda_event_export", event.pk),
        "publish checklist": admin("agenda_event_publish", event.pk),
        "duplicate form": admin("agenda_event_duplicate", event.pk),
        "next edition form": admin("agenda_event_next_edition", event.pk),
        "item change": admin("agenda_agendaitem_change", item.pk),
        "item history": admin("agenda_agendaitem_history", item.pk),
        "item delete": admin("agenda_agendaitem_delete", item.pk),
        "participation change": admin("agenda_participation_change", participation.pk),
        "contact change": admin("agenda_contact_change", contact.pk),
        "contact history": admin("agenda_contact_history", contact.pk),
        "event organisation change": admin("agenda_eventorganisation_change", organisation_row.pk),
        "registration change": admin("registrations_registration_change", registration.pk),
        "registration history": admin("registrations_registration_history", registration.pk),
        "registration delete": admin("registrations_registration_delete", registration.pk),
        "registration settings change": admin(
            "registrations_registrationsettings_change", event.registration_settings.pk
        ),
        "held notices review": admin("registrations_outboxmessage_review", event.pk),
        "document change": admin("materials_attachment_change", event.attachments.get().pk),
        "run of show change": admin("runofshow_run_change", event.run.pk),
        "run of show CSV": admin("runofshow_run_report", event.run.pk),
        "withdraw preview links (POST)": admin("agenda_event_withdraw_preview", event.pk),
        **history_rows("item", "agenda_agendaitem", item, ("revert",)),
        **history_rows(
            "participation", "agenda_participation", participation, ("history", "revert", "delete")
        ),
        **history_rows("contact", "agenda_contact", contact, ("revert", "delete")),
        **history_rows("question", "agenda_discussionquestion", event.questions.get()),
        **history_rows(
            "event organisation",
            "agenda_eventorganisation",
            organisation_row,
            ("history", "revert", "delete"),
        ),
        **history_rows("outcome", "agenda_outcome", event.outcome),
        **history_rows(
            "recommendation", "agenda_recommendation", event.outcome.recommendations.get()
        ),
        **history_rows(
            "registration settings",
            "registrations_registrationsettings",
            event.registration_settings,
            ("history", "delete"),
        ),
        **history_rows(
            "outbox message",
            "registrations_outboxmessage",
            event.outbox_messages.get(),
            ("change", "history", "delete"),
        ),
        **history_rows("run of show", "runofshow_run", event.run, ("history", "revert", "delete")),
        **history_rows("item timing", "runofshow_itemtiming", event.run.timings.get()),
        **history_rows(
            "document", "materials_attachment", event.attachments.get(), ("history", "delete")
        ),
        "timekeeper": reverse("runofshow:timekeeper", kwargs=slug),
        "confirmations": reverse("invitations:confirmations", kwargs=slug),
        "event page": reverse("agenda:event_detail", kwargs=slug),
        "event .ics": reverse("agenda:event_ics", kwargs=slug),
    }
    assert set(urls) == set(EXPECTED) | set(PUBLIC), "each URL needs its row of expectations"
    posts = {"withdraw preview links (POST)"}
    return [
        Row(name, url, (), (), "POST" if name in posts else "GET") for name, url in urls.items()
    ]


def history_rows(name: str, prefix: str, obj, pages=("change", "history", "revert", "delete")):
    """A row's admin pages by the matrix's names: "<name> change", "<name> revert"…"""
    urls = {
        "change": lambda: reverse(f"admin:{prefix}_change", args=[obj.pk]),
        "history": lambda: reverse(f"admin:{prefix}_history", args=[obj.pk]),
        "delete": lambda: reverse(f"admin:{prefix}_delete", args=[obj.pk]),
        "revert": lambda: reverse(
            f"admin:{prefix}_simple_history",
            args=[obj.pk, obj.history.earliest("history_date").pk],
        ),
    }
    return {f"{name} {page}": urls[page]() for page in pages}


@pytest.fixture
def teams():
    return Teams()


@pytest.mark.parametrize("user", USERS)
def test_team_matrix(client, teams, user):
    if user != "anonymous":
        client.force_login(teams.users[user])
    wrong, cells_checked = [], 0
    for (owner, state), event in teams.events.items():
        standing = STANDING[user, owner]
        for row in rows(event):
            got = status_of(client, row)
            cells_checked += 1
            want = expected(row.name, state, standing)
            if got != want:
                wrong.append(f"{owner} {state} {row.name}: got {got}, expected {want}")
    assert not wrong, "\n".join(wrong)
    assert cells_checked == len(OWNERS) * len(STATES) * (len(EXPECTED) + len(PUBLIC))


# Admin pages of team-scoped models that are not about one row: lists, searches and
# autocompletes are below, forged additions further down, the live row times are JSON
# for the page's script (no row: the site-wide matrix has them).
NOT_ONE_ROW = ("_changelist", "_add", "admin:agenda_event_schedule_preview")


def test_the_matrix_covers_every_admin_page_of_a_teams_row(teams):
    """A new page of a team-scoped admin (agenda.team_access.TeamScopedAdmin) without
    its row in the matrix fails here."""
    from django.contrib import admin

    from agenda.team_access import TeamScopedAdmin

    names = named_urls(get_resolver().url_patterns)
    scoped = {
        name
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, TeamScopedAdmin)
        for name in names
        if name.startswith(f"admin:{model._meta.app_label}_{model._meta.model_name}_")
    }
    scoped = {name for name in scoped if not name.endswith(NOT_ONE_ROW)}
    event = teams.events["A", Event.Status.DRAFT]
    covered = {resolve(row.url).view_name for row in rows(event)}
    assert scoped - covered == set()
    assert len(scoped) > 40  # the control: the registry was read


# -- lists, searches, autocompletes and exports show only what the team reaches -----------

# Which events' rows each user sees listed (by owner).
LISTED = {
    "superuser": {"A", "C"},
    "manager": {"A"},
    "editor": {"A"},
    "co_host_editor": {"A"},
    "other_manager": {"C"},
    "no_team": set(),
}
REGISTRANTS_LISTED = {**LISTED, "editor": set(), "co_host_editor": set()}


def owners_named(content: str, teams: Teams, what) -> set[str]:
    return {owner for (owner, _s), event in teams.events.items() if what(event) in content}


@pytest.mark.parametrize("user", sorted(LISTED))
def test_lists_and_autocompletes_show_only_the_teams_events(client, teams, user):
    client.force_login(teams.users[user])
    title = lambda event: event.title  # noqa: E731
    for url in (
        reverse("admin:agenda_event_changelist"),
        reverse("admin:agenda_agendaitem_changelist"),
        reverse("admin:agenda_contact_changelist"),
        reverse("admin:materials_attachment_changelist"),
        reverse("admin:runofshow_run_changelist"),
        reverse("admin:autocomplete")
        + "?app_label=agenda&model_name=agendaitem&field_name=event&term=event",
        reverse("admin:autocomplete")
        + "?app_label=runofshow&model_name=run&field_name=event&term=event",
    ):
        response = client.get(url)
        assert response.status_code == OK, url
        assert owners_named(response.content.decode(), teams, title) == LISTED[user], url


@pytest.mark.parametrize("user", sorted(LISTED))
def test_the_event_lists_actions_act_on_the_teams_events_only(client, teams, user):
    """Export and .ics actions posted with the ids of C's events (forged for others)."""
    client.force_login(teams.users[user])
    theirs = [str(e.pk) for (owner, _s), e in teams.events.items() if owner == "C"]
    events = reverse("admin:agenda_event_changelist")
    reached = "C" in LISTED[user]
    exported = client.post(
        events, {"action": "export_json", "_selected_action": theirs, "index": "0"}
    )
    archive = zipfile.ZipFile(io.BytesIO(exported.content))
    assert set(archive.namelist()) == ({"c-draft.json", "c-published.json"} if reached else set())
    ics = client.post(
        events, {"action": "download_ics", "_selected_action": theirs[:1], "index": "0"}
    )
    assert ics.get("Location", "").endswith(".ics") == reached


def registrant_email(event: Event) -> str:
    return event.registrations.get().email


@pytest.mark.parametrize("user", sorted(LISTED))
def test_registrants_only_for_the_events_managers(client, teams, user):
    client.force_login(teams.users[user])
    registrations = reverse("admin:registrations_registration_changelist")
    for url in (registrations, registrations + "?q=registrant", registrations + "?q=example.org"):
        content = client.get(url).content.decode()
        assert owners_named(content, teams, registrant_email) == REGISTRANTS_LISTED[user], url
    # The CSV action with every registration's id, the other team's guessed ones included.
    every = [str(pk) for pk in Registration.objects.values_list("pk", flat=True)]
    response = client.post(
        registrations, {"action": "export_csv", "_selected_action": every, "index": "0"}
    )
    content = response.content.decode()
    assert owners_named(content, teams, registrant_email) == REGISTRANTS_LISTED[user]
    if REGISTRANTS_LISTED[user]:
        assert response["Content-Type"].startswith("text/csv")
    # The filter by event names only the events listed.
    titles = owners_named(client.get(registrations).content.decode(), teams, lambda e: e.title)
    assert titles <= REGISTRANTS_LISTED[user]


def test_an_editor_never_sees_registrants_on_the_event_page(client, teams):
    event = teams.events["A", Event.Status.DRAFT]
    client.force_login(teams.users["editor"])
    page = client.get(reverse("admin:agenda_event_change", args=[event.pk])).content.decode()
    assert "Who comes" not in page
    client.force_login(teams.users["manager"])
    page = client.get(reverse("admin:agenda_event_change", args=[event.pk])).content.decode()
    assert "Who comes" in page  # the control: the manager sees the headcount


@pytest.mark.parametrize(
    ("user", "offered"),
    [("editor", ["draft"]), ("co_host_editor", ["draft"]),
     ("manager", ["draft", "published", "cancelled"])],
)  # fmt: skip
def test_the_event_page_offers_publishing_to_managers_only(client, teams, user, offered):
    event = teams.events["A", Event.Status.DRAFT]
    client.force_login(teams.users[user])
    page = client.get(reverse("admin:agenda_event_change", args=[event.pk])).content.decode()
    status = page.split('<select name="status"', 1)[1].split("</select>", 1)[0]
    assert re.findall(r'<option value="(\w+)"', status) == offered
    publish = reverse("admin:agenda_event_publish", args=[event.pk])
    assert (f'href="{publish}"' in page) == (user == "manager")


# -- forged writes: refused, nothing written ---------------------------------------------


def test_an_item_cannot_be_added_to_another_teams_event(client, teams):
    theirs = teams.events["C", Event.Status.DRAFT]
    before = AgendaItem.objects.filter(event=theirs).count()
    client.force_login(teams.users["editor"])
    response = client.post(
        reverse("admin:agenda_agendaitem_add"),
        {"event": theirs.pk, "title": "Smuggled in", "kind": "talk", "minutes": "10"},
    )
    assert response.status_code == OK  # the form again, with its error
    assert "Select a valid choice" in response.content.decode()
    assert AgendaItem.objects.filter(event=theirs).count() == before


def test_an_organiser_row_cannot_be_moved_to_another_organisation(client, teams):
    row = teams.events["A", Event.Status.DRAFT].event_organisations.get(role="organiser")
    client.force_login(teams.users["manager"])
    url = reverse("admin:agenda_eventorganisation_change", args=[row.pk])
    client.post(url, {"event": row.event_id, "organisation": teams.c.pk, "role": "organiser"})
    row.refresh_from_db()
    assert row.organisation_id == teams.a.pk


def test_an_editor_cannot_raise_a_members_role(client, teams):
    editor = teams.users["editor"]
    membership = Membership.objects.get(user=editor)
    client.force_login(editor)
    response = client.post(
        reverse("admin:agenda_membership_change", args=[membership.pk]), {"role": "manager"}
    )
    assert response.status_code == FORBIDDEN
    membership.refresh_from_db()
    assert membership.role == "editor"


def test_an_editor_cannot_publish_by_the_status_field(client, teams):
    event = teams.events["A", Event.Status.DRAFT]
    client.force_login(teams.users["editor"])
    response = client.post(reverse("admin:agenda_event_publish", args=[event.pk]), {})
    assert response.status_code == FORBIDDEN
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT


def test_a_removed_members_next_save_is_refused(client, teams):
    event = teams.events["A", Event.Status.DRAFT]
    contact = event.contacts.get()
    editor = teams.users["editor"]
    client.force_login(editor)
    url = reverse("admin:agenda_contact_change", args=[contact.pk])
    assert client.get(url).status_code == OK  # the form is open
    Membership.objects.filter(user=editor).delete()  # a manager removes them meanwhile
    response = client.post(url, {"event": event.pk, "name": "Changed", "email": "x@example.org"})
    assert response.status_code == FOUND  # "not found": the row is out of their reach
    contact.refresh_from_db()
    assert contact.name == "Host"


# -- new events belong to their author's team ---------------------------------------------


def test_staff_on_no_team_may_not_add_an_event(client, teams):
    client.force_login(teams.users["no_team"])
    assert client.get(reverse("admin:agenda_event_add")).status_code == FORBIDDEN
    client.force_login(teams.users["editor"])
    assert client.get(reverse("admin:agenda_event_add")).status_code == OK


@pytest.mark.parametrize(("user", "organiser"), [("manager", "a"), ("co_host_editor", "b")])
def test_a_members_new_event_is_organised_by_their_organisation(teams, user, organiser):
    from agenda import teams as rules

    event = make_event(title="New one", slug="new-one", status=Event.Status.DRAFT)
    author = teams.users[user]
    assert not rules.events_for(author).filter(pk=event.pk).exists()
    rules.give_to_home_organisation(author, event)
    row = event.event_organisations.get()
    assert (row.organisation, row.role) == (getattr(teams, organiser), "organiser")
    assert rules.events_for(author).filter(pk=event.pk).exists()


@pytest.mark.parametrize(("user", "role"), [("manager", "manager"), ("co_host_editor", "editor")])
def test_an_organiser_named_by_the_author_stays_and_their_team_co_hosts(teams, user, role):
    """An IOM officer enters a side event a government organises: the government
    stays the organiser, IOM co-hosts it, and IOM's team has the author's role on it."""
    from agenda import teams as rules
    from agenda.team_models import EventTeam

    government = Organisation.objects.create(name="Government of Somewhere", slug="gov")
    event = make_event(title="Theirs", slug="theirs", status=Event.Status.DRAFT)
    EventOrganisation.objects.create(event=event, organisation=government, role="organiser")
    author = teams.users[user]
    home = rules.home_organisation(author)
    rules.give_to_home_organisation(author, event)
    rows = {(r.organisation, r.role) for r in event.event_organisations.all()}
    assert rows == {(government, "organiser"), (home, "co-host")}
    assert EventTeam.objects.get(event=event, organisation=home).role == role
    assert rules.event_role(author, Event.objects.get(pk=event.pk)) == role
    rules.give_to_home_organisation(author, event)  # again: nothing more written
    assert event.event_organisations.count() == 2


@pytest.mark.parametrize(("user", "refused"), [("editor", True), ("manager", False)])
def test_only_managers_cancel_an_event_from_its_page(client, teams, user, refused):
    from tests.support.admin_forms import form_data

    event = teams.events["A", Event.Status.PUBLISHED]
    client.force_login(teams.users[user])
    url = reverse("admin:agenda_event_change", args=[event.pk])
    data = form_data(client.get(url), "event_form")
    response = client.post(url, {**data, "status": Event.Status.CANCELLED})
    event.refresh_from_db()
    if refused:
        assert response.status_code == OK
        assert (
            "Only the event&#x27;s managers may publish or cancel it." in response.content.decode()
        )
        assert event.status == Event.Status.PUBLISHED
    else:
        assert event.status == Event.Status.CANCELLED
