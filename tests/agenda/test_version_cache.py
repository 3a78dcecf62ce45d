"""Data versions kept for cache hits (agenda/versions.py, common/generation.py): never stale."""

from __future__ import annotations

import os
import uuid
from datetime import timedelta

import pytest
import redis
from django.core.cache import caches
from django.db import transaction

from agenda.models import Event
from agenda.versions import cached_event_version, cached_site_version, event_version, site_version
from common import generation
from speakers.models import Organisation, Person
from tests.support import requirements
from tests.support.builders import add_items, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["file", "shared cache", "redis"])
def kept(request, settings, tmp_path):
    """Versions kept in local memory (generation in a file), in a shared cache, or in
    Redis (where the generation goes through common.generation's own client)."""
    if request.param == "file":
        backend, location = "django.core.cache.backends.locmem.LocMemCache", str(tmp_path)
    elif request.param == "shared cache":  # shared by processes, has incr
        backend, location = "django.core.cache.backends.filebased.FileBasedCache", str(tmp_path)
    else:
        backend, location = "django.core.cache.backends.redis.RedisCache", requirements.redis_url()
    # A prefix of its own: tmp_path's name is cut short and repeats across parameters,
    # so two test processes could otherwise move each other's generation in one Redis.
    settings.CACHES = {
        "default": {"BACKEND": backend, "LOCATION": location, "KEY_PREFIX": uuid.uuid4().hex}
    }
    settings.EVENTSITE_GENERATION_FILE = str(tmp_path / "generation")
    return request.param


def test_a_kept_version_is_read_without_sql(kept, django_assert_num_queries):
    event = make_event()
    now = event.start
    with django_assert_num_queries(1):
        first = cached_event_version(event.slug, now=now)
    with django_assert_num_queries(0):
        again = cached_event_version(event.slug, now=now)
    assert again == first == event_version(event.slug, now=now)


def test_a_bump_ends_the_generation(kept):
    before = generation.current()
    generation.bump()
    assert generation.current() not in (None, before)


@pytest.mark.parametrize("kept", ["shared cache", "redis"], indirect=True)
def test_the_generation_never_restarts_at_a_number_used_before(kept):
    """Evicted or flushed, the counter starts again at a random number, not at 1."""
    caches["default"].delete(generation.KEY)
    after_loss = generation.current()
    caches["default"].delete(generation.KEY)
    generation.bump()
    after_bump = generation.current()
    assert after_loss not in (None, "c0", "c1")
    assert after_bump not in (None, "c0", "c1", after_loss)


def edit_event(event):
    event.title = "Renamed"
    event.save()


def add_an_item(event):
    add_items(event, [10])[0].save()


def rename_a_person(event):
    person = Person.objects.get(participations__agenda_item__event=event)
    person.full_name = "Renamed Person"
    person.save()


def rename_an_organisation(event):
    organisation = Organisation.objects.get(people__participations__agenda_item__event=event)
    organisation.name = "Renamed Organisation"
    organisation.save()


def cancel_with_update(event):
    from agenda.models import touch_event

    touch_event(event.pk, calendar_changed=True)


@pytest.mark.parametrize(
    "edit", [edit_event, add_an_item, rename_a_person, rename_an_organisation, cancel_with_update]
)
def test_every_edit_a_page_shows_replaces_the_kept_version(kept, edit):
    event = make_event()
    add_items(event, [30], people_per_item=1)
    before = cached_event_version(event.slug)
    edit(Event.objects.get(pk=event.pk))
    after = cached_event_version(event.slug)
    stored = event_version(event.slug)
    assert after.cache_parts == stored.cache_parts
    assert after.cache_parts != before.cache_parts


def test_a_deleted_event_is_not_kept(kept):
    event = make_event()
    assert cached_event_version(event.slug) is not None
    Event.objects.filter(pk=event.pk).delete()
    assert cached_event_version(event.slug) is None


def test_a_rolled_back_save_leaves_no_newer_version_kept(kept):
    event = make_event()
    before = cached_event_version(event.slug)
    seen = []

    def edit_then_fail():
        with transaction.atomic():
            edit_event(Event.objects.get(pk=event.pk))
            seen.append(cached_event_version(event.slug))  # this connection sees the edit
            raise RuntimeError("rolled back")

    with pytest.raises(RuntimeError):
        edit_then_fail()
    assert seen[0].updated_at > before.updated_at
    after = cached_event_version(event.slug)
    assert after.cache_parts == event_version(event.slug).cache_parts == before.cache_parts


@pytest.mark.django_db(transaction=True)
def test_a_version_read_before_the_commit_is_not_served_after_it(kept):
    """Another connection may read the old row between the save and the commit: what it
    keeps is filed under a generation that the commit ends."""
    event = make_event()
    with transaction.atomic():
        edit_event(Event.objects.get(pk=event.pk))
        during = generation.current()
    assert generation.current() not in (None, during)


def test_drafts_are_never_kept(kept, django_assert_num_queries):
    event = make_event(status=Event.Status.DRAFT)
    assert cached_event_version(event.slug) is None
    with django_assert_num_queries(1):
        assert cached_event_version(event.slug) is None


@pytest.mark.parametrize(("occasions", "queries"), [(False, 1), (True, 2)])
def test_a_kept_site_version_is_read_without_sql(
    kept, occasions, queries, django_assert_num_queries
):
    event = make_event()
    now = event.start - timedelta(hours=1)
    with django_assert_num_queries(queries):
        first = cached_site_version(occasions=occasions, now=now)
    with django_assert_num_queries(0):
        again = cached_site_version(occasions=occasions, now=now)
    assert again == first
    assert first[0][: len(site_version(now))] == site_version(now)


@pytest.mark.parametrize(
    "edit", [edit_event, add_an_item, rename_a_person, rename_an_organisation, cancel_with_update]
)
def test_every_edit_replaces_the_kept_site_version(kept, edit):
    event = make_event()
    add_items(event, [30], people_per_item=1)
    now = event.start - timedelta(hours=1)
    before = cached_site_version(now=now)
    edit(Event.objects.get(pk=event.pk))
    assert cached_site_version(now=now) != before


def test_the_kept_site_version_ends_when_the_next_event_starts_or_ends(kept):
    event = make_event()
    now = event.start - timedelta(hours=1)
    version, until = cached_site_version(now=now)
    assert until == event.start
    assert cached_site_version(now=event.start)[0] != version
    assert cached_site_version(now=event.start)[1] == event.end
    assert cached_site_version(now=event.end)[1] is None


def test_an_occasion_pages_site_version_ends_at_the_next_quarter_hour(kept):
    event = make_event()
    now = (event.start - timedelta(days=3)).replace(minute=37, second=12)
    version, until = cached_site_version(occasions=True, now=now)
    assert until == now.replace(minute=45, second=0, microsecond=0)
    assert cached_site_version(occasions=True, now=until)[0] != version


@pytest.mark.parametrize("kept", ["redis"], indirect=True)
def test_the_generation_is_read_again_after_redis_drops_the_connection(kept):
    """A hit reads the generation on its own connection; a lost one is opened anew."""

    before = generation.current()
    reader = generation._reader(generation._location(), os.getpid())
    host, port = reader._connection._sock.getsockname()[:2]
    admin = redis.Redis.from_url(requirements.redis_url())
    assert admin.client_kill_filter(addr=f"{host}:{port}") == 1
    assert generation.current() == before  # read again on a new connection, not None
    generation.bump()
    assert generation.current() not in (None, before)


@pytest.mark.parametrize("kept", ["redis"], indirect=True)
def test_a_forked_worker_reads_the_generation_on_its_own_connection(kept, monkeypatch):
    """gunicorn forks after loading the app: a child must not share the parent's socket."""

    parent = generation._reader(generation._location(), os.getpid())
    generation.current()
    monkeypatch.setattr(os, "getpid", lambda: -1)
    child_value = generation.current()
    child = generation._reader(generation._location(), -1)
    assert child is not parent
    assert child_value == generation.current() is not None
