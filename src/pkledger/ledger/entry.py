"""The ledger: every record file of a data folder, loaded, validated and checked together."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pkledger.format.catalogue import catalogue, to_problem
from pkledger.problems import Finding, Problem, Span
from pkledger.suggest import did_you_mean
from pkledger.yaml.loader import Document, load_file, parse_bytes

if TYPE_CHECKING:
    from pkledger.format.models import CapabilityGap, Conference, Pledge, Record

# The record models (pydantic) are imported when a file is first validated, not at start-up: a
# run answered from the cache never needs them.
KIND_DIRS = ("conferences", "pledges", "gaps")
"""The record folders, in the order of pkledger.format.models.RECORD_KINDS (a test checks they agree)."""
YAML_SUFFIXES = (".yaml", ".yml")
R = TypeVar("R", bound="Record")


@dataclass
class Entry:
    """One file of the ledger: what was read from it and what is wrong with it."""

    path: Path
    kind: str
    display: str
    document: Document | None = None
    record: Record | None = None
    findings: list[Finding] = field(default_factory=list)
    raw_id: str | None = None
    """The declared id when the file was read elsewhere (another process, or the cache)."""

    @property
    def declared_id(self) -> str | None:
        """The id the file declares, even when the record is not valid."""
        if self.record is not None:
            return self.record.id
        raw = self.document.data.get("id") if self.document else self.raw_id
        return raw if isinstance(raw, str) else None

    def problems(self) -> Iterator[Problem]:
        """The findings as problems; a portability warning is left out where the value has an error."""
        errors = {finding.path for finding in self.findings if _is_error(finding)}
        for finding in self.findings:
            if finding.name == "ambiguous-value" and finding.path in errors:
                continue
            yield to_problem(finding, self.display, finding.at or self.locate(finding))

    def data(self) -> dict[str, Any] | None:
        """What the file says, as plain data (read again if it was not kept); None if unreadable."""
        if self.document is None and self.record is not None:
            self.document = load_file(self.path).document
        return self.document.data if self.document is not None else None

    def locate(self, finding: Finding) -> Span | None:
        """Where a finding is in the file (read again if it was read in another process)."""
        if self.record is not None and (self.document is None or not self.document.values):
            self.document = load_file(self.path).document
        if self.document is None:
            return None
        return self.document.locate(finding.path, on_key=finding.on_key)


@dataclass
class Ledger:
    """All entries of a ledger folder, with the valid records by kind and id."""

    root: Path
    entries: list[Entry]

    def records(self, kind: type[R]) -> dict[str, R]:
        return {record.id: record for entry in self.entries if isinstance(record := entry.record, kind)}

    @property
    def conferences(self) -> dict[str, Conference]:
        from pkledger.format.models import Conference

        return self.records(Conference)

    @property
    def pledges(self) -> dict[str, Pledge]:
        from pkledger.format.models import Pledge

        return self.records(Pledge)

    @property
    def gaps(self) -> dict[str, CapabilityGap]:
        from pkledger.format.models import CapabilityGap

        return self.records(CapabilityGap)

    def declared_ids(self, kind: str) -> set[str]:
        return {
            declared
            for entry in self.entries
            if entry.kind == kind and (declared := entry.declared_id) is not None
        }

    def problems(self) -> list[Problem]:
        found = [problem for entry in self.entries for problem in entry.problems()]
        return sorted(found, key=Problem.sort_key)


def is_ledger_root(path: Path) -> bool:
    """A ledger folder holds at least one of conferences/, pledges/ and gaps/."""
    return any((path / kind).is_dir() for kind in KIND_DIRS)


def absolute(path: Path) -> Path:
    """An absolute, normalised path that does not follow symbolic links (a link may be broken)."""
    return Path(os.path.abspath(path))  # noqa: PTH100 - Path.resolve() would follow links


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    try:
        return absolute(path).relative_to(absolute(Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()


def discover(root: Path) -> list[Entry]:
    """Every file in the ledger's record folders, in a stable order, and YAML files elsewhere in it.

    Entries of kind "" stand for YAML files (or folders holding them) that lie outside the record
    folders, so that a misspelt folder is reported instead of silently skipped.
    """
    entries = []
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or path.name in KIND_DIRS:
            continue
        if _is_yaml(path) or (path.is_dir() and any(map(_is_yaml, path.iterdir()))):
            entries.append(Entry(path=path, kind="", display=display_path(path)))
    for kind in KIND_DIRS:
        folder = root / kind
        if folder.is_dir():
            entries.extend(_folder_entries(folder, kind))
    return entries


def _folder_entries(folder: Path, kind: str) -> Iterator[Entry]:
    shown = display_path(folder)  # once per folder: display_path is slow for thousands of files
    with os.scandir(folder) as scan:
        items = sorted((item.name, _is_folder(item)) for item in scan if not item.name.startswith("."))
    for name, is_dir in items:
        path = folder / name
        if is_dir and not _is_yaml(path):
            if any(map(_is_yaml, path.iterdir())):
                yield Entry(path=path, kind="", display=f"{shown}/{name}")
            continue
        yield Entry(path=path, kind=kind, display=f"{shown}/{name}")


def _is_folder(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_dir()
    except OSError:  # a symbolic link loop: read as a file, and reported as unreadable
        return False


def _is_error(finding: Finding) -> bool:
    return catalogue()[finding.name].severity == "error"


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def _outside_record_folders(entry: Entry) -> Finding:
    if entry.path.is_dir():
        meant = did_you_mean(entry.path.name, KIND_DIRS)
        message = f"the folder '{entry.path.name}/' holds YAML files, but only conferences/, pledges/ and gaps/ are read"
        return Finding("not-in-a-record-folder", (), message, meant or "move the files into a record folder")
    message = "this YAML file is not in conferences/, pledges/ or gaps/, so it is not read"
    return Finding("not-in-a-record-folder", (), message, "move it into the folder for its kind of record")


def read_entry(entry: Entry, content: bytes | None = None, *, keep_data: bool = False) -> Entry:
    """Load, validate and check one file on its own (from ``content`` when given, else from disk).

    A valid file with no findings keeps no document (its positions are read again if a rule
    across files needs them), unless ``keep_data`` asks to keep the data the record came from.
    """
    if not entry.kind:
        entry.findings.append(_outside_record_folders(entry))
        return entry
    if not _is_yaml(entry.path):
        message = f"'{entry.path.name}' is not a .yaml or .yml file, so it is ignored"
        entry.findings.append(Finding("not-a-record-file", (), message, "move or rename it"))
        return entry
    loaded = load_file(entry.path) if content is None else parse_bytes(content)
    entry.document, entry.findings = loaded.document, list(loaded.findings)
    if loaded.document is None or any(_is_error(finding) for finding in loaded.findings):
        return entry
    from pkledger.format.models import RECORD_KINDS
    from pkledger.format.rules.record import check_record

    entry.record = _validate(RECORD_KINDS[entry.kind], loaded.document.data, entry.findings)
    if entry.record is not None:
        entry.findings.extend(check_record(entry.record))
        if not entry.findings:
            entry.document = Document(loaded.document.data) if keep_data else None
    return entry


def _validate(model: type[Record], data: dict[str, Any], findings: list[Finding]) -> Record | None:
    from pydantic import ValidationError

    from pkledger.format.pydantic_errors import findings_from_error

    try:
        return model.model_validate(data)
    except ValidationError as error:
        findings.extend(findings_from_error(error, model))
        return None


def select_entries(
    root: Path, *, shown_as: Path | None = None, ignore: Callable[[Path], bool] | None = None
) -> list[Entry]:
    """The files of a ledger folder to read, named as the user should see them.

    ``shown_as`` is the folder to name in problems when ``root`` is a temporary copy (a ledger
    read from git); ``ignore`` leaves out the files and folders it is true for, given their
    path as shown.
    """
    entries = discover(root)
    if shown_as is not None:
        shown = display_path(shown_as)  # once: display_path is slow for thousands of files
        for entry in entries:
            relative = entry.path.relative_to(root).as_posix()
            entry.display = relative if shown == "." else f"{shown}/{relative}"
    if ignore is not None:
        entries = [entry for entry in entries if not ignore(_shown_path(entry, root, shown_as))]
    return entries


def load_ledger(
    root: Path, *, shown_as: Path | None = None, ignore: Callable[[Path], bool] | None = None
) -> Ledger:
    """Read every file of a ledger folder and apply the rules across files."""
    from pkledger.ledger.parallel import read_entries

    entries = select_entries(root, shown_as=shown_as, ignore=ignore)
    return checked(Ledger(root=root, entries=read_entries(entries)))


def checked(ledger: Ledger) -> Ledger:
    """The ledger with the rules across files applied."""
    from pkledger.format.rules.ledger import check_ledger

    check_ledger(ledger)
    return ledger


def _shown_path(entry: Entry, root: Path, shown_as: Path | None) -> Path:
    return entry.path if shown_as is None else shown_as / entry.path.relative_to(root)


def open_ledger(root: Path, *, ignore: Callable[[Path], bool] | None = None) -> Ledger:
    """Load the ledger at ``root`` for a command that reads it; refuse a folder that is not one."""
    from pkledger.errors import UsageError

    if not root.is_dir() or not is_ledger_root(root):
        raise UsageError(
            f"{root.as_posix()}: not a ledger folder",
            hint="pass --ledger with a folder holding conferences/, pledges/ and gaps/",
        )
    return load_ledger(root, ignore=ignore)


def invalid_files(ledger: Ledger) -> list[str]:
    """Display paths of files whose record could not be read or validated."""
    return [
        entry.display
        for entry in ledger.entries
        if entry.record is None and entry.kind and _is_yaml(entry.path)
    ]
