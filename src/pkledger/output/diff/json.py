"""`pkledger diff --format json`: the JSON contract (docs/ci.md, tests/schemas/diff-contract.json)."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TextIO

from pkledger.output.escape import dump_json
from pkledger.output.validate.json import problem_json

if TYPE_CHECKING:
    from pkledger.analysis.diff import Coverage, GapCoverage, LedgerDiff, RecordChange


def diff_json(diff: LedgerDiff) -> dict[str, Any]:
    """The JSON contract of `pkledger diff --format json`."""
    return {
        "base": {"ref": diff.base.ref, "commit": diff.base.commit},
        "head": {"ref": diff.head.ref, "commit": diff.head.commit},
        "ledger": diff.ledger,
        "summary": asdict(diff.summary()),
        "records": {
            "added": [_record(record, with_fields=False) for record in diff.added],
            "removed": [_record(record, with_fields=False) for record in diff.removed],
            "changed": [_record(record, with_fields=True) for record in diff.changed],
        },
        "problems": {
            "introduced": [problem_json(problem) for problem in diff.introduced],
            "fixed": [problem_json(problem) for problem in diff.fixed],
        },
        "coverage": [_coverage(item) for item in diff.coverage],
    }


def _record(record: RecordChange, *, with_fields: bool) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": record.kind, "id": record.id, "title": record.title, "file": record.file}
    if with_fields:
        found["fields"] = [{"field": f.field, "old": f.old, "new": f.new} for f in record.fields]
    return found


def _coverage(item: GapCoverage) -> dict[str, Any]:
    return {
        "gap": item.gap,
        "title": item.title,
        "priority": item.priority,
        "before": _counts(item.before),
        "after": _counts(item.after),
        "change": item.change,
    }


def _counts(coverage: Coverage | None) -> dict[str, Any] | None:
    if coverage is None:
        return None
    return {
        "required": coverage.required,
        "covered": coverage.covered,
        "announced": coverage.announced,
        "shortfall": coverage.shortfall,
        "status": coverage.status,
    }


def write_json(diff: LedgerDiff, stream: TextIO) -> None:
    dump_json(diff_json(diff), stream)
