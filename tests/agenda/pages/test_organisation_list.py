"""/organisations/: every organisation hosting a public event, with its calendar."""

import pytest

from agenda.models import Event, EventOrganisation
from tests.support.builders import make_event, make_organisation
from tests.support.pages import page_text

pytestmark = pytest.mark.django_db

ORGANISER, CO_HOST, SUPPORTER = EventOrganisation.Role


def host(event, organisation, role=ORGANISER):
    return EventOrganisation.objects.create(event=event, organisation=organisation, role=role)


def test_the_page_lists_hosts_of_public_events_with_their_calendars(client):
    iom = make_organisation(name="International Organization for Migration", acronym="IOM")
    unodc = make_organisation(name="United Nations Office on Drugs and Crime", acronym="UNODC")
    drafting = make_organisation(name="Only Drafts Ltd", acronym="ODL")
    first, second = make_event(), make_event()
    host(first, iom)
    host(second, iom, CO_HOST)
    host(second, unodc)
    host(make_event(status=Event.Status.DRAFT), drafting)
    host(first, make_organisation(name="Supporting Foundation", acronym="SF"), SUPPORTER)

    response = client.get("/organisations/")
    text = page_text(response)
    assert "International Organization for Migration 2 events" in text
    assert "United Nations Office on Drugs and Crime 1 event" in text
    assert "Only Drafts Ltd" not in text
    assert "Supporting Foundation" not in text  # supports, does not host
    html = response.content.decode()
    assert f'href="/organisations/{iom.slug}/calendar.ics"' in html
    assert f'href="webcal://testserver/organisations/{iom.slug}/calendar.ics"' in html
    assert "Subscribe to IOM’s calendar (webcal)" in text
    # Names in alphabetical order.
    assert text.index("International") < text.index("United Nations")


def test_every_page_links_to_it(client):
    assert 'href="/organisations/"' in client.get("/").content.decode()


def test_it_speaks_french(client):
    host(make_event(), make_organisation(name="Organisation internationale", acronym="OI"))
    text = page_text(client.get("/fr/organisations/"))
    assert "S’abonner au calendrier de l’organisation OI (webcal)" in text
    assert "1 manifestation" in text


@pytest.mark.parametrize("organisations", [2, 30])
def test_its_queries_are_constant(client, django_assert_num_queries, organisations):
    event = make_event()
    for _ in range(organisations):
        host(event, make_organisation(), CO_HOST)
    with django_assert_num_queries(1):
        text = page_text(client.get("/organisations/"))
    assert text.count("1 event") == organisations
