"""schedule.xml (frab) and schedule.json (c3voc) read against the schemas copied from
../shared/schemas/ into tests/schemas/: a document that does not fit fails the test."""

import json
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import jsonschema
import xmlschema

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"


@cache
def xml_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd"))


@cache
def json_validator():
    schema = json.loads((SCHEMAS / "schedule.json.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def valid_xml(body: bytes) -> ET.Element:
    xml_schema().validate(body.decode("utf-8"))
    return ET.fromstring(body)


def valid_json(body: bytes) -> dict:
    document = json.loads(body)
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in json_validator().iter_errors(document)
    ]
    assert not errors, errors
    return document
