"""Slides through the speaker's private link: stored by the safe upload path, refused
with a reason, shown under the talk on the public page, and never for a hidden person."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from agenda.models import Participation
from invitations import tokens
from invitations.models import Invitation
from materials.models import Attachment
from tests.support import documents as files

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(seed_event):
    participation = (
        Participation.objects.filter(agenda_item__event=seed_event, role="panelist")
        .select_related("person")
        .first()
    )
    invitation = Invitation.objects.create(participation=participation, email="p@example.org")
    return participation, reverse("invitations:upload", args=[tokens.token_for(invitation)])


def send(client, path, name, content, kind="slides", title="", claimed="application/pdf"):
    upload = SimpleUploadedFile(name, content, content_type=claimed)
    return client.post(path, {"kind": kind, "title": title, "file": upload})


def test_slides_go_online_under_the_talk(client, seed_event, link):
    participation, path = link
    response = send(client, path, "Routes 2017.pdf", files.PDF_BYTES, title="Routes in 2017")
    assert response.status_code == 302
    assert response["Location"].endswith("?uploaded=1")
    attachment = Attachment.objects.get(participation=participation)
    assert (attachment.kind, attachment.content_type, attachment.is_public) == (
        "slides",
        "application/pdf",
        True,
    )
    assert attachment.file_name == "Routes 2017.pdf"
    assert attachment.file.name != "Routes 2017.pdf"  # stored under an unguessable name

    thanks = client.get(response["Location"]).content.decode()
    assert "your document is online under your talk" in thanks
    assert "Routes in 2017" in thanks

    page = client.get(seed_event.get_absolute_url()).content.decode()
    talk = page[page.index(participation.person.display_name) :]
    talk = talk[: talk.index("</dd>")]
    assert 'class="talk-documents' in talk
    assert "Routes in 2017" in talk
    assert attachment.get_absolute_url() in talk
    assert "PDF, 1.3 kB" in talk


def test_a_title_is_made_when_none_is_given(client, link):
    participation, path = link
    send(client, path, "x.pdf", files.PDF_BYTES)
    title = Attachment.objects.of_talks().get().title
    assert title.startswith("Slides: ")
    assert participation.person.display_name in title or participation.presentation_title in title


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("slides.pdf", files.HTML_BYTES, "is not a PDF"),
        ("slides.png", files.SVG_BYTES, "is not a PDF"),
        ("slides.docx", files.ZIP_BOMB_BYTES, "possible zip bomb"),
        ("slides.pdf", b"", "The submitted file is empty."),
        ("slides.pdf", files.PPTX_BYTES, "but it is a PowerPoint file"),
    ],
)
def test_disguised_files_are_refused_on_the_page(client, link, name, content, message):
    _, path = link
    response = send(client, path, name, content)
    assert response.status_code == 400
    assert message in " ".join(response.context["upload_form"].errors["file"])
    assert not Attachment.objects.of_talks().exists()


def test_a_file_over_the_limit_is_refused(client, settings, link):
    settings.EVENTSITE_MAX_UPLOAD_BYTES = 1000
    response = send(client, link[1], "big.pdf", files.PDF_BYTES)
    assert "the limit is 1.0 kB" in " ".join(response.context["upload_form"].errors["file"])
    assert not Attachment.objects.of_talks().exists()


def test_a_hostile_file_name_is_stored_safely(client, link):
    send(client, link[1], "../../etc/pass\x00wd.pdf", files.PDF_BYTES)
    attachment = Attachment.objects.of_talks().get()
    for part in ("/", "\x00", ".."):
        assert part not in attachment.file_name
        assert ".." not in attachment.file.name


def test_only_a_talks_kinds_are_taken(client, link):
    response = send(client, link[1], "x.pdf", files.PDF_BYTES, kind="report")
    assert response.status_code == 400
    assert "kind" in response.context["upload_form"].errors
    assert not Attachment.objects.of_talks().exists()


def test_a_tampered_link_uploads_nothing(client, link):
    path = link[1]
    tampered = path.replace("/documents/", "x/documents/")
    assert send(client, tampered, "x.pdf", files.PDF_BYTES).status_code == 403
    assert not Attachment.objects.of_talks().exists()


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": "declined"},
        {"status": "withdrawn", "status_changed_at": "2018-05-01T10:00:00Z"},
        {"public_consent": False},
    ],
)
def test_slides_of_someone_not_shown_never_appear(client, seed_event, link, hidden):
    participation, path = link
    send(client, path, "x.pdf", files.PDF_BYTES, title="Hidden slides")
    Participation.objects.filter(pk=participation.pk).update(**hidden)
    seed_event.save()  # a new version of the page
    assert "Hidden slides" not in client.get(seed_event.get_absolute_url()).content.decode()


@pytest.mark.parametrize("count", [1, 12])
def test_the_link_page_reads_a_fixed_number_of_queries(
    client, link, count, django_assert_num_queries
):
    _, path = link
    for n in range(count):
        send(client, path, f"{n}.pdf", files.PDF_BYTES, title=f"Slides {n}")
    page = path.replace("documents/", "")
    # session-free: the invitation with person, organisation, item and event; the
    # talk's documents
    with django_assert_num_queries(2):
        response = client.get(page)
    assert response.content.decode().count('">Slides ') == count


@pytest.mark.parametrize("count", [1, 12])
def test_the_event_page_reads_the_talks_documents_in_one_query(
    client, seed_event, link, count, django_assert_num_queries
):
    _, path = link
    for n in range(count):
        send(client, path, f"{n}.pdf", files.PDF_BYTES, title=f"Talk slides {n}")
    # The seed's page as tests/agenda/pages pins it (11, and 1 for its occasion): the
    # talks' documents share the Documents block's query.
    with django_assert_num_queries(12):
        response = Client().get(seed_event.get_absolute_url())
    assert response.content.decode().count("Talk slides ") == count
