"""Renderings of `pkledger stats`: rich tables, and JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, TextIO

from pkledger.output.console import console_for
from pkledger.output.escape import dump_json, terminal
from pkledger.output.quantities import Estimates, quantity_text
from pkledger.wording import percent, target_percent

if TYPE_CHECKING:
    from decimal import Decimal

    from rich.table import Table
    from rich.text import Text

    from pkledger.analysis.stats import Stats


def share_text(share: float | Decimal | None) -> str:
    """A target share ("8%")."""
    return "" if share is None else target_percent(share)


def _table(title: str, columns: dict[str, str]) -> Table:
    """A table with a title and columns, each justified "left" or "right"."""
    from rich.table import Table

    table = Table(title=title, title_justify="left", header_style="bold")
    for name, justify in columns.items():
        table.add_column(name, justify="right" if justify == "right" else "left")
    return table


def _cell(value: object) -> Text:
    """A table cell of user data: never read as rich markup, hidden characters shown as escapes."""
    from rich.text import Text

    return Text(terminal(value))


def _counts(title: str, label: str, counts: dict[str, int]) -> Table:
    table = _table(title, {label: "left", "pledges": "right"})
    for key, count in counts.items():
        table.add_row(_cell(key), str(count))
    return table


def _personnel(stats: Stats) -> Table:
    columns = {"ministerial": "left", "category": "left"} | dict.fromkeys(
        ("personnel", "women", "share", "target"), "right"
    )
    table = _table("Personnel and the women's share", columns)
    for row in stats.personnel:
        target = share_text(row.target)
        if target:
            target += f" ({row.target_year}{', provisional' if row.provisional else ''})"
        table.add_row(
            _cell(row.ministerial),
            _cell(row.category),
            str(row.total),
            str(row.women),
            percent(row.women, row.total, row.target) if row.total else "",
            target,
        )
    return table


def _outcomes(stats: Stats, estimates: Estimates) -> Table:
    columns = {"conference": "left", "figure": "left", "published": "right", "in the ledger": "right"}
    table = _table("Published outcome figures and the ledger's counts", columns)
    for row in stats.outcomes:
        published = "" if row.published is None else quantity_text(row.published)
        if published and row.estimated:
            published += " " + estimates.marker(row.estimated)
        counted = "" if row.ledger is None else quantity_text(row.ledger)
        table.add_row(_cell(row.conference), _cell(row.figure), published, counted)
    return table


def render_text(stats: Stats, stream: TextIO) -> None:
    """The counts, personnel and outcome figures as tables."""
    console = console_for(stream)
    console.print(f"{stats.pledges} pledges", markup=False)
    console.print(_counts("By ministerial", "ministerial", stats.by_ministerial))
    console.print(_counts("By category", "category", stats.by_category))
    console.print(_counts("By status", "status", stats.by_status))
    if stats.personnel:
        console.print(_personnel(stats))
    if stats.outcomes:
        estimates = Estimates()
        console.print(_outcomes(stats, estimates))
        for note in estimates.notes():
            console.print(note, highlight=False, markup=False)


def render_json(stats: Stats, stream: TextIO) -> None:
    """Every figure, as JSON."""
    dump_json(asdict(stats), stream)


RENDERERS: dict[str, Callable[[Stats, TextIO], None]] = {"text": render_text, "json": render_json}
