"""A parsed record: its plain data and the position of every key and value."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any

from pkledger.problems import FieldPath, Finding, Span

Position = tuple[int, int, int, int]
"""(line, column, end line, end column), 1-based: a Span before it is needed as one."""
EVERY_ITEM = -1
"""In a path given to ``Document.keeping``: every item of the list at that point."""


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed record: its data and where each key and value sits in the file."""

    data: dict[str, Any]
    values: dict[FieldPath, Position] = field(default_factory=dict)
    """Where each value is: (line, column, end line, end column), 1-based; see ``locate``."""
    keys: dict[FieldPath, Position] = field(default_factory=dict)

    def locate(self, path: FieldPath, *, on_key: bool = False) -> Span | None:
        """The span of a field; for an absent field, the key of its nearest enclosing field."""
        if on_key and path in self.keys:
            return Span(*self.keys[path])
        if path in self.values:
            return Span(*self.values[path])
        while path:
            path = path[:-1]
            span = self.keys.get(path) or self.values.get(path)
            if span is not None:
                return Span(*span)
        return None

    def place(self, finding: Finding) -> Finding:
        """The finding with its span, looked up from its field path unless it already has one."""
        if finding.at is not None:
            return finding
        return replace(finding, at=self.locate(finding.path, on_key=finding.on_key))

    def keeping(self, fields: Collection[FieldPath]) -> Document:
        """The same data, with the positions of the given fields' values only (and their items').

        ``locate`` finds those values exactly as in the full document; keys, absent fields and
        other values are no longer found. Paths are shared between documents, to keep many small.
        """
        values: dict[FieldPath, Position] = {}
        for wanted in _expanded(fields, self.data):
            path, index = wanted, 0
            while path in self.values:  # the field, then the items of a list
                values[_PATHS.setdefault(path, path)] = self.values[path]
                path, index = (*wanted, index), index + 1
        return Document(self.data, values)


def _expanded(fields: Collection[FieldPath], data: Any) -> list[FieldPath]:
    """The paths, with ``EVERY_ITEM`` replaced by the index of each item the data has there."""
    found: list[FieldPath] = []
    for path in fields:
        if EVERY_ITEM not in path:
            found.append(path)
            continue
        at = path.index(EVERY_ITEM)
        items = _value_at(data, path[:at])
        if isinstance(items, list) and items:
            found += _expanded([(*path[:at], index, *path[at + 1 :]) for index in range(len(items))], data)
    return found


def _value_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


_PATHS: dict[FieldPath, FieldPath] = {}
"""One copy of each path kept, for all documents."""


def span_of_mark(mark: Any) -> Span:
    """The one character at a parser mark (0-based line and column)."""
    return Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)


@dataclass(slots=True)
class LoadResult:
    """A document when the file could be read as a record, and what was wrong with it."""

    document: Document | None
    findings: list[Finding]
