"""JSON Schemas (draft 2020-12) of the record kinds, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pkledger.files import write_atomic
from pkledger.format.models import RECORD_KINDS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FILES = {"conferences": "conference", "pledges": "pledge", "gaps": "gap"}

# Rules across fields that JSON Schema can state, so editors flag them too.
CONDITIONAL_RULES: dict[str, list[dict[str, Any]]] = {
    "conferences": [
        {
            "if": {"properties": {"kind": {"enum": ["preparatory", "side_event"]}}},
            "then": {"required": ["parent"]},
        }
    ],
    "pledges": [
        {
            "if": {"properties": {"category": {"const": "uniformed_unit"}}},
            "then": {"required": ["capability", "quantity"]},
        },
        {
            "if": {"properties": {"category": {"const": "individual_personnel"}}},
            "then": {"required": ["capability"]},
        },
        {
            "if": {"properties": {"category": {"const": "financial"}}},
            "then": {"required": ["money"]},
        },
    ],
}


def schema_file_name(kind: str) -> str:
    return f"{SCHEMA_FILES[kind]}.schema.json"


def record_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one record kind."""
    generated = RECORD_KINDS[kind].model_json_schema(mode="validation")
    schema: dict[str, Any] = {"$schema": DIALECT, **generated}
    schema["properties"] = _shared_fields_last(schema["properties"])
    for definition in [schema, *schema.get("$defs", {}).values()]:
        _allow_empty_optional_collections(definition)
    if kind in CONDITIONAL_RULES:
        schema["allOf"] = CONDITIONAL_RULES[kind]
    return schema


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


def render_schema(kind: str) -> str:
    return json.dumps(record_schema(kind), indent=2, ensure_ascii=False) + "\n"


def write_schemas(out: Path, *, check: bool = False) -> list[Path]:
    """Write the schemas that differ from what is in ``out``; return those paths."""
    changed = []
    for kind in RECORD_KINDS:
        path = out / schema_file_name(kind)
        content = render_schema(kind)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == content:
            continue
        changed.append(path)
        if not check:
            write_atomic(path, content)
    return changed
