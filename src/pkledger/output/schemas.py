"""`pkledger schema`: the JSON Schema files of the record kinds, written only where they changed."""

from __future__ import annotations

import json
from pathlib import Path

from pkledger.files import write_atomic
from pkledger.format.kinds import SCHEMA_KINDS
from pkledger.format.schema import record_schema


def render_schema(folder: str) -> str:
    """The JSON Schema of a record kind, as the file holds it."""
    return json.dumps(record_schema(folder), indent=2, ensure_ascii=False) + "\n"


def write_schemas(out: Path, *, check: bool = False) -> list[Path]:
    """Write the schemas that differ from what is in ``out`` (none with ``check``); return those paths."""
    changed = []
    for kind in SCHEMA_KINDS:
        path = out / kind.schema_file
        content = render_schema(kind.folder)
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == content:
            continue
        changed.append(path)
        if not check:
            write_atomic(path, content)
    return changed
