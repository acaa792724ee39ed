"""Reading one ledger file into an Entry: parse it, validate its record, apply the rules within it,
and place every finding in the file. Each file is read once; nothing reads it again.

Of the positions, an entry keeps those of the values its caller names: the fields the rules across
files point at, whose findings come once every file is read. The others are dropped, to keep a
large ledger small in memory.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pkledger.format.catalogue import is_error
from pkledger.format.kinds import FOLDERS, is_yaml, kind_of
from pkledger.format.rules.characters import check_characters
from pkledger.ledger.entry import Entry, LedgerFile
from pkledger.problems import FieldPath, Finding
from pkledger.suggest import did_you_mean
from pkledger.yaml.document import Document
from pkledger.yaml.loader import load_file, not_regular_finding, parse_bytes

if TYPE_CHECKING:
    from pkledger.format.models import LedgerSettings, Record
    from pkledger.format.models.base import Strict


def read_entry(
    file: LedgerFile,
    content: bytes | None = None,
    keep: Collection[FieldPath] = (),
    *,
    keep_data: bool = True,
) -> Entry:
    """Read one file on its own (from ``content`` when given, else from disk), keeping the
    positions of the values of the fields in ``keep``; without ``keep_data``, a valid record's
    plain data is dropped once its model is made (what only reports problems needs no more)."""
    if file.refused is not None:
        name, message, hint = not_regular_finding(file.refused)
        return Entry(file, findings=(Finding(name, (), message, hint),))
    if not file.kind:
        return Entry(file, findings=(_outside_record_folders(file),))
    if not is_yaml(file.path):
        message = f"'{file.path.name}' is not a .yaml or .yml file, so it is ignored"
        return Entry(file, findings=(Finding("not-a-record-file", (), message, "move or rename it"),))
    loaded = load_file(file.path) if content is None else parse_bytes(content)
    document, findings = loaded.document, list(loaded.findings)
    if document is None:
        return Entry(file, findings=tuple(findings))
    record, parsed = None, None
    characters = check_characters(document.data)
    if not any(is_error(finding) for finding in findings):
        parsed = len(findings)
        checked: list[Finding] = []
        record = _validate(kind_of(file.kind).model, document.data, checked)
        marked = {finding.path for finding in characters if is_error(finding)}  # said better there
        findings += [finding for finding in checked if finding.path not in marked]
    findings += characters
    if any(is_error(finding) for finding in characters):
        record = None
    placed = tuple(document.place(finding) for finding in findings) if findings else ()
    return Entry(
        file, kept_document(document.keeping(keep), record, keep_data=keep_data), record, placed, parsed
    )


def kept_document(document: Document, record: object | None, *, keep_data: bool) -> Document:
    """The document an entry keeps: without its plain data when that is not asked for and the
    record is valid (its model says it all; an invalid record's data is read for its id)."""
    return document if keep_data or record is None else Document({}, document.values, document.keys)


def _validate(
    model: type[Strict], data: dict[str, Any], findings: list[Finding]
) -> Record | LedgerSettings | None:
    """The record, with the findings of its rules; None (and why) when it is not valid."""
    from pydantic import ValidationError  # the models' machinery: imported when a record is first read

    from pkledger.format.models import Record
    from pkledger.format.pydantic_errors import findings_from_error
    from pkledger.format.rules.record import check_record

    try:
        record = model.model_validate(data)
    except ValidationError as error:
        findings.extend(findings_from_error(error, model))
        return None
    if isinstance(record, Record):
        findings.extend(check_record(record))
    return record  # type: ignore[return-value]  # a Record, or the settings of ledger.yaml


def _outside_record_folders(file: LedgerFile) -> Finding:
    if _is_folder(file.path):
        meant = did_you_mean(file.path.name, FOLDERS)
        message = f"the folder '{file.path.name}/' holds YAML files, but only conferences/, pledges/ and gaps/ are read"
        return Finding("not-in-a-record-folder", (), message, meant or "move the files into a record folder")
    message = "this YAML file is not in conferences/, pledges/ or gaps/, so it is not read"
    return Finding("not-in-a-record-folder", (), message, "move it into the folder for its kind of record")


def _is_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False
