"""Files for the documents tests: real small files of each accepted type, and
disguised ones, built in memory; and a builder for an uploaded attachment."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from materials.models import Attachment

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n%%EOF\n" + b"x" * 1200
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64
HTML_BYTES = b"<!doctype html><script>document.title='ran'</script>"
SVG_BYTES = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def zipped(members: dict[str, bytes], first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        names = sorted(members, key=lambda n: n != first)
        for name in names:
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, members[name], compress_type=compression)
    return buffer.getvalue()


def ooxml(part: str) -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", part: b"<doc/>"})


def odf(mimetype: str) -> bytes:
    return zipped({"mimetype": mimetype.encode(), "content.xml": b"<office/>"}, first="mimetype")


DOCX_BYTES = ooxml("word/document.xml")
PPTX_BYTES = ooxml("ppt/presentation.xml")
XLSX_BYTES = ooxml("xl/workbook.xml")
ODT_BYTES = odf("application/vnd.oasis.opendocument.text")
ODP_BYTES = odf("application/vnd.oasis.opendocument.presentation")
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
# 50 MB of zeros packed into a few kB, named like a Word file.
ZIP_BOMB_BYTES = zipped(
    {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\x00" * (50 * 1024 * 1024)}
)


def upload(name: str, content: bytes, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_attachment(event, **overrides) -> Attachment:
    """A public PDF concept note of `event`, cleaned and saved like the admin does."""
    fields = {
        "event": event,
        "kind": Attachment.Kind.CONCEPT_NOTE,
        "title": "Concept note",
        "file": upload("Concept note.pdf", PDF_BYTES),
    }
    fields.update(overrides)
    attachment = Attachment(**fields)
    attachment.full_clean()
    attachment.save()
    return attachment
