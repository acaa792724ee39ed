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
