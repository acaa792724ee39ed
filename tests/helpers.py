"""Helpers for tests: fixture case discovery and a compact, reviewable form of problems."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pkledger.ledger import absolute
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


def problem_lines(problems: Iterable[Problem], root: Path) -> list[str]:
    """`file:line:col: severity CODE path`, with file relative to the case folder."""
    lines = []
    for problem in problems:
        file = absolute(Path(problem.file)).relative_to(absolute(root)).as_posix()
        location = ":".join(str(part) for part in (file, problem.line, problem.column) if part is not None)
        lines.append(f"{location}: {problem.severity} {problem.code} {problem.path}".rstrip())
    return lines


def read_expected(case: Path) -> list[str]:
    path = case / "expected.txt"
    if not path.exists():
        return []
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_expected(case: Path, lines: list[str]) -> None:
    (case / "expected.txt").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
