"""Renderings of `pkledger list`: the records' rows and columns as a rich table, CSV or JSON."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from pkledger.output.console import console_for
from pkledger.output.escape import dump_json, terminal

if TYPE_CHECKING:
    from pkledger.analysis.query import Selection
    from pkledger.format.models import Pledge, Record

Column = tuple[str, Callable[[Any], object]]


def _amount(pledge: Pledge) -> object:
    return pledge.money.amount if pledge.money else ""


def _currency(pledge: Pledge) -> object:
    return pledge.money.currency if pledge.money else ""


def _women(pledge: Pledge) -> object:
    return pledge.personnel.women if pledge.personnel else ""


def _personnel(pledge: Pledge) -> object:
    return pledge.personnel.total if pledge.personnel else ""


PLEDGE_COLUMNS: list[Column] = [
    ("id", lambda p: p.id),
    ("state", lambda p: p.member_state),
    ("conference", lambda p: p.conference or ""),
    ("announced_on", lambda p: p.announced_on or ""),
    ("category", lambda p: p.category),
    ("capability", lambda p: p.capability or ""),
    ("quantity", lambda p: p.quantity or ""),
    ("personnel", _personnel),
    ("women", _women),
    ("amount", _amount),
    ("currency", _currency),
    ("status", lambda p: p.status),
    ("title", lambda p: p.title),
]
GAP_COLUMNS: list[Column] = [
    ("id", lambda g: g.id),
    ("mission", lambda g: g.mission),
    ("capability", lambda g: g.capability),
    ("quantity", lambda g: g.quantity),
    ("priority", lambda g: g.priority),
    ("required_by", lambda g: g.required_by or ""),
    ("status", lambda g: g.status),
    ("provenance", lambda g: g.provenance),
    ("title", lambda g: g.title),
]
CONFERENCE_COLUMNS: list[Column] = [
    ("id", lambda c: c.id),
    ("kind", lambda c: c.kind),
    ("start_date", lambda c: c.start_date),
    ("end_date", lambda c: c.end_date),
    ("parent", lambda c: c.parent or ""),
    ("format", lambda c: c.format),
    ("co_hosts", lambda c: " ".join(c.co_hosts)),
    ("title", lambda c: c.title),
]
COLUMNS: dict[str, list[Column]] = {
    "pledges": PLEDGE_COLUMNS,
    "gaps": GAP_COLUMNS,
    "conferences": CONFERENCE_COLUMNS,
}
"""The columns of each record folder's rows."""
TABLE_HIDDEN = {
    "conference",
    "announced_on",
    "personnel",
    "women",
    "money",
    "provenance",
    "end_date",
    "format",
}


def rows(records: Sequence[Record], columns: list[Column]) -> list[list[str]]:
    """Each record's cells as text, hidden characters shown as escapes."""
    return [[terminal(value(record)) for _, value in columns] for record in records]


def render_csv(selection: Selection, stream: TextIO) -> None:
    """Every column, for spreadsheets."""
    import csv

    columns = COLUMNS[selection.kind]
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    writer.writerows(rows(selection.records, columns))


def render_json(selection: Selection, stream: TextIO) -> None:
    """The whole records, as JSON."""
    documents = [record.model_dump(mode="json", exclude_defaults=True) for record in selection.records]
    dump_json(documents, stream)


def render_table(selection: Selection, stream: TextIO) -> None:
    """The main columns, as a table for a terminal."""
    from rich.table import Table
    from rich.text import Text

    shown = [(name, value) for name, value in COLUMNS[selection.kind] if name not in TABLE_HIDDEN]
    records = selection.records
    table = Table(
        title=f"{selection.kind.capitalize()} ({len(records)})", title_justify="left", header_style="bold"
    )
    for name, _ in shown:
        # Only id and title give way on a narrow terminal; codes and dates keep their width.
        flexible = name in ("id", "title")
        table.add_column(name, no_wrap=not flexible, overflow="ellipsis" if name == "id" else "fold")
    for row in rows(records, shown):
        table.add_row(*(Text(cell) for cell in row))
    console_for(stream).print(table)


RENDERERS: dict[str, Callable[[Selection, TextIO], None]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
}
