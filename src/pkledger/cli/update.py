"""`pkledger update`: record a pledge's or gap's new status, with the date and source of the change."""

from __future__ import annotations

from typing import Annotated

import typer

from pkledger.cli import completion
from pkledger.cli.common import LedgerOption, load
from pkledger.cli.run import config, run
from pkledger.errors import UsageError
from pkledger.output.streams import notes_stream

PLEDGE_STATUSES = (
    "announced, registered, in_progress, deployed, partially_fulfilled, fulfilled, withdrawn, lapsed, ended"
)
GAP_STATUSES = "open, partially_filled, filled, withdrawn"


def update(
    record_id: Annotated[
        str, typer.Argument(metavar="ID", help="Id of a pledge or gap.", autocompletion=completion.status_ids)
    ],
    status: Annotated[
        str,
        typer.Option(
            "--status",
            help=f"The new status. Pledges: {PLEDGE_STATUSES}. Gaps: {GAP_STATUSES}.",
            show_default=False,
            autocompletion=completion.statuses,
        ),
    ],
    on: Annotated[
        str,
        typer.Option("--on", help="Date of the change: YYYY-MM-DD, YYYY-MM or YYYY.", show_default=False),
    ],
    note: Annotated[str | None, typer.Option("--note", help="What happened, in a sentence.")] = None,
    source_url: Annotated[
        str | None, typer.Option("--source-url", help="Web address of the report (needs --source-title).")
    ] = None,
    source_title: Annotated[
        str | None, typer.Option("--source-title", help="Title of the report of the change.")
    ] = None,
    ledger: LedgerOption = None,
) -> None:
    """Set a record's status: append a dated history entry and set `status`, keeping the rest of the
    file byte for byte; the change is checked against the whole ledger before it is written."""

    def action() -> int:
        from pkledger.analysis.update import StatusChange, plan_update
        from pkledger.output.update import report_updated, write_update

        if source_url and not source_title:
            raise UsageError("--source-url needs --source-title", hint="give the report's title too")
        change = StatusChange(status, on, note, source_url, source_title)
        updated = plan_update(load(ledger), record_id, change, ignore=config().ignores)
        write_update(updated)
        with notes_stream() as stream:
            report_updated(updated, stream)
        return 0

    run(action)
