"""`pkledger update`: a pledge's or gap's new status, as a history entry appended to its file.

The file is edited as text at the positions the safe loader reports, as `pkledger migrate` does:
only the `status` value and the end of `history` change, and every comment, quote, blank line and
key order stays byte for byte. The new text is checked against the whole ledger before anything
is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pkledger.errors import PkledgerError, UsageError
from pkledger.files import read_regular
from pkledger.format.dates import PartialDate, parse_partial_date
from pkledger.format.statuses import forbidden_transition
from pkledger.ledger.entry import Entry, Ledger
from pkledger.ledger.opening import open_ledger
from pkledger.problems import Problem
from pkledger.suggest import did_you_mean
from pkledger.yaml.document import Document
from pkledger.yaml.loader import parse_bytes
from pkledger.yaml.writer import dump_record

MAX_BYTES = 1 << 20
_SCALAR = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^']|'')*'|[^\s#]+")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
STATUS_KINDS = ("pledges", "gaps")


@dataclass(frozen=True)
class StatusChange:
    """What `update` is asked to record."""

    status: str
    on: str
    note: str | None = None
    source_url: str | None = None
    source_title: str | None = None


@dataclass(frozen=True)
class Updated:
    """A record's file with its new status, ready to be written, and what it was read from."""

    path: Path
    before: bytes
    text: str
    old_status: str
    new_status: str
    warnings: list[Problem]


def plan_update(
    ledger: Ledger, record_id: str, change: StatusChange, ignore: Callable[[Path], bool] | None = None
) -> Updated:
    """The record's file with the change made, checked against the whole ledger; nothing written."""
    entry = _find(ledger, record_id)
    record: Any = entry.record
    on = _read_date(change.on)
    _check_change(entry.file.kind, record, change.status, on)
    before = read_regular(entry.file.path, MAX_BYTES)
    document = parse_bytes(before).document
    if document is None:  # pragma: no cover - the entry was read from these bytes already
        raise PkledgerError(f"{entry.file.display} cannot be read; run `pkledger validate`")
    text = edit_status(before.decode("utf-8"), document, change.status, history_entry(change, on))
    checked = _check_against_ledger(ledger, entry, text, ignore)
    return Updated(entry.file.path, before, text, record.status, change.status, checked)


def _find(ledger: Ledger, record_id: str) -> Entry:
    by_id = {entry.declared_id: entry for entry in ledger.entries if entry.file.kind in STATUS_KINDS}
    entry = by_id.get(record_id)
    if entry is None:
        other = [e for e in ledger.entries if e.declared_id == record_id]
        if other:
            raise UsageError(f"{record_id} is a {other[0].file.kind.removesuffix('s')}, which has no status")
        raise UsageError(
            f"no pledge or gap has the id {record_id}",
            hint=did_you_mean(record_id, [i for i in by_id if i]) or "`pkledger list pledges` shows the ids",
        )
    if entry.record is None:
        raise PkledgerError(
            f"{entry.file.display} has errors, so its status is not changed",
            hint="run `pkledger validate` and fix them first",
        )
    return entry


def _read_date(text: str) -> PartialDate:
    try:
        return parse_partial_date(text)
    except ValueError as error:
        raise UsageError(
            f"--on {text}: {error}", hint="write the date as YYYY-MM-DD, YYYY-MM or YYYY"
        ) from None


def _check_change(kind: str, record: Any, status: str, on: PartialDate) -> None:
    """Refuse a status the kind has not, a transition the format forbids, or a date out of order."""
    allowed = _statuses(kind)
    if status not in allowed:
        hint = did_you_mean(status, allowed) or "choose one of: " + ", ".join(allowed)
        raise UsageError(f"'{status}' is not a status of a {kind.removesuffix('s')}", hint=hint)
    reason = forbidden_transition(kind, record.status, status)
    if reason:
        raise PkledgerError(f"{record.id} cannot go from {record.status} to {status}: {reason}")
    last, what = _last_date(record)
    if last is not None and last.starts_after(on):
        raise PkledgerError(
            f"{record.id}: {on} is before {what} ({last}); history entries are listed oldest first",
            hint="give the date of the change, on or after the last one",
        )


def _statuses(kind: str) -> tuple[str, ...]:
    from typing import get_args

    from pkledger.format.models.gap import GapStatus
    from pkledger.format.models.pledge import PledgeStatus

    return get_args(PledgeStatus if kind == "pledges" else GapStatus)


def _last_date(record: Any) -> tuple[PartialDate | None, str]:
    if record.history:
        return record.history[-1].on, "the last history entry"
    announced = getattr(record, "announced_on", None)
    return announced, "the announcement"


def history_entry(change: StatusChange, on: PartialDate) -> dict[str, Any]:
    """The history entry as the file will hold it: a whole date as a date, a month or year as text."""
    entry: dict[str, Any] = {
        "on": date.fromisoformat(str(on)) if on.day else str(on),
        "status": change.status,
    }
    if change.note:
        entry["note"] = change.note
    if change.source_title:
        entry["source"] = {"title": change.source_title}
        if change.source_url:
            entry["source"]["url"] = change.source_url
    return entry


def edit_status(text: str, document: Document, status: str, entry: dict[str, Any]) -> str:
    """The file's text with `status` set and the entry appended to `history`; nothing else changes."""
    lines = _Lines(text)
    _set_status(lines, document, status)  # first: it changes no line count
    history_at = document.keys.get(("history",))
    if history_at is None:
        lines.insert_after(document.keys[("status",)][0], ["history:", *_indented(entry, 2)])
    elif not document.data.get("history"):
        _empty_history(lines, document, history_at[0])
        lines.insert_after(_block_end(lines, document, history_at[0]), _indented(entry, 2))
    else:
        _append_item(lines, document, entry)
    return lines.text()


def _set_status(lines: _Lines, document: Document, status: str) -> None:
    line, column = document.values[("status",)][:2]
    current = lines.lines[line - 1]
    found = _SCALAR.match(current, column - 1)
    assert found is not None  # the loader read a value there
    lines.lines[line - 1] = current[: found.start()] + status + current[found.end() :]


def _empty_history(lines: _Lines, document: Document, key_line: int) -> None:
    """`history: []` becomes `history:`, its comment kept, ready for a block list."""
    current = lines.lines[key_line - 1]
    at = document.values.get(("history",))
    if at is not None and at[0] == key_line and current[at[1] - 1 :].startswith("[]"):
        lines.lines[key_line - 1] = (current[: at[1] - 1].rstrip() + current[at[1] + 1 :]).rstrip()


def _append_item(lines: _Lines, document: Document, entry: dict[str, Any]) -> None:
    line, column = document.values[("history",)][:2]
    if lines.lines[line - 1][column - 1] != "-":
        raise PkledgerError(
            "history is written in flow style ([...]); update writes block lists only",
            hint="write history as a list of `- on: ...` items, or add the entry by hand",
        )
    lines.insert_after(
        _block_end(lines, document, document.keys[("history",)][0]), _indented(entry, column - 1)
    )


def _indented(entry: dict[str, Any], dash_column: int) -> list[str]:
    """The entry as a list item whose dash sits at ``dash_column`` (counted from 0)."""
    dumped = [line.removeprefix("  ") for line in dump_record({"history": [entry]}).splitlines()[1:]]
    dumped[0] = dumped[0].replace("- 'on':", "- on:", 1)  # the loader reads keys as names (format rule 3)
    return [" " * dash_column + line for line in dumped]


def _block_end(lines: _Lines, document: Document, key_line: int) -> int:
    """The last line of a top-level field: up to the next top-level key, leaving out the
    blank lines and the comments at the margin that stand above the next field."""
    later = [
        position[0] for path, position in document.keys.items() if len(path) == 1 and position[0] > key_line
    ]
    end = min(later) - 1 if later else len(lines.original)
    while end > key_line and (not lines.original[end - 1].strip() or lines.original[end - 1].startswith("#")):
        end -= 1
    return end


def _check_against_ledger(
    ledger: Ledger, entry: Entry, text: str, ignore: Callable[[Path], bool] | None
) -> list[Problem]:
    """The problems of the new text as a file of the ledger; an error refuses the change."""
    path = entry.file.path

    def leave_out(shown: Path) -> bool:
        return shown == path or (ignore is not None and ignore(shown))

    checked = open_ledger(ledger.root, ignore=leave_out, adding={path: text})
    problems = list(checked.entries[-1].problems())
    errors = [problem for problem in problems if problem.is_error]
    if errors:
        details = "; ".join(f"{p.path or 'record'}: {p.message}" for p in errors)
        raise PkledgerError(
            f"the change would make {entry.file.display} invalid: {details}", hint=errors[0].hint
        )
    return problems


class _Lines:
    """A file's lines, with its line breaks; one insertion is made, after the other edits."""

    def __init__(self, text: str) -> None:
        breaks = _LINE_BREAK.findall(text)
        self.newline = breaks[0] if breaks else "\n"
        parts = _LINE_BREAK.split(text)
        self.ends_with_newline = bool(breaks) and parts[-1] == ""
        self.original = parts[:-1] if self.ends_with_newline else parts
        self.lines = list(self.original)

    def insert_after(self, number: int, new: list[str]) -> None:
        """Insert lines after a line (numbered from 1); only once, as later numbers move."""
        self.lines[number:number] = new

    def text(self) -> str:
        return self.newline.join(self.lines) + (self.newline if self.ends_with_newline else "")
