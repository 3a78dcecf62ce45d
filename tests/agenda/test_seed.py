"""The 4 September 2017 side event: every fact, exactly as written, and the import/export pair."""

import copy
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from agenda.interchange import EventImportError, export_event, import_event
from agenda.models import Event
from speakers.models import Organisation, Person
from tests.support.builders import SEED_PATH, seed_data

pytestmark = pytest.mark.django_db

# A copy of ../shared/seed/, kept in the repo so that this check runs on any clone.
SOURCE = SEED_PATH.parent / "sources" / "side-event-2017-09-04-vienna.txt"


def test_seed_facts(seed_event):
    event = Event.objects.with_agenda().get(pk=seed_event.pk)
    assert event.title == (
        "Reflecting on the Necessity of International Cooperation and Supporting New Models of "
        "Cooperation to Counter Migrant Smuggling"
    )
    assert event.time_zone == "Europe/Vienna"
    assert event.start.isoformat() == "2017-09-04T11:15:00+00:00"
    assert event.end.isoformat() == "2017-09-04T12:45:00+00:00"
    assert (event.room, event.building) == ("Board Room A", "Vienna International Centre")
    assert [o.name for o in event.organisers] == ["Government of the Republic of Turkey"]
    assert [o.acronym for o in event.co_hosts] == ["IOM", "UNODC"]
    assert [i.title for i in event.items.all()] == [
        "Opening Remarks",
        "Panel",
        "Q&A Session",
        "Closing remarks",
    ]
    assert [i.minutes for i in event.items.all()] == [7, 30, 30, None]
    assert len(event.questions.all()) == 3
    assert [c.email for c in event.contacts.all()] == ["jdebresser@iom.int", "kfukagawa@iom.int"]
    assert event.language_note == "The event will be conducted in English only."
    assert "Sandwiches and refreshments will be provided before the event." in event.practical_notes
    assert event.outcome.recommendations.count() == 4
    assert "Karcı Korfalı" in event.outcome.prepared_by
    assert "İçduygu" in event.background
    panel = event.items.all()[1]
    roles = {(p.person.full_name, p.role) for p in panel.participations.all()}
    assert roles == {
        ("Berlan Pars Alan", "moderator"),
        ("Jørgen Carling", "panelist"),
        ("Marie McAuliffe", "panelist"),
        ("Morgane Nicot", "panelist"),
    }


def test_seed_texts_are_verbatim_from_the_source():
    """Every long text in the data file appears word for word in the concept note or report."""
    source = SOURCE.read_text(encoding="utf-8")
    data = seed_data()
    texts = [data["event"][k] for k in ("title", "occasion", "theme", "programme_note")]
    texts += data["questions"]
    texts += [
        p["presentation_title"]
        for i in data["agenda"]
        for p in i["participants"]
        if p["presentation_title"]
    ]
    texts += data["outcome"]["recommendations"]
    for field in ("context", "background", "objectives"):
        # Paragraphs may have been joined across a page break; check each sentence run.
        for paragraph in data["event"][field].split("\n\n"):
            head = paragraph[:120]
            assert head in source, head
    for item in data["agenda"]:
        for paragraph in item["summary"].split("\n\n") if item["summary"] else []:
            assert paragraph in source, paragraph[:80]
    for text in texts:
        assert text in source, text[:80]


def test_export_import_round_trip_is_identical(seed_event):
    exported = export_event(seed_event)
    Event.objects.all().delete()
    event, created = import_event(copy.deepcopy(exported))
    assert created
    assert export_event(event) == exported
    assert str(event.uid) == exported["event"]["uid"] == seed_data()["event"]["uid"]


def test_seed_file_round_trips_to_itself(seed_event):
    assert export_event(seed_event) == seed_data()


def test_import_twice_does_not_duplicate_or_overwrite(seed_event):
    person = Person.objects.get(slug="jorgen-carling")
    person.bio = "Edited by an organiser."
    person.save()
    event, created = import_event(seed_data(), if_absent=True)
    assert not created
    assert event.pk == seed_event.pk
    assert Event.objects.count() == 1
    assert Person.objects.count() == 5
    assert Organisation.objects.count() == 5
    assert Person.objects.get(slug="jorgen-carling").bio == "Edited by an organiser."


def test_import_existing_slug_without_if_absent_is_an_error(seed_event):
    with pytest.raises(EventImportError, match="already exists"):
        import_event(seed_data())


def _broken(mutate):
    data = seed_data()
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["agenda"][0].update(minutes=0), r"agenda\[0\]: minutes"),
        (lambda d: d["agenda"][1].update(minutes=-3), r"agenda\[1\]: minutes"),
        (lambda d: d["event"].update(end="2017-09-04T12:00:00+02:00"), "must end after it starts"),
        (lambda d: d["event"].update(time_zone="Mars/Olympus"), "not a known IANA time zone"),
        (lambda d: d["event"].update(start="4 Sept 2017"), "not an ISO 8601"),
        (lambda d: d["event"].update(start="2017-09-04T13:15:00"), "no UTC offset"),
        (lambda d: d["event"].pop("slug"), "“slug” is missing"),
        (lambda d: d.update(format="something-else"), "not an event file"),
        (lambda d: d["agenda"][2].update(minutes=60), "runs 7 minutes past"),
        (lambda d: d["agenda"][1]["participants"][0].update(person="nobody"), "not in “people”"),
    ],
)
def test_bad_files_get_clear_errors_and_leave_nothing_behind(mutate, message):
    with pytest.raises(EventImportError, match=message):
        import_event(_broken(mutate))
    assert Event.objects.count() == 0
    assert Person.objects.count() == 0


def test_draft_may_overrun():
    data = _broken(lambda d: (d["agenda"][2].update(minutes=60), d["event"].update(status="draft")))
    event, _ = import_event(data)
    assert event.build_schedule().overrun_minutes == 7


def test_commands_round_trip(tmp_path, seed_event):
    out = tmp_path / "event.json"
    call_command("export_event", seed_event.slug, output=str(out))
    assert json.loads(out.read_text(encoding="utf-8")) == seed_data()
    Event.objects.all().delete()
    call_command("import_event", str(out))
    assert Event.objects.get().slug == seed_event.slug


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "not valid JSON"), ('{"format": "x"}', "not an event file")],
)
def test_import_command_reports_bad_files(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_event", str(path))


def test_import_command_reports_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_event", str(tmp_path / "missing.json"))


def test_export_command_unknown_slug():
    with pytest.raises(CommandError, match="No event has the slug"):
        call_command("export_event", "nope")
