"""The public form, the manage link and the privacy notice over HTTP."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from registrations import services, tokens
from registrations.models import OutboxMessage, Registration, RegistrationSettings
from tests.support.builders import make_event
from tests.support.registrations import details, form_data, make_registration_event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def register_url(event) -> str:
    return reverse("registrations:register", kwargs={"slug": event.slug})


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def field_block(html: str, name: str) -> str:
    """The markup crispy renders for one field: from its wrapper to the next field's."""
    start = html.index(f'id="div_id_{name}"')
    following = html.find('id="div_id_', start + 1)
    return html[start : following if following != -1 else len(html)]


def assert_no_inline_code(html: str) -> None:
    """The site's Content-Security-Policy allows no inline script and no style attribute."""
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline <script>"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


# -- the state, on the form page and in the event page's block ---------------------------


def render_block(event) -> str:
    template = Template('{% include "registrations/_event_block.html" %}')
    return template.render(Context({"event": event}))


def test_past_seed_event_shows_registration_closed_and_no_form(client, seed_event):
    response = client.get(register_url(seed_event))
    assert response.status_code == 200
    assert "Registration closed." in text_of(response)
    assert "<form" not in response.content.decode()
    block = render_block(seed_event)
    assert "Registration closed." in block
    assert "registrations/register" not in block  # no button to a form


def test_block_is_empty_for_an_upcoming_event_without_registration():
    assert render_block(make_event()).strip() == ""


@pytest.mark.parametrize(
    ("capacity", "waiting_list", "taken", "state", "words", "button"),
    [
        (10, True, 0, "open", "Registration open. 10 seats left.", "Register"),
        (2, True, 1, "open", "Registration open. 1 seat left.", "Register"),
        (None, True, 3, "open", "Registration open.", "Register"),
        (2, True, 2, "waiting-list", "Full: waiting list open.", "Join the waiting list"),
        (2, False, 2, "full", "Registration full.", None),
    ],
)
def test_block_shows_the_state(capacity, waiting_list, taken, state, words, button):
    event = make_registration_event(capacity=capacity, waiting_list=waiting_list)
    for n in range(taken):
        services.register(event=event, details=details(n + 1))
    html = render_block(event)
    assert f'data-registration-state="{state}"' in html
    assert words in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    if button:
        assert f'href="{register_url(event)}">{button}</a>' in html
    else:
        assert register_url(event) not in html
    assert_no_inline_code(html)


@pytest.mark.parametrize("registrations", [0, 25])
def test_block_costs_one_query(django_assert_num_queries, registrations):
    event = make_registration_event(capacity=10)
    for n in range(registrations):
        services.register(event=event, details=details(n + 1))
    with django_assert_num_queries(1):
        render_block(event)


# -- the form -------------------------------------------------------------------------------


def test_form_page(client):
    event = make_registration_event()
    response = client.get(register_url(event))
    html = response.content.decode()
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in html
    for name in ("name", "email", "organisation", "needs", "refreshments", "consent"):
        assert f'name="{name}"' in html
    affiliation = re.sub(
        r"\s+", " ", re.sub(r"<[^>]+>", " ", field_block(html, "affiliation_type"))
    )
    for label in (
        "Government",
        "International organisation",
        "Civil society",
        "Academia",
        "Media",
        "Other",
    ):
        assert f" {label} " in affiliation, label
    consent = field_block(html, "consent")
    assert f'href="{reverse("registrations:privacy")}"' in consent
    # The honeypot is in the form, hidden from people.
    assert re.search(r'class="registration-trap"[^>]*aria-hidden="true"', html)
    assert 'name="website"' in html
    assert "13:15–14:45 CEST (UTC+2)" in text_of(response)
    assert_no_inline_code(html)


def test_register_and_thank(client):
    event = make_registration_event()
    response = client.post(register_url(event), form_data(), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "registrations:thanks", kwargs={"slug": event.slug}
    )
    assert "You are registered. A confirmation with a calendar invitation is on its way to" in (
        text_of(response)
    )
    registration = Registration.objects.get()
    assert (registration.name, registration.needs, registration.refreshments) == (
        "Jørgen Carling",
        "Vegetarian",
        True,
    )
    assert_no_inline_code(response.content.decode())


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Please enter your name, as it should appear on your badge."),
        ("email", "jorgen-at-prio", "Please enter a whole e-mail address, like name@example.org."),
        ("email", "", "Please enter your e-mail address."),
        ("organisation", "  ", "Please enter your organisation, or “none”."),
        ("affiliation_type", None, "Please choose the kind of organisation you belong to."),
        ("consent", None, "Please agree to the privacy notice to register."),
        ("name", "Eve\r\nBcc: x@example.org", "Please write this on one line"),
        ("organisation", "IOM\x1b[31m", "Please write this on one line"),
    ],
)
def test_errors_are_next_to_the_field_and_input_is_kept(client, field, value, message):
    event = make_registration_event()
    response = client.post(register_url(event), form_data(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in field_block(html, field)
    assert "is-invalid" in field_block(html, field)
    # What was typed elsewhere is still there.
    if field != "name":
        assert 'value="Jørgen Carling"' in field_block(html, "name")
    assert "Vegetarian" in field_block(html, "needs")
    assert not Registration.objects.exists()


def test_honeypot_pretends_success_and_stores_nothing(client):
    event = make_registration_event()
    response = client.post(register_url(event), form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_rate_limit_per_ip(client, settings):
    settings.REGISTRATION_RATE_LIMIT = (3, 600)
    event = make_registration_event()
    for n in range(3):
        response = client.post(register_url(event), form_data(n + 1), REMOTE_ADDR="198.51.100.7")
        assert response.status_code == 302
    response = client.post(register_url(event), form_data(4), REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429
    assert "Too many submissions from your network" in text_of(response)
    assert 'value="jorgen4@prio.example"' in response.content.decode()  # input kept
    response = client.post(register_url(event), form_data(5), REMOTE_ADDR="198.51.100.8")
    assert response.status_code == 302
    assert Registration.objects.count() == 4


def test_rate_limit_reads_the_trusted_proxy_address(client, settings):
    settings.REGISTRATION_RATE_LIMIT = (1, 600)
    settings.EVENTSITE_TRUSTED_PROXIES = 1
    event = make_registration_event()
    url = register_url(event)
    spoofed = "203.0.113.1, 198.51.100.7"  # the client wrote the first, our proxy the last
    assert client.post(url, form_data(1), HTTP_X_FORWARDED_FOR=spoofed).status_code == 302
    assert client.post(url, form_data(2), HTTP_X_FORWARDED_FOR=spoofed).status_code == 429
    other = "203.0.113.1, 198.51.100.9"
    assert client.post(url, form_data(3), HTTP_X_FORWARDED_FOR=other).status_code == 302


def test_csrf_is_enforced():
    event = make_registration_event()
    response = Client(enforce_csrf_checks=True).post(register_url(event), form_data())
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_registering_twice_says_so_and_resends(client, django_capture_on_commit_callbacks):
    event = make_registration_event()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(register_url(event), form_data())
        response = client.post(register_url(event), form_data(), follow=True)
    assert "jorgen1@prio.example is already registered for this event" in text_of(response)
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 2


def test_full_event_shows_full_and_no_form(client):
    event = make_registration_event(capacity=1, waiting_list=False)
    services.register(event=event, details=details(1))
    response = client.get(register_url(event))
    assert "Registration full." in text_of(response)
    assert 'name="email"' not in response.content.decode()
    # A form posted before it filled up is turned away, not registered.
    response = client.post(register_url(event), form_data(2))
    assert "Registration full." in text_of(response)
    assert Registration.objects.count() == 1


def test_waiting_list_form(client):
    event = make_registration_event(capacity=1)
    services.register(event=event, details=details(1))
    response = client.get(register_url(event))
    assert '<h1 class="h2">Join the waiting list</h1>' in response.content.decode()
    response = client.post(register_url(event), form_data(2), follow=True)
    assert "you are on the waiting list (number 1)" in text_of(response)


@pytest.mark.parametrize("status", ["draft"])
def test_drafts_have_no_form(client, status):
    event = make_registration_event(status=status)
    assert client.get(register_url(event)).status_code == 404


def test_closed_until_it_opens(client):
    event = make_registration_event()
    RegistrationSettings.objects.filter(event=event).update(is_open=False)
    response = client.get(register_url(event))
    assert "Registration closed." in text_of(response)
    assert 'name="email"' not in response.content.decode()


# -- the manage link ------------------------------------------------------------------------


def manage_url(registration) -> str:
    return tokens.manage_path(registration)


def test_manage_page_shows_the_registration_privately(client):
    event = make_registration_event()
    registration = services.register(event=event, details=details()).registration
    response = client.get(manage_url(registration))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    text = text_of(response)
    assert "Confirmed" in text
    assert "jorgen1@prio.example" in text
    assert_no_inline_code(response.content.decode())


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature
        lambda token: ("1" if token[0] == "0" else "0") + token[1:],  # the UID
        lambda token: token.split(":")[0],  # no signature at all
    ],
)
def test_a_tampered_link_is_404(client, mangle):
    event = make_registration_event()
    registration = services.register(event=event, details=details()).registration
    token = tokens.manage_token(registration)
    url = reverse("registrations:manage", kwargs={"token": mangle(token)})
    assert client.get(url).status_code == 404


def test_update_through_the_manage_link(client):
    event = make_registration_event()
    registration = services.register(event=event, details=details()).registration
    data = {
        "action": "update",
        "name": "Jørgen Carling",
        "organisation": "PRIO",
        "affiliation_type": "academia",
        "needs": "Step-free access",
    }
    response = client.post(manage_url(registration), data, follow=True)
    assert "Your details are saved." in text_of(response)
    registration.refresh_from_db()
    assert registration.organisation == "PRIO"
    assert registration.refreshments is False
    # An error is shown next to the field, and nothing is saved.
    response = client.post(manage_url(registration), data | {"name": ""})
    assert "Please enter your name" in field_block(response.content.decode(), "name")
    registration.refresh_from_db()
    assert registration.name == "Jørgen Carling"
    # A line break in a name is refused there too.
    response = client.post(manage_url(registration), data | {"name": "Eve\r\nBcc: x@example.org"})
    assert "Please write this on one line" in field_block(response.content.decode(), "name")
    registration.refresh_from_db()
    assert registration.name == "Jørgen Carling"


def test_cancel_through_the_manage_link(client, django_capture_on_commit_callbacks):
    event = make_registration_event(capacity=1)
    registration = services.register(event=event, details=details(1)).registration
    waiting = services.register(event=event, details=details(2)).registration
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(manage_url(registration), {"action": "cancel"}, follow=True)
    text = text_of(response)
    assert "Your registration is cancelled." in text
    assert "Register again" in text
    registration.refresh_from_db()
    waiting.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    subjects = sorted(m.subject.split(":")[0] for m in mail.outbox)
    assert subjects == ["A seat is yours", "Registration cancelled"]


def test_privacy_notice(client, settings):
    settings.REGISTRATION_RETENTION_DAYS = 90
    response = client.get(reverse("registrations:privacy"))
    assert response.status_code == 200
    assert "removed 90 days after the event" in text_of(response)
    assert_no_inline_code(response.content.decode())


# -- personal data stays private -------------------------------------------------------------


def test_personal_data_never_appears_on_public_pages_or_exports(client):
    event = make_registration_event()
    services.register(
        event=event,
        details=details(name="Ådne Ømark-Privat", email="private.person@secret.example"),
    )
    urls = [
        "/",
        event.get_absolute_url(),
        register_url(event),
        reverse("agenda:event_ics", kwargs={"slug": event.slug}),
        reverse("agenda:event_agenda_ics", kwargs={"slug": event.slug}),
        reverse("agenda:calendar_feed"),
        reverse("agenda:schedule_json", kwargs={"slug": event.slug}),
        reverse("agenda:schedule_xml", kwargs={"slug": event.slug}),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "private.person" not in body, url
        assert "Ømark" not in body, url
    assert "private.person" not in render_block(event)


@pytest.mark.parametrize("registrations", [0, 25])
def test_form_page_query_count_does_not_grow(client, django_assert_num_queries, registrations):
    event = make_registration_event(capacity=10)
    for n in range(registrations):
        services.register(event=event, details=details(n + 1))
    with django_assert_num_queries(2):  # the event, then its settings with the seat count
        assert client.get(register_url(event)).status_code == 200


@pytest.mark.parametrize("others", [0, 25])
def test_manage_page_query_count_does_not_grow(client, django_assert_num_queries, others):
    event = make_registration_event(capacity=None)
    registration = services.register(event=event, details=details(1)).registration
    for n in range(others):
        services.register(event=event, details=details(n + 2))
    with django_assert_num_queries(1):  # the registration with its event
        assert client.get(manage_url(registration)).status_code == 200


# -- rotating SECRET_KEY ---------------------------------------------------------------


def test_a_link_signed_with_the_old_key_works_after_rotation(client, settings):
    event = make_registration_event()
    registration = services.register(event=event, details=details()).registration
    old_key = settings.SECRET_KEY
    url = manage_url(registration)  # signed with the old key

    settings.SECRET_KEY = "a-new-key-after-rotation-0123456789-abcdefghijklmnop"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert client.get(url).status_code == 200
    # New links are signed with the new key…
    assert manage_url(registration) != url

    # …and once the old key is dropped from the fallbacks, its links stop working.
    settings.SECRET_KEY_FALLBACKS = []
    assert client.get(url).status_code == 404
