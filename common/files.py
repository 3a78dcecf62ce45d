"""Size checks shared by every upload (documents, photos): no models, no HTTP.

`checked_size(fileobj, limit, empty=..., too_big=...)` returns the upload's size
in bytes, the file rewound, or raises `refused` (`SizeRefused` unless the caller
names its own exception class) whose str() is the caller's message: `empty` as
given, `too_big` formatted with ``%(size)s`` and ``%(limit)s`` as `human_size`
writes them. Each app keeps its wording; the
rule (nothing empty, nothing over the limit, measured from the file, never from
the browser's claim) has this one owner.
"""

from __future__ import annotations

from decimal import Decimal
from typing import IO

from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class SizeRefused(ValueError):
    """The upload is empty or too big; str() is the message for the person."""


def checked_size(
    fileobj: IO[bytes],
    limit: int,
    *,
    empty: str | Promise,
    too_big: str | Promise,
    refused: type[Exception] = SizeRefused,
) -> int:
    fileobj.seek(0, 2)
    size = fileobj.tell()
    fileobj.seek(0)
    if size == 0:
        raise refused(str(empty))
    if size > limit:
        raise refused(str(too_big) % {"size": human_size(size), "limit": human_size(limit)})
    return size


def human_size(size: int) -> str:
    """1.2 MB, 340 kB, 12 bytes (decimal units, as operating systems show), in the
    active language: "1,2 Mo" in French."""
    if size < 1000:
        return ngettext("%(n)d byte", "%(n)d bytes", size) % {"n": size}
    units = (
        (_("%(n)s GB"), 10**9),
        (_("%(n)s MB"), 10**6),
        # Translators: kilobytes.
        (_("%(n)s kB"), 10**3),
    )
    for unit, factor in units:
        if size >= factor:
            value = size / factor
            places = 1 if value < 10 else 0
            # Rounded as before, then written with the language's decimal mark
            # (number_format truncates a float).
            return unit % {"n": number_format(Decimal(f"{value:.{places}f}"), places)}
    raise AssertionError("unreachable")
