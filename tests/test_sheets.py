"""`pkledger import` and `export`: the pledge form, problems at their cells, all or nothing, formula
injection neutralised both ways, and a ledger exported and imported again unchanged."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from pkledger.cli.app import app
from pkledger.ledger.opening import open_ledger
from tests.conftest import REPO
from tests.helpers import FIXTURES

GOOD_ROW = {
    "member_state": "KOR",
    "conference": "2021-seoul",
    "announced_on": "2021-12-07",
    "title": "Utility helicopter unit",
    "category": "uniformed_unit",
    "offer.capability": "utility_helicopter_unit",
    "offer.quantity": 1,
    "status": "announced",
    "provenance": "illustrative",
    "source.title": "Statement",
}
BAD_CELLS = {  # row number in the sheet -> (column, bad value)
    4: ("member_state", "KRO"),
    11: ("category", "uniformed"),
    20: ("offer.capability", "helicopter"),
    33: ("announced_on", "2021-13-01"),
    47: ("status", "done"),
}


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / "small-ledger", root)
    return root


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def fill_form(form: Path, rows: list[dict[str, Any]]) -> None:
    workbook = load_workbook(form)
    sheet = workbook["pledges"]
    headings = [cell.value for cell in sheet[1]]
    for values in rows:
        sheet.append([values.get(str(heading)) for heading in headings])
    workbook.save(form)


def pledge_files(ledger: Path) -> set[str]:
    return {path.name for path in (ledger / "pledges").iterdir()}


def test_the_form_filled_with_50_rows_and_5_bad_cells_reports_those_cells_and_writes_nothing(
    ledger: Path, tmp_path: Path
) -> None:
    form = tmp_path / "form.xlsx"
    assert invoke("import", "--template", str(form))[0] == 0
    rows = []
    for number in range(2, 52):
        row = dict(GOOD_ROW, title=f"Utility helicopter unit {number}")
        if number in BAD_CELLS:
            column, value = BAD_CELLS[number]
            row[column] = value
        rows.append(row)
    fill_form(form, rows)
    headings = [cell.value for cell in load_workbook(form)["pledges"][1]]
    before = pledge_files(ledger)
    code, output = invoke("import", str(form), "--ledger", str(ledger))
    assert code == 1
    errors = [line for line in output.splitlines() if " error " in line]
    letters = {name: get_column_letter(index) for index, name in enumerate(headings, start=1)}
    expected = {f"pledges!{letters[column]}{number}" for number, (column, _) in BAD_CELLS.items()}
    assert {line.split(":", 2)[1] for line in errors} == expected, output
    assert len(errors) == 5
    assert "did you mean UKR or ROU or KOR?" in output  # the message validate gives
    assert "45 row(s) valid, 5 with errors; nothing written" in output
    assert pledge_files(ledger) == before


def test_a_valid_form_is_written_with_the_ids_new_would_choose(ledger: Path, tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    invoke("import", "--template", str(form))
    fill_form(form, [dict(GOOD_ROW, title="One"), dict(GOOD_ROW, title="Two")])
    code, output = invoke("import", str(form), "--ledger", str(ledger))
    assert code == 0, output
    assert {"2021-seoul-KOR-002.yaml", "2021-seoul-KOR-003.yaml"} <= pledge_files(ledger)
    assert invoke("validate", str(ledger))[0] == 0


def test_skip_invalid_writes_the_valid_rows_and_dry_run_nothing(ledger: Path, tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    invoke("import", "--template", str(form))
    fill_form(form, [dict(GOOD_ROW, title="Good"), dict(GOOD_ROW, status="done")])
    before = pledge_files(ledger)
    assert invoke("import", str(form), "--ledger", str(ledger), "--skip-invalid", "--dry-run")[0] == 1
    assert pledge_files(ledger) == before
    code, output = invoke("import", str(form), "--ledger", str(ledger), "--skip-invalid")
    assert code == 1
    assert "wrote 1 file(s)" in output
    assert pledge_files(ledger) - before == {"2021-seoul-KOR-002.yaml"}


def test_the_form_has_drop_down_lists_of_codes(tmp_path: Path) -> None:
    form = tmp_path / "form.xlsx"
    invoke("import", "--template", str(form))
    sheet = load_workbook(form)["pledges"]
    assert sheet.freeze_panes == "A2"
    ranges = [str(rule.sqref) for rule in sheet.data_validations.dataValidation]
    headings = [cell.value for cell in sheet[1]]
    letter = get_column_letter(headings.index("category") + 1)
    assert f"{letter}2:{letter}1000" in ranges


def test_csv_cells_are_data_and_an_unknown_column_is_named(ledger: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "pledges.csv"
    sheet.write_text(
        "member_state,conference,title,category,status,provenance,source.title,notes\n"
        'KOR,2021-seoul,=HYPERLINK("http://x"),other,announced,illustrative,Statement,@SUM(A1)\n',
        encoding="utf-8",
    )
    code, output = invoke("import", str(sheet), "--ledger", str(ledger))
    assert code == 0, output
    text = (ledger / "pledges" / "2021-seoul-KOR-002.yaml").read_text(encoding="utf-8")
    assert 'title: =HYPERLINK("http://x")' in text or "'=HYPERLINK(" in text
    sheet.write_text("member_state,titel\nKOR,x\n", encoding="utf-8")
    code, output = invoke("import", str(sheet), "--ledger", str(ledger))
    assert code == 1
    assert "pledges!B1: unknown column 'titel'" in output
    assert "did you mean 'title'" in output


def test_export_neutralises_formulas(ledger: Path, tmp_path: Path) -> None:
    record = ledger / "pledges" / "2021-seoul-KOR-001.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "notes: '=1+1'\n", encoding="utf-8")
    assert invoke("export", "--ledger", str(ledger), "--out", str(tmp_path / "x.xlsx"))[0] == 0
    workbook = load_workbook(tmp_path / "x.xlsx")
    notes = [cell.value for cell in workbook["pledges"]["A"]]
    assert notes
    values = [cell.value for row in workbook["pledges"].iter_rows() for cell in row]
    assert "'=1+1" in values
    assert invoke("export", "-f", "csv", "--ledger", str(ledger), "--out", str(tmp_path / "x.csv"))[0] == 0
    assert "'=1+1" in (tmp_path / "x.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_export_then_import_gives_the_same_records(tmp_path: Path, suffix: str) -> None:
    source = REPO / "data"
    exported = tmp_path / f"ledger.{suffix}"
    assert invoke("export", "-f", suffix, "--ledger", str(source), "--out", str(exported))[0] == 0
    target = tmp_path / "copy"
    for folder in ("conferences", "pledges", "gaps"):
        (target / folder).mkdir(parents=True)
    shutil.copyfile(source / "ledger.yaml", target / "ledger.yaml")
    code, output = invoke("import", str(exported), "--ledger", str(target))
    assert code == 0, output[-2000:]
    before = records(source)
    assert len(before) > 100
    assert records(target) == before


def records(root: Path) -> dict[str, Any]:
    return {
        entry.file.key: entry.record
        for entry in open_ledger(root).entries
        if entry.file.kind in ("pledges", "gaps", "conferences")
    }


def test_a_workbook_without_record_sheets_is_refused(ledger: Path, tmp_path: Path) -> None:
    book = tmp_path / "other.xlsx"
    workbook = Workbook()
    workbook.active.title = "Sheet1"  # type: ignore[union-attr]
    workbook.save(book)
    code, output = invoke("import", str(book), "--ledger", str(ledger))
    assert code == 1
    assert "no sheet named pledges, gaps or conferences" in output
