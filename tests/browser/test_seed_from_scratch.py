"""The seed event entered from scratch on the add page: people in rows, no pop-ups, few loads."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from agenda.models import Event
from agenda.team_models import Membership
from speakers.models import Organisation
from tests.support.browser_login import fill_organiser_login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# What the organiser types is the seed's own text (data/), so the effort compares with
# the walk-through that measured 108 clicks, ~1,400 keystrokes and 14 loads.
SEED = json.loads(
    (Path(__file__).resolve().parents[2] / "data/side-event-2017-09-04-vienna.json").read_text()
)
ORGANISATIONS = [(o["organisation"], o["role"]) for o in SEED["event_organisations"]]
_PEOPLE = {p["slug"]: p for p in SEED["people"]}
# row -> [((honorific, name, position, organisation), role, talk title)]
PEOPLE = {
    row: [
        (
            (
                _PEOPLE[p["person"]]["honorific"],
                _PEOPLE[p["person"]]["full_name"],
                _PEOPLE[p["person"]]["position"],
                _PEOPLE[p["person"]]["organisation"],
            ),
            p["role"],
            p["presentation_title"],
        )
        for p in item["participants"]
    ]
    for row, item in enumerate(SEED["agenda"])
    if item["participants"]
}
ITEMS = [(i["title"], i["kind"], str(i["minutes"] or "")) for i in SEED["agenda"]]
CONTACTS = [(c["name"], c["email"]) for c in SEED["contacts"]]
QUESTIONS = SEED["questions"]


class Organiser:
    """Drives the page as a person would and counts what it costs them."""

    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.keys = 0

    def click(self, selector_or_locator):
        target = self.locator(selector_or_locator)
        target.scroll_into_view_if_needed()
        target.click()
        self.clicks += 1

    def type(self, selector_or_locator, text: str):
        target = self.locator(selector_or_locator)
        target.click()
        self.clicks += 1
        target.press_sequentially(text)
        self.keys += len(text)

    def replace(self, selector_or_locator, text: str):
        """Select what the field holds (Ctrl+A) and type over it."""
        target = self.locator(selector_or_locator)
        target.click()
        target.press("Control+A")
        target.press_sequentially(text)
        self.clicks += 1
        self.keys += 1 + len(text)

    def choose(self, selector_or_locator, value: str):
        self.locator(selector_or_locator).select_option(value)
        self.clicks += 2  # open the list, pick

    def press(self, selector_or_locator, key: str):
        self.locator(selector_or_locator).press(key)
        self.keys += 1

    def locator(self, selector_or_locator):
        if isinstance(selector_or_locator, str):
            return self.page.locator(selector_or_locator)
        return selector_or_locator


def add_person(me: Organiser, row: int, person, role: str, title: str):
    honorific, name, position, organisation = person
    editor = me.page.locator(f"#items-{row} .people-editor")
    me.type(editor.locator(".people-search"), name)
    new = editor.locator(".people-match-new")
    expect(new).to_be_visible()
    me.click(new)
    for css, value in [
        (".people-new-honorific", honorific),
        (".people-new-position", position),
        (".people-new-organisation", organisation),
    ]:
        if value:
            me.type(editor.locator(css), value)
    assert editor.locator(".people-new-name").input_value() == name  # carried over
    me.press(editor.locator(".people-new-organisation"), "Enter")
    line = editor.locator(".people-line").last
    expect(line.locator(".people-name")).to_contain_text(name)
    if role != "speaker":
        me.choose(line.locator(".people-role"), role)
    if title:
        me.type(line.locator(".people-title"), title)


def test_the_seed_event_from_scratch_in_few_loads_and_no_popups(
    live_server, page, artifacts, django_user_model
):
    # The organiser works for an organisation that is not the seed's organiser.
    user = fill_organiser_login(
        page, live_server, django_user_model, "desk", "/admin/agenda/event/add/", team=False
    )
    their_team = Organisation.objects.create(name="Side events office", slug="side-events-office")
    Membership.objects.create(organisation=their_team, user=user, role="manager")
    # Counted from here: the add page, the saved event, the public page.
    loads, popups = [], []
    page.on("load", lambda p: loads.append(p.url))
    page.context.on("page", lambda p: popups.append(p))
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/agenda/event/add/$"))
    me = Organiser(page)

    # The event: title, zone, slot, venue.
    me.type("#id_title", SEED["event"]["title"])
    me.replace("#id_time_zone", "Europe/Vienna")
    for selector, value in [
        ("#id_start_0", "2017-09-04"),
        ("#id_start_1", "13:15"),
        ("#id_end_0", "2017-09-04"),
        ("#id_end_1", "14:45"),
        ("#id_room", "Board Room A"),
        ("#id_building", "Vienna International Centre"),
        ("#id_city", "Vienna"),
        ("#id_country", "Austria"),
    ]:
        me.type(selector, value)

    # Four items with budgets; the times follow as they are typed.
    for index, (title, kind, minutes) in enumerate(ITEMS):
        me.click("#items-group .add-row a")
        me.type(f"#id_items-{index}-title", title)
        me.choose(f"#id_items-{index}-kind", kind)
        if minutes:
            me.type(f"#id_items-{index}-minutes", minutes)
    expect(page.locator("#items-3 .field-starts")).to_have_text("14:22 CEST (UTC+2)")

    # The five people, each new, added in their row.
    for row, people in PEOPLE.items():
        for person, role, title in people:
            add_person(me, row, person, role, title)

    # The organiser and co-hosts: one is new, two were made with the people.
    for index, (name, role) in enumerate(ORGANISATIONS):
        me.type(".organisation-add-name", name)
        me.click(".organisation-add-button")
        role_select = page.locator(f"#id_event_organisations-{index}-role")
        expect(role_select).to_be_focused()
        me.choose(role_select, role)

    for index, (name, email) in enumerate(CONTACTS):
        me.click("#contacts-group .add-row a")
        me.type(f"#id_contacts-{index}-name", name)
        me.type(f"#id_contacts-{index}-email", email)
    for index, question in enumerate(QUESTIONS):
        me.click("#questions-group .add-row a")
        me.type(f"#id_questions-{index}-text", question)

    page.screenshot(path=str(artifacts / "admin-seed-from-scratch-filled.png"), full_page=True)
    me.click("input[name=_continue]")
    page.wait_for_url(re.compile(r"/admin/agenda/event/\d+/change/$"))
    assert page.locator(".errornote").count() == 0, page.locator(".errorlist").all_inner_texts()
    page.screenshot(path=str(artifacts / "admin-seed-from-scratch-saved.png"), full_page=True)

    event = Event.objects.get(title=SEED["event"]["title"])
    panel = event.items.get(title="Panel")
    assert [
        (p.person.display_name, p.role, p.person.organisation.name)
        for p in panel.participations.order_by("position")
    ] == [
        (
            f"{honorific} {name}".strip(),
            role,
            organisation,
        )
        for (honorific, name, _, organisation), role, _ in PEOPLE[1]
    ]
    # What they typed stays; their own organisation co-hosts, with a manager's role on it.
    assert [o.name for o in event.organisers] == [ORGANISATIONS[0][0]]
    assert sorted(
        (row.organisation.name, row.role) for row in event.event_organisations.all()
    ) == sorted([*ORGANISATIONS, ("Side events office", "co-host")])
    assert event.team_roles.get(organisation=their_team).role == "manager"
    assert event.contacts.count() == 2
    assert event.questions.count() == 3

    me.click(page.get_by_role("link", name="View on site"))
    page.wait_for_url(re.compile(re.escape(event.get_absolute_url()) + "$"))
    agenda = page.locator("ol.agenda").inner_text()
    for time, title in [
        ("13:15", "Opening Remarks"),
        ("13:22", "Panel"),
        ("13:52", "Q&A Session"),
        ("14:22", "Closing remarks"),
    ]:
        assert re.search(rf"{time}\s[^I]*[IV]+\.\s+{re.escape(title)}", agenda), agenda
    assert "Research Professor Jørgen Carling" in agenda
    page.screenshot(path=str(artifacts / "public-seed-from-scratch.png"), full_page=True)

    entering = {"clicks": me.clicks, "keystrokes": me.keys, "loads": len(loads)}

    # Publishing is its own step: the checklist, which asks about the advisories.
    page.go_back()  # to the event's admin page, as the organiser's Back button does
    page.wait_for_url(re.compile(r"/change/$"))
    me.click("a.publish-link")
    page.wait_for_url(re.compile(r"/publish/$"))
    expect(page.locator(".publish-blocking")).to_have_count(0)
    me.click("input[name=acknowledged]")
    me.click("#content-main input[type=submit]")
    page.wait_for_url(re.compile(r"/change/$"))
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED

    effort = {
        **entering,
        "popups": len(popups),
        "publishing": {
            "clicks": me.clicks - entering["clicks"],
            "loads": len(loads) - entering["loads"],
        },
    }
    (artifacts / "seed-from-scratch-effort.json").write_text(json.dumps(effort) + "\n")
    print("seed from scratch:", effort)
    assert popups == []
    assert entering["loads"] <= 3, loads
