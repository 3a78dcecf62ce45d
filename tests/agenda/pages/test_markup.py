"""Every public page is valid HTML5 (no parse errors) with a sound outline: lang, landmarks,
one h1, headings in order, <time datetime> on every time, labelled controls, alt text,
and nothing a Content-Security-Policy without inline script would block."""

import itertools
import re
from datetime import datetime

import html5lib
import pytest
from html5lib.html5parser import ParseError

from agenda.models import Event, Participation
from tests.support.builders import add_items, make_event, make_person

pytestmark = pytest.mark.django_db

CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")


def parse_strict(content: bytes):
    """html5lib in strict mode raises on the first HTML5 parse error."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(content)


def outline_problems(content: bytes, lang: str = "en") -> list[str]:
    """What is wrong with the page; `lang` is the language its <html> must state."""
    try:
        tree = parse_strict(content)
    except ParseError as error:
        return [f"parse error: {error}"]
    problems = []
    if tree.get("lang") != lang:
        problems.append(f"html has no lang {lang}")
    parents = {child: parent for parent in tree.iter() for child in parent}

    def inside(element, tag) -> bool:
        while element is not None:
            if element.tag == tag:
                return True
            element = parents.get(element)
        return False

    tags = [el.tag for el in tree.iter() if isinstance(el.tag, str)]
    if tags.count("main") != 1:
        problems.append("not exactly one main")
    for landmark in ("header", "nav", "footer"):
        if landmark not in tags:
            problems.append(f"no {landmark}")
    levels = [int(el.tag[1]) for el in tree.iter() if re.fullmatch(r"h[1-6]", str(el.tag))]
    if levels.count(1) != 1 or (levels and levels[0] != 1):
        problems.append(f"headings must start with the one h1: {levels}")
    for previous, level in itertools.pairwise(levels):
        if level > previous + 1:
            problems.append(f"heading skips from h{previous} to h{level}")
    ids = {el.get("id") for el in tree.iter() if el.get("id")}
    labelled = {el.get("for") for el in tree.iter("label")}
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "time":
            try:
                datetime.fromisoformat(element.get("datetime", ""))
            except ValueError:
                problems.append(f"<time> without a valid datetime: {element.get('datetime')}")
        if element.tag == "img" and element.get("alt") is None:
            problems.append("img without alt")
        is_control = element.tag in ("input", "select", "textarea")
        if (
            is_control
            and element.get("type") != "hidden"
            and element.get("id") not in labelled
            and not inside(element, "label")
        ):
            problems.append(f"unlabelled {element.tag}")
        if element.get("style") is not None:
            problems.append(f"style attribute on {element.tag}")
        if [a for a in element.attrib if a.startswith("on")]:
            problems.append(f"inline event handler on {element.tag}")
        if element.tag == "script" and not (
            element.get("src") or element.get("type") == "application/ld+json"
        ):
            problems.append("inline script")
        href = element.get("href", "")
        if href.startswith("#") and len(href) > 1 and href[1:] not in ids:
            problems.append(f"link to missing anchor {href}")
        if element.tag in ("script", "style", "time"):
            continue
        for text in (element.text, element.tail):
            holder = element if text is element.text else parents.get(element)
            if text and CLOCK.search(text) and not inside(holder, "time"):
                problems.append(f"a time outside <time>: {text.strip()[:60]!r}")
    return problems


def test_the_checker_finds_problems():
    bad = (
        b"<!doctype html><html><head><title>x</title></head><body>"
        b"<h2>a</h2><h1>b</h1><h1>c</h1><h4>d</h4><p>At 13:15</p><time>x</time>"
        b'<input id="q"><img src="a.png"><p style="color:red" onclick="x()">y</p>'
        b'<script>alert(1)</script><a href="#nowhere">z</a></body></html>'
    )
    problems = " | ".join(outline_problems(bad))
    for expected in [
        "html has no lang",
        "not exactly one main",
        "no nav",
        "headings must start",
        "heading skips from h1 to h4",
        "a time outside <time>",
        "<time> without a valid datetime",
        "unlabelled input",
        "img without alt",
        "style attribute",
        "inline event handler",
        "inline script",
        "link to missing anchor #nowhere",
    ]:
        assert expected in problems
    assert outline_problems(b"<!doctype html><p>a<div>b</p>")[0].startswith("parse error")


@pytest.fixture
def site(seed_event):
    """The seed, a cancelled and an upcoming event, and a draft only staff see."""
    make_event(title="Called off", status=Event.Status.CANCELLED)
    draft = make_event(title="Draft", status=Event.Status.DRAFT)
    person = make_person(full_name="Draft Person", bio="A *bio*.\n\nTwo paragraphs.")
    Participation.objects.create(agenda_item=add_items(draft, [10, None])[0], person=person)
    return {"event": seed_event, "draft": draft, "draft_person": person}


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/events/counter-migrant-smuggling-vienna-2017/",
        "/speakers/",
        "/speakers/jorgen-carling/",
        "/speakers/berlan-pars-alan/",
        "/events/no-such-event/",
    ],
)
@pytest.mark.parametrize("prefix", ["", "/fr", "/es"])
def test_public_pages_are_valid_html_with_a_sound_outline(client, site, url, prefix):
    """In every language; in French and Spanish with some texts translated, so the page
    holds both translations and English originals marked lang="en"."""
    if prefix:
        language = prefix[1:]
        event = site["event"]
        type(event).objects.filter(pk=event.pk).update(**{f"title_{language}": "Coopérer"})
        event.items.filter(title="Panel").update(**{f"title_{language}": "Mesa redonda"})
    response = client.get(prefix + url)
    assert response.status_code in (200, 404)
    assert outline_problems(response.content, lang=prefix[1:] or "en") == []
    if prefix and url.startswith("/events/counter"):
        html = response.content.decode()
        assert f'<html lang="{prefix[1:]}">' in html
        assert "Mesa redonda" in html
        assert 'lang="en"' in html


def test_staff_previews_are_valid_too(client, site, staff_user):
    client.force_login(staff_user)
    for url in (site["draft"].get_absolute_url(), site["draft_person"].get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
        assert outline_problems(response.content) == []


def test_every_agenda_time_is_marked_for_the_local_time_script(client, seed_event):
    tree = parse_strict(client.get(seed_event.get_absolute_url()).content)
    # The slot's times are marked one by one; the agenda's through their list (one attribute).
    lists = [el for el in tree.iter("ol") if el.get("data-local-times") is not None]
    in_lists = [el for ol in lists for el in ol.iter("time")]
    marked = [
        el.get("datetime") for el in tree.iter("time") if el.get("data-local") or el in in_lists
    ]
    assert marked == [
        "2017-09-04T13:15:00+02:00",  # the slot
        "2017-09-04T14:45:00+02:00",
        "2017-09-04T13:15:00+02:00",  # the items
        "2017-09-04T13:22:00+02:00",
        "2017-09-04T13:52:00+02:00",
        "2017-09-04T14:22:00+02:00",
    ]
    control = next(el for el in tree.iter("div") if el.get("data-local-time-control") is not None)
    assert control.get("hidden") is not None  # shown by the script only: works without JS
