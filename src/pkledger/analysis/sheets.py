"""Records as spreadsheet rows and back: the layout of `export`, `import` and the pledge form.

A record kind has a sheet named after its folder (pledges, gaps, conferences), one row per record:
a field that holds a mapping spreads over columns named with dots (`money.amount`,
`timeframe.start`), a list of codes or ids sits in one cell, its items separated by "; ". A list
of mappings (offers, history, sources, partners, estimated) has a sheet of its own, such as
"pledge offers", one row per item, keyed by the record's `id` and the item's number (from 1).
On a record's own row, `offer.` and `source.` columns stand for one more offer and one more
source, listed before the others: a pledge form needs no second sheet for the usual single
offer and source. Columns come from the JSON Schema, so they follow the format without a list here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pkledger.format.kinds import FOLDERS, kind_of
from pkledger.format.schema import record_schema

SEPARATOR = "; "
KEY_COLUMNS = ("id", "item")
INLINE = {"offers": "offer", "sources": "source"}
"""Lists of which one item may be written on the record's own row, under this prefix."""


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its heading, what the schema allows there, and its description."""

    name: str
    types: frozenset[str]
    """JSON types the field allows ("string", "integer", "number", "boolean", "array")."""
    choices: tuple[str, ...] = ()
    description: str = ""
    is_date: bool = False

    @property
    def is_text(self) -> bool:
        """Whether the cell is always text (a code, a title), never read as a number."""
        return self.types <= {"string", "array"} and not self.is_date


@dataclass(frozen=True)
class Layout:
    """The sheets of a record kind: its own, then one per list of mappings."""

    kind: str
    columns: tuple[Column, ...]
    lists: dict[str, tuple[Column, ...]]
    """For each list of mappings (offers, history...), the columns of one item."""

    def sheet_of(self, list_name: str) -> str:
        return f"{kind_of(self.kind).label} {list_name}"

    def column(self, name: str) -> Column | None:
        """The column of the record's own sheet with this heading, `offer.`/`source.` ones included."""
        for column in self.columns:
            if column.name == name:
                return column
        prefix, _, rest = name.partition(".")
        for list_name, single in INLINE.items():
            if prefix == single and list_name in self.lists:
                return next((c for c in self.lists[list_name] if c.name == rest), None)
        return None

    def inline_columns(self) -> list[Column]:
        """The `offer.` and `source.` columns of the record's own sheet (those of the pledge form)."""
        return [
            Column(
                f"{INLINE[name]}.{column.name}",
                column.types,
                column.choices,
                column.description,
                column.is_date,
            )
            for name in INLINE
            if name in self.lists
            for column in self.lists[name]
        ]


@dataclass
class Sheet:
    """A sheet's heading row and its rows of cell values (text, whole numbers, decimals or None)."""

    name: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)


def layout(kind: str) -> Layout:
    """The layout of a record kind, read from its JSON Schema."""
    schema = record_schema(kind)
    definitions = schema.get("$defs", {})
    columns: list[Column] = []
    lists: dict[str, tuple[Column, ...]] = {}
    for name, node in schema["properties"].items():
        item = _object_items(node, definitions)
        if item is not None:
            lists[name] = tuple(_columns(item, "", definitions))
        else:
            columns += _columns(node, name, definitions)
    return Layout(kind, tuple(columns), lists)


def _resolve(node: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        return dict(definitions[node["$ref"].rsplit("/", 1)[-1]])
    return node


def _alternatives(node: dict[str, Any], definitions: dict[str, Any]) -> list[dict[str, Any]]:
    node = _resolve(node, definitions)
    options = node.get("anyOf") or node.get("oneOf")
    if not options:
        return [node]
    return [found for option in options for found in _alternatives(option, definitions)]


def _object_items(node: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any] | None:
    """The schema of a list's items when they are mappings, else None."""
    for option in _alternatives(node, definitions):
        if option.get("type") == "array":
            items = _alternatives(option.get("items", {}), definitions)
            if any("properties" in item for item in items):
                return next(item for item in items if "properties" in item)
    return None


def _columns(node: dict[str, Any], name: str, definitions: dict[str, Any]) -> list[Column]:
    """The columns of a field: one for a value, one per leaf of a mapping (with dots)."""
    options = _alternatives(node, definitions)
    found: list[Column] = []
    scalars = [option for option in options if "properties" not in option]
    described = _resolve(node, definitions).get("description", "")
    if any(option.get("type") not in (None, "null") for option in scalars) and name:
        found.append(_scalar(name, scalars, described, definitions))
    for option in options:
        for key, child in option.get("properties", {}).items():
            found += _columns(child, f"{name}.{key}" if name else key, definitions)
    return found


def _scalar(
    name: str, options: list[dict[str, Any]], description: str, definitions: dict[str, Any]
) -> Column:
    types: set[str] = set()
    choices: list[str] = []
    is_date = False
    for option in options:
        kind = option.get("type")
        if kind == "array":
            types.add("array")
            for item in _alternatives(option.get("items", {}), definitions):
                types.add(item.get("type", "string"))
                choices += item.get("enum", [])
        elif kind and kind != "null":
            types.add(kind)
        choices += option.get("enum", [])
        is_date = is_date or option.get("pattern", "").startswith("^[0-9]{4}(-")
    return Column(name, frozenset(types), tuple(dict.fromkeys(choices)), description, is_date)


def ledger_sheets(records: dict[str, list[dict[str, Any]]]) -> list[Sheet]:
    """The sheets of every kind's records (their data as read from the files), columns left empty
    in every row left out."""
    sheets: list[Sheet] = []
    for kind in FOLDERS:
        shape = layout(kind)
        data = records.get(kind, [])
        main = Sheet(kind, list(shape.columns), [_row(shape.columns, record) for record in data])
        sheets.append(_without_empty_columns(main, keep={"id"}))
        for list_name, columns in shape.lists.items():
            sheet = Sheet(shape.sheet_of(list_name), [_key("id"), _key("item"), *columns])
            for record in data:
                for number, item in enumerate(record.get(list_name) or [], start=1):
                    sheet.rows.append([record.get("id"), number, *_row(columns, item)])
            sheets.append(_without_empty_columns(sheet, keep=set(KEY_COLUMNS)))
    return sheets


def _key(name: str) -> Column:
    described = "the record's id" if name == "id" else "the item's number in its list, from 1"
    return Column(name, frozenset({"string"} if name == "id" else {"integer"}), description=described)


def _row(columns: Iterable[Column], record: dict[str, Any]) -> list[Any]:
    return [cell_value(_value_at(record, column.name, whole="object" in column.types)) for column in columns]


def _value_at(data: Any, dotted: str, *, whole: bool = False) -> Any:
    for part in dotted.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return None if isinstance(data, dict) and not whole else data


def cell_value(value: Any) -> Any:
    """A field's value as a cell holds it: lists joined, booleans and dates as text, and what cannot
    be spread over columns (a map of themes, a list of mappings inside a mapping) as JSON."""
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(item, dict) for item in value)):
        return json.dumps(value, default=str, ensure_ascii=False)
    if isinstance(value, list):
        return SEPARATOR.join(str(cell_value(item)) for item in value) or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal) or value is None:
        return value
    return str(value)


def _without_empty_columns(sheet: Sheet, keep: set[str]) -> Sheet:
    used = [
        index
        for index, column in enumerate(sheet.columns)
        if column.name in keep or any(row[index] not in (None, "") for row in sheet.rows)
    ]
    return Sheet(sheet.name, [sheet.columns[i] for i in used], [[row[i] for i in used] for row in sheet.rows])


def template_sheet() -> Sheet:
    """The pledge form: the pledge's own columns and one offer and one source, ids left to `import`."""
    shape = layout("pledges")
    columns = [column for column in shape.columns if column.name != "id"]
    at = next(index for index, column in enumerate(columns) if column.name == "money.amount")
    inline = shape.inline_columns()
    offers = [column for column in inline if column.name.startswith("offer.")]
    sources = [column for column in inline if column.name.startswith("source.")]
    return Sheet("pledges", [*columns[:at], *offers, *columns[at:], *sources])


def iter_columns(sheets: Iterable[Sheet]) -> Iterator[tuple[Sheet, Column]]:
    for sheet in sheets:
        for column in sheet.columns:
            yield sheet, column
