"""`pkledger validate`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pkledger.cli.common import choice
from pkledger.cli.run import OPTIONS, config, run
from pkledger.output.streams import report_stream
from pkledger.output.validate import REPORTERS, default_format, write_report

if TYPE_CHECKING:
    ValidateFormat = str
else:
    ValidateFormat = choice(REPORTERS)


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Ledger folders or record files (default: the configured ledger, else data). Files "
            "are checked against the whole ledger they belong to.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ValidateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format: text (default), json, github (default when GITHUB_ACTIONS is set) "
            "or sarif (SARIF 2.1.0, for code scanning).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            help="On a terminal, list every warning (by default, when there are over 20 problems, "
            "warnings are counted by code with one example each; errors are always listed).",
        ),
    ] = False,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="Count warnings by code with one example each, on any output (a log, a pipe); "
            "errors are always listed. make demo uses it.",
        ),
    ] = False,
    changed_since: Annotated[
        str | None,
        typer.Option(
            "--changed-since",
            metavar="REF",
            help="Check only the files changed since this git revision (added, modified, renamed, "
            "untracked), against the whole ledger, and what the change broke in other files. The "
            "settings are read as they were at REF, and a change to them is reported.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check ledger files against the ledger format and the rules across files."""

    def action() -> int:
        from pkledger.analysis import validate as validation

        if changed_since is not None:  # a pull request's check: the settings of the base revision
            from pkledger.analysis.changes import validate_changed

            result = validate_changed(paths or [], changed_since, OPTIONS.config, strict=strict)
        else:
            settings = config()
            result = validation.validate(paths or [settings.ledger], settings, use_cache=OPTIONS.cache)
        with report_stream() as stream:
            write_report(result, stream, output_format or default_format(), verbose=verbose, summary=summary)
        return 1 if result.failed(strict=strict) else 0

    run(action)
