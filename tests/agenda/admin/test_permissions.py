"""Who may open what: anonymous, an organiser (staff in "Organisers"), a superuser."""

import pytest
from django.urls import reverse

from agenda.models import Contact, Event
from tests.support.admin_forms import make_organiser, organisers_group
from tests.support.builders import add_items, make_event

pytestmark = pytest.mark.django_db

OK, FORBIDDEN = 200, 403


def urls(event, user) -> dict[str, tuple[str, int]]:
    """Admin URL → (address, what an organiser gets). Superusers get 200 everywhere."""
    item = event.items.get()
    participation = item.participations.get()
    contact = event.contacts.get()
    person = participation.person
    organisation = person.organisation
    first_version = Event.history.filter(id=event.pk).earliest("history_date")
    return {
        "index": (reverse("admin:index"), OK),
        "event list": (reverse("admin:agenda_event_changelist"), OK),
        "event add": (reverse("admin:agenda_event_add"), OK),
        "event change": (reverse("admin:agenda_event_change", args=[event.pk]), OK),
        "event history": (reverse("admin:agenda_event_history", args=[event.pk]), OK),
        "event revert": (
            reverse("admin:agenda_event_simple_history", args=[event.pk, first_version.pk]),
            OK,
        ),
        "event export": (reverse("admin:agenda_event_export", args=[event.pk]), OK),
        "event delete": (reverse("admin:agenda_event_delete", args=[event.pk]), FORBIDDEN),
        "item list": (reverse("admin:agenda_agendaitem_changelist"), OK),
        "item add": (reverse("admin:agenda_agendaitem_add"), OK),
        "item change": (reverse("admin:agenda_agendaitem_change", args=[item.pk]), OK),
        "item delete": (reverse("admin:agenda_agendaitem_delete", args=[item.pk]), OK),
        "participation change": (
            reverse("admin:agenda_participation_change", args=[participation.pk]),
            OK,
        ),
        "contact list": (reverse("admin:agenda_contact_changelist"), OK),
        "contact change": (reverse("admin:agenda_contact_change", args=[contact.pk]), OK),
        "question list": (reverse("admin:agenda_discussionquestion_changelist"), OK),
        "event organisation list": (reverse("admin:agenda_eventorganisation_changelist"), OK),
        "outcome list": (reverse("admin:agenda_outcome_changelist"), OK),
        "person list": (reverse("admin:speakers_person_changelist"), OK),
        "person add": (reverse("admin:speakers_person_add"), OK),
        "person change": (reverse("admin:speakers_person_change", args=[person.pk]), OK),
        "person history": (reverse("admin:speakers_person_history", args=[person.pk]), OK),
        "person delete": (reverse("admin:speakers_person_delete", args=[person.pk]), FORBIDDEN),
        "organisation list": (reverse("admin:speakers_organisation_changelist"), OK),
        "organisation add": (reverse("admin:speakers_organisation_add"), OK),
        "organisation delete": (
            reverse("admin:speakers_organisation_delete", args=[organisation.pk]),
            FORBIDDEN,
        ),
        "person autocomplete": (
            reverse("admin:autocomplete")
            + "?app_label=agenda&model_name=participation&field_name=person&term=J",
            OK,
        ),
        "user list": (reverse("admin:auth_user_changelist"), FORBIDDEN),
        "user add": (reverse("admin:auth_user_add"), FORBIDDEN),
        "user change": (reverse("admin:auth_user_change", args=[user.pk]), FORBIDDEN),
        "group list": (reverse("admin:auth_group_changelist"), FORBIDDEN),
        "group add": (reverse("admin:auth_group_add"), FORBIDDEN),
    }


@pytest.fixture
def event(db):
    event = make_event(title="Side event")
    add_items(event, [30], people_per_item=1)
    Contact.objects.create(event=event, name="Julia", email="julia@example.org")
    return event


@pytest.fixture
def people(django_user_model):
    return {
        "organiser": make_organiser(django_user_model),
        "superuser": django_user_model.objects.create_superuser("root", password="pw-root-1"),
    }


URL_NAMES = [
    "index",
    "event list",
    "event add",
    "event change",
    "event history",
    "event revert",
    "event export",
    "event delete",
    "item list",
    "item add",
    "item change",
    "item delete",
    "participation change",
    "contact list",
    "contact change",
    "question list",
    "event organisation list",
    "outcome list",
    "person list",
    "person add",
    "person change",
    "person history",
    "person delete",
    "organisation list",
    "organisation add",
    "organisation delete",
    "person autocomplete",
    "user list",
    "user add",
    "user change",
    "group list",
    "group add",
]


@pytest.mark.parametrize("who", ["anonymous", "organiser", "superuser"])
@pytest.mark.parametrize("name", URL_NAMES)
def test_permission_matrix(client, event, people, who, name):
    address, organiser_gets = urls(event, people["organiser"])[name]
    if who != "anonymous":
        client.force_login(people[who])
    response = client.get(address)
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    elif who == "organiser":
        assert response.status_code == organiser_gets
    else:
        assert response.status_code == OK


def test_matrix_covers_every_url(event, people):
    assert sorted(urls(event, people["organiser"])) == sorted(URL_NAMES)


def test_organisers_cannot_manage_users_or_groups():
    permissions = organisers_group().permissions.all()
    apps = set(permissions.values_list("content_type__app_label", flat=True))
    assert apps == {"agenda", "speakers", "registrations", "runofshow"}
    assert "auth" not in apps
    codenames = set(permissions.values_list("codename", flat=True))
    for model in ("event", "agendaitem", "person", "organisation", "contact"):
        assert {f"add_{model}", f"change_{model}", f"view_{model}"} <= codenames
    assert "delete_event" not in codenames


def test_organiser_cannot_delete_an_event_by_posting(client, event, people):
    client.force_login(people["organiser"])
    response = client.post(reverse("admin:agenda_event_delete", args=[event.pk]), {"post": "yes"})
    assert response.status_code == FORBIDDEN
    assert Event.objects.filter(pk=event.pk).exists()
