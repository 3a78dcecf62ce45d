"""Shared pieces of the reliability tests: the hostile strings, and a tally of how
much each test tried, printed at the end of the run (`pytest -q` shows it too)."""

from __future__ import annotations

from collections import Counter

# What is typed into forms and fields: markup and script, template syntax, SQL,
# calendar syntax and line breaks, control characters (NUL included),
# right-to-left and zero-width marks, emoji, and a very long text.
LONG = "Ωmega " * 1666 + "Ωmega"  # 10 000 characters
HOSTILE = {
    "script": "<script>alert('xss')</script>",
    "img onerror": '"><img src=x onerror=alert(1) id=xss-img>',
    "javascript url": '<a href="javascript:alert(1)" id=xss-a>click</a>',
    "close script": "</script><script id=xss-script>alert(1)</script><!--",
    "attribute break": "' onmouseover='alert(1)' x='",
    "template": "{{ 7|add:7 }} {% now 'Y' %}",
    "sql": "Robert'); DROP TABLE agenda_event;--",
    "ics injection": "Talk\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\r\nEND:VEVENT",
    "ics specials": 'a;b,c\\d:e "quoted" ^caret',
    "newlines": "line one\nline two\r\nline three\rline four",
    "nul": "before\x00after",
    "controls": "bell\x07 esc\x1b[31m del\x7f vt\x0b ff\x0c",
    "rtl": "\u202egnp.exe مؤتمر عن الهجرة \u200f",
    "zero width": "Zero\u200bwidth\u200d joiner\ufeff",
    "emoji": "Panel 👩‍👩‍👧‍👦 🇦🇹 🎉",
    "diacritics": "Jørgen Carling, Zoë Ünal, Łódź",
    "unicode lines": "para\u2028line\u2029para\x85next",
    "long": LONG,
}

_tallies: Counter = Counter()


def tally(what: str, count: int = 1) -> None:
    """Count something tried (examples, requests, cases) under a readable name."""
    _tallies[what] += count


def report(terminalreporter) -> None:
    if not _tallies:
        return
    terminalreporter.section("reliability: how much was tried")
    for what, count in sorted(_tallies.items()):
        terminalreporter.write_line(f"{count:>8}  {what}")
