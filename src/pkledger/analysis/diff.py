"""`pkledger diff`: what a change does to the ledger, computed from the ledger before and after.

Pure: takes two opened ledgers and returns a LedgerDiff, which pkledger.output.diff renders as
text, Markdown or JSON (pkledger.analysis.changes opens the two ledgers from git).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pkledger.analysis.limits import Hidden, is_more, limited
from pkledger.analysis.match import match
from pkledger.format.kinds import FOLDERS, kind_of
from pkledger.format.models import CapabilityGap
from pkledger.ledger.entry import Entry, Ledger
from pkledger.problems import FieldPath, Problem, format_field_path

ProblemFilter = Callable[[Iterable[Problem]], list[Problem]]


@dataclass(frozen=True)
class Side:
    """One side of the comparison: a git revision, or the working tree (ref None)."""

    ref: str | None
    commit: str | None

    @property
    def label(self) -> str:
        if self.ref is None:
            return "the working tree"
        if self.commit is None or self.commit.startswith(self.ref):
            return self.ref[:7] if self.commit else self.ref
        return f"{self.ref} ({self.commit[:7]})"


@dataclass(frozen=True)
class FieldChange:
    """One field whose value differs; None stands for an absent field."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordChange:
    """A record added, removed or changed; a changed one lists its fields (none when a side is unreadable)."""

    kind: str
    id: str
    title: str | None
    file: str
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class Coverage:
    """A gap's coverage by the optimal allocation of `pkledger match`."""

    required: int
    """In the gap's measure; 0 when the quantity is not published."""
    covered: int
    announced: int
    """Of the covered units, those from pledges that are only announced."""
    status: str
    measure: str | None = None
    qualifier: str = "exact"
    published: bool = True
    """Whether the gap's quantity is published (required is 0 when it is not)."""

    @property
    def shortfall(self) -> int:
        return max(self.required - self.covered, 0)


@dataclass(frozen=True)
class GapCoverage:
    """A gap's coverage before and after (None where the gap is not in that ledger)."""

    gap: str
    title: str
    priority: str
    before: Coverage | None
    after: Coverage | None

    @property
    def change(self) -> int:
        """Units covered after minus before."""
        return (self.after.covered if self.after else 0) - (self.before.covered if self.before else 0)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def filled(self) -> bool:
        """The change closes the gap's shortfall."""
        was_short = self.before is None or self.before.shortfall > 0
        return was_short and self.after is not None and self.after.shortfall == 0 and self.change > 0


@dataclass(frozen=True)
class DiffSummary:
    """What a change does, counted."""

    records_added: int
    records_removed: int
    records_changed: int
    problems_introduced: int
    problems_fixed: int
    gaps_filled: int
    gaps_more_covered: int
    gaps_less_covered: int


@dataclass(frozen=True)
class LedgerDiff:
    """Everything `pkledger diff` reports."""

    base: Side
    head: Side
    ledger: str
    added: list[RecordChange]
    removed: list[RecordChange]
    changed: list[RecordChange]
    introduced: list[Problem]
    fixed: list[Problem]
    coverage: list[GapCoverage]
    hidden: tuple[Hidden, Hidden] = field(default_factory=lambda: (Hidden(), Hidden()))
    """The problems introduced and fixed that are not listed (pkledger.analysis.limits), counted."""

    @property
    def coverage_changes(self) -> list[GapCoverage]:
        return [item for item in self.coverage if item.changed]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.introduced or self.fixed)

    def summary(self) -> DiffSummary:
        changes = self.coverage_changes
        return DiffSummary(
            records_added=len(self.added),
            records_removed=len(self.removed),
            records_changed=len(self.changed),
            problems_introduced=_counted(self.introduced, self.hidden[0]),
            problems_fixed=_counted(self.fixed, self.hidden[1]),
            gaps_filled=sum(1 for item in changes if item.filled),
            gaps_more_covered=sum(1 for item in changes if item.change > 0),
            gaps_less_covered=sum(1 for item in changes if item.change < 0),
        )


def diff_ledgers(
    base: Ledger, head: Ledger, *, sides: tuple[Side, Side], ledger: str, adjust: ProblemFilter = list
) -> LedgerDiff:
    """Compare two ledgers: records, problems (after ``adjust``, e.g. severity overrides), coverage."""
    before, after = _records(base), _records(head)
    before_problems, after_problems = adjust(base.problems()), adjust(head.problems())
    introduced, hidden_introduced = limited(_not_in(after_problems, before_problems))
    fixed, hidden_fixed = limited(_not_in(before_problems, after_problems))
    return LedgerDiff(
        base=sides[0],
        head=sides[1],
        ledger=ledger,
        added=[_record(after[key]) for key in _ordered(after.keys() - before.keys())],
        removed=[_record(before[key]) for key in _ordered(before.keys() - after.keys())],
        changed=_changed_records(before, after),
        introduced=introduced,
        fixed=fixed,
        coverage=coverage_diff(base, head),
        hidden=(hidden_introduced, hidden_fixed),
    )


def _counted(problems: list[Problem], hidden: Hidden) -> int:
    return sum(1 for problem in problems if not is_more(problem)) + hidden.errors + hidden.warnings


RecordKey = tuple[str, str]


def _records(ledger: Ledger) -> dict[RecordKey, Entry]:
    """The record files of a ledger by kind and id (the file name where the id cannot be read)."""
    found: dict[RecordKey, Entry] = {}
    for entry in ledger.entries:
        if entry.file.is_record:
            found.setdefault((entry.kind, entry.declared_id or entry.path.stem), entry)
    return found


def _ordered(keys: Iterable[RecordKey]) -> list[RecordKey]:
    return sorted(keys, key=lambda key: (FOLDERS.index(key[0]), key[1]))


def _record(entry: Entry, fields: tuple[FieldChange, ...] = ()) -> RecordChange:
    data = entry.data or {}
    title = data.get("title")
    key_id = entry.declared_id or entry.path.stem
    return RecordChange(
        kind_of(entry.kind).label, key_id, title if isinstance(title, str) else None, entry.display, fields
    )


def _changed_records(before: dict[RecordKey, Entry], after: dict[RecordKey, Entry]) -> list[RecordChange]:
    changed = []
    for key in _ordered(before.keys() & after.keys()):
        old, new = before[key].data, after[key].data
        if old != new:
            changed.append(_record(after[key], field_changes(old, new)))
    return changed


def field_changes(old: dict[str, Any] | None, new: dict[str, Any] | None) -> tuple[FieldChange, ...]:
    """Field by field, the values that differ (lists of mappings item by item); none if a side is unreadable."""
    if old is None or new is None:
        return ()
    before, after = _flatten(old), _flatten(new)
    names = [*after, *(name for name in before if name not in after)]
    return tuple(
        FieldChange(name, _plain(before.get(name)), _plain(after.get(name)))
        for name in names
        if before.get(name) != after.get(name)
    )


def _flatten(value: Any, path: FieldPath = ()) -> dict[str, Any]:
    if isinstance(value, dict):
        return {
            name: item for key, child in value.items() for name, item in _flatten(child, (*path, key)).items()
        }
    if isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        return {
            name: item
            for index, child in enumerate(value)
            for name, item in _flatten(child, (*path, index)).items()
        }
    return {format_field_path(path): value}


def _plain(value: Any) -> Any:
    """A loaded value as JSON: exact decimals as numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _not_in(problems: list[Problem], others: list[Problem]) -> list[Problem]:
    """The problems that the other list does not have (same file, code, field and message)."""
    remaining = Counter(_identity(problem) for problem in others)
    found = []
    for problem in problems:
        if remaining[_identity(problem)] > 0:
            remaining[_identity(problem)] -= 1
        else:
            found.append(problem)
    return found


def _identity(problem: Problem) -> tuple[str, ...]:
    """What makes a problem the same one after an edit moved it to another line."""
    return (problem.file, problem.code, problem.path, problem.message)


def coverage_diff(base: Ledger, head: Ledger, as_of: date | None = None) -> list[GapCoverage]:
    """Each gap's coverage before and after the change, both matched at the same date (today by
    default): the gaps of the new ledger in match order, then removed ones."""
    day = as_of or date.today()
    before, after = _coverage(base, day), _coverage(head, day)
    items = []
    for gap_id in [*after, *(gap_id for gap_id in before if gap_id not in after)]:
        gap = (after.get(gap_id) or before[gap_id])[0]
        old, new = before.get(gap_id), after.get(gap_id)
        items.append(
            GapCoverage(gap.id, gap.title, gap.priority, old[1] if old else None, new[1] if new else None)
        )
    return items


def _coverage(ledger: Ledger, as_of: date) -> dict[str, tuple[CapabilityGap, Coverage]]:
    return {
        item.gap.id: (
            item.gap,
            Coverage(
                item.required or 0,
                item.covered,
                item.covered_by(firm=False),
                item.gap.status,
                item.amount.measure if item.amount else None,
                item.amount.qualifier if item.amount else "exact",
                item.required is not None,
            ),
        )
        for item in match(ledger, as_of=as_of).gaps
    }
