"""A real browser signed in as a co-host's editor (issue 16): what the sidebar, the
event list and one event page offer them, with a screenshot of the event page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from agenda.models import Event
from registrations.models import RegistrationSettings
from tests.support.builders import add_items, local, make_event, make_organisation
from tests.support.teams import host, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OURS, THEIRS = "Our side event", "Their draft briefing"
# What an editor's table rights offer; each list shows their team's rows only
# (tests/agenda/teams/test_enforcement.py). No users, groups, teams or documents.
SIDEBAR = {
    "Agenda items", "Events", "Occasions", "Outcomes", "Rooms", "Venues",
    "Organisations", "People", "Registration settings", "Registrations",
    "Item timings", "Runs of show",
}  # fmt: skip


def test_a_co_hosts_editor_plans_the_agenda_and_nothing_more(live_server, page, artifacts):
    organiser, co_host = make_organisation(acronym="GOV"), make_organisation(acronym="IOM")
    other = make_organisation(acronym="UNODC")
    events = {}
    for title, slug, by in ((OURS, "ours", organiser), (THEIRS, "theirs", other)):
        events[slug] = make_event(
            title=title, slug=slug, status=Event.Status.DRAFT,
            start=local(2030, 9, 4, 13, 15), end=local(2030, 9, 4, 14, 45),
        )  # fmt: skip
        host(events[slug], by)
        add_items(events[slug], [30], people_per_item=1)
        RegistrationSettings.objects.create(event=events[slug], is_open=True, capacity=10)
    host(events["ours"], co_host, "co-host")
    editor = member(co_host, "iom-editor", "editor")

    page.goto(f"{live_server.url}/admin/login/?next={reverse('admin:agenda_event_changelist')}")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", "pw-iom-editor-1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/agenda/event/$"))

    # The sidebar: the models their rights offer, nothing of the site's accounts.
    sidebar = page.locator("#nav-sidebar th[scope=row] a").all_inner_texts()
    assert set(sidebar) == SIDEBAR
    # The event list: the co-hosted event, not another organisation's draft.
    listed = page.locator("#result_list tbody th a").all_inner_texts()
    assert listed == [OURS]

    # The event page: the agenda is theirs to edit; publishing, cancelling, deleting and
    # the registrants are the managers'.
    page.get_by_role("link", name=OURS).click()
    page.wait_for_url(re.compile(r"/admin/agenda/event/\d+/change/$"))
    tools = [t.strip() for t in page.locator(".object-tools a").all_text_contents()]
    assert "History" in tools
    assert "Publish…" not in tools
    assert page.locator("#id_status option").all_inner_texts() == ["Draft"]
    assert page.locator("a.deletelink").count() == 0
    assert "Who comes" not in page.inner_text("#content")
    minutes = page.locator("#id_items-0-minutes")
    expect(minutes).to_be_editable()
    minutes.fill("25")
    page.screenshot(path=str(artifacts / "team-co-host-editor-event-page.png"), full_page=True)
    page.click("input[name=_continue]")
    page.wait_for_url(re.compile(r"/admin/agenda/event/\d+/change/$"))
    expect(page.locator(".messagelist .success")).to_have_count(1)
    assert events["ours"].items.get().minutes == 25

    # Another organisation's draft, by its address: not found.
    page.goto(live_server.url + reverse("admin:agenda_event_change", args=[events["theirs"].pk]))
    assert THEIRS not in page.inner_text("body")
