"""The text rendering of `pkledger stats`: rich tables."""

from __future__ import annotations

from typing import TextIO

from rich.table import Table

from pkledger.analysis.stats import Stats, share_text
from pkledger.output.console import console_for


def _counts(title: str, label: str, counts: dict[str, int]) -> Table:
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column(label)
    table.add_column("pledges", justify="right")
    for key, count in counts.items():
        table.add_row(key, str(count))
    return table


def _personnel(stats: Stats) -> Table:
    table = Table(title="Personnel and the women's share", title_justify="left", header_style="bold")
    for name in ("ministerial", "category", "personnel", "women", "share", "target"):
        table.add_column(name, justify="left" if name in {"ministerial", "category"} else "right")
    for row in stats.personnel:
        target = share_text(row.target)
        if target:
            target += f" ({row.target_year}{', provisional' if row.provisional else ''})"
        table.add_row(
            row.ministerial, row.category, str(row.total), str(row.women), share_text(row.share), target
        )
    return table


def _outcomes(stats: Stats) -> Table:
    table = Table(
        title="Published outcome figures and the ledger's counts", title_justify="left", header_style="bold"
    )
    for name in ("conference", "figure", "published", "in the ledger"):
        table.add_column(name, justify="left" if name in {"conference", "figure"} else "right")
    for row in stats.outcomes:
        published = "" if row.published is None else str(row.published)
        counted = "" if row.ledger is None else str(row.ledger)
        table.add_row(row.conference, row.figure, published, counted)
    return table


def render_stats(stats: Stats, stream: TextIO) -> None:
    console = console_for(stream)
    console.print(f"{stats.pledges} pledges")
    console.print(_counts("By ministerial", "ministerial", stats.by_ministerial))
    console.print(_counts("By category", "category", stats.by_category))
    console.print(_counts("By status", "status", stats.by_status))
    if stats.personnel:
        console.print(_personnel(stats))
    if stats.outcomes:
        console.print(_outcomes(stats))
