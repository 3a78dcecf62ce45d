"""The attachment's rules, each as a database constraint and as clean()'s message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from materials.models import Attachment
from tests.support.builders import add_items, make_event
from tests.support.documents import PDF_BYTES, make_attachment, upload

pytestmark = pytest.mark.django_db

LINK = "https://example.org/concept-note.pdf"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "flyer"}, "file", "Upload a file or give an external link."),
        (
            {"kind": "flyer", "link": LINK, "file": upload("a.pdf", PDF_BYTES)},
            "link",
            "Give a file or an external link, not both.",
        ),
        ({"kind": "slides", "link": LINK}, "participation", "Slides and papers belong to a talk"),
    ],
)
def test_clean_explains_what_is_wrong(fields, field, message):
    attachment = Attachment(event=make_event(), title="A document", **fields)
    with pytest.raises(ValidationError) as error:
        attachment.full_clean()
    assert message in " ".join(error.value.message_dict[field])


def test_a_talks_document_must_be_of_the_same_event():
    other = make_event()
    participation = add_items(other, [10], people_per_item=1)[0].participations.get()
    attachment = Attachment(
        event=make_event(), participation=participation, kind="slides", title="S", link=LINK
    )
    with pytest.raises(ValidationError) as error:
        attachment.full_clean()
    assert error.value.message_dict["participation"] == ["This talk belongs to another event."]


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "flyer", "link": ""},  # neither
        {"kind": "flyer", "link": LINK, "file": "documents/x.pdf"},  # both
        {"kind": "slides", "link": LINK},  # a talk's kind without a talk
        {"kind": "flyer", "title": "two\nlines", "link": LINK},
    ],
)
def test_the_database_refuses_what_clean_refuses(fields):
    fields = {"title": "A document", **fields}
    with pytest.raises(IntegrityError), transaction.atomic():
        Attachment.objects.create(event=make_event(), **fields)


def test_a_report_may_be_known_by_its_citation_alone():
    report = Attachment(
        event=make_event(), kind="report", title="T", editors="Doe, J.", publisher="P"
    )
    report.full_clean()
    report.save()
    assert not report.is_available
    assert report.get_absolute_url() == ""


def test_an_upload_is_stored_under_a_random_name_and_described_by_its_content():
    first = make_attachment(make_event(), file=upload("../../etc/Concept\x00 note.pdf", PDF_BYTES))
    second = make_attachment(make_event())
    assert first.file_name == "Concept note.pdf"
    assert first.content_type == "application/pdf"
    assert first.size == len(PDF_BYTES)
    assert first.description == "PDF, 1.3 kB"
    assert "Concept" not in first.file.name
    assert first.file.name.endswith(".pdf")
    assert first.file.name != second.file.name
    assert len(first.file.name.removesuffix(".pdf")) >= 32


def test_saving_an_upload_that_was_never_inspected_is_refused():
    attachment = Attachment(
        event=make_event(), kind="flyer", title="F", file=upload("a.pdf", PDF_BYTES)
    )
    with pytest.raises(ValueError, match="full_clean"):
        attachment.save()
