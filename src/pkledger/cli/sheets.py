"""`pkledger import` and `pkledger export`: the ledger to and from spreadsheets (.xlsx or .csv)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pkledger.cli.common import LedgerOption, choice, load
from pkledger.cli.run import config, run, say
from pkledger.errors import UsageError
from pkledger.files import display_path
from pkledger.output.streams import notes_stream

EXPORT_FORMATS = ("xlsx", "csv")
if TYPE_CHECKING:
    ExportFormat = str
else:
    ExportFormat = choice(EXPORT_FORMATS)


def import_command(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="A .xlsx workbook or .csv file: a filled pledge form, or an export.",
            show_default=False,
        ),
    ] = None,
    ledger: LedgerOption = None,
    conference: Annotated[
        str | None,
        typer.Option("--conference", help="Conference id for pledges whose conference cell is empty."),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row; write nothing.")] = False,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid", help="Write the valid rows and list the others (default: all or none)."
        ),
    ] = False,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Write the pledge form (an .xlsx with the documented columns and drop-down lists of "
            "codes) to this file, and stop.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Import records from a spreadsheet, one per row; every problem is shown as FILE:SHEET!CELL, and
    nothing is written unless every row is valid."""

    def action() -> int:
        if template is not None:
            return _write_template(template)
        if file is None:
            raise UsageError("give the spreadsheet to import, or --template FILE.xlsx")
        return _import(file, ledger, conference, dry_run, skip_invalid)

    run(action)


def _write_template(path: Path) -> int:
    from pkledger.analysis.sheets import template_sheet
    from pkledger.output.sheets import write_workbook

    if path.suffix.lower() != ".xlsx":
        raise UsageError("the template is a workbook: give a name ending in .xlsx")
    write_workbook([template_sheet()], path, form=True)
    say(f"wrote the pledge form {display_path(path)}: one pledge per row (see its columns sheet)")
    return 0


def _import(
    file: Path, ledger: Path | None, conference: str | None, dry_run: bool, skip_invalid: bool
) -> int:
    from pkledger.analysis.importing import check_rows, read_sheets, rows_of
    from pkledger.output.sheets import report_import, write_imported

    source = display_path(file)
    rows = rows_of(read_sheets(file), source)
    result = check_rows(rows, load(ledger), source, conference, ignore=config().ignores)
    chosen = result.valid if skip_invalid else (result.rows if not result.invalid else [])
    verb = "nothing written (--dry-run)" if dry_run else ("nothing written" if not chosen else "")
    if not dry_run and chosen:
        written = write_imported(chosen)
        verb = f"wrote {len(written)} file(s)"
    with notes_stream() as stream:
        report_import(result, stream, verb=verb)
    return 1 if result.invalid else 0


def export(
    output_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="xlsx or csv.")] = "xlsx",
    ledger: LedgerOption = None,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="The file to write; for csv, the pledges, with the other sheets beside it as NAME.SHEET.csv.",
            show_default=False,
        ),
    ] = Path("ledger.xlsx"),
) -> None:
    """Export the ledger as a workbook: a sheet per record kind, and offers, history, sources,
    partners and estimated values on sheets of their own, keyed by id."""

    def action() -> int:
        from pkledger.analysis.sheets import ledger_sheets
        from pkledger.output.sheets import write_csv, write_workbook

        opened = load(ledger)
        records = {
            kind: [
                entry.document.data
                for entry in opened.entries
                if entry.file.kind == kind and entry.record and entry.document
            ]
            for kind in ("pledges", "gaps", "conferences")
        }
        sheets = ledger_sheets(records)
        if output_format == "csv":
            pledges_first = sorted(sheets, key=lambda sheet: sheet.name != "pledges")
            written = write_csv(pledges_first, out)
        else:
            write_workbook(sheets, out)
            written = [out]
        say("wrote " + ", ".join(display_path(path) for path in written))
        return 0

    run(action)
