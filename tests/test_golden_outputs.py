"""Golden files: the seed's and a 200-item event's pages, exports and e-mails, byte for byte.

A change that should not alter an output (a refactor, a speed-up) must leave
these files alone. Only values that differ between runs by design are masked:
DTSTAMP (written "now"), LAST-MODIFIED/CREATED and dateModified (the load time),
CSRF tokens, CSP nonces, primary keys, MIME boundaries, Message-ID and Date headers, signed tokens.

Regenerate on purpose with EVENTSITE_UPDATE_GOLDEN=1, and say why in the commit.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.test import override_settings

from tests.support.builders import load_seed
from tests.support.large_event import LARGE_SLUG, item_uid, make_large_event

GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_SLUG = "counter-migrant-smuggling-vienna-2017"

MASKS = [
    (re.compile(rb"(DTSTAMP[^:\r\n]*:)\d{8}T\d{6}Z"), rb"\1<now>"),
    (re.compile(rb"((?:LAST-MODIFIED|CREATED)[^:\r\n]*:)\d{8}T\d{6}Z"), rb"\1<saved>"),
    (re.compile(rb'("dateModified": ?")[^"]+'), rb"\1<saved>"),
    (re.compile(rb"(<lastmod>)[^<]+"), rb"\1<saved>"),
    (re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+'), rb"\1<csrf>"),
    (re.compile(rb'(nonce=")[^"]+'), rb"\1<nonce>"),
    (re.compile(rb"(boundary=\"?)[=_A-Za-z0-9.+-]+"), rb"\1<boundary>"),
    (re.compile(rb"--===============\d+=="), rb"--<boundary>"),
    (re.compile(rb"(?m)^(Message-ID|Date): .*$"), rb"\1: <varies>"),
    (re.compile(rb"/registrations/[A-Za-z0-9_:=-]{20,}/"), rb"/registrations/<token>/"),
    (re.compile(rb"(<version>|\"version\": \")0\.\d{14}"), rb"\1<saved>"),
    (re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), rb"<uuid>"),
    # Primary keys: PostgreSQL's sequences do not restart between tests.
    (re.compile(rb'((?:<event guid="<uuid>"|<person) id=")\d+'), rb"\1<pk>"),
    (re.compile(rb'("id": )\d+'), rb"\1<pk>"),
]

PAGES = [
    ("home.html", "/"),
    ("event.html", f"/events/{SEED_SLUG}/"),
    ("event.ics", f"/events/{SEED_SLUG}.ics"),
    ("agenda.ics", f"/events/{SEED_SLUG}/agenda.ics"),
    ("schedule.xml", f"/events/{SEED_SLUG}/schedule.xml"),
    ("schedule.json", f"/events/{SEED_SLUG}/schedule.json"),
    ("calendar.ics", "/calendar.ics"),
    ("speakers.html", "/speakers/"),
    ("speaker.html", "/speakers/mehmet-samsar/"),
    ("sitemap.xml", "/sitemap.xml"),
]

# A 200-item event (tests/support/large_event.py): every export and the page at the
# size the benchmark measures, so that a speed-up is proven byte-identical.
LARGE_PAGES = [
    ("large/event.html", f"/events/{LARGE_SLUG}/"),
    ("large/event.ics", f"/events/{LARGE_SLUG}.ics"),
    ("large/agenda.ics", f"/events/{LARGE_SLUG}/agenda.ics"),
    ("large/item.ics", f"/events/{LARGE_SLUG}/items/{item_uid(101)}.ics"),
    ("large/schedule.xml", f"/events/{LARGE_SLUG}/schedule.xml"),
    ("large/schedule.json", f"/events/{LARGE_SLUG}/schedule.json"),
]


def masked(raw: bytes) -> bytes:
    for pattern, replacement in MASKS:
        raw = pattern.sub(replacement, raw)
    return raw


def check(name: str, raw: bytes) -> None:
    path = GOLDEN / name
    body = masked(raw)
    if os.environ.get("EVENTSITE_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(body)
    assert path.exists(), f"{path} is missing: run with EVENTSITE_UPDATE_GOLDEN=1 once"
    assert body == path.read_bytes(), f"{name} differs from its golden file"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), PAGES, ids=[name for name, _ in PAGES])
def test_seed_output_is_unchanged(client, name, url):
    load_seed()
    response = client.get(url)
    assert response.status_code == 200
    check(name, b"".join(response) if response.streaming else response.content)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), LARGE_PAGES, ids=[name for name, _ in LARGE_PAGES])
def test_large_event_output_is_unchanged(client, name, url):
    make_large_event(200)
    response = client.get(url)
    assert response.status_code == 200
    check(name, b"".join(response) if response.streaming else response.content)


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_registration_mail_is_unchanged():
    from registrations.mail import build_email
    from registrations.models import OutboxMessage
    from registrations.services import register
    from tests.support.registrations import details, make_registration_event, parse

    event = make_registration_event(slug="golden-registration")
    now = datetime(2030, 8, 1, 9, 0, tzinfo=UTC)
    register(event=event, details=details(), now=now)
    message = OutboxMessage.objects.get()
    sent = parse(build_email(message).message().as_bytes())
    check("registration-confirmation.eml", decoded(sent))


def decoded(message) -> bytes:
    """Headers of the whole, then every part's type and decoded text (transfer
    encodings would hide the masked values)."""
    lines = [f"{key}: {value}" for key, value in message.items()]
    for part in message.walk():
        if part.is_multipart():
            continue
        content = part.get_content()
        if isinstance(content, bytes):
            content = content.decode()
        lines += ["", f"--- {part.get_content_type()}", content]
    return "\n".join(lines).encode()
