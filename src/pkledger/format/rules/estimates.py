"""`estimated`: each path names a value the record has (a path that names nothing is an error)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from pkledger.format.kinds import label_of
from pkledger.format.models import Record
from pkledger.problems import FieldPath, Finding

_PART = re.compile(r"([a-z][a-z0-9_]*)|\[([0-9]+)\]")
QUANTITY_PARTS = frozenset({"value", "measure", "qualifier"})
"""The parts of a quantity's long form, which a whole number (the shorthand) has too."""
_QUANTITY_FIELDS = frozenset({"quantity", "units_pledged", "participating_states", "pledging_states"})


def parse_field_path(text: str) -> FieldPath:
    """`offers[0].quantity` as ("offers", 0, "quantity") (the path's form is checked by the model)."""
    return tuple(name if name else int(index) for name, index in _PART.findall(text))


def estimated_paths(record: Record) -> Iterator[Finding]:
    """Each `estimated` entry names a value of the record, once."""
    seen: set[str] = set()
    for index, estimate in enumerate(record.estimated):
        path = ("estimated", index, "field")
        if estimate.field in seen:
            yield Finding(
                "duplicate-item", path, f"{estimate.field} is listed twice", "remove the repetition"
            )
        seen.add(estimate.field)
        if not has_value(record, parse_field_path(estimate.field)):
            message = f"'{estimate.field}' names no value of this {label_of(type(record))}"
            hint = "write the path of a field the record has, as in offers[0].quantity or history[2].on (lists count from 0)"
            yield Finding("estimated-path-unknown", path, message, hint)


def has_value(record: BaseModel, path: FieldPath) -> bool:
    """Whether the record has a value at the path: a field present (or with a default), a list
    item that exists, or a part of a quantity written as a whole number."""
    current: Any = record
    previous: str | int | None = None
    for part in path:
        current = _step(current, part, previous)
        if current is None or (isinstance(current, list | dict) and not current):
            return False
        previous = part
    return path[:1] != ("estimated",)


def _step(current: Any, part: str | int, previous: str | int | None) -> Any:
    if isinstance(part, int):
        return current[part] if isinstance(current, list) and part < len(current) else None
    if isinstance(current, BaseModel):
        return getattr(current, part) if part in type(current).model_fields else None
    if type(current) is int and previous in _QUANTITY_FIELDS and part in QUANTITY_PARTS:
        return part  # the shorthand stands for the long form: it has a value, a measure, a qualifier
    return None
