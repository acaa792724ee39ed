"""`pkledger brief`."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from pkledger.cli.common import LedgerOption, load
from pkledger.cli.run import config, run, say


def brief(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the pack's files to.")],
    conference_id: Annotated[
        str | None,
        typer.Argument(metavar="CONFERENCE_ID", help="The conference to brief on.", show_default=False),
    ] = None,
    ledger: LedgerOption = None,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="Show the ledger as it stood on this date (default: the conference's last day when it is "
            "past, today when it is to come).",
            show_default=False,
        ),
    ] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format", "-f", help="Files to write, a comma list of md, html, pdf (pdf needs Chromium)."
        ),
    ] = "md,html",
    allow_invalid: Annotated[
        bool,
        typer.Option(
            "--allow-invalid",
            help="Write the pack even when record files have errors, with a box on its first page naming them.",
        ),
    ] = False,
    state: Annotated[
        str | None,
        typer.Option(
            "--state",
            metavar="CODE",
            help="Write a member state's pack instead (e.g. KOR).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write the briefing pack for a conference (or, with --state, a member state), as Markdown,
    self-contained HTML and PDF."""

    def action() -> int:
        from pkledger.analysis.brief_guard import left_out_files, prepare_brief, without_files
        from pkledger.errors import UsageError
        from pkledger.ledger.revisions import ledger_version
        from pkledger.output.brief import parse_formats, refusal, write_brief

        chosen = parse_formats(formats)
        root = ledger or config().ledger
        when = as_of.date() if as_of else None
        if (conference_id is None) == (state is None):
            raise UsageError(
                "name a conference or a member state (--state CODE), not both or neither",
                hint="e.g. `pkledger brief 2021-seoul --out packs` or `pkledger brief --state KOR --out packs`",
            )
        opened = load(root)
        left_out = left_out_files(opened, config().adjust)
        if left_out and not allow_invalid:
            raise refusal(left_out)
        opened = without_files(opened, left_out)
        if state is not None:
            from pkledger.analysis.brief_state import prepare_state_brief
            from pkledger.output.brief_state import write_state_brief

            pack = prepare_state_brief(
                opened, state, when, ledger_version(root), today=date.today(), left_out=left_out
            )
            written = write_state_brief(pack, out, chosen)
        else:
            assert conference_id is not None
            made = prepare_brief(
                opened,
                conference_id,
                when,
                ledger_version(root),
                today=date.today(),
                left_out=left_out,
            )
            written = write_brief(made, out, chosen)
        for path in written:
            say(f"wrote {path.as_posix()}")
        return 0

    run(action)
