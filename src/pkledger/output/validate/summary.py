"""The text report, kept short on a terminal: errors in full, warnings counted by code with one
example each, unless --verbose is given or there are few problems. A pipe, a file and the machine
formats (json, sarif, github) always get every problem."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from pkledger.output.console import console_for
from pkledger.output.escape import terminal
from pkledger.output.validate import text

if TYPE_CHECKING:
    from pkledger.analysis.validate import ValidationResult
    from pkledger.problems import Problem

SHORT_LIST = 20
"""At most this many problems are always shown in full."""


def wants_summary(result: ValidationResult, stream: TextIO, *, verbose: bool, summary: bool = False) -> bool:
    """Whether to summarise the warnings: asked with --summary (any stream), or on a terminal, not
    --verbose, and a long list."""
    warnings = [problem for problem in result.problems if not problem.is_error]
    if summary:
        return bool(warnings)
    on_terminal = hasattr(stream, "isatty") and stream.isatty()
    return on_terminal and not verbose and len(result.problems) > SHORT_LIST and bool(warnings)


def report(result: ValidationResult, stream: TextIO, *, verbose: bool = False, summary: bool = False) -> None:
    """The text report, its warnings summarised by code when ``wants_summary`` says so."""
    if not wants_summary(result, stream, verbose=verbose, summary=summary):
        text.report(result, stream)
        return
    summarised(result, stream)


def summarised(result: ValidationResult, stream: TextIO) -> None:
    """Every error in full; then each warning code, how many, its message and one example."""
    from rich.text import Text

    console = console_for(stream, wrap=False)
    for problem in result.problems:
        if problem.is_error:
            console.print(text.render_problem(problem))
    warnings = [problem for problem in result.problems if not problem.is_error]
    counts = Counter(problem.code for problem in warnings)
    first: dict[str, Problem] = {}
    for problem in warnings:
        first.setdefault(problem.code, problem)
    console.print(Text("Warnings by code (pkledger validate --verbose lists each one):", style="bold"))
    for code, count in counts.most_common():
        example = first[code]
        where = ":".join(str(part) for part in (example.file, example.line) if part is not None)
        line = Text(f"  {count:>4} × ")
        line.append(terminal(code), style=text.STYLES["warning"])
        line.append(f" {terminal(example.message)}  (e.g. {terminal(where)})")
        console.print(line)
    console.print(Text(text.summary_line(result.summary), style="bold"))
