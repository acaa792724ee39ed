"""`pkledger brief`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from pkledger.cli.common import LedgerOption, load
from pkledger.cli.run import config, run, say


def brief(
    conference_id: Annotated[
        str, typer.Argument(metavar="CONFERENCE_ID", help="The conference to brief on.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write <id>.md and <id>.html to.")],
    ledger: LedgerOption = None,
    as_of: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Show the ledger as it stood on this date (default: today)."),
    ] = None,
) -> None:
    """Write the briefing pack for a conference, as Markdown and as self-contained HTML."""

    def action() -> int:
        from pkledger.analysis.brief import build_brief
        from pkledger.ledger.revisions import ledger_version
        from pkledger.output.brief import write_brief

        root = ledger or config().ledger
        when = as_of.date() if as_of else date.today()
        for path in write_brief(build_brief(load(root), conference_id, when, ledger_version(root)), out):
            say(f"wrote {path.as_posix()}")
        return 0

    run(action)
