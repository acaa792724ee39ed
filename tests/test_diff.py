"""The pure core of `pkledger diff` and its renderings, without git."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import jsonschema

from pkledger.analysis.diff import (
    Coverage,
    FieldChange,
    GapCoverage,
    LedgerDiff,
    RecordChange,
    Side,
    diff_ledgers,
    field_changes,
)
from pkledger.ledger.opening import open_ledger
from pkledger.output.diff.json import diff_json
from pkledger.output.diff.markdown import GITHUB_COMMENT_LIMIT, MARKER, render_markdown
from pkledger.output.diff.text import render_text
from pkledger.output.diff.words import headline
from pkledger.problems import Problem
from tests.helpers import FIXTURES

CHANGES = FIXTURES / "changes"
CONTRACT = json.loads((Path(__file__).parent / "schemas" / "diff-contract.json").read_text(encoding="utf-8"))
SIDES = (Side("main", "0" * 40), Side(None, None))


def diff_of(case: str) -> LedgerDiff:
    base, head = open_ledger(CHANGES / case / "base"), open_ledger(CHANGES / case / "head")
    return diff_ledgers(base, head, sides=SIDES, ledger="data")


def test_a_changed_pledge_field_by_field() -> None:
    diff = diff_of("modified-pledge")
    assert [record.id for record in diff.changed] == ["2021-seoul-GHA-001"]
    assert diff.changed[0].fields == (
        FieldChange("offers[0].quantity", 1, 2),
        FieldChange("offers[0].missions", ["MINUSCA"], ["MINUSCA", "UNMISS"]),
        FieldChange("sources[1].title", None, "Update of the PCRS"),
        FieldChange("sources[1].date", None, "2022-03-01"),
    )
    filled = [item for item in diff.coverage if item.filled]
    assert [(item.gap, item.change) for item in filled] == [("2021-06-infantry-company-minusca", 1)]
    jsonschema.validate(diff_json(diff), CONTRACT)


def test_the_same_ledger_has_no_diff() -> None:
    ledger = CHANGES / "modified-pledge" / "base"
    diff = diff_ledgers(open_ledger(ledger), open_ledger(ledger), sides=SIDES, ledger="data")
    assert diff.is_empty and not diff.coverage_changes
    assert headline(diff) == "No record changed; no new problems; gap coverage unchanged."


def test_field_changes() -> None:
    old = {"a": 1, "money": {"amount": Decimal("1.50")}, "partners": [{"actor": "KEN"}], "gone": "x"}
    new = {"a": 1, "money": {"amount": Decimal("2.00")}, "partners": [{"actor": "KEN"}, {"actor": "USA"}]}
    assert field_changes(old, new) == (
        FieldChange("money.amount", 1.5, 2),
        FieldChange("partners[1].actor", None, "USA"),
        FieldChange("gone", "x", None),
    )
    assert field_changes(None, new) == ()
    assert field_changes({"missions": None}, {}) == ()


def test_unreadable_on_one_side_is_a_change_without_fields(tmp_path: Path) -> None:
    shutil.copytree(CHANGES / "modified-pledge" / "base", tmp_path / "head")
    (tmp_path / "head" / "pledges" / "2021-seoul-GHA-001.yaml").write_text("id: [broken\n", encoding="utf-8")
    base = open_ledger(CHANGES / "modified-pledge" / "base")
    diff = diff_ledgers(base, open_ledger(tmp_path / "head"), sides=SIDES, ledger="data")
    assert [(record.id, record.fields) for record in diff.changed] == [("2021-seoul-GHA-001", ())]
    assert "the file cannot be read" in render_markdown(diff)


def big_diff(records: int) -> LedgerDiff:
    added = [
        RecordChange("pledge", f"2021-seoul-KOR-{n:04}", "x" * 80, f"data/pledges/{n}.yaml")
        for n in range(records)
    ]
    changed = [
        RecordChange(
            "pledge", f"p{n}", "t", "f", tuple(FieldChange(f"f{i}", "o" * 200, "n" * 200) for i in range(30))
        )
        for n in range(records // 10)
    ]
    problems = [
        Problem(f"data/pledges/{n}.yaml", 2, 15, "member_state", "PKL108", "error", "bad " * 20)
        for n in range(records)
    ]
    coverage = [
        GapCoverage(f"gap-{n}", "title", "high", Coverage(2, 1, 0, "open"), Coverage(2, 2, 1, "open"))
        for n in range(records)
    ]
    return LedgerDiff(SIDES[0], SIDES[1], "data", added, [], changed, problems, problems, coverage)


def test_a_huge_diff_fits_in_a_github_comment() -> None:
    text = render_markdown(big_diff(5000))
    assert len(text) <= GITHUB_COMMENT_LIMIT
    assert text.startswith(MARKER)
    assert "more; run `pkledger diff` for all._" in text
    assert text.count("<details>") == text.count("</details>")


def test_a_small_diff_is_not_cut() -> None:
    text = render_markdown(big_diff(10))
    assert "more; run" not in text
    assert text.count("2021-seoul-KOR-") == 10


def test_the_last_resort_cut_says_so() -> None:
    text = render_markdown(big_diff(300), max_chars=3000)
    assert len(text) <= 3000
    assert text.endswith("run `pkledger diff` for everything._\n")


def test_user_text_cannot_break_the_markdown() -> None:
    hostile = RecordChange("pledge", "x|y", "</details><script>alert(1)</script> | `code`", "f")
    diff = LedgerDiff(SIDES[0], SIDES[1], "data", [hostile], [], [], [], [], [])
    text = render_markdown(diff)
    assert "<script>" not in text
    assert "\\<script\\>" in text
    assert "x\\|y" in text
    assert text.count("</details>") == 0


def test_text_rendering_lists_everything() -> None:
    text = render_text(diff_of("deleted-gap-breaks-pledge"))
    assert "Removed:\n  gap         2021-06-utility-helicopter-unit-minusca" in text
    assert "error PKL406 responds_to[0]" in text
    assert "critical  2021-06-utility-helicopter-unit-minusca  1 of 1 unit -> removed" in text
