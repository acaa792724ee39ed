"""`validate` on a terminal: warnings counted by code with one example each when the list is long;
errors always in full; --verbose, a short list, or a pipe get every problem."""

from __future__ import annotations

import io

import pytest

from pkledger.analysis.validate import ValidationResult
from pkledger.output.validate.summary import SHORT_LIST, report
from pkledger.problems import Problem


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def problem(number: int, code: str, severity: str = "warning") -> Problem:
    return Problem(
        file=f"data/pledges/p{number}.yaml", line=3, column=1, path="timeframe", code=code,
        severity=severity, message=f"message of {code}", hint="a hint",  # type: ignore[arg-type]
    )  # fmt: skip


def result(warnings: int, errors: int = 1) -> ValidationResult:
    found = [problem(n, "PKL302" if n % 3 else "PKL301") for n in range(warnings)]
    found += [problem(100 + n, "PKL108", "error") for n in range(errors)]
    return ValidationResult(found, files=50)


def rendered(result: ValidationResult, stream: io.StringIO, *, verbose: bool = False) -> str:
    report(result, stream, verbose=verbose)
    return stream.getvalue()


def test_many_warnings_on_a_terminal_are_counted_by_code_and_errors_listed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    output = rendered(result(30, errors=2), Terminal())
    assert "  20 × PKL302 message of PKL302  (e.g. data/pledges/p1.yaml:3)" in output
    assert "  10 × PKL301 message of PKL301  (e.g. data/pledges/p0.yaml:3)" in output
    assert output.count("error PKL108") == 2  # every error, in full
    assert "warning PKL302" not in output
    assert output.rstrip().endswith("Found 2 errors and 30 warnings in 50 files.")
    assert len(output.splitlines()) < 20


@pytest.mark.parametrize(
    ("found", "stream", "verbose"),
    [
        (result(30), Terminal(), True),
        (result(SHORT_LIST - 1), Terminal(), False),
        (result(30), io.StringIO(), False),
    ],
    ids=["verbose", "short-list", "pipe"],
)
def test_every_problem_is_listed_otherwise(
    monkeypatch: pytest.MonkeyPatch, found: ValidationResult, stream: io.StringIO, verbose: bool
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    output = rendered(found, stream, verbose=verbose)
    assert "Warnings by code" not in output
    assert output.count("warning PKL30") == len(found.problems) - 1


def test_summary_is_asked_for_on_any_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    """make demo's log is not a terminal: --summary counts the warnings there too."""
    monkeypatch.setenv("NO_COLOR", "1")
    stream = io.StringIO()
    report(result(5, errors=1), stream, summary=True)
    output = stream.getvalue()
    assert "   3 × PKL302 message of PKL302" in output
    assert output.count("error PKL108") == 1
    assert "warning PKL302" not in output
