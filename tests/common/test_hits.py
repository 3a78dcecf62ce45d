"""Early cache hits (common/hits.py): the middleware alone, then through the site's URLs."""

import uuid
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone

from agenda import caching
from common import generation, hits
from common.hits import EarlyHitMiddleware, allow_early_hits
from eventsite.settings.base import cache_config
from tests.support.builders import make_event

NOON = datetime(2030, 5, 6, 12, 0, tzinfo=UTC)


@pytest.fixture
def own_cache(settings):
    """Page cache on, in a local-memory cache of this test's own."""
    config = cache_config("")
    config["default"]["LOCATION"] = config["default"]["KEY_PREFIX"] = f"hits-{uuid.uuid4().hex}"
    settings.CACHES = config
    settings.EVENTSITE_PAGE_CACHE = True


class View:
    """A stand-in for the stack below the middleware: counts its calls."""

    def __init__(self, *, allow=True, until=None, vary="Cookie", body=b"<p>page</p>"):
        self.calls = 0
        self.allow, self.until, self.vary, self.body = allow, until, vary, body

    def __call__(self, request):
        self.calls += 1
        if self.allow:
            allow_early_hits(request, until=self.until)
        response = HttpResponse(self.body)
        response["Vary"] = self.vary
        response["ETag"] = '"v1"'
        return response


def visit(rf, middleware, path="/events/e/", **extra):
    request = rf.get(path, **extra)
    request.user = AnonymousUser()
    return middleware(request)


def test_a_kept_page_is_answered_without_the_stack(rf, own_cache):
    view = View()
    middleware = EarlyHitMiddleware(view)
    first = visit(rf, middleware)
    second = visit(rf, middleware)
    assert view.calls == 1
    assert second.status_code == 200
    assert second.content == b"<p>page</p>"
    assert dict(second.items()) == dict(first.items())


def test_a_kept_page_answers_conditional_requests(rf, own_cache):
    middleware = EarlyHitMiddleware(View())
    visit(rf, middleware)
    assert visit(rf, middleware, HTTP_IF_NONE_MATCH='"v1"').status_code == 304


@pytest.mark.parametrize(
    ("view", "extra"),
    [
        (View(allow=False), {}),
        (View(vary="Cookie, Accept-Language"), {}),
        (View(), {"QUERY_STRING": "x=1"}),
        (View(), {"HTTP_COOKIE": "sessionid=abc"}),
    ],
    ids=["view-did-not-allow", "varies-on-language", "query-string", "session-cookie"],
)
def test_what_is_never_answered_early(rf, own_cache, view, extra):
    middleware = EarlyHitMiddleware(view)
    visit(rf, middleware, **extra)
    visit(rf, middleware, **extra)
    assert view.calls == 2


def test_switched_off_with_the_page_cache(rf, own_cache, settings):
    settings.EVENTSITE_PAGE_CACHE = False
    view = View()
    middleware = EarlyHitMiddleware(view)
    visit(rf, middleware)
    visit(rf, middleware)
    assert view.calls == 2


def test_kept_only_until_the_moment_the_view_named(rf, own_cache):
    view = View(until=NOON)
    middleware = EarlyHitMiddleware(view)
    with mock.patch.object(timezone, "now", return_value=NOON - timedelta(seconds=1)):
        visit(rf, middleware)
        visit(rf, middleware)
    assert view.calls == 1
    with mock.patch.object(timezone, "now", return_value=NOON):
        visit(rf, middleware)
    assert view.calls == 2


def test_a_write_ends_what_was_kept(rf, own_cache, db):
    view = View()
    middleware = EarlyHitMiddleware(view)
    visit(rf, middleware)
    make_event()  # any write a page shows ends the data generation
    visit(rf, middleware)
    assert view.calls == 2


# -- through the site's URLs ---------------------------------------------------------------


@pytest.fixture
def counted_serve():
    with mock.patch.object(caching, "serve", wraps=caching.serve) as serve:
        yield serve


@pytest.mark.django_db
def test_the_event_page_is_answered_early_and_an_edit_shows_at_once(
    client, own_cache, seed_event, counted_serve, django_assert_num_queries
):
    url = seed_event.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert counted_serve.call_count == 1  # the second never reached the view's cache
    assert second.content == first.content
    assert dict(second.items()) == dict(first.items())
    seed_event.title = "Renamed for the early-hit test"
    seed_event.save()
    assert b"Renamed for the early-hit test" in client.get(url).content


@pytest.mark.django_db
def test_an_event_page_is_rendered_anew_when_the_event_starts(client, own_cache, counted_serve):
    event = make_event()
    url = event.get_absolute_url()
    before = event.start - timedelta(minutes=1)
    with mock.patch.object(timezone, "now", return_value=before):
        client.get(url)
        client.get(url)
    assert counted_serve.call_count == 1
    with mock.patch.object(timezone, "now", return_value=event.start):
        client.get(url)
    assert counted_serve.call_count == 2


@pytest.mark.django_db
def test_staff_are_never_answered_early(client, own_cache, seed_event, staff_user, counted_serve):
    client.force_login(staff_user)
    client.get(seed_event.get_absolute_url())
    client.get(seed_event.get_absolute_url())
    assert counted_serve.call_count == 0  # staff carry a session: the cache is not asked


# -- each worker's copy when the cache is shared -------------------------------------------


@pytest.fixture
def shared_cache(settings, tmp_path):
    """A cache that is not this process's memory (files here, Redis in production)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    settings.EVENTSITE_PAGE_CACHE = True
    hits.worker_copies.clear()
    yield caches["default"]
    hits.worker_copies.clear()


def test_a_shared_cache_hit_comes_from_the_workers_copy(rf, shared_cache):
    view = View()
    middleware = EarlyHitMiddleware(view)
    first = visit(rf, middleware)
    with mock.patch.object(shared_cache, "get", wraps=shared_cache.get) as get:
        second = visit(rf, middleware)
    assert view.calls == 1
    assert second.content == first.content
    # The generation only: the page's bytes did not cross the network again.
    assert [c.args[0] for c in get.call_args_list] == [generation.KEY]


def test_another_worker_fills_its_copy_from_the_shared_cache(rf, shared_cache):
    view = View()
    middleware = EarlyHitMiddleware(view)
    visit(rf, middleware)
    hits.worker_copies.clear()  # as a worker that never answered it
    assert visit(rf, middleware).content == b"<p>page</p>"
    assert view.calls == 1
    assert len(hits.worker_copies) == 1


def test_a_write_ends_the_workers_copy_too(rf, shared_cache, db):
    view = View()
    middleware = EarlyHitMiddleware(view)
    visit(rf, middleware)
    make_event()
    visit(rf, middleware)
    assert view.calls == 2


@pytest.mark.parametrize("cache", ["own_cache", "shared_cache"])
def test_the_cache_timeout_bounds_every_copy(rf, request, settings, cache):
    request.getfixturevalue(cache)
    settings.EVENTSITE_PAGE_CACHE_TIMEOUT = 60
    view = View()
    middleware = EarlyHitMiddleware(view)
    with mock.patch.object(timezone, "now", return_value=NOON):
        visit(rf, middleware)
    with mock.patch.object(timezone, "now", return_value=NOON + timedelta(seconds=59)):
        visit(rf, middleware)
    assert view.calls == 1
    with mock.patch.object(timezone, "now", return_value=NOON + timedelta(seconds=60)):
        visit(rf, middleware)
    assert view.calls == 2


def page(size: int) -> hits.Kept:
    return (None, [], b"x" * size)


def test_worker_copies_are_bounded_in_bytes_least_recently_used_first_out():
    copies = hits._WorkerCopies()
    copies.put("a", page(40), limit=100)
    copies.put("b", page(40), limit=100)
    assert copies.get("a") is not None  # a is now the most recently used
    copies.put("c", page(40), limit=100)
    assert copies.get("b") is None
    assert copies.get("a") is not None
    assert copies.get("c") is not None
    copies.put("huge", page(101), limit=100)
    assert copies.get("huge") is None
    assert len(copies) == 2
