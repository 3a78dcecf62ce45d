"""Reading JSON-LD as its readers do: `{"@id": …}` references resolved within the block."""

from __future__ import annotations


def full_nodes(data) -> list[dict]:
    """Every node that carries an @id and more than it."""
    found = []
    if isinstance(data, dict):
        if "@id" in data and len(data) > 1:
            found.append(data)
        for value in data.values():
            found += full_nodes(value)
    elif isinstance(data, list):
        for value in data:
            found += full_nodes(value)
    return found


def references(data) -> list[str]:
    """The @id of every bare `{"@id": …}` reference, in document order."""
    if isinstance(data, dict):
        if set(data) == {"@id"}:
            return [data["@id"]]
        return [ref for value in data.values() for ref in references(value)]
    if isinstance(data, list):
        return [ref for value in data for ref in references(value)]
    return []


def resolved(data):
    nodes = {node["@id"]: node for node in full_nodes(data)}

    def resolve(value):
        if isinstance(value, dict):
            if set(value) == {"@id"}:
                return resolve(nodes[value["@id"]])  # a KeyError: a dangling reference
            return {k: resolve(v) for k, v in value.items()}
        if isinstance(value, list):
            return [resolve(v) for v in value]
        return value

    return resolve(data)
