"""A real browser: an organiser invites a panelist from the confirmations page, the
panelist opens the e-mailed link, confirms and uploads slides; the public page and the
.ics show them and the slides, and every public document of ours opens without a
script running (never served as HTML, nosniff, sandboxed)."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from agenda.models import Participation
from agenda.team_models import Membership
from tests.support.browser_login import fill_organiser_login
from tests.support.builders import load_seed
from tests.support.documents import PDF_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invite_open_the_link_and_confirm(live_server, page, artifacts, django_user_model):
    cache.clear()
    event = load_seed()
    event.unconfirmed_people = "hide"
    event.save()
    participation = Participation.objects.filter(agenda_item__event=event, role="panelist").first()
    name = participation.person.display_name
    confirmations = f"/events/{event.slug}/confirmations/"

    user = fill_organiser_login(page, live_server, django_user_model, "inviter", confirmations)
    organiser = event.event_organisations.filter(role="organiser").first().organisation
    Membership.objects.create(organisation=organiser, user=user, role="editor")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/confirmations/$"))
    row = page.locator("#people tr", has_text=name)
    row.locator("input[name=email]").fill("panelist@example.org")
    row.get_by_role("button", name="Invite").click()
    page.wait_for_load_state()
    assert f"Invitation sent to {name}." in page.inner_text("body")
    assert "Invited" in page.locator("#people tr", has_text=name).inner_text()
    # Invited and hidden until they answer.
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    assert name not in page.inner_text("main")

    (invitation,) = mail.outbox
    link = re.search(r"http://\S+(/invitation/\S+/)", invitation.body).group(1)
    page.context.clear_cookies()
    page.goto(live_server.url + link)
    page.get_by_label("Yes, I will take part").check()
    page.locator("#id_consent_0").check()
    page.get_by_label("A note to the organisers (optional)").fill("Happy to join.")
    page.screenshot(path=str(artifacts / "invitation-link-page.png"), full_page=True)
    page.get_by_role("button", name="Send my answer").click()
    page.wait_for_load_state()
    assert "your participation is confirmed" in page.locator("#saved").inner_text()
    participation.refresh_from_db()
    assert participation.status == "confirmed"

    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    assert name in page.inner_text("main")
    ics = page.request.get(f"{live_server.url}/events/{event.slug}/agenda.ics").text()
    assert name in ics.replace("\r\n ", "").replace("\\,", ",")

    # Slides through the same link: online under the talk, in the .ics, and inert.
    page.goto(live_server.url + link)
    page.get_by_label("Title (optional)").fill("Routes in 2017")
    page.get_by_label("File").set_input_files(
        files=[{"name": "routes.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Upload").click()
    page.wait_for_url(re.compile(r"\?uploaded=1$"))
    assert "online under your talk" in page.locator("#uploaded").inner_text()
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    talk = page.locator(".agenda dl dd", has_text=name)
    assert "Routes in 2017" in talk.locator(".talk-documents").inner_text()
    ics = page.request.get(f"{live_server.url}/events/{event.slug}/agenda.ics").text()
    unfolded = ics.replace("\r\n ", "")
    assert "ATTACH;FMTTYPE=application/pdf:http" in unfolded

    hrefs = page.eval_on_selector_all(
        ".talk-documents a, .documents-list a", "links => links.map(a => a.href)"
    )
    assert hrefs
    for href in hrefs:
        if not href.startswith(live_server.url):
            continue  # an external link is not ours to serve
        response = page.request.get(href)
        assert response.ok, href
        assert not response.headers["content-type"].startswith("text/html"), href
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "sandbox" in response.headers["content-security-policy"]
        scripted = page.context.new_page()
        ran: list[str] = []
        scripted.on(
            "dialog", lambda dialog, ran=ran: (ran.append(dialog.message), dialog.dismiss())
        )
        try:
            scripted.goto(href)
            assert scripted.evaluate("document.title") != "ran"
        except Exception as error:  # a file the browser downloads instead of showing
            if "Download is starting" not in str(error):
                raise
        scripted.close()
        assert ran == [], href
