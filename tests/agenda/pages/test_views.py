"""The public pages' first checks: the seed page, the home list, drafts, 404s, speakers."""

import pytest
from django.urls import reverse

from agenda.models import Event
from tests.support.builders import make_event
from tests.support.pages import page_text

pytestmark = pytest.mark.django_db


def test_seed_page_shows_computed_times_and_names(client, seed_event):
    response = client.get(seed_event.get_absolute_url())
    assert response.status_code == 200
    text = page_text(response)
    for fragment in [
        "Monday, 4 September 2017, 13:15–14:45 CEST (UTC+2)",
        "13:15 7 minutes I. Opening Remarks",
        "13:22 30 minutes II. Panel",
        "13:52 30 minutes III. Q&A Session",
        "14:22 IV. Closing remarks",
        "Ambassador Mehmet Samsar",
        "Research Professor Jørgen Carling",
        "Moderator Berlan Pars Alan",
        "Ms. Marie McAuliffe",
        "Ms. Morgane Nicot",
        "Board Room A, Vienna International Centre",
        "Organised by Government of the Republic of Turkey",
        "This event took place on Monday, 4 September 2017.",
    ]:
        assert fragment in text, fragment
    assert "minutes IV. Closing remarks" not in text  # no budget, so no duration
    assert 'href="mailto:jdebresser@iom.int"' in response.content.decode()


def test_home_lists_public_events_only(client, seed_event):
    make_event(title="Secret draft", status=Event.Status.DRAFT)
    cancelled = make_event(title="Called off", status=Event.Status.CANCELLED)
    text = page_text(client.get("/"))
    assert seed_event.title in text
    assert cancelled.title in text
    assert "Cancelled" in text
    assert "Secret draft" not in text


def test_draft_is_404_for_public_and_preview_for_staff(client, staff_user):
    draft = make_event(status=Event.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(staff_user)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Preview: this event is a draft" in page_text(response)


def test_unknown_slug_is_404(client, db):
    assert client.get(reverse("agenda:event_detail", kwargs={"slug": "nope"})).status_code == 404


def test_speaker_pages(client, seed_event):
    text = page_text(client.get("/speakers/"))
    assert "Research Professor Jørgen Carling" in text
    detail = page_text(client.get("/speakers/jorgen-carling/"))
    assert "A reflection on the outcomes of the Istanbul Regional Conference" in detail
    assert client.get("/speakers/nobody/").status_code == 404
