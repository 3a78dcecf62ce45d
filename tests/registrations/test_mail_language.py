"""A registrant's e-mails are written in the language of the page they registered
on, whatever language the sender runs in; the calendar part stays the same event."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from registrations import services
from registrations.models import Registration
from tests.support.calendar_readers import icaljs_read, require_icaljs, vobject_read
from tests.support.registrations import (
    INVITATION_TREE,
    calendar_part,
    form_data,
    make_registration_event,
    mime_tree,
    parse,
)

pytestmark = pytest.mark.django_db

TITLE = "Supporting New Models of Cooperation to Counter Migrant Smuggling"
WORDS = {
    "en": (f"Registration confirmed: {TITLE}", "Wednesday, 4 September 2030, 13:15–14:45"),
    "fr": (f"Inscription confirmée : {TITLE}", "mercredi 4 septembre 2030, 13 h 15–14 h 45"),
    "es": (f"Inscripción confirmada: {TITLE}", "miércoles, 4 de septiembre de 2030, 13:15–14:45"),
}


def register_on(client, event, language: str, capture):
    prefix = "" if language == "en" else f"/{language}"
    url = prefix + reverse("registrations:register", kwargs={"slug": event.slug})
    with capture(execute=True):
        response = client.post(url, form_data())
    assert response.status_code == 302
    return parse(mail.outbox[-1].message().as_bytes(linesep="\r\n"))


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_the_confirmation_is_in_the_language_of_the_page(
    client, django_capture_on_commit_callbacks, language
):
    event = make_registration_event()
    message = register_on(client, event, language, django_capture_on_commit_callbacks)
    assert Registration.objects.get().language == language
    subject, when = WORDS[language]
    # An encoded subject is folded onto the next line ("Subject:\r\n =?utf-8?…"):
    # the space that unfolding leaves is not part of it.
    assert str(message["Subject"]).strip() == subject
    for body in (message.get_body(("plain",)), message.get_body(("html",))):
        assert when in body.get_content()
    assert mime_tree(message) == INVITATION_TREE


def test_a_spanish_invitation_is_the_same_event_for_both_readers(
    client, django_capture_on_commit_callbacks
):
    require_icaljs()
    event = make_registration_event()
    message = register_on(client, event, "es", django_capture_on_commit_callbacks)
    text = calendar_part(message).get_content()
    (js,) = icaljs_read(text.encode("utf-8"))[0]["events"]
    (py,) = vobject_read(text.encode("utf-8"))["events"]
    assert js["uid"] == py["uid"] == event.calendar_uid
    assert (
        (js["start"], js["end"])
        == (py["start"], py["end"])
        == (
            "2030-09-04T11:15:00Z",
            "2030-09-04T12:45:00Z",
        )
    )


def test_later_mails_keep_their_language_whatever_the_sender_runs_in(
    client, django_capture_on_commit_callbacks
):
    event = make_registration_event()
    register_on(client, event, "es", django_capture_on_commit_callbacks)
    registration = Registration.objects.get()
    # An organiser working in French cancels it from the admin: still Spanish.
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=registration)
    assert mail.outbox[-1].subject.startswith("Inscripción cancelada")
