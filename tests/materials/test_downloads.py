"""Downloads: headers that keep a browser from running a document, and who may open one."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User

from agenda.models import Event
from tests.support.builders import make_event
from tests.support.documents import PDF_BYTES, PNG_BYTES, PPTX_BYTES, make_attachment, upload
from tests.support.teams import join_organising_team

pytestmark = pytest.mark.django_db


def organiser() -> User:
    """Staff who may change events, on the team that organises the test's events."""
    user = User.objects.create_user("organiser", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_event"))
    join_organising_team(user, "editor")
    return user


@pytest.mark.parametrize(
    ("name", "content", "content_type", "disposition"),
    [
        ("Concept note.pdf", PDF_BYTES, "application/pdf", "inline"),
        ("Map.png", PNG_BYTES, "image/png", "inline"),
        (
            "Slides.pptx",
            PPTX_BYTES,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "attachment",
        ),
    ],
)
def test_a_public_file_comes_with_its_type_length_and_safe_headers(
    client, name, content, content_type, disposition
):
    document = make_attachment(make_event(), file=upload(name, content, "text/html"))
    response = client.get(document.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Length"] == str(len(content))
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert b"".join(response.streaming_content) == content


@pytest.mark.parametrize(
    ("is_public", "status", "who", "expected"),
    [
        (True, Event.Status.PUBLISHED, "anonymous", 200),
        (False, Event.Status.PUBLISHED, "anonymous", 404),
        (True, Event.Status.DRAFT, "anonymous", 404),
        (False, Event.Status.PUBLISHED, "organiser", 200),
        (True, Event.Status.DRAFT, "organiser", 200),
        (False, Event.Status.PUBLISHED, "staff without rights", 404),
    ],
)
def test_private_documents_open_only_for_organisers(client, is_public, status, who, expected):
    document = make_attachment(make_event(status=status), is_public=is_public)
    if who == "organiser":
        client.force_login(organiser())
    elif who == "staff without rights":
        client.force_login(User.objects.create_user("staff", is_staff=True))
    assert client.get(document.get_absolute_url()).status_code == expected


def test_a_wrong_name_in_the_address_redirects_to_the_right_one(client):
    document = make_attachment(make_event())
    response = client.get(document.get_absolute_url().replace("Concept%20note", "x"))
    assert response.status_code == 301
    assert response["Location"] == document.get_absolute_url()
