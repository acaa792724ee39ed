"""Renderings of `pkledger diff`: plain text, JSON, and Markdown sized for a pull-request comment."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from pkledger.analysis.diff import Coverage, GapCoverage, LedgerDiff, RecordChange
from pkledger.output.markdown import escape_markdown, table
from pkledger.problems import Problem

MARKER = "<!-- pkledger-diff -->"
"""The Markdown's first line: a workflow finds its earlier comment by it, and updates that one."""
GITHUB_COMMENT_LIMIT = 65_536
ROW_LIMITS = (None, 200, 50, 20, 5)
"""Rows per table, tried in turn until the comment fits."""
VALUE_WIDTH = 100


def write(diff: LedgerDiff, output_format: str, stream: TextIO) -> None:
    """Write the diff in a --format: text, json or markdown."""
    if output_format == "json":
        json.dump(diff.to_json(), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
    elif output_format == "markdown":
        stream.write(render_markdown(diff))
    else:
        stream.write(render_text(diff))


def _count(number: int, noun: str, plural: str | None = None) -> str:
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def headline(diff: LedgerDiff) -> str:
    """One line: what the change does to records, problems and gap coverage."""
    counts = diff.summary()
    text = f"{_records_phrase(counts)}; {_problems_phrase(counts)}; {_coverage_phrase(counts)}."
    return text[0].upper() + text[1:]


def _counted_list(noun: str, parts: list[tuple[int, str]]) -> str:
    """'2 records added, 1 removed': the noun after the first number only."""
    (number, what), rest = parts[0], parts[1:]
    return ", ".join([f"{_count(number, noun)} {what}", *(f"{n} {w}" for n, w in rest)])


def _problems_phrase(counts: dict[str, int]) -> str:
    parts = [(counts["problems_introduced"], "introduced"), (counts["problems_fixed"], "fixed")]
    parts = [(number, what) for number, what in parts if number]
    return _counted_list("problem", parts) if parts else "no new problems"


def _records_phrase(counts: dict[str, int]) -> str:
    parts = [(counts[f"records_{what}"], what) for what in ("added", "removed", "changed")]
    parts = [(number, what) for number, what in parts if number]
    return _counted_list("record", parts) if parts else "no record changed"


def _coverage_phrase(counts: dict[str, int]) -> str:
    parts = []
    if counts["gaps_filled"]:
        parts.append(f"{_count(counts['gaps_filled'], 'gap')} filled")
    better = counts["gaps_more_covered"] - counts["gaps_filled"]
    if better:
        parts.append(f"{_count(better, 'gap')} better covered")
    if counts["gaps_less_covered"]:
        parts.append(f"{_count(counts['gaps_less_covered'], 'gap')} less covered")
    return ", ".join(parts) if parts else "gap coverage unchanged"


def coverage_text(coverage: Coverage | None) -> str:
    """'1 of 2 (1 announced)', or '-' where the gap is absent."""
    if coverage is None:
        return "-"
    announced = f" ({coverage.announced} announced)" if coverage.announced else ""
    return f"{coverage.covered} of {coverage.required}{announced}"


def value_text(value: Any) -> str:
    """A field's value on one line, cut short when long; '(absent)' for no value."""
    if value is None:
        return "(absent)"
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= VALUE_WIDTH else text[: VALUE_WIDTH - 1] + "…"


def problem_location(problem: Problem) -> str:
    return ":".join(str(part) for part in (problem.file, problem.line, problem.column) if part is not None)


# Text ------------------------------------------------------------------------------------------


def render_text(diff: LedgerDiff) -> str:
    """The diff for a terminal."""
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
        lines.append("Gap coverage (covered units before -> after):")
        lines += [f"  {_coverage_line(item)}" for item in changes]
    return "\n".join(lines).rstrip("\n") + "\n"


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


# Markdown --------------------------------------------------------------------------------------


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
        str(item.after.shortfall) if item.after else "-",
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
    return f"{title} ({_count(len(record.fields), 'field')})".strip()


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
    return _details(f"Field changes in {_count(len(records), 'record')}", body)


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
    return _details(f"Coverage of all {_count(len(diff.coverage), 'gap')}", body)
