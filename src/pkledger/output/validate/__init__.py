"""`pkledger validate`'s reports, one module per format, chosen by --format from ``REPORTERS``.

Machine output goes to the stream given (stdout); nothing here reads files except the text
report, which shows the source line of each problem.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from pkledger.output.validate import github, json, sarif, text

if TYPE_CHECKING:
    from pkledger.analysis.validate import ValidationResult

REPORTERS: dict[str, Callable[[ValidationResult, TextIO], None]] = {
    "text": text.report,
    "json": json.report,
    "github": github.report,
    "sarif": sarif.report,
}


def default_format() -> str:
    """The report format when none is asked for: GitHub annotations under GitHub Actions, else text."""
    from pkledger.output.streams import in_github_actions

    return "github" if in_github_actions() else "text"


def write_report(
    result: ValidationResult, stream: TextIO, chosen: str, *, verbose: bool = False, summary: bool = False
) -> None:
    """The report in the format chosen; the text one summarised when ``summary.wants_summary`` says."""
    if chosen == "text":
        from pkledger.output.validate.summary import report

        report(result, stream, verbose=verbose, summary=summary)
    else:
        REPORTERS[chosen](result, stream)
