"""GitHub Actions workflow commands: annotations on the changed lines of a pull request."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from pkledger.output.validate.text import summary_line

if TYPE_CHECKING:
    from pkledger.analysis.validate import ValidationResult
    from pkledger.problems import Problem


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One `::error` or `::warning` command for a problem."""
    properties = [f"file={_escape_property(problem.file)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
    if problem.column is not None:
        properties.append(f"col={problem.column}")
    properties.append(f"title={_escape_property(problem.code)}")
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    if problem.hint:
        message += f"\nhint: {problem.hint}"
    return f"::{problem.severity} {','.join(properties)}::{_escape_data(message)}"


def report(result: ValidationResult, stream: TextIO) -> None:
    """One annotation per problem, then the summary line."""
    stream.writelines(annotation(problem) + "\n" for problem in result.problems)
    stream.write(summary_line(result.summary) + "\n")
