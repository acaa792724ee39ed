"""Each file is read once into an immutable entry; problems are placed without reading it again."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from pkledger.ledger import parallel
from pkledger.ledger.opening import open_ledger
from pkledger.ledger.reading import read_entry
from pkledger.yaml.loader import load_file
from tests.helpers import FIXTURES, case_id, fixture_cases

SMALL = FIXTURES / "valid" / "small-ledger"


FORMAT_2_CASES = [
    case for case in fixture_cases("valid", "invalid", "hostile") if (case / "ledger.yaml").exists()
]
"""The cases with records to place: a version 1 ledger is refused before any file is read."""


@pytest.mark.parametrize("case", FORMAT_2_CASES, ids=case_id)
def test_findings_across_files_are_placed_as_in_the_whole_file(case: Path) -> None:
    """The positions an entry keeps are enough for every finding of the rules across files."""
    for entry in open_ledger(case).entries:
        own = {finding.name for finding in read_entry(entry.file).findings}
        document = load_file(entry.path).document if entry.path.is_file() else None
        for finding in entry.findings:
            if finding.name in own or document is None:
                continue
            assert finding.at == document.locate(finding.path, on_key=finding.on_key), finding


def test_problems_are_placed_without_reading_a_file_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = Path(shutil.copytree(SMALL, tmp_path / "data"))
    pledge = ledger / "pledges" / "2021-seoul-KOR-001.yaml"
    text = pledge.read_text(encoding="utf-8")
    pledge.write_text(text.replace("[2021-06-utility-helicopter-unit-minusca]", "[2099-01-nowhere]"))
    opened = open_ledger(ledger)

    def no_reading(*arguments: object) -> None:
        raise AssertionError("a file was read again")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "open", no_reading)
    problems = opened.problems()
    assert [(problem.code, problem.line, problem.column) for problem in problems] == [("PKL406", 14, 15)]
    assert all(entry.data is not None for entry in opened.entries)


def test_an_entry_cannot_be_changed() -> None:
    entry = open_ledger(SMALL).entries[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.findings = ()  # type: ignore[misc]


def test_an_entry_keeps_the_positions_of_the_fields_pointed_at_only() -> None:
    entry = next(
        entry for entry in open_ledger(SMALL).entries if entry.path.name == "2021-seoul-KOR-001.yaml"
    )
    assert entry.document is not None
    assert set(entry.document.values) == {
        ("id",),
        ("conference",),
        ("announced_on",),
        ("offers", 0, "personnel", "women"),
        ("responds_to",),
        ("responds_to", 0),
    }
    assert entry.document.keys == {}


@pytest.mark.parametrize("cores", [1, 2], ids=["one-process", "with-a-worker"])
@pytest.mark.parametrize("case", FORMAT_2_CASES, ids=case_id)
def test_a_ledger_opened_without_plain_data_reports_the_same_problems(
    case: Path, cores: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`validate --no-cache` drops each valid record's plain data once its model is made: the
    problems stay the same, and an invalid record keeps its data (the rules read its id there)."""
    if cores == 2:
        monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)  # read even a small ledger on two cores
    lean, full = open_ledger(case, keep_data=False), open_ledger(case)
    assert lean.problems() == full.problems()
    for thin, whole in zip(lean.entries, full.entries, strict=True):
        if whole.record is not None:
            assert thin.record == whole.record and thin.data == {}
        else:
            assert thin.data == whole.data
