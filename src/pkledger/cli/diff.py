"""`pkledger diff`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from pkledger.cli.common import LedgerOption, choice
from pkledger.cli.run import OPTIONS, run
from pkledger.output.diff import RENDERERS
from pkledger.output.streams import report_stream

if TYPE_CHECKING:
    DiffFormat = str
else:
    DiffFormat = choice(RENDERERS)


def diff_command(
    base: Annotated[
        str, typer.Argument(metavar="BASE", help="The git revision to compare with, e.g. origin/main.")
    ],
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD",
            help="The git revision to compare (default: the working tree, uncommitted and untracked "
            "files included).",
            show_default=False,
        ),
    ] = None,
    ledger: LedgerOption = None,
    output_format: Annotated[
        DiffFormat,
        typer.Option("--format", "-f", help="text, json or markdown (for a pull-request comment)."),
    ] = "text",
) -> None:
    """What a change does to the ledger: records added, removed and changed (field by field),
    problems introduced and fixed, and each gap's coverage before and after. The settings are read
    as they were at BASE, and a change to them is reported."""

    def action() -> int:
        from pkledger.analysis.changes import compare

        diff = compare(ledger, base, head, OPTIONS.config)
        with report_stream() as stream:
            RENDERERS[output_format](diff, stream)
        return 0

    run(action)
