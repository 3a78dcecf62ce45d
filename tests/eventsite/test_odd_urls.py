"""Odd requests to every public URL: a 404, a 400 or the page, never a 500.

Bad slugs (unknown, non-ASCII, NUL, non-UTF-8 escapes, markup, 5 000
characters), unknown and malformed item UUIDs, very long paths; odd query
strings (markup, repeated, 100 000 characters, 5 000 fields, broken or
non-UTF-8 percent escapes, NUL); methods other than GET and HEAD; odd headers.
What a response shows of the request is escaped.
"""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from agenda.models import Event
from tests.support.builders import local
from tests.support.hostile import build_world, tally

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def world(db):
    return build_world(
        status=Event.Status.PUBLISHED,
        slug="side-event",
        start=local(2030, 9, 4, 13, 15),
        end=local(2030, 9, 4, 14, 45),
    )


def public_urls(world) -> dict[str, str]:
    slug = {"slug": world.event.slug}
    return {
        "event list": reverse("agenda:event_list"),
        "calendar feed": reverse("agenda:calendar_feed"),
        "event page": reverse("agenda:event_detail", kwargs=slug),
        "event .ics": reverse("agenda:event_ics", kwargs=slug),
        "agenda .ics": reverse("agenda:event_agenda_ics", kwargs=slug),
        "item .ics": reverse("agenda:item_ics", kwargs={**slug, "uid": world.item.uid}),
        "schedule.xml": reverse("agenda:schedule_xml", kwargs=slug),
        "schedule.json": reverse("agenda:schedule_json", kwargs=slug),
        "speakers": reverse("speakers:list"),
        "speaker page": reverse("speakers:detail", kwargs={"slug": world.person.slug}),
        "speaker .ics": reverse("speakers:calendar", kwargs={"slug": world.person.slug}),
        "organisation .ics": reverse(
            "agenda:organisation_ics",
            kwargs={"slug": world.event_organisation.organisation.slug},
        ),
        "sitemap": reverse("sitemap"),
        "robots.txt": reverse("robots_txt"),
    }


def assert_not_reflected(response, where: str) -> None:
    assert SCRIPT.encode() not in response.content, f"{where}: the request's markup is echoed"


# -- bad paths ---------------------------------------------------------------------------

BAD_SLUGS = {
    "unknown": "no-such-event",
    "non-ASCII": "%C3%A9v%C3%A9nement",
    "NUL": "side-event%00",
    "non-UTF-8": "%FF%FE%FD",
    "broken escape": "side-event%",
    "markup": "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "dot segments": "..%2F..%2Fetc%2Fpasswd",
    "5000 characters": "a" * 5000,
    "case": "SIDE-EVENT",
    "space": "side%20event",
}

SLUG_PATHS = {
    "event page": "/events/{}/",
    "event .ics": "/events/{}.ics",
    "agenda .ics": "/events/{}/agenda.ics",
    "schedule.xml": "/events/{}/schedule.xml",
    "schedule.json": "/events/{}/schedule.json",
    "item .ics": "/events/{}/items/" + str(uuid.UUID(int=1)) + ".ics",
    "speaker page": "/speakers/{}/",
    "speaker .ics": "/speakers/{}/calendar.ics",
    "organisation .ics": "/organisations/{}/calendar.ics",
}


@pytest.mark.parametrize("page", list(SLUG_PATHS))
def test_bad_slugs_are_a_404(client, world, page):
    for name, slug in BAD_SLUGS.items():
        response = client.get(SLUG_PATHS[page].format(slug))
        tally("odd URLs: requests")
        assert response.status_code == 404, f"{page}, {name}: {response.status_code}"
        assert_not_reflected(response, f"{page}, {name}")


@pytest.mark.parametrize(
    "uid",
    [
        "7d1f3c52-0b6e-4a8e-9f41-2c5d8e9a6b13",  # unknown (fixed: xdist workers must collect the same ids)
        str(uuid.UUID(int=0)),
        "not-a-uuid",
        "%3Cscript%3E",
        "12345678-1234-1234-1234-1234567890123",  # one digit too many
        "x" * 5000,
    ],
)
def test_unknown_or_malformed_item_ids_are_a_404(client, world, uid):
    response = client.get(f"/events/{world.event.slug}/items/{uid}.ics")
    tally("odd URLs: requests")
    assert response.status_code == 404


def test_an_item_of_another_event_is_a_404(client, world):
    other = build_world(
        status=Event.Status.PUBLISHED, start=local(2030, 1, 1, 9), end=local(2030, 1, 1, 12)
    )
    response = client.get(f"/events/{world.event.slug}/items/{other.item.uid}.ics")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/" + "a/" * 5000,
        "/events/" + "x" * 20000 + "/",
        "/events//",
        "/events/side-event//",
        "/events/side-event/items/.ics",
        "/speakers//",
        "/speakers//calendar.ics",
        "/organisations//calendar.ics",
        "/organisations/no-such-organisation/",
        "/%00/",
        "/%FF/",
        "/events/side-event/%2e%2e/",
        "/static/../manage.py",
        "/media/../manage.py",
    ],
)
def test_long_and_odd_paths_are_a_404(client, world, path):
    response = client.get(path)
    tally("odd URLs: requests")
    assert response.status_code == 404


# -- odd query strings -------------------------------------------------------------------

QUERIES = {
    "markup": f"detail={SCRIPT}",
    "markup in a name": f"{SCRIPT}=1",
    "repeated": "detail=agenda&detail=agenda&detail=x&detail=",
    "100 000 characters": "q=" + "x" * 100_000,
    "5000 fields": "&".join(f"f{i}=1" for i in range(5000)),
    "non-UTF-8": "detail=%FF%FE%FD",
    "NUL": "detail=%00",
    "broken escapes": "%=%&detail=%G1&%%%",
    "no values": "&&&=&detail",
    "page numbers": "page=-1&page=99999999999999999999999",
}
# Django refuses more than DATA_UPLOAD_MAX_NUMBER_FIELDS (1000) fields with a 400,
# in the views that read the query (?detail=agenda, the sitemap's ?p=2).
READS_THE_QUERY = {"event .ics", "sitemap"}


def test_odd_query_strings_change_nothing_or_are_a_400(client, world):
    urls = public_urls(world)
    for page, url in urls.items():
        plain = client.get(url)
        assert plain.status_code == 200, page
        for name, query in QUERIES.items():
            response = client.get(f"{url}?{query}")
            tally("odd URLs: requests")
            expected = (
                400 if name == "5000 fields" and page in READS_THE_QUERY else plain.status_code
            )
            assert response.status_code == expected, f"{page}?{name}: {response.status_code}"
            assert_not_reflected(response, f"{page}?{name}")


# -- methods and headers -----------------------------------------------------------------


def test_only_get_and_head_are_answered(client, world):
    for page, url in public_urls(world).items():
        assert client.head(url).status_code == 200, page
        if page == "sitemap":
            continue  # Django's own view: answers any method, changes nothing
        for method in ("post", "put", "patch", "delete", "options"):
            response = getattr(client, method)(url)
            tally("odd URLs: requests")
            assert response.status_code == 405, f"{method.upper()} {page}"
            assert set(response["Allow"].split(", ")) == {"GET", "HEAD"}, page


# Conditional headers: pages with validators may answer 304 or 412; the rest ignore them.
@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"HTTP_IF_NONE_MATCH": SCRIPT}, {200}),
        ({"HTTP_IF_NONE_MATCH": "*"}, {200, 304}),
        ({"HTTP_IF_MODIFIED_SINCE": "yesterday"}, {200}),
        ({"HTTP_IF_MODIFIED_SINCE": "Mon, 01 Jan 10000 00:00:00 GMT"}, {200}),
        ({"HTTP_IF_MATCH": '"nope"'}, {200, 412}),
        ({"HTTP_IF_UNMODIFIED_SINCE": "Thu, 01 Jan 1970 00:00:00 GMT"}, {200, 412}),
        ({"HTTP_RANGE": "bytes=999999999-"}, {200}),
        ({"HTTP_ACCEPT_LANGUAGE": "x" * 5000}, {200}),
        ({"HTTP_ACCEPT": SCRIPT}, {200}),
        ({"HTTP_COOKIE": "sessionid=" + SCRIPT + "; csrftoken=%FF"}, {200}),
        ({"HTTP_HOST": "evil.example"}, {400}),
        ({"HTTP_HOST": SCRIPT}, {400}),
    ],
)
def test_odd_headers(client, world, headers, expected):
    for page, url in public_urls(world).items():
        response = client.get(url, **headers)
        tally("odd URLs: requests")
        assert response.status_code in expected, f"{page}: {response.status_code}"
        assert_not_reflected(response, page)
