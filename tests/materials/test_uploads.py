"""The upload table: each disguised or accepted file, and what becomes of it."""

from __future__ import annotations

import io

import pytest

from materials import uploads
from tests.support import documents as files

LIMIT = 25 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("a.pdf", files.PDF_BYTES, "application/pdf"),
        ("a.png", files.PNG_BYTES, "image/png"),
        ("a.jpeg", files.JPEG_BYTES, "image/jpeg"),
        ("a.docx", files.DOCX_BYTES, uploads.DOCX.content_type),
        ("a.pptx", files.PPTX_BYTES, uploads.PPTX.content_type),
        ("a.xlsx", files.XLSX_BYTES, uploads.XLSX.content_type),
        ("a.odt", files.ODT_BYTES, "application/vnd.oasis.opendocument.text"),
        ("a.odp", files.ODP_BYTES, "application/vnd.oasis.opendocument.presentation"),
        ("no extension", files.PDF_BYTES, "application/pdf"),
    ],
)
def test_accepted_types_are_told_by_their_content(name, content, content_type):
    assert uploads.inspect(io.BytesIO(content), name, LIMIT).content_type == content_type


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", files.HTML_BYTES, "is not a PDF"),
        ("logo.png", files.SVG_BYTES, "is not a PDF"),
        ("logo.svg", files.SVG_BYTES, "is not a PDF"),
        ("notes.docx", files.ZIP_BOMB_BYTES, "possible zip bomb"),
        ("empty.pdf", b"", "The file is empty."),
        ("slides.pdf", files.PPTX_BYTES, "is called “.pdf” but it is a PowerPoint file"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "damaged"),
        ("plain.docx", files.zipped({"a.txt": b"hello"}), "is not a PDF"),
        ("evil.docx", files.zipped({"[Content_Types].xml": b"", "../x": b"1"}), "unsafe names"),
    ],
)
def test_disguised_files_are_refused_with_a_reason(name, content, message):
    with pytest.raises(uploads.Refused) as refused:
        uploads.inspect(io.BytesIO(content), name, LIMIT)
    assert message in str(refused.value)


def test_a_file_over_the_limit_is_refused_with_both_sizes():
    with pytest.raises(uploads.Refused) as refused:
        uploads.inspect(io.BytesIO(files.PDF_BYTES), "big.pdf", limit=1000)
    assert str(refused.value) == "The file is 1.3 kB; the limit is 1.0 kB."
