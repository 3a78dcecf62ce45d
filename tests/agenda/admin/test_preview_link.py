"""The shareable preview link on a draft's admin page: shown, copied, withdrawn."""

import re
from datetime import date, time

import pytest
from django.urls import reverse

from agenda import duplication, preview_links
from agenda.models import Event
from tests.support.admin_forms import form_data
from tests.support.builders import add_items, make_vienna_draft

pytestmark = pytest.mark.django_db

LINK = re.compile(r'id="preview-link"\s+value="(http://[^"]+/preview/([^"/]+)/)"')


def change_url(event):
    return reverse("admin:agenda_event_change", args=[event.pk])


def withdraw_url(event):
    return reverse("admin:agenda_event_withdraw_preview", args=[event.pk])


def link_on(page) -> tuple[str, str]:
    found = LINK.search(page.content.decode())
    assert found, "no preview link on the page"
    return found.group(1), found.group(2)


@pytest.fixture
def draft():
    event = make_vienna_draft(title="Draft to share")
    add_items(event, [30, 30])
    return event


def test_a_drafts_page_gives_a_link_that_opens_without_an_account(
    organiser_client, client, draft, settings
):
    page = organiser_client.get(change_url(draft))
    url, token = link_on(page)
    html = page.content.decode()
    assert "Copy link" in html
    assert "Withdraw all preview links" in html
    assert url == f"{settings.EVENTSITE_BASE_URL}/preview/{token}/"
    preview = client.get(reverse("agenda:event_preview", args=[token]))
    assert preview.status_code == 200
    assert "Preview — not published" in preview.content.decode()


@pytest.mark.parametrize("status", [Event.Status.PUBLISHED, Event.Status.CANCELLED])
def test_a_public_event_has_no_preview_link(organiser_client, draft, status):
    Event.objects.filter(pk=draft.pk).update(status=status)
    assert 'id="preview-link"' not in organiser_client.get(change_url(draft)).content.decode()


def test_the_add_page_has_no_preview_link(organiser_client):
    page = organiser_client.get(reverse("admin:agenda_event_add"))
    assert page.status_code == 200
    assert 'id="preview-link"' not in page.content.decode()


def test_withdrawing_stops_the_old_link_and_the_page_gives_a_new_one(
    organiser_client, client, draft
):
    _, old = link_on(organiser_client.get(change_url(draft)))
    response = organiser_client.post(withdraw_url(draft), follow=True)
    assert "The earlier preview links no longer work." in response.content.decode()
    assert client.get(reverse("agenda:event_preview", args=[old])).status_code == 403
    _, new = link_on(response)
    assert new != old
    assert client.get(reverse("agenda:event_preview", args=[new])).status_code == 200


def test_withdrawing_leaves_the_texts_history_and_edit_version_alone(organiser_client, draft):
    before = Event.objects.values("title", "version", "updated_at").get(pk=draft.pk)
    versions = draft.history.count()
    organiser_client.post(withdraw_url(draft))
    assert Event.objects.values("title", "version", "updated_at").get(pk=draft.pk) == before
    assert draft.history.count() == versions


def test_saving_the_page_after_withdrawing_keeps_the_new_key(organiser_client, draft):
    page = organiser_client.get(change_url(draft))
    data = form_data(page, "event_form")
    organiser_client.post(withdraw_url(draft))
    key = Event.objects.values_list("preview_key", flat=True).get(pk=draft.pk)
    assert key
    saved = organiser_client.post(change_url(draft), {**data, "_continue": "Save"})
    assert saved.status_code == 302
    assert Event.objects.values_list("preview_key", flat=True).get(pk=draft.pk) == key


def test_withdrawing_is_a_post(organiser_client, draft):
    assert organiser_client.get(withdraw_url(draft)).status_code == 405


def test_a_copy_of_the_event_does_not_share_its_links(draft):
    preview_links.withdraw(draft)
    draft.save(update_fields=["preview_key"])
    copy = duplication.duplicate_event(event=draft, on=date(2031, 9, 1), at=time(13, 15))
    assert copy.preview_key != draft.preview_key
