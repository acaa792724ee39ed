"""JSON Schemas (draft 2020-12) of the record kinds, generated from the models."""

from __future__ import annotations

from typing import Any

from pkledger.format.conditions import CONDITIONS, RequiredWhen
from pkledger.format.kinds import kind_of

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def record_schema(folder: str) -> dict[str, Any]:
    """The JSON Schema of the records a ledger folder holds."""
    generated = kind_of(folder).model.model_json_schema(mode="validation")
    schema: dict[str, Any] = {"$schema": DIALECT, **generated}
    schema["properties"] = _shared_fields_last(schema["properties"])
    for definition in [schema, *schema.get("$defs", {}).values()]:
        _allow_empty_optional_collections(definition)
    if folder in CONDITIONS:
        schema["allOf"] = conditional_rules(CONDITIONS[folder])
    return schema


def conditional_rules(conditions: tuple[RequiredWhen, ...]) -> list[dict[str, Any]]:
    """``if``/``then`` rules: for each set of values of the deciding field, the fields they require."""
    by_value: dict[tuple[str, str], list[str]] = {}
    for condition in conditions:
        for value in condition.values:
            by_value.setdefault((condition.deciding, value), []).append(condition.field)
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for (deciding, value), names in by_value.items():
        groups.setdefault((deciding, tuple(names)), []).append(value)
    return [
        {
            "if": {"properties": {deciding: {"const": values[0]} if len(values) == 1 else {"enum": values}}},
            "then": {"required": list(names)},
        }
        for (deciding, names), values in groups.items()
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
