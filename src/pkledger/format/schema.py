"""JSON Schemas (draft 2020-12) of the record kinds, generated from the models."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pkledger.format.kinds import kind_of
from pkledger.format.models.conference import NEEDS_PARENT
from pkledger.format.models.pledge import REQUIRED_BY_CATEGORY

DIALECT = "https://json-schema.org/draft/2020-12/schema"
REQUIRED_WHEN: dict[str, tuple[str, Mapping[str, Sequence[str]]]] = {
    "conferences": ("kind", {"parent": NEEDS_PARENT}),
    "pledges": ("category", REQUIRED_BY_CATEGORY),
}
"""Optional fields that a value of another field makes required: rules JSON Schema can state, so
that editors flag them too."""


def record_schema(folder: str) -> dict[str, Any]:
    """The JSON Schema of the records a ledger folder holds."""
    generated = kind_of(folder).model.model_json_schema(mode="validation")
    schema: dict[str, Any] = {"$schema": DIALECT, **generated}
    schema["properties"] = _shared_fields_last(schema["properties"])
    for definition in [schema, *schema.get("$defs", {}).values()]:
        _allow_empty_optional_collections(definition)
    if folder in REQUIRED_WHEN:
        schema["allOf"] = conditional_rules(*REQUIRED_WHEN[folder])
    return schema


def conditional_rules(deciding: str, required: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    """``if``/``then`` rules: for each set of values of ``deciding``, the fields they require."""
    by_value: dict[str, list[str]] = {}
    for name, values in required.items():
        for value in values:
            by_value.setdefault(value, []).append(name)
    groups: dict[tuple[str, ...], list[str]] = {}
    for value, names in by_value.items():
        groups.setdefault(tuple(names), []).append(value)
    return [
        {
            "if": {"properties": {deciding: {"const": values[0]} if len(values) == 1 else {"enum": values}}},
            "then": {"required": list(names)},
        }
        for names, values in groups.items()
    ]


def _shared_fields_last(properties: dict[str, Any]) -> dict[str, Any]:
    """Put id first and the fields every record shares (sources, provenance, notes) last."""
    shared = ("sources", "provenance", "notes")
    own = {name: value for name, value in properties.items() if name not in shared}
    return own | {name: properties[name] for name in shared if name in properties}


_METADATA = ("title", "description", "default")


def _allow_empty_optional_collections(definition: dict[str, Any]) -> None:
    """An optional list or mapping may be written with an empty value (`missions:`), as the models allow."""
    required = set(definition.get("required", []))
    for name, prop in definition.get("properties", {}).items():
        if name in required or prop.get("type") not in ("array", "object"):
            continue
        shape = {key: value for key, value in prop.items() if key not in _METADATA}
        metadata = {key: value for key, value in prop.items() if key in _METADATA}
        definition["properties"][name] = {**metadata, "anyOf": [shape, {"type": "null"}]}
