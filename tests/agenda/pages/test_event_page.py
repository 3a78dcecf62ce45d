"""The event page: every fact of the seed, the outcome, safe text, JSON-LD and meta tags."""

import json
import re

import html5lib
import pytest
from django.conf import settings

from agenda.models import AgendaItem, Contact, DiscussionQuestion, Event, Outcome, Participation
from speakers.models import Person
from tests.support.builders import add_items, local, make_event, make_person, seed_data
from tests.support.jsonld import full_nodes, references, resolved
from tests.support.large_event import make_large_event
from tests.support.pages import page_text

pytestmark = pytest.mark.django_db

HOSTILE = '<script>window.pwned=1</script><img src=x onerror="window.pwned=2">*kept*'


def first_words(text: str, count: int = 12) -> str:
    """The opening words of a source paragraph, as plain text (Markdown marks removed)."""
    words = re.sub(r"[*_]", "", text).split()
    return " ".join(words[:count])


def paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


@pytest.fixture
def seed_page(client, seed_event):
    response = client.get(seed_event.get_absolute_url())
    assert response.status_code == 200
    return response


def test_seed_page_shows_every_fact_of_the_concept_note(seed_page):
    """The foundation issue's list of facts, read from the seed's source file."""
    data = seed_data()
    event = data["event"]
    text = page_text(seed_page)
    facts = [
        event["title"],
        event["occasion"],
        event["theme"],
        "Monday, 4 September 2017, 13:15–14:45 CEST (UTC+2)",
        "Board Room A, Vienna International Centre, Vienna, Austria",
        "Organised by Government of the Republic of Turkey, co-hosted by "
        "International Organization for Migration (IOM) and "
        "United Nations Office on Drugs and Crime (UNODC).",
        event["language_note"],
        event["practical_notes"],
        event["programme_note"],
        *data["questions"],
        *(f"{c['name']}: {c['email']}" for c in data["contacts"]),
    ]
    for section in ("context", "background", "objectives"):
        facts += [first_words(p) for p in paragraphs(event[section])]
    for person in data["people"]:
        facts.append(f"{person['honorific']} {person['full_name']}".strip())
        if person["position"]:
            facts.append(person["position"])
    for item in data["agenda"]:
        facts += [p["presentation_title"] for p in item["participants"] if p["presentation_title"]]
    missing = [fact for fact in facts if fact not in text]
    assert not missing


def agenda_items(response) -> list:
    """The agenda's items: the <li id> children of <ol class="agenda"> (site.css finds them so)."""
    tree = html5lib.parse(response.content, namespaceHTMLElements=False)
    (agenda,) = [ol for ol in tree.iter("ol") if "agenda" in ol.get("class", "").split()]
    return [li for li in agenda if li.get("id", "").startswith("item-")]


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_seed_agenda_items_carry_machine_readable_times_and_budgets(seed_page):
    rows = []
    for li in agenda_items(seed_page):
        when = li.find("div")  # the time column: the <time>, then the budget's <span>
        time = when.find("time")
        budget = [text_of(s) for s in when.findall("span")]
        rows.append((text_of(li.find(".//h3")), time.get("datetime"), time.text, budget))
    assert rows == [
        ("I. Opening Remarks", "2017-09-04T13:15:00+02:00", "13:15", ["7 minutes"]),
        ("II. Panel", "2017-09-04T13:22:00+02:00", "13:22", ["30 minutes"]),
        ("III. Q&A Session", "2017-09-04T13:52:00+02:00", "13:52", ["30 minutes"]),
        ("IV. Closing remarks", "2017-09-04T14:22:00+02:00", "14:22", []),  # no duration
    ]


def test_moderator_and_panelists_are_labelled_with_their_roles(seed_page):
    text = page_text(seed_page)
    assert (
        "Moderator Berlan Pars Alan, Senior Migration Management Policy Advisor, "
        "Department of Migration Management, International Organization for Migration (IOM)"
    ) in text
    assert (
        "Panelists Research Professor Jørgen Carling, Peace Research Institute Oslo (PRIO)"
        "“A reflection on the outcomes of the Istanbul Regional Conference on Counter Migrant Smuggling”"
    ) in text
    assert "Speaker Ambassador Mehmet Samsar, Director General for Consular Affairs" in text


def test_past_event_shows_the_outcome_before_the_agenda(seed_page):
    data = seed_data()["outcome"]
    content = seed_page.content.decode()
    text = page_text(seed_page)
    assert "This event took place on Monday, 4 September 2017." in text
    for paragraph in paragraphs(data["summary"]):
        assert first_words(paragraph) in text
    for recommendation in data["recommendations"]:
        assert first_words(recommendation, 20) in text
    assert content.index('id="outcome-heading"') < content.index('id="agenda-heading"')
    # What was said, per item, once the event is over.
    assert "What was said" in text
    assert "The event was opened by Ambassador Mehmet Samsar" in text


def test_upcoming_event_has_no_outcome_or_took_place_notice(client):
    event = make_event(start=local(2090, 1, 1, 9), end=local(2090, 1, 1, 10))
    Outcome.objects.create(event=event, summary="Not yet written.")
    item = add_items(event, [30])[0]
    item.summary = "Nothing said yet."
    item.save()
    text = page_text(client.get(event.get_absolute_url()))
    assert "took place" not in text
    assert "Not yet written." not in text
    assert "Nothing said yet." not in text


def test_cancelled_event_is_marked(client):
    event = make_event(status=Event.Status.CANCELLED)
    text = page_text(client.get(event.get_absolute_url()))
    assert "Cancelled: this event has been cancelled." in text


def test_map_link_is_openstreetmap_from_coordinates_and_no_third_party_embed(seed_page):
    content = seed_page.content.decode()
    assert (
        'href="https://www.openstreetmap.org/?mlat=48.234722&amp;mlon=16.416944'
        '#map=17/48.234722/16.416944"'
    ) in content
    assert "<iframe" not in content
    # Every script and stylesheet is our own (no CDN).
    for url in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', content):
        assert not url.startswith(("http:", "https:", "//")) or url.startswith(
            settings.EVENTSITE_BASE_URL
        ), url


def test_event_without_coordinates_has_no_map_link(client):
    event = make_event()
    assert "openstreetmap" not in client.get(event.get_absolute_url()).content.decode()


def test_item_without_budget_in_the_middle_runs_to_the_next(client):
    event = make_event(start=local(2030, 5, 6, 9), end=local(2030, 5, 6, 10))
    add_items(event, [15, None, 20])
    text = page_text(client.get(event.get_absolute_url()))
    assert "09:00 15 minutes I. Item 1" in text
    assert "09:15 II. Item 2" in text  # start, no duration
    assert "09:15 20 minutes III. Item 3" in text


def test_calendar_block_links_the_exports_and_hides_empty_ones(seed_page, seed_event):
    content = seed_page.content.decode()
    slug = seed_event.slug
    assert "Add to calendar" in page_text(seed_page)
    assert f'href="/events/{slug}.ics"' in content
    assert f'href="/events/{slug}/agenda.ics"' in content
    assert 'href="webcal://testserver/calendar.ics"' in content
    item = seed_event.items.get(position=1)
    # Relative to the page (/events/<slug>/): /events/<slug>/items/<uid>.ics.
    assert f'href="items/{item.uid}.ics"' in content
    assert 'href=""' not in content  # a calendar link with no URL is left out


# -- safe text ----------------------------------------------------------------------------


def assert_inert(content: str):
    """No element a browser would run: no inline script, no on* handler, no injected img."""
    tree = html5lib.parse(content, namespaceHTMLElements=False)
    for element in tree.iter():
        assert not [name for name in element.attrib if name.lower().startswith("on")], element
        if element.tag == "script":
            assert element.get("src") or element.get("type") == "application/ld+json", element.text
        assert not (element.tag == "img" and element.get("src") == "x")


@pytest.mark.parametrize(
    "field", ["context", "background", "objectives", "theme", "title", "language_note"]
)
def test_event_texts_are_escaped_or_sanitised(client, field):
    event = make_event(**{field: HOSTILE})
    assert_inert(client.get(event.get_absolute_url()).content.decode())


@pytest.mark.parametrize("where", ["description", "summary", "question", "contact", "outcome"])
def test_agenda_and_outcome_texts_are_sanitised(client, where):
    event = make_event(start=local(2001, 1, 1, 9), end=local(2001, 1, 1, 10))
    item = add_items(event, [30])[0]
    if where in ("description", "summary"):
        setattr(item, where, HOSTILE)
        item.save()
    elif where == "question":
        DiscussionQuestion.objects.create(event=event, text=HOSTILE)
    elif where == "contact":
        Contact.objects.create(event=event, name=HOSTILE, email="a@example.org", note=HOSTILE)
    else:
        outcome = Outcome.objects.create(event=event, summary=HOSTILE, citation=HOSTILE)
        outcome.recommendations.create(text=HOSTILE)
    assert_inert(client.get(event.get_absolute_url()).content.decode())


def test_markdown_emphasis_and_paragraphs_render(client):
    event = make_event(context="First *emphasised* paragraph.\n\nSecond paragraph.")
    content = client.get(event.get_absolute_url()).content.decode()
    assert "<p>First <em>emphasised</em> paragraph.</p>\n<p>Second paragraph.</p>" in content


def test_bio_script_is_removed_and_emphasis_kept(client):
    event = make_event()
    person = make_person(bio=HOSTILE)
    Participation.objects.create(agenda_item=add_items(event, [10])[0], person=person)
    content = client.get(person.get_absolute_url()).content.decode()
    assert_inert(content)
    assert "<em>kept</em>" in content


def test_a_heading_in_organiser_text_does_not_add_an_h1(client):
    event = make_event(background="# Big heading\n\nText.")
    content = client.get(event.get_absolute_url()).content.decode()
    assert content.count("<h1") == 1
    assert "<p><strong>Big heading</strong></p>" in content


# -- JSON-LD, Open Graph, canonical ---------------------------------------------------------


def json_ld_as_written(response) -> dict:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(blocks) == 1
    return json.loads(blocks[0])


def json_ld(response) -> dict:
    """The block with each `{"@id": …}` reference replaced by its node, as JSON-LD readers do."""
    return resolved(json_ld_as_written(response))


# What Google's Event rich result reads from the top-level Event (its required and
# recommended properties that the event has); subEvent is none of them.
GOOGLE_EVENT_FIELDS = {
    "@type",
    "name",
    "startDate",
    "endDate",
    "location",
    "eventStatus",
    "eventAttendanceMode",
    "organizer",
    "performer",
    "description",
}


def test_json_ld_describes_the_event_as_search_engines_read_it(seed_page, seed_event):
    data = json_ld(seed_page)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert not GOOGLE_EVENT_FIELDS - set(data)  # none missing
    assert data["name"] == seed_event.title
    assert data["startDate"] == "2017-09-04T13:15:00+02:00"
    assert data["endDate"] == "2017-09-04T14:45:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["url"] == settings.EVENTSITE_BASE_URL + seed_event.get_absolute_url()
    assert data["description"].startswith("This side event will bring together")
    location = data["location"]
    assert location["@type"] == "Place"
    assert location["name"] == "Board Room A, Vienna International Centre"
    assert location["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Board Room A, Vienna International Centre",
        "addressLocality": "Vienna",
        "addressCountry": "Austria",
    }
    assert location["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 48.234722,
        "longitude": 16.416944,
    }
    assert [(o["@type"], o["name"]) for o in data["organizer"]] == [
        ("Organization", "Government of the Republic of Turkey"),
        ("Organization", "International Organization for Migration"),
        ("Organization", "United Nations Office on Drugs and Crime"),
    ]
    # Every person on the agenda, once, in the agenda's order (the moderator before the
    # panel), with their title, position and affiliation as the page shows them.
    assert [
        (p["@type"], p.get("honorificPrefix"), p["name"], p["affiliation"]["name"])
        for p in data["performer"]
    ] == [
        (
            "Person",
            "Ambassador",
            "Mehmet Samsar",
            "Ministry of Foreign Affairs of the Republic of Turkey",
        ),
        ("Person", None, "Berlan Pars Alan", "International Organization for Migration"),
        ("Person", "Research Professor", "Jørgen Carling", "Peace Research Institute Oslo"),
        ("Person", "Ms.", "Marie McAuliffe", "International Organization for Migration"),
        ("Person", "Ms.", "Morgane Nicot", "United Nations Office on Drugs and Crime"),
    ]
    assert data["performer"][1]["jobTitle"] == (
        "Senior Migration Management Policy Advisor, Department of Migration Management"
    )
    # The agenda items are the page's list and the schedule exports, not subEvents.
    assert "subEvent" not in data
    assert "email" not in json.dumps(data)  # e-mail addresses of people are private


def test_json_ld_writes_each_shared_node_once_and_refers_to_it(client):
    event = make_large_event(20)
    data = json_ld_as_written(client.get(event.get_absolute_url()))
    nodes = full_nodes(data)
    ids = [node["@id"] for node in nodes]
    assert len(ids) == len(set(ids))  # each person and organisation in full once
    # ... and no person or organisation a second time under another @id.
    named = [(node["@type"], node["name"]) for node in nodes if node is not data]
    assert len(named) == len(set(named))
    assert set(references(data)) <= set(ids)  # every reference resolves within the block
    assert references(data)  # the shared organisations are referred to, not repeated
    performers = {p["@id"] for p in data["performer"]}
    on_the_agenda = Person.objects.filter(participations__agenda_item__event=event).distinct()
    assert performers == {
        f"{settings.EVENTSITE_BASE_URL}/speakers/{p.slug}/" for p in on_the_agenda
    }
    assert len(performers) == len(data["performer"]) == 32
    # A person is named by their page, which no `url` repeats.
    assert all("url" not in p for p in data["performer"])
    organisations = [node for node in nodes if node["@type"] == "Organization"]
    assert len(organisations) == 5
    # Nodes of this page only: fragments of it, as JSON-LD readers resolve them.
    assert all(re.fullmatch(r"#org-\d+", o["@id"]) for o in organisations)
    data = resolved(data)
    assert data["location"]["@type"] == "Place"  # one place, said once: nothing refers to it
    assert {p["affiliation"]["name"] for p in data["performer"]} == {
        f"Organisation {n} für Zusammenarbeit, Forschung; und Entwicklung" for n in range(5)
    }


def test_json_ld_names_the_event_by_its_page(seed_page, seed_event):
    data = json_ld_as_written(seed_page)
    url = settings.EVENTSITE_BASE_URL + seed_event.get_absolute_url()
    assert (data["@id"], data["url"]) == (url, url)


@pytest.mark.parametrize(
    "status",
    [Event.Status.PUBLISHED, Event.Status.CANCELLED],
)
def test_json_ld_states_the_events_status_and_attendance_mode(client, status):
    event = make_event(status=status)
    add_items(event, [10, 10], people_per_item=1)
    data = json_ld(client.get(event.get_absolute_url()))
    assert (
        data["eventStatus"]
        == {
            Event.Status.PUBLISHED: "https://schema.org/EventScheduled",
            Event.Status.CANCELLED: "https://schema.org/EventCancelled",
        }[status]
    )
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert len(data["performer"]) == 2


def test_json_ld_is_written_without_spaces_between_tokens(seed_page):
    (block,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', seed_page.content.decode(), re.S
    )
    assert block.startswith('{"@context":"https://schema.org","@type":"Event",'), block[:80]


def test_json_ld_survives_a_title_that_tries_to_close_the_script(client):
    title = "</script><script>window.pwned=1</script> & <!-- x"
    event = make_event(title=title, status=Event.Status.CANCELLED)
    response = client.get(event.get_absolute_url())
    data = json_ld(response)
    assert data["name"] == title
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert "<script>window.pwned" not in response.content.decode()


def test_open_graph_twitter_and_canonical(seed_page, seed_event):
    content = seed_page.content.decode()
    url = settings.EVENTSITE_BASE_URL + seed_event.get_absolute_url()
    assert f'<link rel="canonical" href="{url}">' in content
    assert f'<meta property="og:url" content="{url}">' in content
    assert f'<meta property="og:title" content="{seed_event.title}">' in content
    assert '<meta property="og:type" content="website">' in content
    assert '<meta name="twitter:card" content="summary">' in content
    assert f'<meta name="twitter:title" content="{seed_event.title}">' in content
    description = re.search(r'<meta property="og:description" content="([^"]+)">', content)
    assert description
    assert description.group(1).startswith("This side event will bring together representatives")
    assert len(description.group(1)) <= 200
    assert '<meta name="description" content="This side event will bring' in content


def test_person_private_email_never_shown(client, seed_event):
    Person.objects.filter(slug="jorgen-carling").update(email="private@example.org")
    for url in (seed_event.get_absolute_url(), "/speakers/", "/speakers/jorgen-carling/"):
        assert "private@example.org" not in client.get(url).content.decode()


def test_agenda_item_anchor_matches_person_page_link(client, seed_event):
    panel = AgendaItem.objects.get(event=seed_event, title="Panel")
    anchor = f"item-{panel.uid}"
    assert f'id="{anchor}"' in client.get(seed_event.get_absolute_url()).content.decode()
    person_page = client.get("/speakers/jorgen-carling/").content.decode()
    assert f'href="{seed_event.get_absolute_url()}#{anchor}"' in person_page


def test_calendar_links_use_the_requests_host_like_the_ics(client, settings, seed_event):
    """One page, one address: Google/Outlook links and the .ics name the host asked."""
    settings.ALLOWED_HOSTS = ["events.example.org"]
    settings.EVENTSITE_BASE_URL = "http://127.0.0.1:8000"
    asked = {"HTTP_HOST": "events.example.org", "secure": True}
    content = client.get(seed_event.get_absolute_url(), **asked).content.decode()
    page = "https%3A%2F%2Fevents.example.org%2Fevents%2Fcounter-migrant-smuggling-vienna-2017%2F"
    google = re.search(r'href="(https://calendar\.google\.com/[^"]+)"', content).group(1)
    outlook = re.search(r'href="(https://outlook\.office\.com/[^"]+)"', content).group(1)
    assert page in google
    assert page in outlook
    assert "127.0.0.1" not in google + outlook
    ics = client.get(f"/events/{seed_event.slug}.ics", **asked).content.decode()
    ics = ics.replace("\r\n ", "")  # unfolded
    assert "URL:https://events.example.org/events/counter-migrant-smuggling-vienna-2017/" in ics
    # A host that is not allowed gets no page at all, so no link to it.
    assert client.get(seed_event.get_absolute_url(), HTTP_HOST="evil.example").status_code == 400


def test_a_long_agenda_is_numbered_in_arabic_on_the_page_and_in_the_ics(client):
    """Roman numerals up to 20 items; "CLII. Talk 0152" helps nobody."""
    event = make_event(start=local(2030, 5, 6, 9), end=local(2030, 5, 6, 20))
    add_items(event, [3] * 21)
    text = page_text(client.get(event.get_absolute_url()))
    assert "1. Item 1" in text
    assert "21. Item 21" in text
    assert "XXI." not in text
    ics = client.get(f"/events/{event.slug}.ics").content.decode().replace("\r\n ", "")
    assert "\\n21. " in ics
    assert "XXI. " not in ics
    short = make_event(start=local(2030, 5, 7, 9), end=local(2030, 5, 7, 20))
    add_items(short, [3] * 20)
    assert "XX. Item 20" in page_text(client.get(short.get_absolute_url()))
