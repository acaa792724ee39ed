"""Renderings of `pkledger list`: the records' rows and columns as a rich table, CSV or JSON."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from pkledger.output.console import console_for
from pkledger.output.escape import dump_json, terminal
from pkledger.output.quantities import stated_quantity

if TYPE_CHECKING:
    from pkledger.analysis.query import Selection
    from pkledger.format.models import CapabilityGap, Pledge, Record

Column = tuple[str, Callable[[Any], object]]
ESTIMATED_MARK = " (est.)"
"""Beside a value the record lists in `estimated`; the reasons are in the `estimated` column, and
under the table."""


def _marked(record: Record, path: str, text: str) -> str:
    return text + ESTIMATED_MARK if record.estimate_of(path) is not None else text


def _amount(pledge: Pledge) -> object:
    return pledge.money.amount if pledge.money else ""


def _currency(pledge: Pledge) -> object:
    return pledge.money.currency if pledge.money else ""


def _money_qualifier(pledge: Pledge) -> object:
    return pledge.money.qualifier if pledge.money else ""


def _women(pledge: Pledge) -> object:
    counts = [offer.personnel.women for offer in pledge.offers if offer.personnel]
    return sum(counts) if counts else ""


def _personnel(pledge: Pledge) -> object:
    counts = [offer.personnel.total for offer in pledge.offers if offer.personnel]
    return sum(counts) if counts else ""


def _capabilities(pledge: Pledge) -> str:
    return "; ".join(offer.capability or "-" for offer in pledge.offers)


def _quantities(pledge: Pledge) -> str:
    """Each offer's quantity in words ("6 units; 2 aircraft"), marked where estimated."""
    return "; ".join(
        _marked(pledge, f"offers[{index}].quantity", stated_quantity(offer.quantity, offer.capability))
        for index, offer in enumerate(pledge.offers)
    )


def _gap_quantity(gap: CapabilityGap) -> str:
    return _marked(gap, "quantity", stated_quantity(gap.quantity, gap.capability))


def estimated_reasons(record: Record) -> str:
    """The record's estimated fields and why: "conference: the reason; ..."."""
    return "; ".join(f"{estimate.field}: {estimate.reason}" for estimate in record.estimated)


PLEDGE_COLUMNS: list[Column] = [
    ("id", lambda p: p.id),
    ("state", lambda p: p.member_state),
    ("conference", lambda p: _marked(p, "conference", p.conference or "")),
    ("announced_on", lambda p: _marked(p, "announced_on", str(p.announced_on or ""))),
    ("category", lambda p: p.category),
    ("offers", lambda p: len(p.offers)),
    ("capability", _capabilities),
    ("quantity", _quantities),
    ("personnel", _personnel),
    ("women", _women),
    ("amount", _amount),
    ("currency", _currency),
    ("money_qualifier", _money_qualifier),
    ("status", lambda p: p.status),
    ("estimated", estimated_reasons),
    ("title", lambda p: p.title),
]
GAP_COLUMNS: list[Column] = [
    ("id", lambda g: g.id),
    ("mission", lambda g: g.mission),
    ("capability", lambda g: g.capability),
    ("quantity", _gap_quantity),
    ("basis", lambda g: g.basis),
    ("priority", lambda g: _marked(g, "priority", g.priority)),
    ("needed_from", lambda g: g.needed_since),
    ("required_by", lambda g: g.required_by or ""),
    ("status", lambda g: g.status),
    ("provenance", lambda g: g.provenance),
    ("estimated", estimated_reasons),
    ("title", lambda g: g.title),
]
CONFERENCE_COLUMNS: list[Column] = [
    ("id", lambda c: c.id),
    ("kind", lambda c: c.kind),
    ("start_date", lambda c: _marked(c, "start_date", str(c.start_date))),
    ("end_date", lambda c: _marked(c, "end_date", str(c.end_date))),
    ("parent", lambda c: c.parent or ""),
    ("format", lambda c: _marked(c, "format", c.format)),
    ("co_hosts", lambda c: " ".join(c.co_hosts)),
    ("estimated", estimated_reasons),
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
    "offers",
    "personnel",
    "women",
    "provenance",
    "needed_from",
    "end_date",
    "format",
    "estimated",
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
    console = console_for(stream)
    console.print(table)
    notes = [
        terminal(f"  {record.id} {estimate.field}: {estimate.reason}")
        for record in records
        for estimate in record.estimated
    ]
    if notes:
        console.print(Text("Estimated values (est.): the analyst's reading, and why\n" + "\n".join(notes)))


RENDERERS: dict[str, Callable[[Selection, TextIO], None]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
}
