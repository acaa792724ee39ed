"""`pkledger list`: filters, formats and the errors of a wrong filter."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from tests.conftest import REPO
from tests.helpers import FIXTURES

LEDGER = FIXTURES / "valid" / "small-ledger"
GOLDEN = REPO / "tests" / "golden"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["list", *args, "--ledger", str(LEDGER)])
    return result.exit_code, result.output


def ids(*args: str) -> list[str]:
    code, output = run(*args, "--format", "csv")
    assert code == 0, output
    return [row["id"] for row in csv.DictReader(io.StringIO(output))]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["pledges"],
            [
                "2021-prep-protection-safety-security-PAK-001",
                "2021-seoul-IDN-001",
                "2021-seoul-KOR-001",
                "2021-seoul-USA-001",
                "2023-accra-GHA-001",
                "pcrs-BTN-001",
            ],
        ),
        (["pledges", "--state", "kor"], ["2021-seoul-KOR-001"]),
        (
            ["pledges", "--conference", "2021-seoul"],
            [
                "2021-prep-protection-safety-security-PAK-001",
                "2021-seoul-IDN-001",
                "2021-seoul-KOR-001",
                "2021-seoul-USA-001",
            ],
        ),
        (
            ["pledges", "--status", "deployed"],
            ["2021-prep-protection-safety-security-PAK-001", "2023-accra-GHA-001"],
        ),
        (["pledges", "--category", "financial"], ["2021-seoul-USA-001"]),
        (["pledges", "--capability", "formed_police_unit"], ["2023-accra-GHA-001"]),
        (["pledges", "--mission", "MINUSCA"], ["2021-seoul-KOR-001"]),
        (["pledges", "--since", "2021-12-08"], ["2021-seoul-USA-001", "2023-accra-GHA-001"]),
        (["pledges", "--state", "KOR", "--status", "announced"], []),
        (["gaps", "--mission", "unmiss"], ["2022-03-quick-reaction-force-unmiss"]),
        (
            ["gaps", "--since", "2022-01-01"],
            ["2022-03-quick-reaction-force-unmiss", "2023-01-formed-police-unit-any"],
        ),
        (["gaps", "--capability", "utility_helicopter_unit"], ["2021-06-utility-helicopter-unit-minusca"]),
        (["conferences"], ["2021-prep-protection-safety-security", "2021-seoul", "2023-accra"]),
        (["conferences", "--state", "NLD"], ["2021-prep-protection-safety-security"]),
        (["conferences", "--since", "2022-01-01"], ["2023-accra"]),
    ],
)
def test_filters(args: list[str], expected: list[str]) -> None:
    assert ids(*args) == expected


def test_csv_output_matches_the_golden_file(update_expected: bool) -> None:
    code, output = run("pledges", "--format", "csv")
    assert code == 0
    golden = GOLDEN / "list-pledges.csv"
    if update_expected:
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def test_json_output_holds_whole_records() -> None:
    code, output = run("gaps", "--format", "json")
    assert code == 0
    records = json.loads(output)
    assert records[0]["id"] == "2021-06-utility-helicopter-unit-minusca"
    assert records[2]["gender"] == {"min_women_share": 0.2, "mixed_unit": True}


def test_table_output_has_a_title_with_the_count() -> None:
    code, output = run("pledges", "--state", "GHA")
    assert code == 0
    assert output.startswith("Pledges (1)")
    assert "2023-accra-GHA-001" in output


def test_a_filter_that_does_not_apply_is_a_usage_error() -> None:
    code, output = run("gaps", "--category", "financial")
    assert code == 2
    assert "--category cannot filter gaps" in output


def test_a_folder_that_is_not_a_ledger(tmp_path: object) -> None:
    result = CliRunner().invoke(app, ["list", "pledges", "--ledger", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a ledger folder" in result.output


def test_files_with_errors_are_left_out_with_a_note() -> None:
    broken = FIXTURES / "hostile" / "norway-code"
    result = CliRunner().invoke(app, ["list", "pledges", "--ledger", str(broken), "--format", "csv"])
    assert result.exit_code == 0
    assert "note: 1 file(s) with errors are left out" in result.output


def listed(ledger: str, *args: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(
        app, ["list", *args, "--ledger", str(FIXTURES / "valid" / ledger), "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_offers_are_listed_with_their_measures_and_qualifiers() -> None:
    (row,) = listed("pledge-offers-shorthand-and-long-form", "pledges")
    assert row["offers"] == "10"
    assert row["quantity"].startswith(
        "6 units; 2 aircraft; at least 110 units; up to 200 personnel; about 3 units"
    )
    assert row["capability"].endswith("; -; -; -; -; -")


def test_the_measure_and_estimated_filters() -> None:
    assert len(listed("pledge-offers-shorthand-and-long-form", "pledges", "--measure", "aircraft")) == 1
    assert listed("pledge-offers-shorthand-and-long-form", "pledges", "--measure", "vehicles")[0]["id"]
    assert listed("small-ledger", "pledges", "--measure", "aircraft") == []
    assert [row["id"] for row in listed("gap-quantity-not-published", "gaps", "--measure", "units")] == [
        "2021-06-utility-helicopter-unit-minusca"
    ]
    rows = listed("estimated-fields-with-reasons", "pledges", "--estimated")
    assert [row["id"] for row in rows] == ["2021-seoul-KOR-001"]
    assert rows[0]["conference"] == "2021-seoul (est.)"
    assert rows[0]["quantity"] == "16 units (est.)"
    assert "conference: The source says a 2021 pledge" in rows[0]["estimated"]
    assert listed("small-ledger", "pledges", "--estimated") == []


def test_a_gap_without_a_published_quantity_says_so() -> None:
    (row,) = listed("gap-quantity-not-published", "gaps")
    assert row["quantity"] == "not published (units)"
    assert row["basis"] == "un_requirement"
