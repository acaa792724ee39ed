"""Bounds on what a report lists: at most PER_FILE problems per file, then one problem that says
how many more there are; and no message or hint longer than TEXT_LIMIT characters.

One line of a megabyte of unknown keys gives a hundred thousand problems; listed in full, with
their source lines, they made 151 GB of text. The problems left out still count in the summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pkledger.format.catalogue import to_problem
from pkledger.problems import Finding, Problem

PER_FILE = 50
TEXT_LIMIT = 1000
MORE_PROBLEMS = "more-problems"


@dataclass(frozen=True, slots=True)
class Hidden:
    """The problems left out of a listing, counted."""

    errors: int = 0
    warnings: int = 0

    def __add__(self, other: Hidden) -> Hidden:
        return Hidden(self.errors + other.errors, self.warnings + other.warnings)


def limited(problems: Iterable[Problem]) -> tuple[list[Problem], Hidden]:
    """The problems in order, at most PER_FILE per file followed by one that counts the rest, and
    the counts of those left out."""
    listed: list[Problem] = []
    left_out: Counter[tuple[str, str]] = Counter()
    shown: Counter[str] = Counter()
    for problem in sorted(problems, key=Problem.sort_key):
        if shown[problem.file] < PER_FILE:
            shown[problem.file] += 1
            listed.append(_shortened(problem))
        else:
            left_out[problem.file, problem.severity] += 1
    files = {file for file, _ in left_out}
    listed += [_more(file, left_out[file, "error"], left_out[file, "warning"]) for file in files]
    errors = sum(count for (_, severity), count in left_out.items() if severity == "error")
    return sorted(listed, key=_order), Hidden(errors, sum(left_out.values()) - errors)


def is_more(problem: Problem) -> bool:
    """Whether a problem only counts others left out of the listing."""
    return problem.code == _more_code()


def _order(problem: Problem) -> tuple[str, int, int, int, str, str]:
    """As Problem.sort_key, with a file's count of the problems left out after its others."""
    file, line, column, code, path = problem.sort_key()
    return (file, int(is_more(problem)), line, column, code, path)


def _more(file: str, errors: int, warnings: int) -> Problem:
    counts = [
        f"{count:,} {noun}{'s' if count != 1 else ''}"
        for count, noun in ((errors, "error"), (warnings, "warning"))
        if count
    ]
    message = f"and {errors + warnings:,} more problems in this file ({', '.join(counts)}), not listed"
    hint = "fix the problems listed and run again: the first ones often cause the rest"
    problem = to_problem(Finding(MORE_PROBLEMS, (), message, hint), file, None)
    return problem.with_severity("error" if errors else "warning")


def _shortened(problem: Problem) -> Problem:
    if len(problem.message) <= TEXT_LIMIT and len(problem.hint or "") <= TEXT_LIMIT:
        return problem
    hint = None if problem.hint is None else _cut(problem.hint)
    return replace(problem, message=_cut(problem.message), hint=hint)


def _cut(text: str) -> str:
    return text if len(text) <= TEXT_LIMIT else text[: TEXT_LIMIT - 1] + "…"


def _more_code() -> str:
    from pkledger.format.catalogue import catalogue

    return catalogue()[MORE_PROBLEMS].code
