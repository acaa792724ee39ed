"""Helpers for tests: fixture case discovery and a compact, reviewable form of problems."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from pkledger.analysis.validate import validate
from pkledger.files import absolute
from pkledger.problems import Problem

FIXTURES = Path(__file__).parent / "fixtures"
CASE_GROUPS = ("valid", "invalid", "hostile")


def fixture_cases(*groups: str) -> list[Path]:
    """Every case folder of the given groups, sorted, for parametrization."""
    return sorted(case for group in groups for case in (FIXTURES / group).iterdir() if case.is_dir())


def case_arguments(case: Path) -> list[Path]:
    """What to validate for a case: the paths in its args.txt, else the case folder itself."""
    arguments = case / "args.txt"
    if not arguments.exists():
        return [case]
    return [
        case / line.strip() for line in arguments.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def case_id(case: Path) -> str:
    return f"{case.parent.name}/{case.name}"


@functools.cache
def case_problems(case: Path) -> tuple[Problem, ...]:
    """What `validate` reports for a case (run once per test session)."""
    return tuple(validate(case_arguments(case)).problems)


def problem_lines(problems: Iterable[Problem], root: Path | None = None) -> list[str]:
    """Each problem as `file:line:col: severity CODE path: message`, then `    hint: ...` when it has one.

    The file is shown relative to ``root`` when given (the case folder).
    """
    lines = []
    for problem in problems:
        file = problem.file
        if root is not None:
            file = absolute(Path(problem.file)).relative_to(absolute(root)).as_posix()
        location = ":".join(str(part) for part in (file, problem.line, problem.column) if part is not None)
        heading = f"{location}: {problem.severity} {problem.code} {problem.path}".rstrip()
        lines.append(f"{heading}: {_one_line(problem.message)}")
        if problem.hint:
            lines.append(f"    hint: {_one_line(problem.hint)}")
    return lines


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n")


def read_expected(case: Path) -> list[str]:
    path = case / "expected.txt"
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_expected(case: Path, lines: list[str]) -> None:
    (case / "expected.txt").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
