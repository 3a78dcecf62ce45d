"""The page cache (agenda/caching.py) against local memory and, when REDIS_URL is set, Redis."""

import uuid
from datetime import timedelta
from unittest import mock

import pytest
import redis
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.http import HttpResponse

from agenda import caching
from agenda.models import Event
from agenda.views import event_detail
from eventsite.settings.base import cache_config
from speakers.models import Person
from tests.support import requirements
from tests.support.builders import add_items, make_event

pytestmark = pytest.mark.django_db

REDIS_URL = requirements.REDIS_URL
redis_unavailable = requirements.redis_unavailable


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    """The default cache switched to one backend, under a key prefix of its own."""
    prefix = f"test-{uuid.uuid4().hex}"
    if request.param == "redis":
        reason = redis_unavailable()
        if reason:
            requirements.unavailable("redis", reason)
        config = cache_config(REDIS_URL)
    else:
        config = cache_config("")
        config["default"]["LOCATION"] = prefix
    config["default"]["KEY_PREFIX"] = prefix
    settings.CACHES = config
    settings.EVENTSITE_PAGE_CACHE = True
    yield request.param, prefix
    if request.param == "redis":
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    else:
        caches["default"].clear()


class Counted:
    """A view wrapper that counts how often the real view runs."""

    def __init__(self, view):
        self.view = view
        self.calls = 0
        self.__name__ = self.__qualname__ = f"counted_{view.__name__}"

    def __call__(self, request, *args, **kwargs):
        self.calls += 1
        return self.view(request, *args, **kwargs)


def get(rf, path, user=None, **extra):
    request = rf.get(path, **extra)
    request.user = user or AnonymousUser()
    return request


@pytest.fixture
def cached_event_page():
    counted = Counted(event_detail)
    return counted, caching.cache_per_event(counted)


def test_second_visit_is_served_from_the_cache(
    rf, page_cache, seed_event, cached_event_page, django_assert_num_queries
):
    counted, view = cached_event_page
    url = seed_event.get_absolute_url()
    first = view(get(rf, url), slug=seed_event.slug)
    with django_assert_num_queries(0):  # the event's version comes from the cache too
        second = view(get(rf, url), slug=seed_event.slug)
    assert counted.calls == 1
    assert second.status_code == 200
    assert second.content == first.content
    assert "Cookie" in second["Vary"]
    if page_cache[0] == "redis":
        stored = redis.Redis.from_url(REDIS_URL).keys(f"{page_cache[1]}:*:page:*")
        assert len(stored) == 1  # (beside it: the data generation and the event's version)


def rename_event(event):
    event.title = "Renamed in the admin"
    event.save()
    return event.title


def retitle_first_item(event):
    item = event.items.order_by("position").first()
    item.title = "A retitled agenda item"
    item.save()
    return item.title


def rename_a_speaker(event):
    person = Person.objects.get(slug="jorgen-carling")
    person.full_name = "Jørgen Carling-Renamed"
    person.save()
    return person.full_name


@pytest.mark.parametrize("edit", [rename_event, retitle_first_item, rename_a_speaker])
def test_an_edit_shows_at_once(rf, page_cache, seed_event, cached_event_page, edit):
    counted, view = cached_event_page
    url = seed_event.get_absolute_url()
    before = view(get(rf, url), slug=seed_event.slug).content.decode()
    new_text = edit(Event.objects.get(pk=seed_event.pk))
    assert new_text not in before
    after = view(get(rf, url), slug=seed_event.slug).content.decode()
    assert counted.calls == 2
    assert new_text in after
    # and the new version is cached in turn
    view(get(rf, url), slug=seed_event.slug)
    assert counted.calls == 2


def test_a_new_agenda_item_shows_at_once(rf, page_cache, cached_event_page):
    counted, view = cached_event_page
    event = make_event()
    add_items(event, [30])
    view(get(rf, event.get_absolute_url()), slug=event.slug)
    item = event.items.create(position=5, title="Late addition", minutes=10)
    page = view(get(rf, event.get_absolute_url()), slug=event.slug).content.decode()
    assert item.title in page
    assert counted.calls == 2


def test_the_page_is_rendered_anew_when_the_event_ends(rf, page_cache, cached_event_page):
    counted, view = cached_event_page
    event = make_event()
    view(get(rf, event.get_absolute_url()), slug=event.slug)
    later = event.end + timedelta(minutes=1)
    with mock.patch.object(caching.timezone, "now", return_value=later):
        view(get(rf, event.get_absolute_url()), slug=event.slug)
        view(get(rf, event.get_absolute_url()), slug=event.slug)
    assert counted.calls == 2


@pytest.mark.parametrize(
    "request_extra",
    [
        {"QUERY_STRING": "x=1"},
        {"HTTP_COOKIE": "sessionid=abc"},
    ],
    ids=["query-string", "session-cookie"],
)
def test_requests_that_bypass_the_cache(
    rf, page_cache, seed_event, cached_event_page, request_extra
):
    counted, view = cached_event_page
    for _ in range(2):
        assert view(get(rf, "/p", **request_extra), slug=seed_event.slug).status_code == 200
    assert counted.calls == 2


def test_drafts_are_never_cached(rf, page_cache, staff_user, cached_event_page):
    counted, view = cached_event_page
    draft = make_event(status=Event.Status.DRAFT)
    for _ in range(2):
        response = view(get(rf, draft.get_absolute_url(), user=staff_user), slug=draft.slug)
        assert response.status_code == 200
    assert counted.calls == 2


def test_switched_off_by_setting(rf, page_cache, settings, seed_event, cached_event_page):
    settings.EVENTSITE_PAGE_CACHE = False
    counted, view = cached_event_page
    for _ in range(2):
        view(get(rf, "/p"), slug=seed_event.slug)
    assert counted.calls == 2


def error_page(request, slug):
    return HttpResponse("oops", status=500)


def sets_a_cookie(request, slug):
    response = HttpResponse("hello")
    response.set_cookie("seen", "1")
    return response


def private_page(request, slug):
    return HttpResponse("yours only", headers={"Cache-Control": "private"})


def asks_for_a_csrf_cookie(request, slug):
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    return HttpResponse("<form>token</form>")


@pytest.mark.parametrize("page", [error_page, sets_a_cookie, private_page, asks_for_a_csrf_cookie])
def test_responses_that_are_not_stored(rf, page_cache, seed_event, page):
    counted = Counted(page)
    view = caching.cache_per_event(counted)
    for _ in range(2):
        view(get(rf, "/p"), slug=seed_event.slug)
    assert counted.calls == 2


def test_a_cache_hit_still_answers_conditional_requests(rf, page_cache, seed_event):
    def tagged(request, slug):
        return HttpResponse("tagged", headers={"ETag": '"v1"'})

    view = caching.cache_per_event(tagged)
    assert view(get(rf, "/p"), slug=seed_event.slug).status_code == 200
    revalidated = view(get(rf, "/p", HTTP_IF_NONE_MATCH='"v1"'), slug=seed_event.slug)
    assert revalidated.status_code == 304


def test_site_wide_pages_follow_any_event(rf, page_cache, seed_event):
    counted = Counted(lambda request: HttpResponse(", ".join(e.title for e in Event.objects.all())))
    view = caching.cache_site_wide(counted)
    view(get(rf, "/"))
    assert counted.calls == 1
    view(get(rf, "/"))
    assert counted.calls == 1
    make_event(title="Another event")
    assert "Another event" in view(get(rf, "/")).content.decode()
    assert counted.calls == 2
    rename_event(seed_event)
    assert "Renamed in the admin" in view(get(rf, "/")).content.decode()
    assert counted.calls == 3
    Event.objects.filter(title="Another event").delete()
    assert "Another event" not in view(get(rf, "/")).content.decode()


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
        ("", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_cache_backend_follows_redis_url(url, backend):
    assert cache_config(url)["default"]["BACKEND"] == backend


def test_pages_are_still_served_when_redis_is_down(rf, settings, seed_event, cached_event_page):
    settings.CACHES = cache_config("redis://127.0.0.1:9/0")  # nothing listens on port 9
    counted, view = cached_event_page
    for _ in range(2):
        response = view(get(rf, seed_event.get_absolute_url()), slug=seed_event.slug)
        assert response.status_code == 200
        assert seed_event.title in response.content.decode()
    assert counted.calls == 2


def retitle_event(event):
    event = Event.objects.get(pk=event.pk)
    event.title = "Renamed for the cache test"
    event.save()


def rename_organiser(event):
    organisation = event.event_organisations.get(role="organiser").organisation
    organisation.name = "Renamed for the cache test"
    organisation.save()


def retitle_speaker(event):
    person = Person.objects.get(slug="jorgen-carling")
    person.full_name = "Renamed for the cache test"
    person.save()


@pytest.mark.parametrize(
    ("url_of", "edit"),
    [
        (lambda e: e.get_absolute_url(), retitle_event),
        (lambda e: f"/events/{e.slug}.ics", retitle_event),
        (lambda e: f"/events/{e.slug}/schedule.xml", retitle_event),
        (lambda e: "/calendar.ics", retitle_event),
        (lambda e: "/", retitle_event),
        (lambda e: "/speakers/", retitle_speaker),
        (lambda e: "/speakers/marie-mcauliffe/", retitle_event),
        (lambda e: "/organisations/", rename_organiser),
    ],
    ids=[
        "event-page",
        "event-ics",
        "schedule-xml",
        "feed",
        "home",
        "speakers",
        "speaker",
        "organisations",
    ],
)
def test_site_urls_are_served_from_the_cache_and_an_edit_shows_at_once(
    client, settings, seed_event, django_assert_num_queries, url_of, edit
):
    settings.EVENTSITE_PAGE_CACHE = True
    # A key space of its own: other tests pin the clock, so versions can repeat.
    config = cache_config("")
    config["default"]["KEY_PREFIX"] = f"e2e-{uuid.uuid4().hex}"
    settings.CACHES = config
    url = url_of(seed_event)
    first = client.get(url)
    assert first.status_code == 200
    # The data version comes from the cache too, an event's as a site-wide page's.
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    edit(seed_event)
    assert b"Renamed for the cache test" in client.get(url).content
