"""A draft's shareable preview page (agenda.views.event_preview) for visitors without an account."""

from unittest import mock

import pytest
from django.core.cache import caches
from django.urls import reverse

from agenda import preview_links
from agenda.models import Event
from eventsite.settings.base import cache_config
from tests.support.builders import add_items, make_vienna_draft

pytestmark = pytest.mark.django_db

BANNER = "Preview — not published"
# Measured at 4 and 40 items (no other app's blocks run on a shared preview).
QUERIES = 6


def link(event):
    return reverse("agenda:event_preview", args=[preview_links.token_for(event)])


@pytest.fixture
def draft():
    event = make_vienna_draft(title="Side event on the draft")
    add_items(event, [7, 30, 30, None])
    return event


def test_the_link_shows_the_draft_with_a_banner_to_anyone(client, draft):
    response = client.get(link(draft))
    assert response.status_code == 200
    page = response.content.decode()
    assert BANNER in page
    assert "Side event on the draft" in page
    assert "13:15" in page
    assert "14:22" in page
    assert "Only organisers can see this page." not in page


def test_the_page_is_kept_out_of_search_engines_and_caches(client, draft):
    response = client.get(link(draft))
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "ETag" not in response


def test_the_public_page_cache_never_answers_it(client, draft, settings):
    config = cache_config("")
    config["default"]["LOCATION"] = "shared-preview"
    settings.CACHES = config
    settings.EVENTSITE_PAGE_CACHE = True
    url = link(draft)
    assert "Side event on the draft" in client.get(url).content.decode()
    # A write that tells no cache: a cached answer would still show the old title.
    Event.objects.filter(pk=draft.pk).update(title="Retitled behind the cache's back")
    again = client.get(url).content.decode()
    assert "Retitled behind the cache's back" in again
    caches["default"].clear()


def test_the_public_address_of_a_draft_stays_closed(client, draft):
    client.get(link(draft))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_published_event_sends_the_visitor_to_its_public_page(client, draft):
    Event.objects.filter(pk=draft.pk).update(status=Event.Status.PUBLISHED)
    response = client.get(link(draft))
    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()


@pytest.mark.parametrize(
    ("spoil", "status", "words"),
    [
        (lambda token: token[:-2] + "xx", 403, "incomplete or has been changed"),
        (lambda token: "9" + token, 403, "incomplete or has been changed"),
        (lambda token: "not-a-token", 403, "incomplete or has been changed"),
    ],
    ids=["signature", "event id", "garbage"],
)
def test_a_changed_link_is_refused_with_a_clear_page(client, draft, spoil, status, words):
    token = spoil(preview_links.token_for(draft))
    response = client.get(reverse("agenda:event_preview", args=[token]))
    assert response.status_code == status
    page = response.content.decode()
    assert words in page
    assert "Side event on the draft" not in page
    assert response["X-Robots-Tag"] == "noindex"


def test_an_expired_link_is_refused(client, draft, settings):
    settings.EVENTSITE_PREVIEW_LINK_DAYS = 14
    issued = 1_900_000_000
    with mock.patch("django.core.signing.time.time", return_value=issued):
        url = link(draft)
    with mock.patch("django.core.signing.time.time", return_value=issued + 15 * 86400):
        response = client.get(url)
    assert response.status_code == 410
    assert "The link has expired." in response.content.decode()
    assert "Side event on the draft" not in response.content.decode()


def test_a_withdrawn_link_is_refused_and_a_new_one_works(client, draft):
    old = link(draft)
    preview_links.withdraw(draft)
    draft.save(update_fields=["preview_key"])
    response = client.get(old)
    assert response.status_code == 403
    assert "withdrawn this link" in response.content.decode()
    assert client.get(link(draft)).status_code == 200


def test_a_link_to_a_deleted_event_is_refused(client, draft):
    url = link(draft)
    draft.delete()
    response = client.get(url)
    assert response.status_code == 404
    assert "no longer exists" in response.content.decode()


def test_the_preview_is_read_only(client, draft):
    assert client.post(link(draft)).status_code == 405


@pytest.mark.parametrize("count", [4, 40])
def test_queries_do_not_grow_with_the_agenda(client, django_assert_num_queries, count):
    event = make_vienna_draft(title="Long draft")
    event.end = event.start.replace(hour=23, minute=59)
    event.save()
    add_items(event, [5] * count, people_per_item=2)
    url = link(event)
    client.get(url)
    with django_assert_num_queries(QUERIES):
        assert client.get(url).status_code == 200
