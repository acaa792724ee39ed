"""The values of a ledger once read: each file as an immutable Entry, and the Ledger of them all."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from pkledger.format.catalogue import adjustable, is_error, to_problem
from pkledger.format.kinds import FOLDERS, is_yaml
from pkledger.problems import FieldPath, Finding, Problem
from pkledger.yaml.document import Document, Position

if TYPE_CHECKING:
    from pkledger.format.models import CapabilityGap, Conference, LedgerSettings, Pledge, Record

R = TypeVar("R", bound="Record")


@dataclass(frozen=True, slots=True)
class LedgerFile:
    """A file found in a ledger folder, before it is read."""

    path: Path
    kind: str
    """Its record folder (pkledger.format.kinds), "ledger" for ledger.yaml, or "" for YAML lying
    outside the record folders."""
    display: str
    """Its path as the user should see it in problems."""
    refused: str | None = None
    """What it is when it is a symbolic link, a named pipe or a device ("a symbolic link"): such a
    file is reported as an error and never opened."""

    @property
    def is_record(self) -> bool:
        """Whether it is a YAML file in a record folder, which should hold one record."""
        return self.kind in FOLDERS and is_yaml(self.path)

    @property
    def key(self) -> str:
        """Its name within the ledger, e.g. pledges/2021-seoul-KOR-001.yaml."""
        return f"{self.kind}/{self.path.name}"


@dataclass(frozen=True, slots=True, eq=False)
class Entry:
    """One file of the ledger, read once: what it says, its record, and its findings placed in it."""

    file: LedgerFile
    document: Document | None = None
    """The file's data, with the positions of the fields that rules across files point at; None
    when the file could not be parsed into a mapping."""
    record: Record | LedgerSettings | None = None
    """The validated record (the settings, for ledger.yaml); None when the file has errors."""
    findings: tuple[Finding, ...] = ()
    """Every finding, each with its position in the file where it has one."""
    parsed: int | None = None
    """When the record was validated, how many of the findings (the first ones) came from parsing
    the file; the others came from its data, and so are the same for any file with the same data
    (pkledger.ledger.across). None when it was not validated."""

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def kind(self) -> str:
        return self.file.kind

    @property
    def display(self) -> str:
        return self.file.display

    @property
    def data(self) -> dict[str, Any] | None:
        """What the file says, as plain data; None if it could not be parsed."""
        return self.document.data if self.document is not None else None

    @property
    def declared_id(self) -> str | None:
        """The id the file declares, even when the record is not valid (ledger.yaml declares none)."""
        if self.file.kind not in FOLDERS:
            return None
        record = self.record
        if record is not None:  # only a record file has one: checked first, asked for every file often
            return getattr(record, "id", None)
        if not is_yaml(self.path):
            return None
        declared = self.document.data.get("id") if self.document is not None else None
        return declared if isinstance(declared, str) else None

    def with_findings(self, found: Iterable[Finding]) -> Entry:
        """A new entry with more findings, placed in this file; this one does not change."""
        document = self.document
        placed = tuple(document.place(finding) if document is not None else finding for finding in found)
        return replace(self, findings=self.findings + placed)

    def problems(self) -> Iterator[Problem]:
        """The findings as problems; a portability warning is left out where the value has an error."""
        errors = {finding.path for finding in self.findings if is_error(finding)}
        for finding in self.findings:
            if finding.name == "ambiguous-value" and finding.path in errors:
                continue
            yield to_problem(finding, self.display, finding.at)


class Outcome(NamedTuple):
    """What reading one file produced, as plain values: cheap to send between processes and to keep
    in the cache (pkledger.ledger.cache_outcomes)."""

    data: dict[str, Any] | None
    positions: dict[FieldPath, Position]
    findings: tuple[Finding, ...]
    valid: bool
    """Whether the data is a valid record (validated again into a model where it is taken in)."""
    parsed: int | None = None
    """As ``Entry.parsed``."""

    @classmethod
    def of(cls, entry: Entry) -> Outcome:
        """The outcome of an entry as read, before the rules across files add their findings."""
        document = entry.document
        if document is None:
            return cls(None, {}, entry.findings, False, entry.parsed)
        return cls(document.data, document.values, entry.findings, entry.record is not None, entry.parsed)

    def of_data(self) -> tuple[Finding, ...] | None:
        """The findings that came from the file's data, not yet placed; None when not known."""
        if self.parsed is None:
            return None
        return tuple(replace(finding, at=None) for finding in self.findings[self.parsed :])


@dataclass(frozen=True)
class Ledger:
    """All entries of a ledger folder, with the valid records by kind and id."""

    root: Path
    entries: tuple[Entry, ...]
    ignored: tuple[Entry, ...] = ()
    """The files the settings' ignore patterns leave out: not part of the ledger, but read on their
    own, so that the errors no setting can silence (unreadable or invalid records) are reported."""

    def records(self, model: type[R]) -> dict[str, R]:
        return {record.id: record for entry in self.entries if isinstance(record := entry.record, model)}

    @functools.cached_property
    def settings(self) -> LedgerSettings | None:
        """What ledger.yaml says; None when it has errors (or in a ledger built in memory)."""
        from pkledger.format.models import LedgerSettings

        return next((r for entry in self.entries if isinstance(r := entry.record, LedgerSettings)), None)

    @functools.cached_property
    def conferences(self) -> dict[str, Conference]:
        from pkledger.format.models import Conference

        return self.records(Conference)

    @functools.cached_property
    def pledges(self) -> dict[str, Pledge]:
        from pkledger.format.models import Pledge

        return self.records(Pledge)

    @functools.cached_property
    def gaps(self) -> dict[str, CapabilityGap]:
        from pkledger.format.models import CapabilityGap

        return self.records(CapabilityGap)

    def reported(self) -> Iterator[tuple[Entry, list[Problem]]]:
        """Each entry with the problems reported on it: all of them for the ledger's files, and for
        an ignored file those no setting can silence (ignored files without any are left out)."""
        for entry in self.entries:
            yield entry, list(entry.problems())
        for entry in self.ignored:
            kept = [problem for problem in entry.problems() if not adjustable(problem.code)]
            if kept:
                yield entry, kept

    def problems(self) -> list[Problem]:
        found = [problem for _, problems in self.reported() for problem in problems]
        return sorted(found, key=Problem.sort_key)

    def invalid_files(self) -> list[str]:
        """Display paths of record files whose record could not be read or validated."""
        return [entry.display for entry in self.entries if entry.file.is_record and entry.record is None]
