"""The seed's report: a document entry whose citation is the source's, to the character."""

import pytest

from materials.models import Attachment
from tests.support.builders import SEED_PATH, load_seed

SOURCE = SEED_PATH.parent / "sources" / "side-event-2017-09-04-vienna.txt"
pytestmark = pytest.mark.django_db


def suggested_citation() -> str:
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if line.startswith("Suggested citation: "):
            return line.removeprefix("Suggested citation: ")
    raise AssertionError("the source has no suggested citation")


def test_the_seed_has_its_report_with_the_sources_citation_and_no_invented_file():
    event = load_seed()
    report = Attachment.objects.get(event=event, kind=Attachment.Kind.REPORT)
    assert report.citation.as_text() == suggested_citation()
    assert "Karcı Korfalı" in report.citation.as_text()
    assert not report.file
    assert report.link == ""
    assert report.is_public
