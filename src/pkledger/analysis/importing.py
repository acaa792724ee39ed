"""`pkledger import`: records from a spreadsheet (a filled pledge form, or an export), each checked
against the whole ledger as `validate` checks a file, every problem placed at its cell.

Nothing is written unless every row is valid (or the caller keeps only the valid ones). A cell is
data, never a formula: a leading quote that neutralised one on export (`'=...`) is taken off.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from pkledger.analysis.create import next_id, render_record, target_path
from pkledger.analysis.sheets import INLINE, SEPARATOR, Column, Layout, layout
from pkledger.errors import PkledgerError
from pkledger.files import TooLarge, display_path, read_regular
from pkledger.format.kinds import FOLDERS, kind_of
from pkledger.ledger.entry import Ledger
from pkledger.ledger.opening import open_ledger
from pkledger.problems import Problem
from pkledger.suggest import did_you_mean
from pkledger.yaml.scalars import resolve_plain

MAX_BYTES = 50 << 20
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may run as a formula at the start of a cell: written with a quote before it."""


@dataclass
class RawSheet:
    """A sheet as read: its headings and its rows of cell text (None for an empty cell)."""

    name: str
    headings: list[str]
    rows: list[list[str | None]]


@dataclass
class ImportedRow:
    """One record read from a row, with the cell of each of its fields."""

    kind: str
    sheet: str
    row: int
    data: dict[str, Any]
    cells: dict[str, str] = field(default_factory=dict)
    """Field paths as shown (offers[0].quantity) and the cell they came from (C5)."""
    given_id: bool = False
    path: Path | None = None
    text: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not any(problem.is_error for problem in self.problems)

    def cell_of(self, path: str) -> str:
        """The cell a problem at a field path points at: the field's own, else the row's first."""
        best = ""
        for known in self.cells:
            if (path == known or path.startswith((known + ".", known + "["))) and len(known) > len(best):
                best = known
        return self.cells[best] if best else f"A{self.row}"


@dataclass
class ImportResult:
    """The rows read, each with its problems; where the valid ones go."""

    source: str
    rows: list[ImportedRow]

    @property
    def valid(self) -> list[ImportedRow]:
        return [row for row in self.rows if row.is_valid]

    @property
    def invalid(self) -> list[ImportedRow]:
        return [row for row in self.rows if not row.is_valid]


# Reading


def read_sheets(path: Path) -> list[RawSheet]:
    """The sheets of an .xlsx workbook, or of a .csv file (its sheet named by `csv_sheet_name`)
    with the other sheets exported beside it (`NAME.SHEET.csv`)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise PkledgerError(
            f"{display_path(path)}: not an .xlsx or .csv file", hint="save the sheet as .xlsx or .csv"
        )
    try:
        content = read_regular(path, MAX_BYTES)
    except TooLarge:
        raise PkledgerError(f"{display_path(path)} is larger than {MAX_BYTES >> 20} MB") from None
    except OSError as error:
        raise PkledgerError(f"{display_path(path)} cannot be read: {error.strerror or error}") from None
    if suffix == ".xlsx":
        return _read_xlsx(path, content)
    sheets = [_read_csv(csv_sheet_name(path), content)]
    for sibling in sorted(path.parent.glob(f"{path.stem}.*.csv")):
        name = sibling.name.removeprefix(path.stem + ".").removesuffix(".csv").replace("-", " ")
        sheets.append(_read_csv(name, read_regular(sibling, MAX_BYTES)))
    return sheets


def csv_sheet_name(path: Path) -> str:
    """The sheet a CSV file stands for: a record folder its name ends with, else pledges."""
    return next((kind for kind in FOLDERS if path.stem.lower().endswith(kind)), "pledges")


def _read_csv(name: str, content: bytes) -> RawSheet:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PkledgerError(
            f"{name}: the CSV is not UTF-8 (byte {error.start})", hint="save it as CSV UTF-8"
        ) from None
    rows = list(csv.reader(text.splitlines()))
    return _raw(name, [[cell_text(cell) for cell in row] for row in rows])


def _read_xlsx(path: Path, content: bytes) -> list[RawSheet]:
    import io
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise PkledgerError(f"{display_path(path)} is not a workbook openpyxl can read: {error}") from None
    try:
        return [
            _raw(
                sheet.title,
                [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)],
            )
            for sheet in workbook.worksheets
        ]
    finally:
        workbook.close()


def _raw(name: str, rows: list[list[str | None]]) -> RawSheet:
    rows = list(rows)
    while rows and not any(rows[-1]):
        rows.pop()
    headings = [cell or "" for cell in rows[0]] if rows else []
    return RawSheet(name, headings, rows[1:])


def cell_text(value: Any) -> str | None:
    """A cell's value as text, as a YAML file would write it; None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value)
    if text.startswith("'") and text[1:2] and text[1] in "".join(FORMULA_STARTS):
        text = text[1:]  # the quote that neutralised a formula on export
    return text if text.strip() else None


# Rows into records


def rows_of(sheets: list[RawSheet], source: str) -> list[ImportedRow]:
    """The records of the sheets named after a record folder, with the items of their lists."""
    by_name = {sheet.name.strip().lower(): sheet for sheet in sheets}
    found: list[ImportedRow] = []
    for kind in FOLDERS:
        sheet = by_name.get(kind)
        if sheet is None:
            continue
        shape = layout(kind)
        columns = _columns_of(sheet, shape, source)
        rows = [_record(kind, sheet, number, cells, columns) for number, cells in _numbered(sheet)]
        for list_name in shape.lists:
            child = by_name.get(shape.sheet_of(list_name))
            if child is not None:
                _add_items(rows, shape, list_name, child, source)
        found += rows
    if not found:
        raise PkledgerError(
            f"{source}: no sheet named pledges, gaps or conferences",
            hint="start from `pkledger import --template FORM.xlsx`",
        )
    return found


def _numbered(sheet: RawSheet) -> Iterator[tuple[int, list[str | None]]]:
    for number, cells in enumerate(sheet.rows, start=2):
        if any(cells):
            yield number, cells


def _columns_of(sheet: RawSheet, shape: Layout, source: str) -> list[Column | None]:
    """The column of each heading (None for an empty one); an unknown heading stops the import,
    with a suggestion."""
    found: list[Column | None] = []
    for index, heading in enumerate(sheet.headings):
        name = heading.strip()
        column = shape.column(name) if name else None
        if name and column is None:
            every = [*(c.name for c in shape.columns), *(c.name for c in shape.inline_columns())]
            hint = did_you_mean(name, every) or "see the columns in `pkledger import --template`"
            raise PkledgerError(
                f"{source}:{sheet.name}!{_letter(index)}1: unknown column '{name}'", hint=hint
            )
        found.append(column)
    return found


def _record(
    kind: str, sheet: RawSheet, number: int, cells: list[str | None], columns: list[Column | None]
) -> ImportedRow:
    row = ImportedRow(kind, sheet.name, number, {})
    inline: dict[str, dict[str, Any]] = {}
    for index, (column, text) in enumerate(zip(columns, cells, strict=False)):
        if column is None or text is None:
            continue
        name = sheet.headings[index].strip()
        prefix, _, rest = name.partition(".")
        list_name = next(
            (n for n, single in INLINE.items() if single == prefix and rest == column.name), None
        )
        if list_name is not None:
            _put(inline.setdefault(list_name, {}), rest, typed(column, text))
            row.cells[f"{list_name}[0].{rest}"] = f"{_letter(index)}{number}"
        else:
            _put(row.data, name, typed(column, text))
            row.cells[name] = f"{_letter(index)}{number}"
    for list_name, item in inline.items():
        row.data[list_name] = [item]
    row.given_id = bool(row.data.get("id"))
    return row


def _add_items(rows: list[ImportedRow], shape: Layout, list_name: str, sheet: RawSheet, source: str) -> None:
    """The items of a list (offers, history...) from its sheet, after any on the record's row."""
    columns = {column.name: column for column in shape.lists[list_name]}
    headings = [heading.strip() for heading in sheet.headings]
    by_id = {str(row.data.get("id")): row for row in rows if row.data.get("id")}
    items: list[tuple[ImportedRow, int, dict[str, Any], dict[str, str]]] = []
    for number, cells in _numbered(sheet):
        values = dict(zip(headings, cells, strict=False))
        owner = by_id.get(str(values.get("id")))
        if owner is None:
            raise PkledgerError(
                f"{source}:{sheet.name}!A{number}: no record has the id '{values.get('id')}'",
                hint="the id column names the record on its own sheet",
            )
        item: dict[str, Any] = {}
        where: dict[str, str] = {}
        for index, heading in enumerate(headings):
            text = cells[index] if index < len(cells) else None
            if heading in columns and text is not None:
                _put(item, heading, typed(columns[heading], text))
                where[heading] = f"{sheet.name}!{_letter(index)}{number}"
        order = int(values.get("item") or 0) if str(values.get("item") or "0").isdigit() else 0
        items.append((owner, order, item, where))
    for owner, _, item, where in sorted(items, key=lambda found: found[1]):
        listed = owner.data.setdefault(list_name, [])
        for heading, cell in where.items():
            owner.cells[f"{list_name}[{len(listed)}].{heading}"] = cell
        listed.append(item)


def typed(column: Column, text: str) -> Any:
    """A cell's text as the field's value: text for text fields, else read as a YAML scalar is."""
    if "object" in column.types:
        try:
            return json.loads(text, parse_float=Decimal)
        except ValueError:
            return text
    if "array" in column.types:
        items = [part.strip() for part in text.split(SEPARATOR.strip())]
        return [item if column.is_text else resolve_plain(item) for item in items if item]
    if column.is_text:
        return text
    return resolve_plain(text.strip())


def _put(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# Checking


def check_rows(
    rows: list[ImportedRow],
    ledger: Ledger,
    source: str,
    conference: str | None = None,
    ignore: Callable[[Path], bool] | None = None,
) -> ImportResult:
    """Give each row its id (as `new` does, unless it has one) and check all of them against the
    whole ledger at once; each problem is placed at the cell it comes from."""
    taken: set[str] = set()
    for row in rows:
        if conference and row.kind == "pledges" and not row.data.get("conference"):
            row.data["conference"] = conference
        record_id = str(row.data.pop("id")) if row.given_id else _new_id(row, ledger, taken)
        taken.add(record_id)
        row.path = target_path(ledger.root, row.kind, record_id)
        row.text = render_record(row.kind, record_id, row.data)
    adding = {row.path: row.text for row in rows if row.path is not None}
    checked = open_ledger(ledger.root, ignore=ignore, adding=adding)
    for row, entry in zip(rows, checked.entries[len(checked.entries) - len(rows) :], strict=True):
        row.problems = [
            _placed(problem, row, source)
            for problem in entry.problems()
            if row.given_id or problem.path != "id"  # an id made here is right when its parts are
        ]
    return ImportResult(source, rows)


def _new_id(row: ImportedRow, ledger: Ledger, taken: set[str]) -> str:
    if row.kind == "pledges":
        parts = {
            "member_state": str(row.data.get("member_state") or "XXX"),
            "conference": row.data.get("conference"),
        }
        return next_id(row.kind, parts, ledger, taken)
    raise PkledgerError(
        f"{row.sheet} row {row.row}: a {kind_of(row.kind).label} needs its id in the id column"
    )


def _placed(problem: Problem, row: ImportedRow, source: str) -> Problem:
    cell = row.cell_of(problem.path)
    where = cell if "!" in cell else f"{row.sheet}!{cell}"
    return Problem(
        file=f"{source}:{where}",
        line=None,
        column=None,
        path=problem.path,
        code=problem.code,
        severity=problem.severity,
        message=problem.message,
        hint=problem.hint,
    )
