"""`pkledger match`."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from pkledger.cli.common import LedgerOption, choice, load
from pkledger.cli.run import run, say
from pkledger.errors import UsageError
from pkledger.output.match import RENDERERS
from pkledger.output.streams import report_stream
from pkledger.suggest import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterable

    MatchFormat = str
else:
    MatchFormat = choice(RENDERERS)


def match_command(
    ledger: LedgerOption = None,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="Match as of this date (default: today, or the conference's last day with --conference).",
        ),
    ] = None,
    conference: Annotated[
        str | None,
        typer.Option(
            help="Show each gap's coverage the day before this conference opened and at its last day; "
            "list only its pledges as unmatched."
        ),
    ] = None,
    mission: Annotated[
        str | None, typer.Option(help="Only gaps of this mission (and gaps for ANY mission).")
    ] = None,
    output_format: Annotated[
        MatchFormat, typer.Option("--format", "-f", help="text, json or markdown.")
    ] = "text",
    wide: Annotated[
        bool, typer.Option("--wide", help="Text: show every column, whatever the terminal's width.")
    ] = False,
) -> None:
    """Match pledges to capability gaps at a date: who can fill what, the optimal allocation, what stays open."""

    def action() -> int:
        from pkledger.analysis.match import match
        from pkledger.format.reference import reference

        loaded = load(ledger)
        if conference is not None:
            _known("conference", conference, loaded.conferences)
        if mission is not None:
            _known("mission", mission.upper(), [*reference().missions, "ANY"])
        when = as_of.date() if as_of else None
        result = match(loaded, as_of=when, conference=conference, mission=mission)
        if when is None and conference is None:
            say(f"as of {date.today().isoformat()} (today; --as-of to choose a date)")
        with report_stream() as stream:
            RENDERERS[output_format](result, stream, wide=wide)
        for warning in result.link_warnings if output_format != "text" else []:
            say(f"warning: {warning}")
        return 0

    run(action)


def _known(what: str, value: str, choices: Iterable[str]) -> None:
    names = list(choices)
    if value not in names:
        raise UsageError(f"no {what} '{value}' in the ledger", hint=did_you_mean(value, names))
