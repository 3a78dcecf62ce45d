"""Shortcuts taken on the rendering hot path (found by profiling `make bench`) keep the
output what it was: remembered speaker links follow the slug, item links reversed once
per event are reverse()'s in each language, the rows' quick format_html() escapes as it
does, and JSON-LD built once per person still lists them under every item they appear in."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from agenda.models import Participation
from agenda.templatetags.agenda_tags import _html
from tests.support.builders import add_items, make_event, make_person
from tests.support.jsonld import resolved

pytestmark = pytest.mark.django_db


def test_a_speakers_remembered_link_follows_a_new_slug():
    person = make_person(slug="ana-lopez")
    assert person.get_absolute_url() == "/speakers/ana-lopez/"
    person.slug = "ana-lopez-garcia"
    assert person.get_absolute_url() == "/speakers/ana-lopez-garcia/"
    assert person.get_absolute_url() == reverse(
        "speakers:detail", kwargs={"slug": "ana-lopez-garcia"}
    )


def test_json_ld_lists_a_person_under_every_item_and_once_as_performer(client, settings):
    event = make_event()
    first, second, third = add_items(event, [10, 10, 10])
    chair = make_person(full_name="Chair Person", slug="chair-person", position="Director")
    guest = make_person(full_name="Guest Speaker", slug="guest-speaker")
    for item in (first, third):
        Participation.objects.create(agenda_item=item, person=chair, role="chair", position=0)
    Participation.objects.create(agenda_item=second, person=guest, role="speaker", position=0)

    html = client.get(event.get_absolute_url()).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = resolved(json.loads(script.group(1)))
    chair_data = {
        "@id": f"{settings.EVENTSITE_BASE_URL}/speakers/chair-person/",
        "@type": "Person",
        "name": "Chair Person",
        "url": f"{settings.EVENTSITE_BASE_URL}/speakers/chair-person/",
        "jobTitle": "Director",
    }
    assert [s.get("performer") for s in data["subEvent"]] == [
        [chair_data],
        [
            {
                "@id": chair_data["url"].replace("chair-person", "guest-speaker"),
                "@type": "Person",
                "name": "Guest Speaker",
                "url": chair_data["url"].replace("chair-person", "guest-speaker"),
            }
        ],
        [chair_data],
    ]
    assert [p["name"] for p in data["performer"]] == ["Chair Person", "Guest Speaker"]
    assert html.count('href="/speakers/chair-person/"') == 2  # the agenda's links


@pytest.mark.parametrize("prefix", ["", "/fr", "/es"])
def test_each_items_calendar_link_is_what_reverse_gives_in_the_pages_language(client, prefix):
    event = make_event(slug="links-2030")
    items = add_items(event, [10, 10])
    client.get(event.get_absolute_url())  # the English page first: nothing carries over
    html = client.get(prefix + event.get_absolute_url()).content.decode()
    with translation.override(prefix.strip("/") or "en"):
        expected = [
            reverse("agenda:item_ics", kwargs={"slug": event.slug, "uid": item.uid})
            for item in items
        ]
    assert re.findall(r'<a class="item-ics" href="([^"]+)"', html) == expected
    assert expected[0].startswith(f"{prefix}/events/links-2030/items/")


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(\"x\")</script> & 'quoted'",
        mark_safe("<em>already safe</em>"),
        gettext_lazy("to be confirmed"),
        42,
        "",
    ],
)
def test_the_rows_quick_format_html_escapes_as_format_html_does(value):
    template = '<a href="{}" title="{}">{}</a>'
    assert _html(template, value, value, value) == format_html(template, value, value, value)
