"""Organisers' texts (context, bios, summaries) as safe HTML or plain text.

Texts are Markdown (`*emphasis*`, blank-line paragraphs, lists, <http://…> links).
Whatever HTML the Markdown lets through is cleaned by nh3 against a short
allow-list, so a `<script>` or an `onerror=` typed into a bio never reaches a page.
"""

import html
import re

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

# No headings: a page has one h1 and its own heading outline.
ALLOWED_TAGS = {
    "p",
    "br",
    "em",
    "strong",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "q",
    "cite",
    "sup",
    "sub",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}
_HEADING_OPEN = re.compile(r"<h[1-6][^>]*>")
_HEADING_CLOSE = re.compile(r"</h[1-6]>")


def to_html(text: str) -> SafeString:
    """Markdown → sanitised HTML."""
    if not text:
        return mark_safe("")
    rendered = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    # A heading typed into a bio becomes a bold paragraph.
    rendered = _HEADING_CLOSE.sub("</strong></p>", _HEADING_OPEN.sub("<p><strong>", rendered))
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # safe: nh3 output is sanitised


def to_plain(text: str) -> str:
    """Markdown → plain text (for meta descriptions and JSON-LD), whitespace collapsed."""
    stripped = html.unescape(nh3.clean(str(to_html(text)), tags=set()))
    return " ".join(stripped.split())


def excerpt(text: str, limit: int = 200) -> str:
    """The first paragraph of a Markdown text as plain text, cut at a word boundary."""
    first = text.strip().split("\n\n", 1)[0] if text else ""
    return Truncator(to_plain(first)).chars(limit)
