"""Tables that fit: at 80 columns `list` shows whole ids and leaves out what does not fit (saying
so); --wide shows every column; the fitting itself, on its own."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from pkledger.output.tables import Fit, fitting
from tests.conftest import REPO
from tests.helpers import FIXTURES


def table(monkeypatch: pytest.MonkeyPatch, width: int, *args: str) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = CliRunner().invoke(app, ["list", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("kind", ["pledges", "gaps", "conferences"])
def test_at_80_columns_every_id_is_whole_and_no_line_is_longer(
    monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    output = table(monkeypatch, 80, kind, "--ledger", str(REPO / "data"))
    table_lines = [line for line in output.splitlines() if line[:1] in "┏┃┡│└"]
    assert max(len(line) for line in table_lines) <= 80
    from pkledger.ledger.opening import open_ledger

    ledger = open_ledger(REPO / "data")
    every_id = [entry.declared_id for entry in ledger.entries if entry.file.kind == kind]
    assert every_id
    for record_id in every_id:
        assert f" {record_id} " in output, record_id


def test_columns_that_do_not_fit_are_named_and_wide_shows_them(monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = str(FIXTURES / "valid" / "small-ledger")
    narrow = table(monkeypatch, 80, "pledges", "--ledger", ledger)
    assert "left out to fit the terminal:" in narrow
    assert "money_qualifier" not in narrow.split("left out")[0]
    wide = table(monkeypatch, 80, "pledges", "--ledger", ledger, "--wide")
    assert "left out" not in wide
    assert "money_qualifier" in wide or "money_qualif" in wide


def test_the_least_important_columns_give_way_first() -> None:
    names = ["id", "state", "extra", "title"]
    fits = [Fit(rank=0, whole=True), Fit(rank=0), Fit(rank=5), Fit(rank=1, flexible=True)]
    rows = [["2021-seoul-KOR-001", "KOR", "x" * 30, "A title of some length"]]
    assert fitting(names, fits, rows, 200) == [0, 1, 2, 3]
    assert fitting(names, fits, rows, 60) == [0, 1, 3]
    assert fitting(names, fits, rows, 20) == [0, 1]
