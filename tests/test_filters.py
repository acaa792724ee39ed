"""`list` filters are checked as fields are: a value that names nothing is a usage error (exit 2)
with a suggestion; a state's name is read as its code, with a note."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from tests.helpers import FIXTURES

LEDGER = str(FIXTURES / "valid" / "small-ledger")


def list_records(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["list", *args, "--ledger", LEDGER, "--format", "csv"])
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (["pledges", "--state", "Atlantis"], "state codes are ISO 3166-1 alpha-3"),
        (["pledges", "--state", "KRO"], "did you mean"),
        (["pledges", "--status", "registerd"], "did you mean 'registered'?"),
        (["gaps", "--status", "done"], "choose one of: filled, open, partially_filled, withdrawn"),
        (["pledges", "--category", "uniformed"], "did you mean 'uniformed_unit'?"),
        (["pledges", "--capability", "level_2_hospitl"], "did you mean 'level_2_hospital'"),
        (["gaps", "--mission", "MINUSC"], "'MINUSCA'"),
        (["pledges", "--conference", "2021-seol"], "did you mean '2021-seoul'"),
        (["pledges", "--measure", "unit"], "did you mean 'units'?"),
    ],
)
def test_a_filter_that_names_nothing_is_a_usage_error_with_a_suggestion(
    args: list[str], suggestion: str
) -> None:
    code, output = list_records(*args)
    assert code == 2, output
    assert "there is no such" in output or "no UN member" in output
    assert suggestion in output


def test_a_state_name_is_read_as_its_code_with_a_note() -> None:
    code, output = list_records("pledges", "--state", "Korea")
    assert code == 0, output
    assert "--state Korea is read as KOR" in output
    assert "2021-seoul-KOR-001" in output


def test_codes_in_another_case_still_filter() -> None:
    code, output = list_records("pledges", "--state", "kor", "--status", "Registered")
    assert code == 0, output
    assert "2021-seoul-KOR-001" in output
