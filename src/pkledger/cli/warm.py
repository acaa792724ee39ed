"""`pkledger validate` over an unchanged ledger, answered before the command line is built.

Building the Typer command line imports Typer, its copy of click and pydantic: about 0.3 s, three
times what reporting the problems the cache holds takes. So when the command is `validate` with
no option but those read here, and the cache holds the problems of every ledger asked about as it
is on disk (``analysis.validate.stored_result``), this module writes the report through the same
reporters, on the same stream, and returns the same exit code as the command line would.

In every other case (another command or option, no cache, a file changed, a path that does not
exist, settings that cannot be read) it returns None having written nothing, and the command line
runs as usual: every message and every error is the command line's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pkledger.analysis.validate import ValidationResult

FORMATS = ("text", "json", "github", "sarif")
"""The formats of ``output.validate.REPORTERS`` (a test keeps them the same), named here so that
an unknown one is left to the command line's error without importing the reporters."""
_FLAGS = {"--strict": "strict", "--verbose": "verbose", "-v": "verbose", "--summary": "summary"}


@dataclass
class Asked:
    """What a `validate` command line asks for, when it asks for nothing but what is read here."""

    paths: list[Path] = field(default_factory=list)
    output_format: str | None = None
    strict: bool = False
    verbose: bool = False
    summary: bool = False


def asked(arguments: list[str]) -> Asked | None:
    """The request of `pkledger validate ARGUMENTS`, or None when it is not one answered here: an
    option not listed here (--changed-since, --help, --), an unknown format, one given twice."""
    request = Asked()
    remaining = iter(arguments)
    for argument in remaining:
        if argument in _FLAGS:
            setattr(request, _FLAGS[argument], True)
        elif argument in ("--format", "-f") or argument.startswith("--format="):
            value = argument.partition("=")[2] if "=" in argument else next(remaining, None)
            if value not in FORMATS or request.output_format is not None:
                return None
            request.output_format = value
        elif argument.startswith("-") or not argument:
            return None
        else:
            request.paths.append(Path(argument))
    return request


def answer(arguments: list[str]) -> int | None:
    """The exit code of `pkledger validate ARGUMENTS` once its report is written, when the cache
    holds the answer; else None, with nothing written."""
    request = asked(arguments)
    if request is None:
        return None
    try:
        result = _stored(request)
        return None if result is None else _reported(request, result)
    except KeyboardInterrupt:
        from pkledger.cli.run import say

        say("pkledger: interrupted")
        return 130


def _stored(request: Asked) -> ValidationResult | None:
    from pkledger.analysis.validate import stored_result
    from pkledger.errors import PkledgerError
    from pkledger.ledger.config import load_config

    try:
        config = load_config()
        return stored_result(request.paths or [config.ledger], config)
    except (PkledgerError, OSError, ValueError):  # the command line says what is wrong
        return None


def _reported(request: Asked, result: ValidationResult) -> int:
    """Write the report; once it has begun, an error is the command line's internal error."""
    from pkledger.output.streams import report_stream
    from pkledger.output.validate import default_format, write_report

    chosen = request.output_format or default_format()
    try:
        with report_stream() as stream:
            write_report(result, stream, chosen, verbose=request.verbose, summary=request.summary)
    except Exception as error:  # noqa: BLE001 - said as the command line says an internal error
        from pkledger.cli.run import internal_error

        internal_error(error)
        return 3
    return 1 if result.failed(strict=request.strict) else 0
