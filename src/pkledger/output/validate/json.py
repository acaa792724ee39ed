"""The JSON report: a contract other tools rely on (documented in the README and docs/ci.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from pkledger.output.escape import dump_json

if TYPE_CHECKING:
    from pkledger.analysis.validate import ValidationResult
    from pkledger.problems import Problem


def problem_json(problem: Problem) -> dict[str, Any]:
    """One problem in the JSON contract's shape."""
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "path": problem.path,
        "code": problem.code,
        "severity": problem.severity,
        "message": problem.message,
        "hint": problem.hint,
    }


def report_json(result: ValidationResult) -> dict[str, Any]:
    summary = result.summary
    return {
        "summary": {"files": summary.files, "errors": summary.errors, "warnings": summary.warnings},
        "problems": [problem_json(problem) for problem in result.problems],
    }


def report(result: ValidationResult, stream: TextIO) -> None:
    """The report as JSON, indented."""
    dump_json(report_json(result), stream)
