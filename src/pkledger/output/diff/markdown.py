"""`pkledger diff` as a pull-request comment: a heading, a summary line, compact tables, details
folded, cut to fit GitHub's limit."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from pkledger.output.diff.words import count, coverage_text, headline, shortfall_text, value_text
from pkledger.output.markdown import escape_markdown, table

if TYPE_CHECKING:
    from pkledger.analysis.diff import GapCoverage, LedgerDiff, RecordChange
    from pkledger.problems import Problem

MARKER = "<!-- pkledger-diff -->"
"""The Markdown's first line: a workflow finds its earlier comment by it, and updates that one."""
GITHUB_COMMENT_LIMIT = 65_536
ROW_LIMITS = (None, 200, 50, 20, 5)
"""Rows per table, tried in turn until the comment fits."""


def render_markdown(diff: LedgerDiff, *, max_chars: int = GITHUB_COMMENT_LIMIT) -> str:
    """The diff as a pull-request comment: a heading, a summary line, compact tables, details folded.

    Long tables are cut (with a note) until the comment fits in ``max_chars``.
    """
    text = ""
    for limit in ROW_LIMITS:
        text = _markdown(diff, limit)
        if len(text) <= max_chars:
            return text
    note = "\n\n_The comment was cut to fit; run `pkledger diff` for everything._\n"
    return text[: max_chars - len(note)] + note


def _markdown(diff: LedgerDiff, limit: int | None) -> str:
    parts = [
        MARKER,
        f"## Ledger changes in `{escape_markdown(diff.ledger)}`",
        "",
        f"**{escape_markdown(headline(diff))}**",
        "",
        f"Compared {escape_markdown(diff.base.label)} with {escape_markdown(diff.head.label)}.",
        "",
    ]
    for section in (
        _coverage_section,
        _records_section,
        _fields_section,
        _problems_section,
        _all_gaps_section,
    ):
        parts += section(diff, limit)
    return "\n".join(parts).rstrip("\n") + "\n"


def _limited_table(headers: list[str], rows: list[list[str]], limit: int | None) -> list[str]:
    shown = rows if limit is None else rows[:limit]
    lines = [table(headers, shown).rstrip("\n")]
    if len(shown) < len(rows):
        lines.append(f"\n_... and {len(rows) - len(shown)} more; run `pkledger diff` for all._")
    return [*lines, ""]


def _details(summary: str, body: list[str]) -> list[str]:
    return ["<details>", f"<summary>{summary}</summary>", "", *body, "</details>", ""]


def _coverage_row(item: GapCoverage) -> list[str]:
    after = "removed" if item.after is None else coverage_text(item.after)
    change = (f"{item.change:+d}" if item.change else "0") + (", filled" if item.filled else "")
    return [
        escape_markdown(item.gap),
        item.priority,
        escape_markdown(coverage_text(item.before)),
        escape_markdown(after),
        shortfall_text(item.after),
        escape_markdown(change),
    ]


COVERAGE_HEADERS = ["gap", "priority", "covered before", "covered after", "shortfall after", "change"]


def _coverage_section(diff: LedgerDiff, limit: int | None) -> list[str]:
    changes = diff.coverage_changes
    if not changes:
        return []
    rows = [_coverage_row(item) for item in changes]
    return ["### Gap coverage", "", *_limited_table(COVERAGE_HEADERS, rows, limit)]


def _records_section(diff: LedgerDiff, limit: int | None) -> list[str]:
    rows = [
        [what, record.kind, escape_markdown(record.id), escape_markdown(_record_note(record, what))]
        for what, records in (("added", diff.added), ("removed", diff.removed), ("changed", diff.changed))
        for record in records
    ]
    if not rows:
        return []
    return ["### Records", "", *_limited_table(["change", "kind", "id", "title"], rows, limit)]


def _record_note(record: RecordChange, what: str) -> str:
    title = value_text(record.title) if record.title else ""
    if what != "changed":
        return title
    if not record.fields:
        return f"{title} (the file cannot be read; see the problems)".strip()
    return f"{title} ({count(len(record.fields), 'field')})".strip()


def _fields_section(diff: LedgerDiff, limit: int | None) -> list[str]:
    records = [record for record in diff.changed if record.fields]
    if not records:
        return []
    shown = records if limit is None else records[:limit]
    body = []
    for record in shown:
        body += [f"**{record.kind} {escape_markdown(record.id)}**", ""]
        rows = [[escape_markdown(f.field), _value_cell(f.old), _value_cell(f.new)] for f in record.fields]
        body += _limited_table(["field", "before", "after"], rows, limit)
    if len(shown) < len(records):
        body += [f"_... and {len(records) - len(shown)} more records; run `pkledger diff` for all._", ""]
    return _details(f"Field changes in {count(len(records), 'record')}", body)


def _value_cell(value: Any) -> str:
    return escape_markdown(value_text(value))


PROBLEM_HEADERS = ["file", "line", "severity", "code", "field", "message"]


def _problem_rows(problems: Sequence[Problem]) -> list[list[str]]:
    return [
        [
            escape_markdown(problem.file),
            str(problem.line or ""),
            problem.severity,
            problem.code,
            escape_markdown(problem.path),
            escape_markdown(problem.message),
        ]
        for problem in problems
    ]


def _problems_section(diff: LedgerDiff, limit: int | None) -> list[str]:
    parts: list[str] = []
    if diff.introduced:
        parts += [f"### Problems introduced ({len(diff.introduced)})", ""]
        parts += _limited_table(PROBLEM_HEADERS, _problem_rows(diff.introduced), limit)
    if diff.fixed:
        body = _limited_table(PROBLEM_HEADERS, _problem_rows(diff.fixed), limit)
        parts += _details(f"Problems fixed ({len(diff.fixed)}; lines as they were)", body)
    return parts


def _all_gaps_section(diff: LedgerDiff, limit: int | None) -> list[str]:
    if not diff.coverage:
        return []
    rows = [_coverage_row(item) for item in diff.coverage]
    body = _limited_table(COVERAGE_HEADERS, rows, limit)
    return _details(f"Coverage of all {count(len(diff.coverage), 'gap')}", body)


def write_markdown(diff: LedgerDiff, stream: TextIO) -> None:
    stream.write(render_markdown(diff))
