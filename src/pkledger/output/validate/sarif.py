"""SARIF 2.1.0: the problems for code scanning (GitHub's upload-sarif, editors, other viewers).

Rules come from the diagnostics catalogue; file locations are relative to the top of the git work
tree (the repository root), where code scanning looks for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pkledger import __version__
from pkledger.output.escape import dump_json, reveal_keeping_lines, sarif_uri

if TYPE_CHECKING:
    from pkledger.analysis.validate import ValidationResult
    from pkledger.format.catalogue import Diagnostic
    from pkledger.problems import Problem

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
HOME = "https://github.com/pkledger/pkledger"
DIAGNOSTICS_PAGE = f"{HOME}/blob/main/docs/diagnostics.md"


def rule(diagnostic: Diagnostic) -> dict[str, Any]:
    """One reportingDescriptor: a diagnostic's code, name, title and guidance."""
    return {
        "id": diagnostic.code,
        "name": diagnostic.name,
        "shortDescription": {"text": diagnostic.title},
        "fullDescription": {"text": diagnostic.guidance},
        "help": {"text": diagnostic.guidance},
        "helpUri": f"{DIAGNOSTICS_PAGE}#{diagnostic.code.lower()}",
        "defaultConfiguration": {"level": diagnostic.severity},
        "properties": {"tags": [diagnostic.group]},
    }


def artifact_uri(file: str, top: Path | None) -> str:
    """The file's path relative to the repository root (else as shown), with forward slashes, as a
    URI reference (percent-encoded)."""
    from pkledger.files import absolute

    if top is not None:
        try:
            return sarif_uri(absolute(Path(file)).relative_to(absolute(top)).as_posix())
        except ValueError:
            pass
    return sarif_uri(Path(file).as_posix())


def sarif_result(problem: Problem, rule_index: int, top: Path | None) -> dict[str, Any]:
    """One result: the problem's code, level, message (with field and hint) and location."""
    message = f"{problem.path}: {problem.message}" if problem.path else problem.message
    if problem.hint:
        message += f"\nhint: {problem.hint}"
    message = reveal_keeping_lines(message)
    location: dict[str, Any] = {
        "artifactLocation": {"uri": artifact_uri(problem.file, top), "uriBaseId": "%SRCROOT%"}
    }
    if problem.line is not None:
        location["region"] = _region(problem)
    return {
        "ruleId": problem.code,
        "ruleIndex": rule_index,
        "level": problem.severity,
        "message": {"text": message},
        "locations": [{"physicalLocation": location}],
        "properties": {"field": problem.path, "hint": problem.hint},
    }


def _region(problem: Problem) -> dict[str, int]:
    region = {"startLine": max(problem.line or 1, 1)}
    if problem.column is not None:
        region["startColumn"] = max(problem.column, 1)
        if problem.end_column is not None and problem.end_column > problem.column:
            region["endColumn"] = problem.end_column
    return region


def sarif_log(validation: ValidationResult, top: Path | None) -> dict[str, Any]:
    """The whole SARIF log: one run of pkledger with every rule and every problem."""
    from pkledger.format.catalogue import catalogue

    diagnostics = list(catalogue().values())
    index = {diagnostic.code: position for position, diagnostic in enumerate(diagnostics)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pkledger",
                        "version": __version__,
                        "informationUri": HOME,
                        "rules": [rule(diagnostic) for diagnostic in diagnostics],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [
                    sarif_result(problem, index[problem.code], top) for problem in validation.problems
                ],
            }
        ],
    }


def report(result: ValidationResult, stream: TextIO) -> None:
    """The SARIF log, with file locations relative to the top of the git work tree."""
    from pkledger.files import absolute
    from pkledger.ledger.git import find_work_tree

    dump_json(sarif_log(result, find_work_tree(absolute(Path.cwd()))), stream)
