"""common/admin_languages.py: each translated text and its translations on one line."""

import pytest

from common.admin_languages import label, side_by_side

TEXTS = {"title", "theme"}


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (["title", "slug"], [("title", "title_fr", "title_es"), "slug"]),
        # A line of several fields keeps its other fields beside the languages.
        ([("title", "status"), "slug"], [("title", "title_fr", "title_es", "status"), "slug"]),
        # The admin's default lists every column apart: they go on the text's line.
        (
            ["title", "title_en", "title_fr", "title_es", "slug"],
            [("title", "title_fr", "title_es"), "slug"],
        ),
        # A column listed without its text stays where it is.
        (["theme_fr", "slug"], ["theme_fr", "slug"]),
        # Already side by side: unchanged.
        ([("title", "title_fr", "title_es"), "slug"], [("title", "title_fr", "title_es"), "slug"]),
        (["slug", "status"], ["slug", "status"]),
    ],
)
def test_side_by_side(fields, expected):
    assert side_by_side(fields, TEXTS) == expected


def test_labels_say_the_language_in_words():
    assert label("title", "fr") == "Title (French)"
    assert label("presentation title", "es") == "Presentation title (Spanish)"
    assert label("title", "en") == "Title (English)"
