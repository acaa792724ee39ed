"""The commands that look into a ledger's records: `list`, `show` and `stats`."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from pkledger.cli import completion
from pkledger.cli.common import LedgerOption, choice, load
from pkledger.cli.run import run, say
from pkledger.format.kinds import FOLDERS
from pkledger.output.listing import RENDERERS as LIST_FORMATS
from pkledger.output.listing import render_wide_table
from pkledger.output.show import RENDERERS as SHOW_FORMATS
from pkledger.output.stats import RENDERERS as STATS_FORMATS
from pkledger.output.streams import report_stream

if TYPE_CHECKING:
    RecordFolder = str
    ListFormat = str
    ShowFormat = str
    StatsFormat = str
else:
    RecordFolder = choice(FOLDERS)
    ListFormat = choice(LIST_FORMATS)
    ShowFormat = choice(SHOW_FORMATS)
    StatsFormat = choice(STATS_FORMATS)


def list_records(
    kind: Annotated[RecordFolder, typer.Argument(help="pledges, gaps or conferences.")],
    ledger: LedgerOption = None,
    state: Annotated[
        str | None,
        typer.Option(
            help="Pledging state, or a conference's host or co-host: a code (KOR) or a name (Korea).",
            autocompletion=completion.state_codes,
        ),
    ] = None,
    conference: Annotated[
        str | None,
        typer.Option(
            help="Conference id; includes its preparatory conferences.",
            autocompletion=completion.conference_ids,
        ),
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="Status of the pledge or gap.", autocompletion=completion.statuses)
    ] = None,
    category: Annotated[
        str | None, typer.Option(help="Pledge category.", autocompletion=completion.categories)
    ] = None,
    capability: Annotated[
        str | None,
        typer.Option(
            help="Capability code (of any offer, for pledges).", autocompletion=completion.capability_codes
        ),
    ] = None,
    mission: Annotated[
        str | None,
        typer.Option(
            help="Mission code (of any offer, for pledges).", autocompletion=completion.mission_codes
        ),
    ] = None,
    measure: Annotated[
        str | None,
        typer.Option(
            help="What the quantity counts (of any offer, for pledges): units, personnel, aircraft...",
            autocompletion=completion.measures,
        ),
    ] = None,
    estimated: Annotated[
        bool, typer.Option("--estimated", help="Only records with estimated values (an `estimated` list).")
    ] = False,
    since: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"],
            help="Announced (pledges), published (gaps) or starting (conferences) on or after this date.",
        ),
    ] = None,
    output_format: Annotated[
        ListFormat,
        typer.Option("--format", "-f", help="table (for a terminal), json or csv (for spreadsheets)."),
    ] = "table",
    wide: Annotated[
        bool, typer.Option("--wide", help="Every column of the table, even where the terminal is too narrow.")
    ] = False,
) -> None:
    """List pledges, gaps or conferences, with filters. The table keeps the columns that fit the
    terminal (ids always whole); --wide shows them all."""

    def action() -> int:
        from pkledger.analysis.filters import checked_filters
        from pkledger.analysis.query import Filters, check_applicable, select

        filters = Filters(
            state=state,
            conference=conference,
            status=status,
            category=category,
            capability=capability,
            mission=mission,
            measure=measure,
            estimated=estimated or None,
            since=since.date() if since else None,
        )
        opened = load(ledger)
        check_applicable(kind, filters)
        filters, notes = checked_filters(kind, filters, opened)
        for note in notes:
            say(note)
        data = select(kind, opened, filters)
        with report_stream() as stream:
            if wide and output_format == "table":
                render_wide_table(data, stream)
            else:
                LIST_FORMATS[output_format](data, stream)
        return 0

    run(action)


def show(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Id of a pledge, gap or conference.", autocompletion=completion.record_ids
        ),
    ],
    ledger: LedgerOption = None,
    output_format: Annotated[ShowFormat, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show one record: its fields, status history, linked pledges or gaps, and sources."""

    def action() -> int:
        from pkledger.analysis.show import describe

        data = describe(load(ledger), record_id)
        with report_stream() as stream:
            SHOW_FORMATS[output_format](data, stream)
        return 0

    run(action)


def stats(
    ledger: LedgerOption = None,
    output_format: Annotated[StatsFormat, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Pledges by ministerial, category and status; personnel and the women's share against the
    parity target; published outcome figures beside the ledger's own counts."""

    def action() -> int:
        from pkledger.analysis.stats import compute_stats

        data = compute_stats(load(ledger))
        with report_stream() as stream:
            STATS_FORMATS[output_format](data, stream)
        return 0

    run(action)
