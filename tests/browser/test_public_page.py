"""The seed's agenda in a real browser, with a screenshot to artifacts/."""

import pytest

from tests.support.builders import load_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_seed_agenda_in_a_real_browser(live_server, page, artifacts):
    event = load_seed()
    page.goto(live_server.url + event.get_absolute_url())
    agenda = page.locator("#agenda ol.agenda")
    text = agenda.inner_text()
    for clock in ("13:15", "13:22", "13:52", "14:22"):
        assert clock in text
    assert "Jørgen Carling" in text
    # Bootstrap is self-hosted and actually applied.
    assert page.evaluate(
        "getComputedStyle(document.body).fontFamily.includes('system-ui') || "
        "getComputedStyle(document.body).fontFamily.includes('apple-system')"
    )
    page.screenshot(path=str(artifacts / "event-page-desktop.png"), full_page=True)
