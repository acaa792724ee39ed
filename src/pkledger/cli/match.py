"""`pkledger match`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from pkledger.cli.common import LedgerOption, choice, load
from pkledger.cli.run import report_stream, run, say
from pkledger.errors import PkledgerError
from pkledger.output.match import RENDERERS

if TYPE_CHECKING:
    MatchFormat = str
else:
    MatchFormat = choice(RENDERERS)


def match_command(
    ledger: LedgerOption = None,
    conference: Annotated[
        str | None, typer.Option(help="Only pledges made at this conference or its preparatory conferences.")
    ] = None,
    mission: Annotated[
        str | None, typer.Option(help="Only gaps of this mission (and gaps for ANY mission).")
    ] = None,
    output_format: Annotated[
        MatchFormat, typer.Option("--format", "-f", help="text, json or markdown.")
    ] = "text",
) -> None:
    """Match pledges to capability gaps: who can fill what, the optimal allocation, what stays open."""

    def action() -> int:
        from pkledger.analysis.match import match

        loaded = load(ledger)
        if conference is not None and conference not in loaded.conferences:
            raise PkledgerError(f"no conference with id '{conference}' in the ledger")
        result = match(loaded, conference=conference, mission=mission)
        with report_stream() as stream:
            RENDERERS[output_format](result, stream)
        for warning in result.link_warnings if output_format != "text" else []:
            say(f"warning: {warning}")
        return 0

    run(action)
