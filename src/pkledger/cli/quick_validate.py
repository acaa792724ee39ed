"""`pkledger validate`, run without building the Typer command line.

Building the command line imports Typer, its copy of click and pydantic: about 0.3 s, more than a
whole run over an unchanged ledger otherwise takes, and a fifth of a run over 5,000 files. So when
the command is `validate` with no option but those read here (``--no-cache`` before the command;
``--format``, ``--strict``, ``--summary``, ``--verbose`` and paths after it), this module runs the
same core call (``analysis.validate.validate``), writes the report through the same reporters on
the same stream, and returns the same exit code as the command line would (a test compares them).

In every other case (another command or option, `--help`, an unknown format) and whenever the core
call raises an error the command line explains (a path that does not exist, settings that cannot be
read), it returns None having written nothing, and the command line runs as usual: every usage
message and every error message is the command line's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pkledger.analysis.validate import ValidationResult

_FLAGS = {"--strict": "strict", "--verbose": "verbose", "-v": "verbose", "--summary": "summary"}


@dataclass
class Asked:
    """What a `validate` command line asks for, when it asks for nothing but what is read here."""

    paths: list[Path] = field(default_factory=list)
    output_format: str | None = None
    strict: bool = False
    verbose: bool = False
    summary: bool = False
    cache: bool = True


def asked(arguments: list[str]) -> Asked | None:
    """The request of `pkledger ARGUMENTS` when it is a `validate` read here, else None: another
    command, an option not listed above (--changed-since, --help, --), an unknown format, one given
    twice."""
    from pkledger.output.validate import REPORTERS  # the --format choices

    request = Asked()
    if arguments[:1] == ["--no-cache"]:
        request.cache, arguments = False, arguments[1:]
    if arguments[:1] != ["validate"]:
        return None
    remaining = iter(arguments[1:])
    for argument in remaining:
        if argument in _FLAGS:
            setattr(request, _FLAGS[argument], True)
        elif argument in ("--format", "-f") or argument.startswith("--format="):
            value = argument.partition("=")[2] if "=" in argument else next(remaining, None)
            if value not in REPORTERS or request.output_format is not None:
                return None
            request.output_format = value
        elif argument.startswith("-") or not argument:
            return None
        else:
            request.paths.append(Path(argument))
    return request


def answer(arguments: list[str]) -> int | None:
    """The exit code of `pkledger ARGUMENTS` once its report is written, when it is a `validate`
    read here; else None, with nothing written."""
    request = asked(arguments)
    if request is None:
        return None
    try:
        result = _validated(request)
        return None if result is None else _reported(request, result)
    except KeyboardInterrupt:
        from pkledger.cli.run import say

        say("pkledger: interrupted")
        return 130


def _validated(request: Asked) -> ValidationResult | None:
    """The core call of `validate`; None when it raised an error: the command line runs it again
    and says what is wrong (or, for an error pkledger did not expect, reports it as a bug)."""
    from pkledger.analysis.validate import validate
    from pkledger.ledger.config import load_config

    try:
        config = load_config()
        return validate(request.paths or [config.ledger], config, use_cache=request.cache)
    except Exception:  # noqa: BLE001 - every error is the command line's to explain
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
        from pkledger.cli.run import OPTIONS, internal_error

        OPTIONS.debug = os.environ.get("PKLEDGER_DEBUG") == "1"  # as the root callback sets it
        internal_error(error)
        return 3
    return 1 if result.failed(strict=request.strict) else 0
