"""Shortcuts taken on the rendering hot path (found by profiling `make bench`) keep the
output what it was: remembered speaker links follow the slug, item links reversed once
per event are reverse()'s in each language, the rows' quick format_html() escapes as it
does, and JSON-LD built once per person lists each of them once, in agenda order."""

import json
import re
from urllib.parse import urljoin

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from agenda import preview_links
from agenda.models import Participation
from agenda.templatetags.agenda_tags import _html
from tests.support.builders import add_items, make_event, make_person, make_vienna_draft
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


def test_json_ld_lists_each_person_once_as_performer_in_agenda_order(client, settings):
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
    assert data["performer"] == [
        {
            "@id": f"{settings.EVENTSITE_BASE_URL}/speakers/chair-person/",
            "@type": "Person",
            "name": "Chair Person",
            "jobTitle": "Director",
        },
        {
            "@id": f"{settings.EVENTSITE_BASE_URL}/speakers/guest-speaker/",
            "@type": "Person",
            "name": "Guest Speaker",
        },
    ]
    assert html.count('href="/speakers/chair-person/"') == 2  # the agenda's links


def ics_links(html: str) -> list[str]:
    """The items' .ics links: the <a> that closes each agenda item."""
    return re.findall(r'<a href="([^"]+)">[^<]*<span>[^<]*</span> \(\.ics\)</a></div></li>', html)


@pytest.mark.parametrize("prefix", ["", "/fr", "/es"])
def test_each_items_calendar_link_is_what_reverse_gives_in_the_pages_language(client, prefix):
    event = make_event(slug="links-2030")
    items = add_items(event, [10, 10])
    client.get(event.get_absolute_url())  # the English page first: nothing carries over
    page = prefix + event.get_absolute_url()
    html = client.get(page).content.decode()
    with translation.override(prefix.strip("/") or "en"):
        expected = [
            reverse("agenda:item_ics", kwargs={"slug": event.slug, "uid": item.uid})
            for item in items
        ]
    links = ics_links(html)
    # Written relative to the page (the path 200 rows would repeat), read as browsers do.
    assert links == [f"items/{item.uid}.ics" for item in items]
    assert [urljoin(f"http://testserver{page}", link) for link in links] == [
        f"http://testserver{path}" for path in expected
    ]
    assert expected[0].startswith(f"{prefix}/events/links-2030/items/")


def test_a_shared_previews_calendar_links_are_whole_paths(client):
    event = make_vienna_draft(slug="draft-2030")
    items = add_items(event, [10, 10])
    html = client.get(reverse("agenda:event_preview", args=[preview_links.token_for(event)]))
    assert ics_links(html.content.decode()) == [
        reverse("agenda:item_ics", kwargs={"slug": event.slug, "uid": item.uid}) for item in items
    ]


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
