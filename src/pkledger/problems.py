"""Problems are data: what is wrong, where, and what to do about it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Problem:
    """One diagnostic about one file, with its location and a hint."""

    file: str
    line: int | None
    column: int | None
    path: str
    code: str
    severity: Severity
    message: str
    hint: str | None = None
    end_column: int | None = field(default=None, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def with_severity(self, severity: Severity) -> Problem:
        return replace(self, severity=severity)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line or 0, self.column or 0, self.code, self.path)


def format_field_path(path: FieldPath) -> str:
    """Render ``("partners", 1, "actor")`` as ``partners[1].actor``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts for the end of a report."""

    files: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, files: int, problems: Iterable[Problem]) -> Summary:
        errors = warnings = 0
        for problem in problems:
            if problem.is_error:
                errors += 1
            else:
                warnings += 1
        return cls(files=files, errors=errors, warnings=warnings)


class Span(NamedTuple):
    """Where a node sits in its file: 1-based line and column, and where it ends.

    A named tuple, so that the loader can record plain tuples on its hot path.
    """

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem before it is tied to a file: a catalogue name, a field path and words.

    The location comes from ``at`` when given, else from the field path looked up in the
    file's positions (the key itself when ``on_key`` is set).
    """

    name: str
    path: FieldPath
    message: str
    hint: str | None = None
    at: Span | None = None
    on_key: bool = False
