"""The speaker's photo through their private link: refused unless it is a real photo,
a proposal until an organiser accepts it (or at once, per event), shown with the
person's name as its text, and never for a person who withheld consent."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from agenda.models import Participation
from invitations import tokens
from invitations.models import Invitation, Proposal
from speakers.models import Person
from tests.support import documents as files
from tests.support import images

pytestmark = pytest.mark.django_db


@pytest.fixture
def participation(seed_event):
    return (
        Participation.objects.filter(agenda_item__event=seed_event, role="panelist")
        .select_related("person")
        .first()
    )


@pytest.fixture
def token(participation):
    invitation = Invitation.objects.create(participation=participation, email="p@example.org")
    return tokens.token_for(invitation)


def send_photo(client, token, name, content, claimed="image/png"):
    upload = SimpleUploadedFile(name, content, content_type=claimed)
    return client.post(reverse("invitations:photo", args=[token]), {"photo": upload})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("me.png", files.HTML_BYTES, "This file is not a PNG or JPEG image"),
        ("me.png", files.SVG_BYTES, "This file is not a PNG or JPEG image"),
        ("me.svg", files.SVG_BYTES, "This file is not a PNG or JPEG image"),
        ("me.jpg", files.PDF_BYTES, "This file is not a PNG or JPEG image"),
        ("me.png", b"", "The submitted file is empty."),  # Django's own check comes first
        ("../../etc/me.png\x00.html", files.HTML_BYTES, "This file is not a PNG or JPEG image"),
    ],
    ids=["html-as-png", "svg-as-png", "svg", "pdf-as-jpg", "empty", "path-and-nul"],
)
def test_disguised_files_are_refused_on_the_page(client, token, name, content, message):
    response = send_photo(client, token, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Proposal.objects.exists()


def test_a_photo_over_the_limit_is_refused(client, token, settings):
    content = images.png(300, 300)
    settings.EVENTSITE_PHOTO_MAX_BYTES = len(content) - 1
    response = send_photo(client, token, "me.png", content)
    assert response.status_code == 400
    assert "the limit is" in response.content.decode()
    assert not Proposal.objects.exists()


def test_the_photo_waits_for_the_organiser_then_accepting_sets_it(
    client, admin_client, seed_event, participation, token
):
    response = send_photo(client, token, "Portrait of me.png", images.png())
    assert response.status_code == 302
    assert response["Location"].endswith("?photo=proposed")
    assert (
        "your photo waits for the organisers" in client.get(response["Location"]).content.decode()
    )

    proposal = Proposal.objects.get()
    assert proposal.field == "photo"
    assert "Portrait" not in proposal.value  # stored under an unguessable name
    with default_storage.open(proposal.value) as stored:
        assert Image.open(stored).format == "PNG"
    participation.person.refresh_from_db()
    assert not participation.person.photo

    confirmations = reverse("invitations:confirmations", args=[seed_event.slug])
    assert f'src="{proposal.photo_url}"' in admin_client.get(confirmations).content.decode()
    admin_client.post(reverse("invitations:accept", args=[seed_event.slug, proposal.pk]))
    person = participation.person
    person.refresh_from_db()
    assert person.photo.name == proposal.value
    latest = person.history.latest()
    assert latest.photo == proposal.value
    assert latest.history_change_reason == f"accepted {person.display_name}'s correction"


def test_a_newer_photo_replaces_the_one_still_waiting(client, token):
    send_photo(client, token, "a.png", images.png())
    first = Proposal.objects.get().value
    send_photo(client, token, "b.jpg", images.jpeg(), claimed="image/jpeg")
    assert Proposal.objects.get().value.endswith(".jpg")
    assert not default_storage.exists(first)


def test_the_event_may_apply_the_photo_directly(client, seed_event, participation, token):
    seed_event.apply_speaker_changes = True
    seed_event.save()
    response = send_photo(client, token, "me.jpg", images.jpeg(), claimed="image/jpeg")
    assert response["Location"].endswith("?photo=applied")
    assert not Proposal.objects.exists()
    person = participation.person
    person.refresh_from_db()
    assert person.photo.name.startswith("people/")
    assert person.photo.name.endswith(".jpg")
    reason = person.history.latest().history_change_reason
    assert reason == f"by {person.display_name} through their invitation link"


@pytest.mark.parametrize(
    "tamper",
    [lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"), lambda t: "x" + t],
    ids=["signature", "uid"],
)
def test_a_tampered_link_is_refused(client, token, tamper):
    response = send_photo(client, tamper(token), "me.png", images.png())
    assert response.status_code == 403
    assert "This link is not valid" in response.content.decode()
    assert not Proposal.objects.exists()


def with_photo(person):
    person.photo.save("face.png", ContentFile(images.png()), save=True)
    return person


def test_the_event_page_shows_the_photo_with_the_name(client, seed_event, participation):
    person = with_photo(participation.person)
    page = client.get(seed_event.get_absolute_url()).content.decode()
    assert f'src="{person.photo.url}" alt="{person.display_name}"' in page


@pytest.mark.parametrize("consent_elsewhere", [None, False])
def test_a_person_who_withheld_consent_never_shows_a_photo(
    client, seed_event, participation, consent_elsewhere
):
    """Withheld on one event: their photo leaves every page, the other events' too."""
    person = with_photo(participation.person)
    other = (
        Participation.objects.filter(agenda_item__event=seed_event).exclude(person=person).first()
    )
    # The person also appears on a second item, where they now say no.
    Participation.objects.create(
        agenda_item=other.agenda_item,
        person=person,
        role="chair",
        public_consent=consent_elsewhere,
    )
    event_page = client.get(seed_event.get_absolute_url()).content.decode()
    person_page = client.get(person.get_absolute_url()).content.decode()
    shown = consent_elsewhere is None
    assert (person.photo.url in event_page) is shown
    assert (person.photo.url in person_page) is shown
    assert person.display_name in person_page  # still public through the first item


@pytest.mark.parametrize("people", [1, 5])
def test_the_event_page_reads_photos_in_no_extra_query(
    client, seed_event, people, django_assert_num_queries
):
    on_event = Participation.objects.filter(agenda_item__event=seed_event)
    everyone = Person.objects.filter(participations__in=on_event).distinct().order_by("pk")
    chosen = [with_photo(person) for person in everyone[:people]]
    assert len(chosen) == people
    # The seed's page as tests/agenda/pages pins it (11, and 1 for its occasion).
    expected = 12 if seed_event.occasion_ref_id else 11
    with django_assert_num_queries(expected):
        page = client.get(seed_event.get_absolute_url()).content.decode()
    assert page.count('class="person-photo-small') == on_event.filter(person__in=chosen).count()


@pytest.mark.parametrize("pending", [False, True])
def test_the_link_page_says_a_photo_waits_in_the_same_queries(
    client, token, pending, django_assert_num_queries
):
    if pending:
        send_photo(client, token, "me.png", images.png())
    page = reverse("invitations:respond", args=[token])
    # session-free: the invitation (with whether a photo waits); the talk's documents
    with django_assert_num_queries(2):
        response = client.get(page)
    assert ("Your new photo waits for the organisers" in response.content.decode()) is pending


def test_the_link_page_shows_the_current_photo_with_the_name(client, participation, token):
    person = with_photo(participation.person)
    content = client.get(reverse("invitations:respond", args=[token])).content.decode()
    assert f'src="{person.photo.url}" alt="{person.display_name}"' in content


def test_withholding_consent_on_one_event_ends_the_cached_pages_of_the_others(
    client, seed_event, participation, settings
):
    """The second event's page was cached with the photo; consent withheld on the
    first event's item hides it there too at the next visit, not when the cache ages."""
    import uuid

    from eventsite.settings.base import cache_config
    from tests.support.builders import add_items, local, make_event

    config = cache_config("")
    config["default"]["LOCATION"] = config["default"]["KEY_PREFIX"] = uuid.uuid4().hex
    settings.CACHES = config
    settings.EVENTSITE_PAGE_CACHE = True
    person = with_photo(participation.person)
    second = make_event(
        title="Second event",
        slug="second-event",
        start=local(2030, 9, 4, 10),
        end=local(2030, 9, 4, 11),
    )
    [item] = add_items(second, [30])
    Participation.objects.create(agenda_item=item, person=person, role="speaker")
    assert person.photo.url in client.get(second.get_absolute_url()).content.decode()
    participation.public_consent = False
    participation.save()
    assert person.photo.url not in client.get(second.get_absolute_url()).content.decode()


def test_a_failed_recording_leaves_no_stored_photo(client, token, monkeypatch):
    """A crash between storing the file and committing its proposal: the file goes too."""
    from invitations import services

    stored = []
    real_save = services._photo_storage().save

    def save(name, content):
        stored.append(real_save(name, content))
        return stored[-1]

    def crash(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services._photo_storage(), "save", save)
    monkeypatch.setattr(Proposal.objects, "create", crash)
    with pytest.raises(RuntimeError):
        services.correct_photo(Invitation.objects.get(), SimpleUploadedFile("me.png", images.png()))
    assert len(stored) == 1
    assert not default_storage.exists(stored[0])
    assert not Proposal.objects.exists()


def test_prune_photos_deletes_only_old_files_nothing_refers_to(
    client, token, participation, monkeypatch
):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    send_photo(client, token, "a.png", images.png())
    waiting = Proposal.objects.get().value
    participation.person.photo = default_storage.save(
        "people/current.png", ContentFile(images.png())
    )
    participation.person.save()
    stray = default_storage.save("people/stray.png", ContentFile(images.png()))
    fresh_stray = default_storage.save("people/fresh.png", ContentFile(images.png()))
    long_ago = timezone.now() - timedelta(hours=30)
    written = dict.fromkeys([stray, waiting, participation.person.photo.name], long_ago)
    real = default_storage.get_modified_time
    monkeypatch.setattr(
        default_storage, "get_modified_time", lambda name: written.get(name) or real(name)
    )
    call_command("prune_photos", "--hours", "24", stdout=io.StringIO())
    assert not default_storage.exists(stray)
    for kept in (waiting, participation.person.photo.name, fresh_stray):
        assert default_storage.exists(kept), kept
