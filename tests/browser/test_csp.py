"""The public pages in Chromium break no Content-Security-Policy rule."""

import pytest

from tests.support.builders import load_seed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_break_no_content_security_policy_rule(live_server, page):
    """Chromium reports every blocked inline script or style on the console."""
    event = load_seed()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    for path in [
        "/",
        event.get_absolute_url(),
        "/speakers/",
        "/speakers/jorgen-carling/",
        "/admin/login/",
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    assert refused == []
