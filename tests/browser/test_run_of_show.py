"""The seed run from start to end on the timekeeper in Chromium, with Playwright's
clock (and the server's run clock moved with it): countdown, amber, red, "+N min",
projected end, keys, the attendee page's banner on a second page, screenshots of
the projector and phone layouts, and axe (WCAG 2.2 AA) on the timekeeper and
speaker screens."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from runofshow.access import link_key
from runofshow.board import board_for, event_for_board, report_line, report_rows
from runofshow.pages import totals
from tests.support.builders import load_seed
from tests.support.runs import move_the_run_clock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIENNA = ZoneInfo("Europe/Vienna")
START = datetime(2017, 9, 4, 13, 15, tzinfo=VIENNA)
PROJECTOR = {"width": 1920, "height": 1080}
PHONE = {"width": 375, "height": 812}
AMBER, RED = "rgb(255, 193, 7)", "rgb(255, 123, 123)"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(browser, url, viewport) -> list:
    """axe on a page of its own: axe-core waits on timers, which a paused clock stops."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(url)
    page.locator("[data-countdown]").wait_for()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG}})
    context.close()
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]


class Room:
    """The server's run clock and every open page's clock, moved together."""

    def __init__(self, monkeypatch, browser):
        self.server = move_the_run_clock(monkeypatch, START)
        self.pages = []
        self.browser = browser

    def open(self, url, viewport, skew=timedelta(0)):
        """A page whose device clock is `skew` off the server's."""
        context = self.browser.new_context(viewport=viewport)
        page = context.new_page()
        page.clock.install(time=self.server.moment + skew - timedelta(seconds=1))
        page.clock.pause_at(self.server.moment + skew)
        page.goto(url)
        self.pages.append(page)
        return page

    def advance(self, **delta):
        ms = int(timedelta(**delta).total_seconds() * 1000)
        self.server.advance(**delta)
        for page in self.pages:
            page.clock.fast_forward(ms)


def test_the_seed_run_on_the_timekeeper(live_server, browser, artifacts, monkeypatch):
    from playwright.sync_api import expect

    event = load_seed()
    room = Room(monkeypatch, browser)
    key = link_key(event)
    base = f"{live_server.url}/events/{event.slug}"
    tk = room.open(f"{base}/run/?key={key}", PROJECTOR)
    countdown, status = tk.locator("[data-countdown]"), tk.locator("[data-status]")
    expect(tk.locator("[data-current-title]")).to_have_text("Not started")
    expect(tk.locator("[data-next-title]")).to_have_text("I. Opening Remarks")
    assert axe_violations(browser, tk.url, PROJECTOR) == []

    tk.keyboard.press(" ")  # Start
    expect(tk.locator("[data-current-title]")).to_have_text("I. Opening Remarks")
    expect(countdown).to_have_text("07:00")
    expect(status).to_have_text("7 minutes left")
    expect(tk.locator("[data-announce]")).to_have_attribute("aria-live", "polite")
    expect(tk.locator("[data-clock]")).to_have_text("13:15:00")

    room.advance(minutes=6, seconds=30)
    expect(countdown).to_have_text("00:30")
    expect(status).to_have_text("1 minute left")
    expect(countdown).to_have_css("color", AMBER)  # waits: the colour follows the text
    expect(tk.locator("[data-clock]")).to_have_text("13:21:30")

    room.advance(minutes=1, seconds=30)  # 13:23, one minute over
    expect(countdown).to_have_text("+1 min")
    expect(status).to_have_text("over by 1 minute")
    expect(countdown).to_have_css("color", RED)

    attendee = room.open(f"{base}/", PHONE)
    banner = attendee.locator("[data-run-banner]")
    expect(banner).to_have_text("Now: I. Opening Remarks, until about 13:23")

    tk.keyboard.press("ArrowRight")  # Next item: the panel
    expect(tk.locator("[data-current-title]")).to_have_text("II. Panel")
    expect(tk.locator("[data-next-title]")).to_have_text("III. Q&A Session")
    room.advance(seconds=15)  # the attendee page polls
    expect(banner).to_have_text("Now: II. Panel, until about 13:53")

    room.advance(minutes=33, seconds=45)  # 13:57: the panel is 4 minutes over
    expect(countdown).to_have_text("+4 min")
    expect(status).to_have_text("over by 4 minutes")
    expect(tk.locator("[data-end]")).to_have_text(
        "Projected end 14:50, room until 14:45 (5 minutes over)"
    )
    expect(tk.locator("[data-behind]")).to_have_text("Behind by 5 minutes")
    tk.screenshot(path=str(artifacts / "run-timekeeper-projector.png"))
    # A phone whose clock is 3 minutes slow shows the server's time and minutes.
    phone_tk = room.open(f"{base}/run/?key={key}", PHONE, skew=timedelta(minutes=-3))
    assert phone_tk.evaluate("new Date().getUTCMinutes()") == 54
    expect(phone_tk.locator("[data-clock]")).to_have_text("13:57:00")
    expect(phone_tk.locator("[data-countdown]")).to_have_text("+4 min")
    assert phone_tk.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone_tk.screenshot(path=str(artifacts / "run-timekeeper-phone.png"), full_page=True)
    assert axe_violations(browser, phone_tk.url, PHONE) == []
    speaker = room.open(f"{base}/run/speaker/?key={key}", PROJECTOR)
    expect(speaker.locator("[data-countdown]")).to_have_text("+4 min")
    expect(speaker.locator("[data-status]")).to_have_text("over by 4 minutes")
    assert speaker.locator("[data-status]").bounding_box()["y"] < PROJECTOR["height"] - 40
    assert speaker.evaluate("document.documentElement.scrollWidth") <= PROJECTOR["width"]
    speaker.screenshot(path=str(artifacts / "run-speaker-projector.png"))
    assert axe_violations(browser, speaker.url, PROJECTOR) == []
    assert axe_violations(browser, speaker.url, PHONE) == []
    assert axe_violations(browser, tk.url, PROJECTOR) == []
    room.advance(seconds=15)
    expect(banner).to_have_text("Now: II. Panel, until about 13:57")
    # Each expected time in its item's time column, under the planned one.
    items = attendee.locator(".agenda > li[id]")
    row = items.nth(2).locator("> div").first.locator("[data-run-expected]")
    expect(row).to_have_text("expected 13:57")
    last = items.nth(3).locator("> div").first.locator("[data-run-expected]")
    expect(last).to_have_text("expected 14:27")
    expect(items.nth(2).locator("time").first).to_contain_text("13:52")
    attendee.screenshot(path=str(artifacts / "run-attendee-phone.png"), full_page=False)

    tk.keyboard.press("ArrowRight")  # Q&A
    expect(tk.locator("[data-current-title]")).to_have_text("III. Q&A Session")
    tk.keyboard.press("ArrowLeft")  # back: pressed too soon
    expect(tk.locator("[data-current-title]")).to_have_text("II. Panel")
    tk.keyboard.press("ArrowRight")
    expect(tk.locator("[data-current-title]")).to_have_text("III. Q&A Session")
    room.advance(minutes=28)  # 14:25
    tk.keyboard.press("ArrowRight")
    expect(tk.locator("[data-current-title]")).to_have_text("IV. Closing remarks")
    room.advance(minutes=20)  # 14:45
    tk.get_by_role("button", name="End event").click()
    expect(tk.locator("[data-current-title]")).to_have_text("The event has ended.")
    room.advance(seconds=15)
    expect(banner).to_have_text("The event has ended.")

    rows = report_rows(board_for(event_for_board(event.pk)))
    lines = [report_line(r) for r in rows]
    lines.append(report_line({**totals(rows), "title": "Total"}))
    (artifacts / "run-planned-against-actual.txt").write_text("\n".join(lines) + "\n")
    assert lines == [
        "Opening Remarks: budget 7, ran 8 (+1)",
        "Panel: budget 30, ran 34 (+4)",
        "Q&A Session: budget 30, ran 28 (-2)",
        "Closing remarks: budget 23, ran 20 (-3)",
        "Total: budget 90, ran 90 (+0)",
    ]
    for page in room.pages:
        page.context.close()
