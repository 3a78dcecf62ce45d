"""Content lines as bytes: RFC 5545 folding and TEXT escaping, no Django.

`icalendar` stays the reference: `fold()` gives the same bytes as its folding
(at most 74 octets a line before the fold's CR LF and space, never inside a
UTF-8 character, and never right after a backslash or a caret, so that an
escape is not split), and `serialise()` writes a component exactly as
`Component.to_ical()` does, only faster. `tests/agenda/ical/test_writer.py`
holds both to icalendar's output and parses the results back with it.
"""

from __future__ import annotations

from typing import Protocol

LIMIT = 75  # a line is folded before it reaches this many octets
_FOLD = b"\r\n "
_BACKSLASH, _CARET = ord("\\"), ord("^")


class _Component(Protocol):
    def property_items(self) -> list[tuple[str, object]]: ...

    def content_line(self, name: str, value: object) -> str: ...


def escape_text(value: str) -> str:
    """TEXT escaped as RFC 5545 3.3.11 says and no more: backslash, semicolon,
    comma, and a line break as `\\n`."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line (no line break in it) as UTF-8, folded."""
    data = line.encode("utf-8")
    size = len(data)
    if size < LIMIT:
        return data
    chunks = []
    start = 0
    while size - start >= LIMIT:
        end = start + LIMIT - 1
        while 0x80 <= data[end] < 0xC0:  # inside a UTF-8 character: fold before it
            end -= 1
        if data[end - 1] in (_BACKSLASH, _CARET):  # keep an escape with what it escapes
            end -= 1
        chunks.append(data[start:end])
        start = end
    chunks.append(data[start:])
    return _FOLD.join(chunks)


def lines(content_lines: list[str]) -> bytes:
    """Content lines, each folded and ended by CR LF."""
    return b"".join(fold(line) + b"\r\n" for line in content_lines)


def serialise(component: _Component) -> bytes:
    """What `component.to_ical()` gives, with its subcomponents."""
    return lines([component.content_line(n, v) for n, v in component.property_items()])
