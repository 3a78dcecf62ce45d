"""What an uploaded file really is, from its content: no Django models, no HTTP.

`inspect(fileobj, name, limit)` returns the `FileType` found or raises
`Refused` with a message for the person who uploaded it. The file's name and
the browser's claim are never trusted:

* PDF, PNG and JPEG are told by their first bytes;
* DOCX, PPTX, XLSX (OOXML) and ODT, ODP (ODF) are zip files: the archive must
  open, hold the parts that make it that type, and stay small once unpacked
  (`MAX_UNPACKED`, `MAX_RATIO`, `MAX_MEMBERS`: the zip-bomb guard, read from
  the archive's directory, nothing is unpacked);
* everything else (HTML, SVG, scripts, empty files, files over the limit) is
  refused.

A name whose extension names another allowed type is refused too, so that a
person who picked the wrong file learns it at once.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext_lazy as _

from common.files import checked_size, human_size

MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 5000


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str  # what the page shows: "PDF", "PowerPoint"…
    inline: bool = False  # shown in the browser rather than saved


PDF = FileType("pdf", "application/pdf", "PDF", inline=True)
PNG = FileType("png", "image/png", "PNG", inline=True)
JPEG = FileType("jpg", "image/jpeg", "JPEG", inline=True)
DOCX = FileType(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"
)
PPTX = FileType(
    "pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
)
XLSX = FileType(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
)
ODT = FileType("odt", "application/vnd.oasis.opendocument.text", "OpenDocument text")
ODP = FileType("odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument slides")

TYPES = (PDF, PNG, JPEG, DOCX, PPTX, XLSX, ODT, ODP)
EXTENSIONS = {t.extension: t for t in TYPES} | {"jpeg": JPEG}
BY_CONTENT_TYPE = {t.content_type: t for t in TYPES}
ACCEPT = ",".join(sorted({f".{e}" for e in EXTENSIONS} | {t.content_type for t in TYPES}))

_OOXML_PARTS = {"word/document.xml": DOCX, "ppt/presentation.xml": PPTX, "xl/workbook.xml": XLSX}
_ODF_TYPES = {ODT.content_type: ODT, ODP.content_type: ODP}


class Refused(ValueError):
    """The upload is not taken; str() is the message for the person."""


def inspect(fileobj: IO[bytes], name: str, limit: int) -> FileType:
    checked_size(
        fileobj,
        limit,
        empty=_("The file is empty."),
        too_big=_("The file is %(size)s; the limit is %(limit)s."),
        refused=Refused,
    )
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    found = _by_content(fileobj, head)
    if found is None:
        raise Refused(
            _(
                "This file is not a PDF, Word, PowerPoint, Excel, OpenDocument, PNG or JPEG "
                "file (whatever its name says), so it cannot be offered for download."
            )
        )
    claimed = EXTENSIONS.get(name.rsplit(".", 1)[-1].lower()) if "." in name else None
    if claimed is not None and claimed != found:
        raise Refused(
            _("The file is called “.%(claimed)s” but it is a %(found)s file.")
            % {"claimed": name.rsplit(".", 1)[-1], "found": found.label}
        )
    return found


def _by_content(fileobj: IO[bytes], head: bytes) -> FileType | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(fileobj)
    return None


def _zip_type(fileobj: IO[bytes]) -> FileType | None:
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise Refused(_("The file looks like an office document but is damaged.")) from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise Refused(_("The document holds too many parts to be a real office file."))
        unpacked = sum(m.file_size for m in members)
        packed = max(1, sum(m.compress_size for m in members))
        if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
            raise Refused(
                _("The document would unpack to %(size)s: refused as a possible zip bomb.")
                % {"size": human_size(unpacked)}
            )
        names = {m.filename for m in members}
        if any(n.startswith("/") or ".." in n.split("/") for n in names):
            raise Refused(_("The document's parts have unsafe names."))
        if "[Content_Types].xml" in names:
            for part, file_type in _OOXML_PARTS.items():
                if part in names:
                    return file_type
            return None
        if members and members[0].filename == "mimetype":
            declared = archive.read(members[0])[:100].decode("ascii", "replace").strip()
            return _ODF_TYPES.get(declared)
    return None
