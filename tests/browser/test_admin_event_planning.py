"""An organiser plans an event in the admin with a real browser, drag and drop included."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from agenda.models import Event
from tests.support.browser_login import fill_organiser_login

# The "Organisers" group comes from a data migration; earlier transactional tests
# flush it away (organisers_group(), through fill_organiser_login, makes it again).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ADD_PAGE = "/admin/agenda/event/add/"


def test_organiser_builds_reorders_and_publishes_an_agenda(
    live_server, page, artifacts, django_user_model
):
    # 1. Log in as an organiser.
    fill_organiser_login(page, live_server, django_user_model, "planner", ADD_PAGE)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/agenda/event/add/$"))

    # 2. Create an event with three items.
    page.locator("#id_title").press_sequentially("Planning workshop")
    assert page.input_value("#id_slug") == "planning-workshop"  # filled in from the title
    page.fill("#id_time_zone", "Europe/Vienna")
    page.fill("#id_start_0", "2030-09-02")
    page.fill("#id_start_1", "13:15")
    page.fill("#id_end_0", "2030-09-02")
    page.fill("#id_end_1", "14:45")
    for index, (title, minutes) in enumerate([("Welcome", 10), ("Talk", 20), ("Discussion", 30)]):
        page.click("#items-group .add-row a")
        page.fill(f"#id_items-{index}-title", title)
        page.fill(f"#id_items-{index}-minutes", str(minutes))
    page.click("input[name=_continue]")
    page.wait_for_url(re.compile(r"/admin/agenda/event/\d+/change/$"))
    summary = page.locator("#agenda-summary .agenda-summary-text")
    assert summary.inner_text() == "60 of 90 minutes allocated, 30 free"
    assert "13:15 CEST (UTC+2)" in page.locator("#items-0 .field-starts").inner_text()

    # 3. Reorder by dragging "Discussion" above "Welcome".
    drag(page, "#items-2 td.original p", "#items-0 td.original p")
    rows = page.locator("#items-group tbody tr.has_original")
    assert [rows.nth(i).locator("input[name$='-title']").input_value() for i in range(3)] == [
        "Discussion",
        "Welcome",
        "Talk",
    ]

    # 4. Change a budget; the summary box and the row times follow as it is typed.
    page.fill("#id_items-0-minutes", "15")
    expect(summary).to_have_text("65 of 90 minutes allocated, 25 free")
    expect(page.locator("#agenda-summary .agenda-summary-note")).to_be_visible()
    # Rows keep their ids when dragged: items-0 is "Welcome", now second; items-1 "Talk".
    expect(page.locator("#items-0 .field-starts")).to_have_text("13:45 CEST (UTC+2)")
    expect(page.locator("#items-1 .field-starts")).to_have_text("14:00 CEST (UTC+2)")
    page.screenshot(path=str(artifacts / "admin-event-change-form.png"), full_page=True)

    # 5. Save, and see the new times on the public page.
    page.click("input[name=_continue]")
    page.wait_for_url(re.compile(r"/admin/agenda/event/\d+/change/$"))
    assert page.locator(".messagelist .success").count() == 1
    assert summary.inner_text() == "65 of 90 minutes allocated, 25 free"
    assert page.input_value("#id_items-1-title") == "Welcome"  # rows come back in the new order
    assert "13:45 CEST (UTC+2)" in page.locator("#items-1 .field-starts").inner_text()
    event = Event.objects.get(slug="planning-workshop")
    page.goto(live_server.url + event.get_absolute_url())
    agenda = page.locator("ol.agenda").inner_text()
    assert re.search(r"13:15\s[^I]*I\.\s+Discussion", agenda)
    assert re.search(r"13:45\s[^I]*II\.\s+Welcome", agenda)
    assert re.search(r"14:00\s[^I]*III\.\s+Talk", agenda)

    # 6. Publish: through the checklist, which asks about the advisories (no people).
    page.goto(live_server.url + reverse("admin:agenda_event_change", args=[event.pk]))
    page.click("a.publish-link")
    page.wait_for_url(re.compile(r"/publish/$"))
    expect(page.locator(".publish-advisories")).to_contain_text("has no people")
    page.check("input[name=acknowledged]")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/change/$"))
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def drag(page, source: str, target: str) -> None:
    """Press on the row's handle and move it in small steps, as a hand would."""
    page.locator(source).scroll_into_view_if_needed()
    start = page.locator(source).bounding_box()
    end = page.locator(target).bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 2, steps=20)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 1, steps=5)
    page.mouse.up()
