"""A real browser registers for an upcoming event, then cancels through the
private link from the confirmation e-mail."""

import re

import pytest
from django.core import mail
from django.core.cache import cache

from registrations.models import Registration
from tests.support.registrations import make_registration_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_then_cancel_through_the_manage_link(live_server, page, artifacts):
    cache.clear()
    event = make_registration_event(capacity=20)
    page.goto(f"{live_server.url}/events/{event.slug}/register/")
    assert "Registration open. 20 seats left." in page.inner_text("main")

    page.get_by_label("Full name").fill("Jørgen Carling")
    page.get_by_label("E-mail").fill("jorgen@prio.example")
    page.locator("#id_organisation").fill("Peace Research Institute Oslo")
    page.get_by_label("Academia").check()
    page.get_by_label("Access or dietary needs").fill("Vegetarian")
    page.get_by_label("I will join the refreshments before the event").check()
    # Forgetting the consent: the error sits by the checkbox, the typed text stays.
    page.get_by_role("button", name="Register").click()
    consent = page.locator("#div_id_consent")
    assert "Please agree to the privacy notice to register." in consent.inner_text()
    assert page.get_by_label("Full name").input_value() == "Jørgen Carling"
    assert page.get_by_label("Access or dietary needs").input_value() == "Vegetarian"
    page.screenshot(path=str(artifacts / "registration-form-error.png"), full_page=True)

    page.locator("#id_consent").check()
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(r"/register/thanks/$"))
    assert "You are registered." in page.inner_text("main")
    registration = Registration.objects.get(email="jorgen@prio.example")
    assert registration.status == "confirmed"
    assert registration.refreshments is True

    (confirmation,) = mail.outbox
    link = re.search(r"http://\S+/registrations/\S+/", confirmation.body).group(0)
    page.goto(live_server.url + link[link.index("/registrations/") :])
    assert page.locator("#registration-status").inner_text() == "Confirmed"
    page.screenshot(path=str(artifacts / "registration-manage.png"), full_page=True)

    page.get_by_role("button", name="Cancel my registration").click()
    page.wait_for_load_state()
    assert "Your registration is cancelled." in page.inner_text("main")
    assert page.locator("#registration-status").inner_text() == "Cancelled"
    registration.refresh_from_db()
    assert registration.status == "cancelled"
    cancellation = mail.outbox[-1]
    assert cancellation.subject.startswith("Registration cancelled: ")
    assert "METHOD:CANCEL" in cancellation.alternatives[-1][0]
