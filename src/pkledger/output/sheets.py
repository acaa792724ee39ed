"""Spreadsheets pkledger writes (`export`, the pledge form of `import --template`), the records an
import writes, and what an import says.

Every text cell that a spreadsheet could run as a formula (starting with = + - @, a tab or a
carriage return) is written with a quote before it, so that opening an export never runs what a
ledger file says; `import` takes that quote off again. Whole dates are written as dates, partial
dates (2021-12, 2021) as text.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pkledger.errors import PkledgerError
from pkledger.files import current_umask, display_path, write_together
from pkledger.output.escape import terminal

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from pkledger.analysis.importing import ImportedRow, ImportResult
    from pkledger.analysis.sheets import Column, Sheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LISTS_SHEET = "lists"
COLUMNS_SHEET = "columns"
MAX_COLUMN_WIDTH = 60


def neutralised(value: Any) -> Any:
    """Text a spreadsheet would run as a formula, with a quote before it; other values as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _as_cell(column: Column, value: Any) -> Any:
    if column.is_date and isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return neutralised(value)


# Workbooks


def write_workbook(sheets: list[Sheet], path: Path, *, form: bool = False) -> None:
    """The sheets as an .xlsx workbook: frozen headings, filters, dates as dates; with ``form``, a
    sheet of the columns' descriptions and drop-down lists of the allowed codes."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for sheet in sheets:
        _fill(workbook.create_sheet(sheet.name[:31]), sheet)
    if form:
        _describe_columns(workbook.create_sheet(COLUMNS_SHEET), sheets)
        _add_choice_lists(workbook, sheets)
    buffer = io.BytesIO()
    workbook.save(buffer)
    _write_bytes(path, buffer.getvalue())


def _fill(worksheet: Worksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    worksheet.append([column.name for column in sheet.columns])
    for row in sheet.rows:
        worksheet.append([_as_cell(column, value) for column, value in zip(sheet.columns, row, strict=True)])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(sheet.columns, start=1):
        letter = get_column_letter(index)
        if column.is_date:
            for cell in worksheet[letter][1:]:
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        width = max([len(column.name), *(len(str(row[index - 1] or "")) for row in sheet.rows[:200])])
        worksheet.column_dimensions[letter].width = min(width + 2, MAX_COLUMN_WIDTH)
    worksheet.freeze_panes = "A2"
    worksheet.auto_filter.ref = (
        f"A1:{get_column_letter(max(len(sheet.columns), 1))}{max(len(sheet.rows) + 1, 2)}"
    )


def _describe_columns(worksheet: Worksheet, sheets: list[Sheet]) -> None:
    from openpyxl.styles import Font

    worksheet.append(["sheet", "column", "what it holds", "allowed values"])
    for cell in worksheet[1]:
        cell.font = Font(bold=True)
    for sheet in sheets:
        for column in sheet.columns:
            allowed = (
                ", ".join(column.choices) if len(column.choices) <= 20 else f"see the {LISTS_SHEET} sheet"
            )
            worksheet.append([sheet.name, column.name, neutralised(column.description), allowed])
    worksheet.freeze_panes = "A2"
    worksheet.column_dimensions["C"].width = 80


def _add_choice_lists(workbook: Any, sheets: list[Sheet]) -> None:
    """A drop-down list (a data validation) on every column of codes, its values on a sheet of lists."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lists = workbook.create_sheet(LISTS_SHEET)
    used = 0
    for sheet in sheets:
        worksheet = workbook[sheet.name[:31]]
        for index, column in enumerate(sheet.columns, start=1):
            if not column.choices or "array" in column.types:
                continue  # a cell of several codes cannot be one choice
            used += 1
            letter = get_column_letter(used)
            lists.cell(row=1, column=used, value=column.name)
            for row, choice in enumerate(column.choices, start=2):
                lists.cell(row=row, column=used, value=choice)
            rule = DataValidation(
                type="list",
                formula1=f"{LISTS_SHEET}!${letter}$2:${letter}${len(column.choices) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=column.name,
                error="Choose a value from the list (see the columns sheet).",
            )
            worksheet.add_data_validation(rule)
            target = get_column_letter(index)
            rule.add(f"{target}2:{target}1000")


# CSV


def write_csv(sheets: list[Sheet], path: Path) -> list[Path]:
    """The first sheet as ``path``, each other sheet with rows beside it as NAME.SHEET.csv."""
    written = []
    for position, sheet in enumerate(sheets):
        if position and not sheet.rows:
            continue
        target = path if position == 0 else path.with_name(f"{path.stem}.{sheet.name.replace(' ', '-')}.csv")
        _write_bytes(target, _csv_text(sheet).encode("utf-8"))
        written.append(target)
    return written


def _csv_text(sheet: Sheet) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in sheet.columns])
    writer.writerows([["" if value is None else neutralised(value) for value in row] for row in sheet.rows])
    return buffer.getvalue()


def _write_bytes(path: Path, content: bytes) -> None:
    try:
        _atomic_bytes(path, content)
    except OSError as error:
        raise PkledgerError(f"{display_path(path)} cannot be written: {error.strerror or error}") from None


def _atomic_bytes(path: Path, content: bytes) -> None:
    """Bytes written through a temporary file in the same folder: a reader never sees half a file."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(descriptor, 0o666 & ~current_umask())
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(content)
        Path(name).replace(path)
    finally:
        Path(name).unlink(missing_ok=True)


# Import


def write_imported(rows: list[ImportedRow]) -> list[Path]:
    """The records' files, each folder's written together; refused if any of them exists."""
    existing = [row.path for row in rows if row.path is not None and row.path.exists()]
    if existing:
        raise PkledgerError(
            f"{display_path(existing[0])} already exists; nothing was written",
            hint="give rows without an id (the next free one is used), or remove the id",
        )
    by_folder: dict[Path, dict[str, str]] = defaultdict(dict)
    for row in rows:
        assert row.path is not None
        by_folder[row.path.parent][row.path.name] = row.text
    return [path for folder, files in by_folder.items() for path in write_together(folder, files)]


def report_import(result: ImportResult, stream: TextIO, *, verb: str) -> None:
    """Each problem at its cell, with the message and hint `validate` gives; then the count."""
    for row in result.rows:
        for problem in row.problems:
            line = f"{problem.file}: {problem.severity} {problem.code} {problem.path or 'record'}: {problem.message}"
            stream.write(terminal(line) + "\n")
            if problem.hint and problem.is_error:
                stream.write(terminal(f"  hint: {problem.hint}") + "\n")
    invalid = len(result.invalid)
    valid = len(result.valid)
    stream.write(f"{result.source}: {valid} row(s) valid, {invalid} with errors; {verb}\n")
