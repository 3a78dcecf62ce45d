"""The .ics exports under /fr/ and /es/: LANGUAGE on the texts, the interface's words and
dates in the language, and UID, SEQUENCE, DTSTART and DTEND exactly as in English, so
a subscriber who switches language gets no duplicates."""

import pytest

from agenda.models import AgendaItem, Event
from tests.support.builders import add_items, local, make_event, translate
from tests.support.calendar_readers import calendar_lines, vevent_lines
from tests.support.occasions import make_occasion

pytestmark = pytest.mark.django_db

SEED_SLUG = "counter-migrant-smuggling-vienna-2017"
SEED_PAGE = f"/events/{SEED_SLUG}/"
LANGUAGES = ["fr", "es"]
TEXTS = ("SUMMARY", "DESCRIPTION", "LOCATION")
SAME_IN_EVERY_LANGUAGE = ("UID", "SEQUENCE", "DTSTART", "DTEND", "RELATED-TO", "GEO", "STATUS")


def seed_exports(seed_event) -> dict[str, str]:
    panel = seed_event.items.get(title="Panel")
    return {
        "event": f"/events/{SEED_SLUG}.ics",
        "agenda": f"/events/{SEED_SLUG}/agenda.ics",
        "agenda (?detail=agenda)": f"/events/{SEED_SLUG}.ics?detail=agenda",
        "item": f"/events/{SEED_SLUG}/items/{panel.uid}.ics",
        "all events": "/calendar.ics",
        "person": "/speakers/morgane-nicot/calendar.ics",
        "organisation": "/organisations/united-nations-office-on-drugs-and-crime/calendar.ics",
    }


def body(client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content


def fixed(lines) -> list[tuple]:
    return [line for line in lines if line[0] in SAME_IN_EVERY_LANGUAGE]


def the(lines, name: str) -> tuple[dict[str, str], str]:
    (found,) = [(parameters, value) for n, parameters, value in lines if n == name]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_export_keeps_uid_sequence_and_times_and_labels_its_texts(
    client, seed_event, language
):
    for kind, path in seed_exports(seed_event).items():
        english = body(client, path)
        translated = body(client, f"/{language}{path}")
        assert b"LANGUAGE=" not in english, kind
        english_events, events = vevent_lines(english), vevent_lines(translated)
        assert events, kind
        assert [fixed(e) for e in events] == [fixed(e) for e in english_events], kind
        for lines in events:
            for name, parameters, _ in lines:
                if name in TEXTS:
                    # Nothing of the seed is translated yet: the texts are the English originals.
                    assert parameters == {"LANGUAGE": "en"}, (kind, name)
            assert the(lines, "CATEGORIES")[0] == {"LANGUAGE": language}, kind


@pytest.mark.parametrize(
    ("language", "categories", "agenda", "date", "part_of"),
    [
        (
            "fr",
            "Allocution,Table ronde,Débat",
            "\\n\\nProgramme\\nI. 13 h 15–13 h 22 Opening Remarks (7 minutes)\\n",
            "lundi 4 septembre 2017\\, 13 h 15–14 h 45 CEST (UTC+2)",
            "\\n\\nDans le cadre de : Reflecting on the Necessity",
        ),
        (
            "es",
            "Intervenciones,Mesa redonda,Debate",
            "\\n\\nPrograma\\nI. 13:15–13:22 Opening Remarks (7 minutos)\\n",
            "lunes\\, 4 de septiembre de 2017\\, 13:15–14:45 CEST (UTC+2)",
            "\\n\\nForma parte de: Reflecting on the Necessity",
        ),
    ],
)
def test_the_interface_words_and_dates_are_in_the_language(
    client, seed_event, language, categories, agenda, date, part_of
):
    (event,) = vevent_lines(body(client, f"/{language}/events/{SEED_SLUG}.ics"))
    assert the(event, "CATEGORIES") == ({"LANGUAGE": language}, categories)
    description = the(event, "DESCRIPTION")[1]
    assert description.startswith(date)
    assert agenda in description
    assert description.endswith(f"\\n\\nhttp://testserver/{language}{SEED_PAGE}")
    assert the(event, "URL") == ({}, f"http://testserver/{language}{SEED_PAGE}")
    items = vevent_lines(body(client, f"/{language}/events/{SEED_SLUG}/agenda.ics"))
    assert all(part_of in the(item, "DESCRIPTION")[1] for item in items)
    assert "Part of:" not in str(items)


@pytest.mark.parametrize(
    ("language", "name", "description"),
    [
        (
            "fr",
            "eventsite : toutes les manifestations",
            "Toutes les manifestations publiées\\, annulations comprises\\, mises à jour sur place.",
        ),
        (
            "es",
            "eventsite: todos los eventos",
            "Todos los eventos publicados\\, con las cancelaciones\\, actualizados en su lugar.",
        ),
    ],
)
def test_the_feed_is_named_in_the_language_on_name_but_not_on_the_x_wr_names(
    client, seed_event, language, name, description
):
    lines = calendar_lines(body(client, f"/{language}/calendar.ics"))
    assert the(lines, "NAME") == ({"LANGUAGE": language}, name)
    assert the(lines, "X-WR-CALNAME") == ({}, name)
    assert the(lines, "DESCRIPTION") == ({"LANGUAGE": language}, description)
    assert the(lines, "X-WR-CALDESC") == ({}, description)
    person = calendar_lines(body(client, f"/{language}/speakers/morgane-nicot/calendar.ics"))
    assert the(person, "NAME")[0] == {"LANGUAGE": language}
    english = calendar_lines(body(client, "/calendar.ics"))
    assert the(english, "NAME") == ({}, "eventsite: all events")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translated_title_is_labelled_with_its_language(client, seed_event, language):
    title = {"fr": "Coopérer contre le trafic illicite de migrants", "es": "Cooperar"}[language]
    setattr(seed_event, f"title_{language}", title)
    seed_event.save()
    (event,) = vevent_lines(body(client, f"/{language}/events/{SEED_SLUG}.ics"))
    assert the(event, "SUMMARY") == ({"LANGUAGE": language}, title)
    # The description lists the items' titles, still in English.
    assert the(event, "DESCRIPTION")[0] == {"LANGUAGE": "en"}
    (english,) = vevent_lines(body(client, f"/events/{SEED_SLUG}.ics"))
    assert the(english, "SUMMARY")[1].startswith("Reflecting on the Necessity")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_agenda_is_labelled_translated_only_when_every_title_it_lists_is(
    client, seed_event, language
):
    items = list(seed_event.items.all())
    for item in items[:-1]:
        setattr(item, f"title_{language}", f"{item.title} ({language})")
        item.save()
    path = f"/{language}/events/{SEED_SLUG}.ics"
    # Translating the event's title does not make its agenda French or Spanish.
    setattr(seed_event, f"title_{language}", "Titre")
    seed_event.save()
    (event,) = vevent_lines(body(client, path))
    assert the(event, "DESCRIPTION")[0] == {"LANGUAGE": "en"}
    last = items[-1]
    setattr(last, f"title_{language}", "Fin")
    last.save()
    (event,) = vevent_lines(body(client, path))
    assert the(event, "DESCRIPTION")[0] == {"LANGUAGE": language}
    assert f"Panel ({language}) (30 " in the(event, "DESCRIPTION")[1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_items_summary_is_translated_only_with_its_events_title(client, seed_event, language):
    panel = seed_event.items.get(title="Panel")
    setattr(panel, f"title_{language}", "Mesa")
    panel.save()
    path = f"/{language}/events/{SEED_SLUG}/agenda.ics"

    def panel_lines():
        (found,) = [
            e for e in vevent_lines(body(client, path)) if the(e, "UID")[1] == panel.calendar_uid
        ]
        return found

    person_feed = f"/{language}/speakers/morgane-nicot/calendar.ics"
    (in_feed,) = vevent_lines(body(client, person_feed))
    for lines in (panel_lines(), in_feed):
        summary = the(lines, "SUMMARY")
        assert summary[0] == {"LANGUAGE": "en"}  # "Mesa – Reflecting on …": not all Spanish
        assert summary[1].startswith("Mesa – Reflecting")
    setattr(seed_event, f"title_{language}", "Cooperar")
    seed_event.save()
    lines = panel_lines()
    assert the(lines, "SUMMARY") == ({"LANGUAGE": language}, "Mesa – Cooperar")
    assert the(lines, "DESCRIPTION")[0] == {"LANGUAGE": language}
    others = [e for e in vevent_lines(body(client, path)) if the(e, "UID")[1] != panel.calendar_uid]
    assert {the(e, "SUMMARY")[0]["LANGUAGE"] for e in others} == {"en"}
    # The same item alone and in a person's feed are written alike.
    alone = f"/events/{SEED_SLUG}/items/{panel.uid}.ics"
    (item,) = vevent_lines(body(client, f"/{language}{alone}"))
    (feed,) = vevent_lines(body(client, person_feed))
    for found in (item, feed):
        assert the(found, "SUMMARY") == ({"LANGUAGE": language}, "Mesa – Cooperar")


@pytest.mark.parametrize(
    ("language", "label", "first_item"),
    [
        ("fr", "Participer en ligne", "I. lun 6 mai 9 h 00–lun 6 mai 17 h 00 Day one"),
        ("es", "Participar en línea", "I. lun 6 may 09:00–lun 6 may 17:00 Day one"),
    ],
)
def test_the_meeting_label_and_the_days_of_a_long_event_are_in_the_language(
    client, language, label, first_item
):
    event = make_event(
        start=local(2030, 5, 6, 9, 0),
        end=local(2030, 5, 7, 17, 0),
        online_link="https://meet.example.org/side-event",
    )
    AgendaItem.objects.create(event=event, position=0, title="Day one", minutes=480)
    for path in (f"/events/{event.slug}.ics", f"/events/{event.slug}/agenda.ics"):
        (english,) = vevent_lines(body(client, path))
        (translated,) = vevent_lines(body(client, f"/{language}{path}"))
        assert the(english, "CONFERENCE") == (
            {"FEATURE": "AUDIO,VIDEO", "LABEL": "Join online", "VALUE": "URI"},
            "https://meet.example.org/side-event",
        )
        assert the(translated, "CONFERENCE") == (
            {"FEATURE": "AUDIO,VIDEO", "LABEL": label, "LANGUAGE": language, "VALUE": "URI"},
            "https://meet.example.org/side-event",
        )
        assert fixed(translated) == fixed(english)
    (item,) = vevent_lines(body(client, f"/{language}/events/{event.slug}/agenda.ics"))
    assert the(item, "DESCRIPTION")[1].startswith(first_item)


def test_a_cancelled_event_says_so_in_the_language(client):
    event = make_event(status=Event.Status.CANCELLED)
    (lines,) = vevent_lines(body(client, f"/fr/events/{event.slug}.ics"))
    assert the(lines, "DESCRIPTION")[1].startswith("Cette manifestation a été annulée.\\n\\n")
    assert the(lines, "STATUS") == ({}, "CANCELLED")


def test_an_occasions_feed_labels_its_name_and_its_theme_each_with_its_own_language(client):
    occasion = make_occasion(name="Fifth thematic session", theme="Smuggling of migrants")
    occasion.theme_fr = "Le trafic illicite de migrants"
    occasion.save()
    make_event(occasion_ref=occasion)
    lines = calendar_lines(body(client, f"/fr/occasions/{occasion.slug}/calendar.ics"))
    assert the(lines, "NAME") == ({"LANGUAGE": "en"}, "Fifth thematic session")
    assert the(lines, "DESCRIPTION") == ({"LANGUAGE": "fr"}, "Le trafic illicite de migrants")
    english = calendar_lines(body(client, f"/occasions/{occasion.slug}/calendar.ics"))
    assert the(english, "DESCRIPTION") == ({}, "Smuggling of migrants")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("item_count", [4, 300])
def test_translated_exports_cost_the_english_queries(
    client, django_assert_num_queries, language, item_count
):
    """tests/agenda/ical/test_views.py's counts (8 for an event's file, 7 for the feed)."""
    event = make_event(start=local(2030, 1, 1, 0), end=local(2030, 1, 31, 0))
    add_items(event, [5] * item_count, people_per_item=3)
    translate(event, language)
    base = f"/{language}/events/{event.slug}"
    for path in (
        f"{base}.ics",
        f"{base}/agenda.ics",
        f"{base}/schedule.xml",
        f"{base}/schedule.json",
    ):
        with django_assert_num_queries(8):
            response = client.get(path)
        assert response.status_code == 200, path
    agenda = vevent_lines(client.get(f"{base}/agenda.ics").content)
    assert len(agenda) == item_count
    assert {the(lines, "SUMMARY")[0]["LANGUAGE"] for lines in agenda} == {language}
    with django_assert_num_queries(7):
        feed = client.get(f"/{language}/calendar.ics")
    (lines,) = vevent_lines(feed.content)
    assert the(lines, "SUMMARY") == ({"LANGUAGE": language}, f"{event.title_en} [{language}]")
