"""Visible text in a Django template that no translation tag covers.

Every template token that is not plain text ({{ var }}, {% tag %}, comments) and
everything between {% blocktranslate %} and {% endblocktranslate %} (or
{% comment %} and {% endcomment %}, or a `{% block *_class %}` that fills a class
attribute) becomes a
placeholder; what is left is parsed as HTML, and each text node or visible
attribute (aria-label, title, alt, placeholder) that still holds letters is
reported. Script and style contents are not visible text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.template.base import Lexer, TokenType

PLACEHOLDER = "\x00"
VISIBLE_ATTRIBUTES = {"aria-label", "title", "alt", "placeholder", "aria-description"}
# Names that are the same in every language (products, file names, the site's name).
PROPER_NAMES = re.compile(
    r"eventsite|OpenStreetMap|Google Calendar|Outlook|webcal|schedule\.(?:xml|json)|\.ics|UTC|METHOD|SEQUENCE"
)
LETTERS = re.compile(r"[^\W\d_]{2,}")


def _without_tags(source: str) -> str:
    out: list[str] = []
    depth = 0
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = token.contents.split()[0] if token.contents else ""
            words = token.contents.split()
            if name in ("blocktranslate", "blocktrans", "comment") or (
                name == "block" and len(words) > 1 and words[1].endswith("_class")
            ):
                depth += 1
            elif depth and name in ("endblocktranslate", "endblocktrans", "endcomment", "endblock"):
                depth -= 1
            out.append(PLACEHOLDER)
        elif token.token_type == TokenType.TEXT and depth == 0:
            out.append(token.contents)
        else:
            out.append(PLACEHOLDER)
    # A tag that writes attributes (`<em{% text_lang … %}>`) stays a tag to the HTML
    # parser, not the text "<em".
    return re.sub(r"<(\w+)" + PLACEHOLDER, "<\\1 " + PLACEHOLDER, "".join(out))


def _has_words(text: str) -> bool:
    text = PROPER_NAMES.sub(" ", text.replace(PLACEHOLDER, " "))
    return bool(LETTERS.search(text))


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in VISIBLE_ATTRIBUTES and value and _has_words(value):
                self.found.append(f'{name}="{value.replace(PLACEHOLDER, "…")}"')

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and _has_words(data):
            self.found.append(data.strip().replace(PLACEHOLDER, "…"))


def untranslated_text(source: str) -> list[str]:
    """The visible pieces of text in `source` outside any translation tag."""
    collector = _Collector()
    collector.feed(_without_tags(source))
    collector.close()
    return collector.found
