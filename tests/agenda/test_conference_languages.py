"""schedule.xml and schedule.json under /fr/ and /es/: the site's words in the language,
each talk's `language` the one its title is in, and guids, dates and durations exactly
as in English."""

import pytest

from tests.support.conference_schemas import valid_json, valid_xml

pytestmark = pytest.mark.django_db

SEED_SLUG = "counter-migrant-smuggling-vienna-2017"
LANGUAGES = ["fr", "es"]
TRACKS = {
    "en": ["Remarks", "Panel", "Discussion", "Remarks"],
    "fr": ["Allocution", "Table ronde", "Débat", "Allocution"],
    "es": ["Intervenciones", "Mesa redonda", "Debate", "Intervenciones"],
}
ROLES = {"en": "Moderator: ", "fr": "Modérateur: ", "es": "Moderador: "}
FIXED = ("guid", "date", "start", "duration", "room")


def xml_talks(client, prefix: str) -> list[dict]:
    response = client.get(f"{prefix}/events/{SEED_SLUG}/schedule.xml")
    assert response.status_code == 200
    root = valid_xml(response.content)
    return [
        {
            "guid": talk.get("guid"),
            **{name: talk.findtext(name) for name in FIXED[1:]},
            **{name: talk.findtext(name) for name in ("track", "language", "title", "url")},
            "description": talk.findtext("description") or "",
        }
        for talk in root.iter("event")
    ]


def json_talks(client, prefix: str) -> list[dict]:
    response = client.get(f"{prefix}/events/{SEED_SLUG}/schedule.json")
    assert response.status_code == 200
    document = valid_json(response.content)
    return [
        {**talk, "description": talk["description"] or ""}
        for day in document["schedule"]["conference"]["days"]
        for talks in day["rooms"].values()
        for talk in talks
    ]


READ = {"schedule.xml": xml_talks, "schedule.json": json_talks}


@pytest.mark.parametrize("export", list(READ))
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_schedule_speaks_the_language_with_the_same_guids_and_times(
    client, seed_event, export, language
):
    english = READ[export](client, "")
    talks = READ[export](client, f"/{language}")
    assert [{k: t[k] for k in FIXED} for t in talks] == [{k: t[k] for k in FIXED} for t in english]
    assert [t["track"] for t in english] == TRACKS["en"]
    assert [t["track"] for t in talks] == TRACKS[language]
    assert talks[1]["description"].startswith(ROLES[language])
    assert english[1]["description"].startswith(ROLES["en"])
    # Nothing is translated yet: every title is the English original.
    assert {t["language"] for t in talks} == {"en"}
    assert [t["title"] for t in talks] == [t["title"] for t in english]
    assert talks[0]["url"] == f"http://testserver/{language}/events/{SEED_SLUG}/"
    assert english[0]["url"] == f"http://testserver/events/{SEED_SLUG}/"


@pytest.mark.parametrize("export", list(READ))
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_translated_talk_is_in_its_language(client, seed_event, export, language):
    panel = seed_event.items.get(title="Panel")
    title = {"fr": "Table ronde des experts", "es": "Mesa de expertos"}[language]
    setattr(panel, f"title_{language}", title)
    panel.save()
    talks = READ[export](client, f"/{language}")
    assert [(t["title"], t["language"]) for t in talks] == [
        ("Opening Remarks", "en"),
        (title, language),
        ("Q&A Session", "en"),
        ("Closing remarks", "en"),
    ]
    english = READ[export](client, "")
    assert [(t["title"], t["language"]) for t in english][1] == ("Panel", "en")
