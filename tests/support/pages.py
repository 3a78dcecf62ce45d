"""Reading a page as an attendee does: its text without the markup."""

import html
import re

INLINE_TAGS = re.compile(r"</?(?:a|abbr|b|cite|code|em|i|q|span|strong|sub|sup|time)\b[^>]*>")


def page_text(response) -> str:
    """The page's text as read: inline tags vanish, block tags separate words."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", INLINE_TAGS.sub("", body))
    return re.sub(r"\s+", " ", html.unescape(text))
