"""Rows and columns of `pkledger list`, rendered as a rich table, CSV or JSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from rich.table import Table

from pkledger.format.models import CapabilityGap, Conference, Pledge, Record
from pkledger.output.console import console_for

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
COLUMNS: dict[type[Record], list[Column]] = {
    Pledge: PLEDGE_COLUMNS,
    CapabilityGap: GAP_COLUMNS,
    Conference: CONFERENCE_COLUMNS,
}
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
    return [[str(value(record)) for _, value in columns] for record in records]


def write_csv(records: Sequence[Record], columns: list[Column], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    writer.writerows(rows(records, columns))


def write_json(records: Sequence[Record], stream: TextIO) -> None:
    documents = [record.model_dump(mode="json", exclude_defaults=True) for record in records]
    json.dump(documents, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def write_table(records: Sequence[Record], columns: list[Column], title: str, stream: TextIO) -> None:
    shown = [(name, value) for name, value in columns if name not in TABLE_HIDDEN]
    table = Table(title=f"{title} ({len(records)})", title_justify="left", header_style="bold")
    cells = rows(records, shown)
    for name, _ in shown:
        # Only id and title give way on a narrow terminal; codes and dates keep their width.
        flexible = name in ("id", "title")
        table.add_column(name, no_wrap=not flexible, overflow="ellipsis" if name == "id" else "fold")
    for row in cells:
        table.add_row(*row)
    console_for(stream).print(table)


def write_records(records: Sequence[Record], kind: str, output_format: str, stream: TextIO) -> None:
    """Write records of one kind in the chosen format."""
    columns = COLUMNS[_model_of(kind)]
    if output_format == "csv":
        write_csv(records, columns, stream)
    elif output_format == "json":
        write_json(records, stream)
    else:
        write_table(records, columns, kind.capitalize(), stream)


def _model_of(kind: str) -> type[Record]:
    from pkledger.format.models import RECORD_KINDS

    return RECORD_KINDS[kind]
