"""Renderings of `pkledger list`: the records' rows and columns as a rich table, CSV or JSON."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from pkledger.output.console import console_for
from pkledger.output.escape import dump_json, terminal
from pkledger.output.quantities import stated_quantity
from pkledger.output.tables import Fit, add_fitted_columns, fitting

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


RANKS: dict[str, int] = {
    "id": 0,
    "state": 0,
    "mission": 0,
    "kind": 0,
    "status": 1,
    "title": 1,
    "capability": 2,
    "start_date": 2,
    "category": 3,
    "quantity": 3,
    "priority": 3,
    "parent": 4,
    "basis": 5,
    "required_by": 5,
    "co_hosts": 5,
    "amount": 6,
    "currency": 6,
    "money_qualifier": 7,
}
"""Which columns of the table stay as the terminal narrows (0 always; higher ranks give way first)."""


def _fit(name: str) -> Fit:
    return Fit(rank=RANKS.get(name, 8), whole=name == "id", flexible=name == "title")


def render_table(selection: Selection, stream: TextIO, *, wide: bool = False) -> None:
    """The main columns, as a table for a terminal; those that do not fit give way (``wide``: all)."""
    from rich.table import Table
    from rich.text import Text

    shown = [(name, value) for name, value in COLUMNS[selection.kind] if name not in TABLE_HIDDEN]
    records = selection.records
    cells = rows(records, shown)
    console = console_for(stream)
    names = [name for name, _ in shown]
    if wide:  # every column at its own width: lines as long as they need (for `less -S`)
        console.width = max(console.width, _natural_width(names, cells))
    fits = [_fit(name) for name in names]
    kept = list(range(len(names))) if wide else fitting(names, fits, cells, console.width)
    table = Table(
        title=f"{selection.kind.capitalize()} ({len(records)})", title_justify="left", header_style="bold"
    )
    add_fitted_columns(
        table, [names[i] for i in kept], [fits[i] for i in kept], [[row[i] for i in kept] for row in cells]
    )
    for row in cells:
        table.add_row(*(Text(row[i]) for i in kept))
    console.print(table)
    left_out = [names[i] for i in range(len(names)) if i not in kept]
    if left_out:
        note = f"(left out to fit the terminal: {', '.join(left_out)}; --wide shows them)"
        console.print(Text(textwrap.fill(note, width=console.width)))
    notes = [
        terminal(f"  {record.id} {estimate.field}: {estimate.reason}")
        for record in records
        for estimate in record.estimated
    ]
    if notes:
        console.print(Text("Estimated values (est.): the analyst's reading, and why\n" + "\n".join(notes)))


def _natural_width(names: list[str], cells: list[list[str]]) -> int:
    widths = [max([len(name), *(len(row[index]) for row in cells)]) for index, name in enumerate(names)]
    return sum(widths) + 3 * len(widths) + 1


def render_wide_table(selection: Selection, stream: TextIO) -> None:
    """Every column of the table, whatever the terminal's width."""
    render_table(selection, stream, wide=True)


RENDERERS: dict[str, Callable[[Selection, TextIO], None]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
}
