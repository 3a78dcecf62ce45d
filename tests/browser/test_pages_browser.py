"""The attendees' pages in a real Chromium: phone and desktop layouts, print on one A4
page, the local-time control, keyboard use, inert organiser text and axe-core."""

import re

import pytest

from agenda.models import Event, Participation
from speakers.models import Person
from tests.support import axe
from tests.support.builders import add_items, load_seed, make_event
from tests.support.registrations import make_registration_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
A4_POINTS = (595, 842)  # 210 × 297 mm


@pytest.fixture
def seed():
    return load_seed()


@pytest.fixture
def open_page(browser):
    """open_page(url, viewport=…, **context options) → a page in a fresh context."""
    contexts = []

    def open_(url, viewport=DESKTOP, **options):
        context = browser.new_context(viewport=viewport, **options)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.js_errors = errors
        response = page.goto(url)
        assert response.ok, url
        return page

    yield open_
    for context in contexts:
        context.close()


def pdf_page_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """Each page's size in points, from its /MediaBox (Chromium writes them uncompressed)."""
    sizes = []
    for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf):
        x0, y0, x1, y1 = (float(n) for n in box.split())
        sizes.append((round(x1 - x0), round(y1 - y0)))
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf, re.S)]
    assert counts in ([], [len(sizes)]), (counts, sizes)
    return sizes


def has_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_event_page_phone_desktop_and_print_screenshots(live_server, seed, open_page, artifacts):
    url = live_server.url + seed.get_absolute_url()
    phone = open_page(url, viewport=PHONE)
    assert not has_horizontal_scroll(phone)
    phone.screenshot(path=str(artifacts / "event-page-phone.png"), full_page=True)
    desktop = open_page(url)
    assert not has_horizontal_scroll(desktop)
    desktop.screenshot(path=str(artifacts / "event-page-desktop.png"), full_page=True)
    desktop.emulate_media(media="print")
    desktop.screenshot(path=str(artifacts / "event-page-print.png"), full_page=True)
    assert not phone.js_errors
    assert not desktop.js_errors
    for name in ("event-page-phone.png", "event-page-desktop.png", "event-page-print.png"):
        assert (artifacts / name).stat().st_size > 10_000


@pytest.mark.parametrize(
    "path", ["/", "/speakers/", "/speakers/jorgen-carling/", "/organisations/"]
)
def test_other_pages_have_no_horizontal_scroll_on_a_phone(
    live_server, seed, open_page, artifacts, path
):
    page = open_page(live_server.url + path, viewport=PHONE)
    assert not has_horizontal_scroll(page)
    name = "home" if path == "/" else path.strip("/").replace("/", "-")
    page.screenshot(path=str(artifacts / f"{name}-phone.png"), full_page=True)


def test_long_unbroken_words_do_not_widen_the_phone_layout(live_server, open_page):
    event = make_event(title="A" * 120, context="https://example.org/" + "x" * 200, room="R" * 80)
    add_items(event, [10], people_per_item=1)
    page = open_page(live_server.url + event.get_absolute_url(), viewport=PHONE)
    assert not has_horizontal_scroll(page)


def test_print_is_one_a4_page_without_navigation_or_controls(
    live_server, seed, open_page, artifacts
):
    page = open_page(live_server.url + seed.get_absolute_url())
    page.emulate_media(media="print")
    for hidden in ("nav", ".site-footer", ".calendar-block", "[data-local-time-control]"):
        assert not page.locator(hidden).first.is_visible(), hidden
    agenda = page.locator("#agenda")
    for kept in ("13:15", "13:22", "13:52", "14:22", "Jørgen Carling", "Berlan Pars Alan"):
        assert kept in agenda.inner_text()
    contacts = page.locator(".contacts").inner_text()
    assert "jdebresser@iom.int" in contacts
    assert "kfukagawa@iom.int" in contacts
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    (artifacts / "event-page-print.pdf").write_bytes(pdf)
    assert pdf_page_sizes(pdf) == [A4_POINTS]  # one page, A4


def test_local_time_control_converts_and_remembers(live_server, seed, open_page):
    url = live_server.url + seed.get_absolute_url()
    page = open_page(url, timezone_id="America/New_York")
    toggle = page.get_by_label("Also show times in my time zone (America/New York)")
    assert toggle.is_visible()
    assert not toggle.is_checked()
    assert page.locator(".local-time").count() == 0
    toggle.check()
    agenda = page.locator("#agenda").inner_text()
    # 13:15 CEST is 11:15 UTC is 07:15 EDT.
    for clock in ("07:15 EDT your time", "07:22 EDT", "07:52 EDT", "08:22 EDT"):
        assert clock in agenda
    assert "Your time (America/New York): Monday, 4 September 2017, 07:15–08:45 EDT" in (
        page.locator("[data-local-slot]").inner_text()
    )
    page.reload()
    assert page.get_by_label(re.compile("Also show times in my time zone")).is_checked()
    assert "07:15 EDT your time" in page.locator("#agenda").inner_text()
    page.get_by_label(re.compile("Also show times in my time zone")).uncheck()
    assert page.locator(".local-time").count() == 0
    page.reload()
    assert not page.get_by_label(re.compile("Also show times in my time zone")).is_checked()
    assert not page.js_errors


def test_local_time_marks_a_different_day(live_server, seed, open_page):
    page = open_page(live_server.url + seed.get_absolute_url(), timezone_id="Pacific/Auckland")
    page.get_by_label(re.compile("Also show times in my time zone")).check()
    # 13:15 CEST on Monday is 23:15 in Auckland the same day; 14:22 CEST is 00:22 on Tuesday.
    agenda = page.locator("#agenda").inner_text()
    assert "23:15 UTC+12 your time" in agenda  # no English abbreviation for NZST in Intl
    assert "Tue 00:22" in agenda


def test_viewer_in_the_event_zone_gets_no_conversion(live_server, seed, open_page):
    page = open_page(live_server.url + seed.get_absolute_url(), timezone_id="Europe/Vienna")
    control = page.locator("[data-local-time-control]")
    assert control.is_visible()
    assert control.inner_text() == "These times are in your time zone too."
    assert page.locator("#local-time-toggle").count() == 0


def test_page_works_without_javascript(live_server, seed, open_page):
    page = open_page(live_server.url + seed.get_absolute_url(), java_script_enabled=False)
    assert not page.locator("[data-local-time-control]").is_visible()
    assert "13:15–14:45 CEST (UTC+2)" in page.locator("[data-local-slot]").inner_text()
    assert "13:22" in page.locator("#agenda").inner_text()


def test_skip_link_is_first_and_visible_on_focus(live_server, seed, open_page):
    page = open_page(live_server.url + seed.get_absolute_url())
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    box = page.locator(".skip-link").bounding_box()
    assert box["width"] > 20
    assert box["height"] > 10
    page.keyboard.press("Enter")
    # The fragment navigation lands asynchronously; wait for it instead of racing it.
    page.wait_for_url("**#main", timeout=5000)
    assert page.url.endswith("#main")
    # The next focusable thing has a visible focus ring.
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_script_in_a_bio_or_context_never_runs(live_server, open_page):
    hostile = (
        "<script>window.pwned = 'script'</script>"
        "<img src=x onerror=\"window.pwned = 'img'\">"
        "[a link](javascript:window.pwned='link') *still text*"
    )
    event = make_event(context=hostile, title="<script>window.pwned='title'</script>")
    person = Person.objects.create(full_name="Ms Test", slug="ms-test", bio=hostile)
    Participation.objects.create(agenda_item=add_items(event, [10])[0], person=person)
    for url in (event.get_absolute_url(), person.get_absolute_url(), "/", "/speakers/"):
        page = open_page(live_server.url + url)
        assert page.evaluate("typeof window.pwned") == "undefined", url
        assert page.locator("a[href^='javascript']").count() == 0, url
        assert not page.js_errors
    bio = open_page(live_server.url + person.get_absolute_url()).locator(".bio")
    assert bio.locator("em", has_text="still text").count() == 1  # Markdown still works


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_axe_finds_no_violations(live_server, seed, open_page, viewport):
    """WCAG 2.2 AA (tests/support/axe.py), target sizes included, at both widths."""
    draft = make_event(title="Draft preview", status=Event.Status.DRAFT)
    assert draft.pk
    pages = ("/", seed.get_absolute_url(), "/speakers/", "/speakers/jorgen-carling/")
    for path in (*pages, "/organisations/"):
        page = open_page(live_server.url + path, viewport=viewport)
        assert axe.violations(page) == [], path
        # The local-time control, once shown, is checked as well.
        if path == seed.get_absolute_url():
            page.locator("[data-local-time-control]").wait_for(state="visible")
            assert axe.violations(page) == [], path


def test_axe_is_really_running(live_server, open_page):
    """The check above can fail: a page with known problems gets violations."""
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(live_server.url + "/speakers/")
    # The faint text is styled through the CSSOM: the site's CSP blocks style attributes.
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        '\'<img src="/static/favicon.svg"><input type=text><p id="faint">faint</p>\');'
        "Object.assign(document.getElementById('faint').style, "
        "{color: '#ddd', background: '#fff'})"
    )
    ids = {v["id"] for v in Axe().run(page).response["violations"]}
    assert {"image-alt", "label", "color-contrast"} <= ids
    # The WCAG 2.2 run finds a target too small and too close to the next.
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        '\'<p><a href="#a" id="tiny-a">a</a><a href="#b" id="tiny-b">b</a></p>\');'
        "for (const id of ['tiny-a', 'tiny-b']) Object.assign(document.getElementById(id).style, "
        "{display: 'inline-block', fontSize: '8px', lineHeight: '8px'})"
    )
    assert "target-size" in {rule for rule, _, _ in axe.violations(page)}


STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_pages_run_under_a_strict_content_security_policy(live_server, seed, browser, viewport):
    """No inline script, style or data: image is needed: the policy blocks nothing."""
    context = browser.new_context(viewport=viewport, timezone_id="America/New_York")
    context.add_init_script(
        "window.__blocked = [];"
        "document.addEventListener('securitypolicyviolation', e => "
        "window.__blocked.push(e.violatedDirective + ' ' + e.blockedURI));"
    )

    def with_policy(route):
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": STRICT_CSP}
        route.fulfill(response=response, headers=headers)

    context.route(re.compile(r".*"), with_policy)
    page = context.new_page()
    try:
        for path in ("/", seed.get_absolute_url(), "/speakers/jorgen-carling/"):
            page.goto(live_server.url + path)
            if path == seed.get_absolute_url():
                page.get_by_label(re.compile("Also show times in my time zone")).check()
                assert "07:15 EDT your time" in page.locator("#agenda").inner_text()
                page.locator("details.item-summary summary").first.click()
            page.wait_for_load_state("load")
            assert page.evaluate("window.__blocked") == [], path
        # The policy is really in force: an inline script added now is blocked.
        page.evaluate(
            "const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
            "document.body.appendChild(s)"
        )
        page.wait_for_function("window.__blocked.length > 0")
        assert page.evaluate("typeof window.ran") == "undefined"
    finally:
        context.unroute_all(behavior="ignoreErrors")
        context.close()


def test_add_to_calendar_and_register_are_in_the_first_phone_screen(live_server, open_page):
    """An upcoming event at 375 px: both controls end above 812 px, with JavaScript off,
    and the calendar choices open from the summary."""
    event = make_registration_event(
        title="A long title for a phone: " + "Cooperation against migrant smuggling " * 3
    )
    page = open_page(
        live_server.url + event.get_absolute_url(), viewport=PHONE, java_script_enabled=False
    )
    summary = page.locator("[data-event-actions] summary", has_text="Add to calendar")
    register = page.locator("[data-event-actions] a", has_text="Register")
    for control in (summary, register):
        box = control.bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= PHONE["height"], box
        assert box["height"] >= 24, box
        assert box["width"] >= 24, box
    choices = page.locator("[data-event-actions] .add-to-calendar-choices a")
    assert not choices.first.is_visible()
    summary.click()
    assert [choices.nth(i).inner_text() for i in range(choices.count())] == [
        "Download (.ics)",
        "Subscribe (webcal)",
        "Google Calendar",
        "Outlook",
    ]
    assert choices.first.is_visible()


def test_a_long_outcome_starts_folded_on_a_phone(live_server, seed, open_page):
    """The seed's outcome (past event) is folded at 375 px, opens from its label, and is
    whole on a desktop; without JavaScript."""
    url = live_server.url + seed.get_absolute_url()
    phone = open_page(url, viewport=PHONE, java_script_enabled=False)
    body = phone.locator(".outcome .outcome-long")
    folded = body.bounding_box()["height"]
    assert folded <= 18 * 16 + 1, folded
    opener = phone.get_by_text("Read the whole outcome")
    assert opener.is_visible()
    opener.click()
    assert body.bounding_box()["height"] > folded * 1.5
    assert not opener.is_visible()
    desktop = open_page(url, java_script_enabled=False)
    assert not desktop.get_by_text("Read the whole outcome").is_visible()
    assert desktop.locator(".outcome .outcome-long").bounding_box()["height"] > folded


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
def test_axe_finds_no_violations_on_occasions_and_other_languages(
    live_server, seed, open_page, viewport
):
    """The occasion pages (list, a programme of 12 events with its filters used) and
    the event page in French and Spanish, at both widths."""
    from tests.support.occasions import make_programme

    programme = make_programme(12, days=2, rooms=3)
    paths = [
        "/occasions/",
        programme.get_absolute_url(),
        programme.get_absolute_url() + "?day=2030-05-06",
        "/fr" + seed.get_absolute_url(),
        "/es" + seed.get_absolute_url(),
        "/fr/occasions/",
        "/es" + programme.get_absolute_url(),
    ]
    for path in paths:
        page = open_page(live_server.url + path, viewport=viewport)
        assert axe.violations(page) == [], path
        assert not has_horizontal_scroll(page), path


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "1280px"])
@pytest.mark.parametrize("language", ["fr", "es"])
def test_french_and_spanish_pages_pass_axe_with_screenshots(
    live_server, seed, open_page, artifacts, language, viewport
):
    """The home, event, speakers and organisations pages in French and Spanish, with a
    translated title beside English originals (marked lang="en"), the local-time control
    shown; a screenshot of the event page at each width in artifacts/."""
    title = {"fr": "Coopérer contre le trafic illicite de migrants", "es": "Cooperar"}[language]
    Event.objects.filter(pk=seed.pk).update(**{f"title_{language}": title})
    event_path = f"/{language}/events/{seed.slug}/"
    for path in (
        f"/{language}/",
        event_path,
        f"/{language}/speakers/",
        f"/{language}/organisations/",
    ):
        page = open_page(live_server.url + path, viewport=viewport)
        assert page.evaluate("document.documentElement.lang") == language, path
        assert axe.violations(page) == [], path
        assert not has_horizontal_scroll(page), path
        assert page.js_errors == [], path
    page = open_page(live_server.url + event_path, viewport=viewport)
    assert page.locator("h1").inner_text() == title
    assert page.locator('[lang="en"]').count() > 0  # the untranslated texts
    page.locator("[data-local-time-control]").wait_for(state="visible")
    assert axe.violations(page) == []
    width = viewport["width"]
    page.screenshot(path=str(artifacts / f"event-page-{language}-{width}.png"), full_page=True)
