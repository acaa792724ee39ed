"""`pkledger diff` for a terminal: plain lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from pkledger.output.diff.words import coverage_text, headline, problem_location, value_text
from pkledger.output.escape import terminal

if TYPE_CHECKING:
    from pkledger.analysis.diff import GapCoverage, LedgerDiff, RecordChange
    from pkledger.problems import Problem


def render_text(diff: LedgerDiff) -> str:
    """The diff for a terminal: each line with its hidden characters and line breaks shown as escapes."""
    lines = [f"Ledger {diff.ledger}: {diff.base.label} -> {diff.head.label}", headline(diff), ""]
    for title, records in (("Added", diff.added), ("Removed", diff.removed), ("Changed", diff.changed)):
        if records:
            lines.append(f"{title}:")
            lines += [line for record in records for line in _record_lines(record)]
    for title, problems in (("Problems introduced", diff.introduced), ("Problems fixed", diff.fixed)):
        if problems:
            lines.append(f"{title}:")
            lines += [f"  {_problem_line(problem)}" for problem in problems]
    changes = diff.coverage_changes
    if changes:
        lines.append("Gap coverage (covered before -> after, in each gap's measure):")
        lines += [f"  {_coverage_line(item)}" for item in changes]
    return "\n".join(terminal(line) for line in lines).rstrip("\n") + "\n"


def _record_lines(record: RecordChange) -> list[str]:
    lines = [f"  {record.kind:<10}  {record.id}" + (f"  {record.title}" if record.title else "")]
    lines += [f"      {f.field}: {value_text(f.old)} -> {value_text(f.new)}" for f in record.fields]
    return lines


def _problem_line(problem: Problem) -> str:
    field = f" {problem.path}" if problem.path else ""
    return f"{problem_location(problem)}: {problem.severity} {problem.code}{field}: {problem.message}"


def _coverage_line(item: GapCoverage) -> str:
    after = "removed" if item.after is None else coverage_text(item.after)
    mark = "  (filled)" if item.filled else ""
    return f"{item.priority:<8}  {item.gap}  {coverage_text(item.before)} -> {after}{mark}"


def write_text(diff: LedgerDiff, stream: TextIO) -> None:
    stream.write(render_text(diff))
