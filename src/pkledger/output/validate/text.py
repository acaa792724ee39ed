"""The text report: ruff/rustc-style lines with the source and a caret, grouped by file."""

from __future__ import annotations

import functools
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pkledger.output.console import console_for
from pkledger.output.escape import terminal

if TYPE_CHECKING:
    from rich.text import Text

    from pkledger.analysis.validate import ValidationResult
    from pkledger.problems import Problem, Summary

STYLES = {"error": "bold red", "warning": "bold yellow"}


def summary_line(summary: Summary) -> str:
    """'Found 2 errors and 1 warning in 14 files.' or 'All 14 files are valid.'"""
    files = _plural(summary.files, "file")
    if not summary.errors and not summary.warnings:
        return f"No problems in {files}."
    counts = " and ".join(
        part
        for part in (
            _plural(summary.errors, "error") if summary.errors else "",
            _plural(summary.warnings, "warning") if summary.warnings else "",
        )
        if part
    )
    return f"Found {counts} in {files}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


SOURCE_LIMIT = 1024 * 1024
"""The largest file whose lines are shown (a ledger file is at most 1 MiB)."""


@functools.lru_cache(maxsize=64)
def _source_lines(file: str) -> list[str]:
    """The lines of a problem's file; none for a link, a pipe, a device or a file too large."""
    from pkledger.files import read_regular

    try:
        return read_regular(Path(file), SOURCE_LIMIT).decode("utf-8", errors="replace").splitlines()
    except OSError:
        return []


def render_problem(problem: Problem) -> Text:
    """The problem's heading line, its source line with a caret, and its hint."""
    from rich.text import Text

    text = Text()
    location = ":".join(
        str(part) for part in (terminal(problem.file), problem.line, problem.column) if part is not None
    )
    text.append(f"{location}: ", style="bold")
    text.append(f"{problem.severity} {terminal(problem.code)}", style=STYLES[problem.severity])
    if problem.path:
        text.append(f" {terminal(problem.path)}", style="cyan")
    text.append(f": {terminal(problem.message)}\n")
    text.append_text(_source_excerpt(problem))
    if problem.hint:
        text.append("  = hint: ", style="bold green")
        text.append(f"{terminal(problem.hint)}\n")
    return text


EXCERPT_WIDTH = 200
"""The most characters of a source line shown: a line may be a megabyte long."""


def excerpt_around(line: str, column: int) -> tuple[str, int]:
    """At most EXCERPT_WIDTH characters of a line around a column (an ellipsis marks each cut),
    and the column's place in them."""
    if len(line) <= EXCERPT_WIDTH:
        return line, column
    start = min(max(column - 1 - EXCERPT_WIDTH // 2, 0), len(line) - EXCERPT_WIDTH)
    text = line[start : start + EXCERPT_WIDTH]
    before = "…" if start > 0 else ""
    after = "…" if start + EXCERPT_WIDTH < len(line) else ""
    return before + text + after, column - start + len(before)


def _revealed(source: str, column: int) -> tuple[str, int]:
    """The excerpt with hidden characters shown as escapes, and the caret's column moved with them."""
    before, after = terminal(source[: column - 1]), terminal(source[column - 1 :])
    return before + after, len(before) + 1


def _source_excerpt(problem: Problem) -> Text:
    from rich.text import Text

    lines = _source_lines(problem.file) if problem.line is not None else []
    if problem.line is None or not 0 < problem.line <= len(lines):
        return Text()
    original = max(problem.column or 1, 1)
    source, column = excerpt_around(lines[problem.line - 1].replace("\t", " "), original)
    source, column = _revealed(source, column)
    gutter = " " * len(str(problem.line))
    width = max((problem.end_column or original + 1) - original, 1)
    width = min(width, max(len(source) - column + 1, 1))
    excerpt = Text()
    excerpt.append(f"  {problem.line} | ", style="blue")
    excerpt.append(f"{source}\n")
    excerpt.append(f"  {gutter} | ", style="blue")
    excerpt.append(" " * (column - 1) + "^" * width + "\n", style=STYLES[problem.severity])
    return excerpt


def report(result: ValidationResult, stream: TextIO) -> None:
    """Every problem with its source line, grouped by file, then the summary line."""
    from rich.text import Text

    console = console_for(stream, wrap=False)
    _source_lines.cache_clear()  # files change between runs in one process (tests, editors)
    for _, problems in groupby(result.problems, key=lambda problem: problem.file):
        for problem in problems:
            console.print(render_problem(problem))
    console.print(Text(summary_line(result.summary), style="bold"))
