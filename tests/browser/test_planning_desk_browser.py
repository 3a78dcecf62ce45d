"""The event page as a planning desk in Chromium: live times, keyboard reordering, layout, axe."""

import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from agenda.models import Event
from tests.support.browser_login import fill_organiser_login
from tests.support.builders import add_items, local, make_event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def desk(live_server, page, django_user_model):
    """An organiser logged in, and a Vienna event of four items (7, 30, 30, open)."""
    event = make_event(
        title="Desk event",
        start=local(2030, 9, 2, 13, 15),
        end=local(2030, 9, 2, 14, 45),
        status=Event.Status.DRAFT,
        city="Vienna",
        country="Austria",
    )
    add_items(event, [7, 30, 30, None])
    fill_organiser_login(
        page, live_server, django_user_model, "desk", f"/admin/agenda/event/{event.pk}/change/"
    )
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(rf"/admin/agenda/event/{event.pk}/change/$"))
    return event


def starts(page) -> list[str]:
    rows = page.locator("#items-group tbody tr.has_original")
    return [rows.nth(i).locator(".field-starts").inner_text().strip() for i in range(rows.count())]


def titles(page) -> list[str]:
    rows = page.locator("#items-group tbody tr.has_original")
    return [rows.nth(i).locator("input[name$='-title']").input_value() for i in range(rows.count())]


def test_typing_a_budget_moves_the_following_rows_within_300_ms(desk, page):
    expect(page.locator("#items-3 .field-starts")).to_have_text("14:22 CEST (UTC+2)")
    typed = time.monotonic()
    page.fill("#id_items-0-minutes", "10")
    expect(page.locator("#items-3 .field-starts")).to_have_text("14:25 CEST (UTC+2)", timeout=300)
    waited = time.monotonic() - typed
    print(f"row times followed the budget in {waited * 1000:.0f} ms")
    expect(page.locator("#items-1 .field-starts")).to_have_text("13:25 CEST (UTC+2)")
    expect(page.locator("#agenda-summary .agenda-summary-text")).to_have_text(
        "70 of 90 minutes allocated, 20 free"
    )


def test_an_overrun_marks_its_row(desk, page):
    page.fill("#id_items-1-minutes", "60")
    expect(page.locator("#items-2")).to_have_class(re.compile("agenda-row--problem"))
    expect(page.locator("#items-1")).not_to_have_class(re.compile("agenda-row--problem"))
    expect(page.locator("#items-2 .agenda-row-number")).to_have_text("III.")
    expect(page.locator(".agenda-summary-problems")).to_contain_text(
        "item III. Item 3 ends after it."
    )


def test_dragging_a_row_moves_the_times_within_300_ms(desk, page):
    handle = page.locator("#items-2 td.original p")
    target = page.locator("#items-0 td.original p")
    handle.scroll_into_view_if_needed()
    start, end = handle.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 2, steps=20)
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + 1, steps=5)
    page.mouse.up()
    assert titles(page)[0] == "Item 3"
    expect(page.locator("#items-0 .field-starts")).to_have_text("13:45 CEST (UTC+2)", timeout=300)


def test_rows_are_reordered_with_the_keyboard_alone(desk, page):
    up = page.locator("#items-2 .row-up")
    box = up.bounding_box()
    assert box["width"] >= 24
    assert box["height"] >= 24
    assert up.get_attribute("aria-label") == "Move row 3 up"
    up.focus()
    page.keyboard.press("Enter")
    assert titles(page) == ["Item 1", "Item 3", "Item 2", "Item 4"]
    expect(page.locator("#items-2 .row-up")).to_be_focused()  # focus stays on the moved row
    page.keyboard.press("Enter")
    assert titles(page) == ["Item 3", "Item 1", "Item 2", "Item 4"]
    expect(page.locator("#items-2 .field-starts")).to_have_text("13:15 CEST (UTC+2)")
    page.click("input[name=_continue]")
    page.wait_for_url(re.compile(r"/change/$"))
    assert list(desk.items.order_by("position").values_list("title", flat=True)) == [
        "Item 3",
        "Item 1",
        "Item 2",
        "Item 4",
    ]


def test_fields_have_names_the_pin_is_folded_and_nothing_scrolls_sideways(desk, page):
    assert page.get_attribute("#id_items-0-title", "aria-label") == "Title (English)"
    assert page.get_attribute("#id_items-0-minutes", "aria-label").startswith("Minutes")
    expect(page.locator("#id_items-0-fixed_start_0")).to_be_hidden()
    page.locator("#items-0 .pin-toggle").click()
    expect(page.locator("#id_items-0-fixed_start_0")).to_be_focused()
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("which", ["add", "change"])
def test_axe_finds_no_serious_problems(desk, page, artifacts, which, width):
    page.set_viewport_size({"width": width, "height": 900})
    if which == "add":
        page.goto(page.url.replace(f"{desk.pk}/change/", "add/"))
        page.click("#items-group .add-row a")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    bad = [
        (v["id"], v["impact"], [(n["target"], n.get("failureSummary")) for n in v["nodes"]][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    page.screenshot(path=str(artifacts / f"admin-event-{which}-{width}-axe.png"), full_page=True)
    assert bad == []


@pytest.mark.parametrize(
    ("field", "label"), [("occasion_ref", "Occasion (grouped)"), ("room_ref", "Booked room")]
)
def test_the_occasion_and_room_pickers_are_named_by_their_labels(desk, page, field, label):
    picker = page.locator(f"#id_{field} + .select2-container .select2-selection")
    expect(picker).to_have_accessible_name(re.compile(rf"^{re.escape(label)}"))
    picker.click()
    search = page.locator(".select2-container--open .select2-search__field")
    expect(search).to_be_focused()
    expect(search).to_have_accessible_name(label)


def test_a_new_organisation_row_names_its_picker(desk, page):
    page.click("#event_organisations-group .add-row a")
    picker = page.locator(
        "#event_organisations-group tr.dynamic-event_organisations .select2-container .select2-selection"
    ).first
    expect(picker).to_have_accessible_name(re.compile(r"\S"))


def test_publishing_is_refused_when_blocked_and_asks_when_advised(desk, page):
    desk.items.filter(title="Item 2").update(minutes=60)  # now runs 7 minutes over
    page.click("a.publish-link")
    page.wait_for_url(re.compile(r"/publish/$"))
    expect(page.locator(".publish-blocking")).to_contain_text("runs 7 minutes past")
    page.click("input[type=submit]")
    expect(page.locator(".errornote")).to_have_text("Not published: fix what blocks it first.")
    desk.items.filter(title="Item 2").update(minutes=30)
    page.reload()
    expect(page.locator(".publish-ok")).to_be_visible()
    expect(page.locator(".publish-advisories")).to_contain_text("has no people")
    page.click("input[type=submit]")
    expect(page.locator(".errornote")).to_contain_text("tick that you have looked")
    page.check("input[name=acknowledged]")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/change/$"))
    expect(page.locator(".messagelist")).to_contain_text("Published: the event is public now.")
    desk.refresh_from_db()
    assert desk.status == Event.Status.PUBLISHED


def test_the_french_and_spanish_titles_open_from_their_button(desk, page):
    """Folded while empty (the table fits 1280 px); the button shows both columns."""
    expect(page.locator("#id_items-0-title_fr")).to_be_hidden()
    button = page.get_by_role("button", name="Titles in French and Spanish")
    button.click()
    expect(page.locator("#id_items-0-title_fr")).to_be_focused()
    expect(page.locator("#id_items-0-title_es")).to_be_visible()
    expect(page.locator("#items-group th.column-title_fr")).to_have_text(
        re.compile("Title \\(French\\)")
    )
    expect(button).to_have_count(0)
