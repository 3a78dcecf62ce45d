"""A person's photo, checked from its content and re-encoded: no models, no HTTP.

`prepare(fileobj, limit)` returns the `Photo` to store, or raises `PhotoRefused`
whose str() is the message for the person who sent it. Neither the file's name
nor the browser's claim is trusted:

* only PNG and JPEG, told by their first bytes: HTML or SVG named ``.png`` is refused;
* not empty, at most `limit` bytes;
* Pillow must decode the whole image, of at most `MAX_PIXELS` (a decompression
  bomb is refused before it is unpacked) and at least `MIN_SIDE` pixels a side;
* what is stored is Pillow's re-encoding, never the bytes sent: metadata (EXIF,
  GPS position) and anything hidden after the image are dropped, and the long
  side is brought down to `MAX_SIDE`.

`stored_name()` is the unguessable name under which it is kept: a random token,
nothing taken from the upload.
"""

from __future__ import annotations

import io
import secrets
import warnings
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from common.files import checked_size

DEFAULT_LIMIT = 5 * 1000 * 1000
MAX_PIXELS = 40_000_000
MIN_SIDE = 32
MAX_SIDE = 1200
_FORMATS = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
_EXTENSIONS = {"PNG": "png", "JPEG": "jpg"}


class PhotoRefused(ValueError):
    """The photo is not taken; str() is the message for the person."""


@dataclass(frozen=True)
class Photo:
    content: bytes
    extension: str  # png or jpg
    width: int
    height: int


def prepare(fileobj: IO[bytes], limit: int = DEFAULT_LIMIT) -> Photo:
    checked_size(
        fileobj,
        limit,
        empty=_("The photo file is empty."),
        too_big=_("The photo is %(size)s; the limit is %(limit)s."),
        refused=PhotoRefused,
    )
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    expected = next((f for magic, f in _FORMATS.items() if head.startswith(magic)), None)
    if expected is None:
        raise PhotoRefused(
            _("This file is not a PNG or JPEG image (whatever its name says): send a photo.")
        )
    image = _decoded(fileobj, expected)
    if min(image.size) < MIN_SIDE:
        raise PhotoRefused(
            _("The photo is too small: at least %(n)s pixels a side.") % {"n": MIN_SIDE}
        )
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    return _encoded(image, expected)


def stored_name(extension: str) -> str:
    return f"{secrets.token_urlsafe(24)}.{extension}"


def _decoded(fileobj: IO[bytes], expected: str) -> Image.Image:
    damaged = PhotoRefused(_("The photo could not be read: the file is damaged."))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(fileobj, formats=[expected]) as probe:
                if probe.width * probe.height > MAX_PIXELS:
                    raise PhotoRefused(_("The photo has too many pixels: send a smaller one."))
                probe.verify()  # the whole file, before anything is decoded for real
            fileobj.seek(0)
            image = Image.open(fileobj, formats=[expected])
            image.load()
    except PhotoRefused:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
        raise PhotoRefused(_("The photo has too many pixels: send a smaller one.")) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise damaged from error
    return image


def _encoded(image: Image.Image, kind: str) -> Photo:
    out = io.BytesIO()
    if kind == "JPEG":
        image.convert("RGB").save(out, "JPEG", quality=88, optimize=True)
    else:
        mode = "RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB"
        image.convert(mode).save(out, "PNG", optimize=True)
    return Photo(out.getvalue(), _EXTENSIONS[kind], image.width, image.height)
