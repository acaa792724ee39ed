"""`pkledger show ID`: a record with its history, links and sources."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from pkledger.cli.app import app
from tests.helpers import FIXTURES

LEDGER = FIXTURES / "valid" / "small-ledger"


def show(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["show", *args, "--ledger", str(LEDGER)])
    return result.exit_code, result.output


def test_pledge_shows_fields_history_answered_gaps_and_sources() -> None:
    code, output = show("2021-seoul-KOR-001")
    assert code == 0, output
    assert output.startswith("Pledge 2021-seoul-KOR-001\nUtility helicopter unit for MINUSCA\n")
    assert (
        "Offers (1)\n  1. utility_helicopter_unit: 1 unit; personnel 100 (10 women); missions MINUSCA"
        in output
    )
    assert "2022-03-01  registered" in output
    assert "Answers gaps (1)" in output
    assert (
        "2021-06-utility-helicopter-unit-minusca: utility_helicopter_unit, 2 units, MINUSCA, critical"
        in output
    )
    assert "Sources (ILLUSTRATIVE data" in output
    assert "https://example.org/kor" in output


def test_gap_shows_the_pledges_that_answer_it() -> None:
    code, output = show("2023-01-formed-police-unit-any")
    assert code == 0
    assert "Answered by pledges (1)" in output
    assert "2023-accra-GHA-001: GHA" in output


def test_conference_shows_its_preparatory_conferences_and_pledges() -> None:
    code, output = show("2021-seoul")
    assert code == 0
    assert "Preparatory conferences and side events (1)" in output
    assert "Pledges made here (3)" in output


def test_ids_are_matched_ignoring_case() -> None:
    assert show("2021-SEOUL-kor-001")[0] == 0


def test_unknown_id_suggests_the_closest() -> None:
    code, output = show("2021-seoul-KOR-002")
    assert code == 1
    assert "no record with id '2021-seoul-KOR-002'" in output
    assert "did you mean '2021-seoul-KOR-001'" in output


def test_json_output() -> None:
    code, output = show("2021-seoul-KOR-001", "--format", "json")
    assert code == 0
    view = json.loads(output)
    assert view["kind"] == "pledges"
    assert view["answers"] == ["2021-06-utility-helicopter-unit-minusca"]
    assert view["record"]["history"][1] == {
        "on": "2022-03-01",
        "status": "registered",
        "note": "Registered at PCRS level 1.",
    }


def test_a_record_with_errors_cannot_be_shown() -> None:
    result = CliRunner().invoke(
        app, ["show", "2021-seoul-NOR-001", "--ledger", str(FIXTURES / "hostile" / "norway-code")]
    )
    assert result.exit_code == 1
    assert "has errors" in result.output


def test_estimated_values_are_marked_and_their_reasons_listed() -> None:
    ledger = FIXTURES / "valid" / "estimated-fields-with-reasons"
    result = CliRunner().invoke(app, ["show", "2021-seoul-KOR-001", "--ledger", str(ledger)])
    assert result.exit_code == 0, result.output
    assert "2021-seoul (est. 1)" in result.output
    assert "1. utility_helicopter_unit: 16 units (est. 2)" in result.output
    assert "2021-12 (est. 3)" in result.output
    assert (
        "Estimated values (the analyst's reading)\n  est. 1: The source says a 2021 pledge" in result.output
    )
