"""File names: what a download is called, and the unguessable name it is stored under.

`download_name()` keeps letters of every script (NFC), digits, spaces and
``-_.()``, drops paths (``../``, backslashes), NUL and other control
characters, and ends with the extension of the type found in the content.
`stored_name()` never reuses anything from the upload: a random token.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

MAX_STEM = 100
_UNSAFE = re.compile(r"[^\w\s().-]", re.UNICODE)
_SPACES = re.compile(r"\s+")


def download_name(uploaded: str, extension: str, fallback: str = "document") -> str:
    name = unicodedata.normalize("NFC", uploaded or "")
    name = re.split(r"[\\/]", name)[-1]  # no directories, whatever the client's system
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = _SPACES.sub(" ", _UNSAFE.sub("", stem)).strip(" .-")[:MAX_STEM].strip(" .-")
    return f"{stem or fallback}.{extension}"


def stored_name(extension: str) -> str:
    return f"{secrets.token_urlsafe(24)}.{extension}"
