"""agenda/conference.py's writers give the bytes of the standard library's."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agenda import conference
from agenda.models import Event
from tests.support.builders import load_seed


def _reference(document) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode() + b"\n"


TEXTS = st.text(st.characters(codec="utf-8"))
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXTS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(TEXTS, inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(document=VALUES)
def test_json_bytes_are_json_dumps_bytes(document):
    assert conference.json_bytes(document) == _reference(document)


@pytest.mark.parametrize(
    "document",
    [{}, [], {"a": [], "b": {}}, {"x": 1.5, "y": [float("inf")]}, {1: "int key"}, "a", 7],
)
def test_json_bytes_leaves_what_it_does_not_write_to_json(document):
    assert conference.json_bytes(document) == _reference(document)


@pytest.mark.django_db
def test_json_bytes_of_a_schedule():
    event = Event.objects.with_agenda(public=True).get(pk=load_seed().pk)
    document = conference.schedule_json(event, base_url="http://testserver")
    assert conference.json_bytes(document) == _reference(document)


def _element_tree_bytes(root) -> bytes:
    root = copy.deepcopy(root)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


XML_TEXTS = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(["", " ", "\n  ", "&<>\"'\r\n\t", "a & b", "  x  "]),
)
TAGS = st.sampled_from(["schedule", "day", "room", "event", "person", "links"])
ATTRIBUTES = st.dictionaries(
    st.sampled_from(["guid", "id", "name", "href"]), st.text(st.characters(codec="utf-8"))
)


@st.composite
def trees(draw, depth=0):
    element = ET.Element(draw(TAGS), draw(ATTRIBUTES))
    element.text = draw(XML_TEXTS)
    element.tail = draw(XML_TEXTS) if depth else None
    if depth < 3:
        for _ in range(draw(st.integers(0, 3))):
            element.append(draw(trees(depth + 1)))
    return element


@settings(max_examples=300, deadline=None)
@given(root=trees())
def test_xml_bytes_are_element_trees_indented_bytes(root):
    assert conference.xml_bytes(root) == _element_tree_bytes(root)


@pytest.mark.django_db
def test_xml_bytes_of_a_schedule():
    event = Event.objects.with_agenda(public=True).get(pk=load_seed().pk)
    written = conference.schedule_xml(event, base_url="http://testserver")
    assert b"<event " in written
    root = ET.fromstring(written)
    assert conference.xml_bytes(root) == _element_tree_bytes(root) == written
