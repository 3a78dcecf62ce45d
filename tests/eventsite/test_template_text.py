"""Markup lint: no visible text in a template outside a translation tag."""

from pathlib import Path

import pytest
from django.conf import settings

from tests.support.markup_text import untranslated_text

ROOT = Path(settings.BASE_DIR)
TEMPLATES = sorted(
    path
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]
    for path in folder.rglob("*.html")
)


def test_every_template_is_checked():
    assert len(TEMPLATES) > 30


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_visible_text_outside_translation_tags(path):
    assert untranslated_text(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("<p>Agenda</p>", ["Agenda"]),
        ('<p>{% translate "Agenda" %}</p>', []),
        ("<p>{% blocktranslate %}On {{ day }}{% endblocktranslate %}</p>", []),
        ('<img alt="Photo of {{ name }}" src="x">', ['alt="Photo of …"']),
        ("<a aria-label=\"{% translate 'Site' %}\">{{ title }}</a>", []),
        ("<script>var x = 'words here';</script>", []),
        ("{% comment %}A note for developers{% endcomment %}", []),
        ("{% block main_class %}run run-speaker{% endblock %}", []),
        ("<p>{% if a %}Register{% endif %} (.ics) eventsite</p>", ["…Register… (.ics) eventsite"]),
        ("<li>Google Calendar</li><li>12:30</li>", []),
        ('<em{% text_lang event "theme" %}>{{ event.theme }}</em>', []),
        ("<span{{ lang }}>Words</span>", ["Words"]),
    ],
)
def test_the_lint_finds_words_and_only_words(source, found):
    assert untranslated_text(source) == found
