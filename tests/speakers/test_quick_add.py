"""Finding and adding people from the planning page: matches, derived slugs, namesakes, rights."""

import json

import pytest
from django.urls import reverse

from speakers.models import Organisation, Person
from tests.support.builders import make_organisation, make_person
from tests.support.teams import ORGANISING_TEAM

pytestmark = pytest.mark.django_db

FIND = "admin:speakers_person_find"
ADD = "admin:speakers_person_quick_add"


def post(client, **data):
    return client.post(reverse(ADD), json.dumps(data), content_type="application/json")


def test_search_offers_people_with_their_position_and_organisation(organiser_client):
    iom = make_organisation(name="International Organization for Migration", acronym="IOM")
    make_person(full_name="Marie McAuliffe", honorific="Ms.", position="Head", organisation=iom)
    make_person(full_name="Mehmet Samsar")
    answer = organiser_client.get(reverse(FIND), {"q": "mc"}).json()
    assert [p["label"] for p in answer["people"]] == [
        "Ms. Marie McAuliffe — Head, International Organization for Migration (IOM)"
    ]
    by_acronym = organiser_client.get(reverse(FIND), {"q": "iom"}).json()
    assert [p["name"] for p in by_acronym["people"]] == ["Ms. Marie McAuliffe"]


def test_a_new_person_gets_a_derived_slug_and_a_known_organisation(organiser_client):
    make_person(full_name="Someone", slug="jorgen-carling")
    prio = make_organisation(name="Peace Research Institute Oslo", acronym="PRIO")
    response = post(
        organiser_client,
        full_name="  Jørgen   Carling ",
        honorific="Research Professor",
        organisation="prio",
    )
    assert response.status_code == 201
    person = Person.objects.get(pk=response.json()["person"]["id"])
    assert (person.full_name, person.slug, person.organisation) == (
        "Jørgen Carling",
        "jorgen-carling-2",
        prio,
    )


def test_an_unknown_organisation_is_created_with_the_person(organiser_client):
    response = post(organiser_client, full_name="Berlan Pars Alan", organisation="New Org")
    assert response.status_code == 201
    assert Organisation.objects.get(name="New Org").people.get().full_name == "Berlan Pars Alan"


def test_a_name_already_there_is_offered_not_refused(organiser_client):
    known = make_person(full_name="Marie McAuliffe")
    response = post(organiser_client, full_name="marie mcauliffe")
    assert response.status_code == 409
    assert response.json()["message"] == "Already here: is it this person?"
    assert [p["id"] for p in response.json()["people"]] == [known.pk]
    assert "slug" not in response.content.decode().lower()
    namesake = post(organiser_client, full_name="Marie McAuliffe", namesake_ok=True)
    assert namesake.status_code == 201
    assert Person.objects.filter(full_name__iexact="marie mcauliffe").count() == 2


def test_a_nameless_person_is_refused_with_a_message(organiser_client):
    response = post(organiser_client, full_name="  ")
    assert (response.status_code, response.json()["message"]) == (400, "Enter the person's name.")


def test_staff_without_the_rights_may_neither_search_nor_add(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("bare", is_staff=True))
    assert client.get(reverse(FIND), {"q": "a"}).status_code == 403
    assert post(client, full_name="X").status_code == 403
    assert not Person.objects.exists()


def test_adding_needs_the_csrf_token(organiser_client):
    organiser_client.handler.enforce_csrf_checks = True
    assert post(organiser_client, full_name="X").status_code == 403
    assert not Person.objects.exists()


def test_a_new_organisation_is_made_once_and_a_known_one_answered(organiser_client):
    url = reverse("admin:speakers_organisation_quick_add")
    make_organisation(name="United Nations Office on Drugs and Crime", acronym="UNODC")

    def add(**data):
        return organiser_client.post(url, json.dumps(data), content_type="application/json")

    created = add(name=" Government of the  Republic of Turkey ")
    assert created.status_code == 201
    assert created.json()["organisation"]["name"] == "Government of the Republic of Turkey"
    known = add(name="unodc")
    assert (known.status_code, known.json()["created"]) == (200, False)
    assert (
        known.json()["organisation"]["name"] == "United Nations Office on Drugs and Crime (UNODC)"
    )
    # UNODC and Turkey, besides the organiser's own team (tests.support.teams).
    assert Organisation.objects.exclude(name=ORGANISING_TEAM).count() == 2
    assert add(name="").status_code == 400
