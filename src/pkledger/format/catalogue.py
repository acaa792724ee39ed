"""The diagnostics catalogue: stable codes, severities and guidance, read from diagnostics.yaml
(docs/diagnostics.md is generated from it)."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from pkledger.problems import Finding, Problem, Severity, Span, format_field_path

GROUPS = {
    "file": "Reading the file",
    "field": "Field values",
    "record": "Rules within one record",
    "quality": "Quality of a pledge (the concept note's criteria)",
    "ledger": "Rules across files",
    "run": "The run as a whole",
}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One entry of the catalogue."""

    code: str
    name: str
    group: str
    severity: Severity
    title: str
    guidance: str
    optional: bool = False
    """An error that settings may lower or turn off (warnings always may): it leaves the record
    readable and valid, so no record vanishes from a pack when it is silenced."""

    @property
    def adjustable(self) -> bool:
        """Whether settings (severity overrides, ignore patterns) may change or silence it."""
        return self.severity == "warning" or self.optional


@functools.cache
def catalogue() -> Mapping[str, Diagnostic]:
    """All diagnostics by name, in code order."""
    from pkledger.yaml.loader import parse_bytes  # PyYAML only when asked: the CLI imports this module

    content = (resources.files("pkledger.format") / "diagnostics.yaml").read_bytes()
    result = parse_bytes(content)
    if result.document is None or result.findings:
        raise RuntimeError("the packaged diagnostics catalogue is broken")
    entries = [Diagnostic(**entry) for entry in result.document.data["diagnostics"]]
    return {entry.name: entry for entry in sorted(entries, key=lambda entry: entry.code)}


def by_code_or_name(key: str) -> Diagnostic | None:
    """Find a diagnostic by its code (PKL302) or its name (no-timeframe)."""
    entries = catalogue()
    if key in entries:
        return entries[key]
    return _by_code().get(key.upper())


@functools.cache
def _by_code() -> Mapping[str, Diagnostic]:
    return {entry.code: entry for entry in catalogue().values()}


def adjustable(code: str) -> bool:
    """Whether settings may change or silence the diagnostic with this code (unknown codes: no)."""
    diagnostic = by_code_or_name(code)
    return diagnostic is not None and diagnostic.adjustable


def is_error(finding: Finding) -> bool:
    """Whether the catalogue makes a finding an error (not a warning)."""
    return catalogue()[finding.name].severity == "error"


def to_problem(finding: Finding, file: str, span: Span | None) -> Problem:
    """Tie a finding to a file and a location, with the code and severity from the catalogue."""
    diagnostic = catalogue()[finding.name]
    same_line = span is not None and span.end_line == span.line
    return Problem(
        file=file,
        line=span.line if span else None,
        column=span.column if span else None,
        path=format_field_path(finding.path),
        code=diagnostic.code,
        severity=diagnostic.severity,
        message=finding.message,
        hint=finding.hint,
        end_column=span.end_column if span and same_line else None,
    )
