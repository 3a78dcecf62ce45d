"""agenda.hooks: page blocks by place, in registration order, and unknown places refused."""

import pytest

from agenda import hooks


@pytest.fixture
def clean_blocks(monkeypatch):
    monkeypatch.setattr(hooks, "_page_blocks", [])


def test_blocks_are_given_by_place(clean_blocks):
    hooks.event_page_block("a/_side.html")
    hooks.event_page_block("b/_top.html", context=lambda request, event: {"n": 1}, place="top")
    hooks.event_page_block("c/_main.html", place="main")
    assert [b.template_name for b in hooks.page_blocks(None, None)] == ["a/_side.html"]
    (top,) = hooks.page_blocks(None, None, place="top")
    assert (top.template_name, top.context) == ("b/_top.html", {"n": 1})
    assert [b.template_name for b in hooks.page_blocks(None, None, place="main")] == [
        "c/_main.html"
    ]


def test_an_unknown_place_is_refused(clean_blocks):
    with pytest.raises(ValueError, match="place must be one of"):
        hooks.event_page_block("x.html", place="footer")
