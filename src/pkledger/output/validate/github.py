"""GitHub Actions workflow commands: annotations on the changed lines of a pull request."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from pkledger.output.escape import workflow_data, workflow_property
from pkledger.output.streams import write_command
from pkledger.output.validate.text import summary_line

if TYPE_CHECKING:
    from pkledger.analysis.validate import ValidationResult
    from pkledger.problems import Problem


def annotation(problem: Problem) -> str:
    """One `::error` or `::warning` command for a problem."""
    properties = [f"file={workflow_property(problem.file)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
    if problem.column is not None:
        properties.append(f"col={problem.column}")
    properties.append(f"title={workflow_property(problem.code)}")
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    if problem.hint:
        message += f"\nhint: {problem.hint}"
    return f"::{problem.severity} {','.join(properties)}::{workflow_data(message)}"


def report(result: ValidationResult, stream: TextIO) -> None:
    """One annotation per problem, then the summary line."""
    for problem in result.problems:
        write_command(stream, annotation(problem))
    stream.write(summary_line(result.summary) + "\n")
