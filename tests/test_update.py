"""`pkledger update`: a status change appended to the history, the rest of the file byte for byte;
refused, with the reason, when the format forbids it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkledger.analysis.validate import validate
from pkledger.cli.app import app
from pkledger.format.statuses import forbidden_transition
from tests.helpers import FIXTURES

CASES = FIXTURES / "update"


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURES / "valid" / "small-ledger", root)
    return root


def update(ledger: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["update", *args, "--ledger", str(ledger)])
    return result.exit_code, result.output


def put_case(ledger: Path, case: str) -> Path:
    """Copy the case's record over the ledger's own; return where it is."""
    record = next(path for path in (CASES / case).glob("*.yaml") if path.name != "expected.yaml")
    target = ledger / "pledges" / record.name
    shutil.copyfile(record, target)
    return target


def test_a_commented_file_changes_only_in_its_status_and_history(ledger: Path) -> None:
    target = put_case(ledger, "commented-pledge")
    code, output = update(
        ledger, "2021-seoul-KOR-001", "--status", "deployed", "--on", "2022-09",
        "--note", "Deployed to MINUSCA: first rotation.",
        "--source-url", "https://example.org/kor-deployed", "--source-title", "Press release",
    )  # fmt: skip
    assert code == 0, output
    assert "registered -> deployed" in output
    assert target.read_bytes() == (CASES / "commented-pledge" / "expected.yaml").read_bytes()
    assert validate([ledger]).problems == []


def test_an_empty_history_becomes_a_block_list_after_status(ledger: Path) -> None:
    target = put_case(ledger, "pledge-without-history")
    code, output = update(ledger, "2021-seoul-IDN-001", "--status", "registered", "--on", "2022-02-01")
    assert code == 0, output
    assert target.read_bytes() == (CASES / "pledge-without-history" / "expected.yaml").read_bytes()


def test_crlf_line_breaks_are_kept(ledger: Path) -> None:
    target = ledger / "pledges" / "2021-seoul-KOR-001.yaml"
    target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    assert update(ledger, "2021-seoul-KOR-001", "--status", "in_progress", "--on", "2022-04")[0] == 0
    text = target.read_bytes()
    assert b"\r\n  - on: 2022-04\r\n    status: in_progress\r\n" in text
    assert b"\n" not in text.replace(b"\r\n", b"")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--status", "announced", "--on", "2023"], "cannot go from registered to announced"),
        (["--status", "ended", "--on", "2023"], "only a delivered pledge"),
        (
            ["--status", "deployed", "--on", "2022-02"],
            "2022-02 is before the last history entry (2022-03-01)",
        ),
    ],
)
def test_a_forbidden_change_is_refused_with_the_reason_and_nothing_written(
    ledger: Path, args: list[str], words: str
) -> None:
    target = ledger / "pledges" / "2021-seoul-KOR-001.yaml"
    before = target.read_bytes()
    code, output = update(ledger, "2021-seoul-KOR-001", *args)
    assert code == 1
    assert words in output
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["2021-seoul-KOR-001", "--status", "deployd", "--on", "2023"], "did you mean 'deployed'?"),
        (["2021-seoul-KOR-01", "--status", "deployed", "--on", "2023"], "did you mean '2021-seoul-KOR-001'"),
        (["2021-seoul-KOR-001", "--status", "deployed", "--on", "2023-13"], "month 13 does not exist"),
        (["2021-seoul", "--status", "deployed", "--on", "2023"], "is a conference, which has no status"),
    ],
)
def test_a_wrong_id_status_or_date_is_a_usage_error(ledger: Path, args: list[str], words: str) -> None:
    code, output = update(ledger, *args)
    assert code == 2
    assert words in output


def test_a_change_that_breaks_a_rule_of_the_ledger_is_not_written(ledger: Path) -> None:
    target = ledger / "pledges" / "2021-seoul-KOR-001.yaml"
    before = target.read_bytes()
    code, output = update(
        ledger, "2021-seoul-KOR-001", "--status", "deployed", "--on", "2023",
        "--source-title", "Report", "--source-url", "example.org/no-scheme",
    )  # fmt: skip
    assert code == 1
    assert "invalid" in output
    assert target.read_bytes() == before


def test_a_gap_can_be_updated_too(ledger: Path) -> None:
    code, output = update(
        ledger, "2021-06-utility-helicopter-unit-minusca", "--status", "filled", "--on", "2022-06"
    )
    assert code == 0, output
    assert validate([ledger]).problems == []


@pytest.mark.parametrize(
    ("kind", "before", "after", "allowed"),
    [
        ("pledges", "announced", "withdrawn", True),
        ("pledges", "registered", "registered", True),
        ("pledges", "deployed", "fulfilled", True),
        ("pledges", "withdrawn", "registered", False),
        ("pledges", "fulfilled", "deployed", False),
        ("pledges", "announced", "ended", False),
        ("gaps", "filled", "open", True),
        ("gaps", "withdrawn", "open", False),
    ],
)
def test_transitions(kind: str, before: str, after: str, allowed: bool) -> None:
    assert (forbidden_transition(kind, before, after) is None) is allowed
