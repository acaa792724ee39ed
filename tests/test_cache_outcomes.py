"""The cache of each file's outcome: after an edit only the changed file is read, the rules across
files still see the whole ledger, and a broken or forged outcomes file is never trusted."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from pkledger.ledger import parallel
from pkledger.ledger.cache_outcomes import read_outcomes, write_outcomes
from pkledger.ledger.entry import Outcome
from pkledger.problems import Finding, Span
from tests.helpers import FIXTURES

KOR = "pledges/2021-seoul-KOR-001.yaml"
GAP = "gaps/2021-06-utility-helicopter-unit-minusca.yaml"
ALL = 13
"""The files of the ledger: ledger.yaml and 12 records."""


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("PKLEDGER_NO_CACHE")
    monkeypatch.setenv("PKLEDGER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copytree(FIXTURES / "valid" / "small-ledger", tmp_path / "data"))


def report(*arguments: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, [*arguments, "validate", "--format", "json", "data"])
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def outcomes_file(ledger: Path) -> Path:
    (found,) = (ledger.parent / "cache").glob("*.files.json")
    return found


def edit(ledger: Path, name: str, old: str, new: str) -> None:
    path = ledger / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def files_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the files read from here on (not taken from the cache)."""
    read: list[str] = []
    real = parallel.read_entry  # type: ignore[attr-defined]

    def counting(file: Any, *arguments: Any, **options: Any) -> Any:
        read.append(file.key)
        return real(file, *arguments, **options)

    monkeypatch.setattr(parallel, "read_entry", counting)
    return read


def test_after_an_edit_only_that_file_is_read(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report()
    edit(ledger, KOR, "women: 10", "women: 1")  # under the parity target: a rule across files
    read = files_read(monkeypatch)
    warm = report()
    assert read == [KOR]
    assert warm == report("--no-cache")
    assert [problem["code"] for problem in warm["problems"]] == ["PKL303"]


def test_an_unchanged_file_gets_the_findings_an_edit_elsewhere_causes(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report()
    edit(ledger, GAP, "capability: utility_helicopter_unit", "capability: armed_helicopter_unit")
    read = files_read(monkeypatch)
    warm = report()
    assert read == [GAP]
    assert warm == report("--no-cache")
    (problem,) = warm["problems"]
    assert (problem["file"], problem["code"], problem["line"]) == (f"data/{KOR}", "PKL304", 14)


def _truncated(document: dict[str, Any], text: str) -> str:
    return text[: len(text) // 2]


def _another_version(document: dict[str, Any], text: str) -> str:
    return json.dumps({**document, "tool": "another version"})


def _forged(change: Callable[[list[Any]], None]) -> Callable[[dict[str, Any], str], str]:
    def forge(document: dict[str, Any], text: str) -> str:
        change(document["files"][KOR][1])
        return json.dumps(document)

    return forge


def _unknown_finding(outcome: list[Any]) -> None:
    outcome[2] = [["no-such-finding", [], "forged", None, None, False]]


def _invalid_without_a_reason(outcome: list[Any]) -> None:
    outcome[2], outcome[3] = [], False


def _a_float(outcome: list[Any]) -> None:
    outcome[0]["offers"][0]["quantity"] = 1.5


def _a_decimal_with_company(outcome: list[Any]) -> None:
    outcome[0]["offers"][0]["quantity"] = {"\ud800": "1", "measure": "units"}


def _a_line_as_text(outcome: list[Any]) -> None:
    outcome[1][0][1][0] = "1"


CORRUPTIONS = {
    "truncated": _truncated,
    "not-json": lambda document, text: "not json at all",
    "another-version": _another_version,
    "unknown-finding": _forged(_unknown_finding),
    "invalid-without-a-reason": _forged(_invalid_without_a_reason),
    "a-float": _forged(_a_float),
    "a-decimal-with-company": _forged(_a_decimal_with_company),
    "a-line-as-text": _forged(_a_line_as_text),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_broken_or_forged_outcomes_file_is_ignored_and_rewritten(
    ledger: Path, corrupt: Callable[[dict[str, Any], str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    report()
    path = outcomes_file(ledger)
    text = path.read_text(encoding="utf-8")
    path.write_text(corrupt(json.loads(text), text), encoding="utf-8")
    edit(ledger, GAP, "for MINUSCA", "for MINUSCA (edited)")  # a gap: the ledger opens from the outcomes
    read = files_read(monkeypatch)
    warm = report()
    assert len(read) == ALL  # everything was read again
    assert warm == report("--no-cache")
    assert len(read_outcomes(path, _tool())) == ALL  # and written anew, whole


def test_a_forged_outcome_cannot_make_a_broken_record_valid(
    ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(ledger, KOR, "member_state: KOR", "member_state: NO")
    broken = report()
    assert broken["summary"]["errors"] > 0
    path = outcomes_file(ledger)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["files"][KOR][1][2:] = [[], True, 0]  # "no findings, a valid record"
    path.write_text(json.dumps(document), encoding="utf-8")
    # A change the rules across files read, so that the outcomes are needed (pkledger.ledger.across)
    edit(ledger, GAP, "for MINUSCA", "for MINUSCA (edited)")
    read = files_read(monkeypatch)
    assert report() == broken
    assert sorted(read) == sorted([GAP, KOR])  # the forged record did not validate: read again


GAP_FORGERIES = {
    "unknown-finding": _unknown_finding,
    "invalid-without-a-reason": _invalid_without_a_reason,
    "a-line-as-text": _a_line_as_text,
}


@pytest.mark.parametrize("change", GAP_FORGERIES.values(), ids=GAP_FORGERIES.keys())
def test_a_forged_outcome_of_a_gap_is_not_trusted_when_only_a_pledge_changed(
    ledger: Path, change: Callable[[list[Any]], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit to a pledge alone takes the conferences and gaps from the outcomes
    (pkledger.ledger.across_pledges): a forged one among them, and they are all read again."""
    report()
    path = outcomes_file(ledger)
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document["files"][GAP][1])
    path.write_text(json.dumps(document), encoding="utf-8")
    edit(ledger, KOR, "women: 10", "women: 1")
    read = files_read(monkeypatch)
    warm = report()
    assert KOR in read and GAP in read and all(not key.startswith("pledges/") or key == KOR for key in read)
    assert warm == report("--no-cache")


def test_an_outcomes_file_that_is_a_link_is_not_read(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    report()
    path = outcomes_file(ledger)
    real = path.with_name("elsewhere.json")
    path.rename(real)
    path.symlink_to(real)
    edit(ledger, GAP, "for MINUSCA", "for MINUSCA (edited)")
    read = files_read(monkeypatch)
    warm = report()
    assert len(read) == ALL
    assert warm == report("--no-cache")
    assert not path.is_symlink()  # replaced by a file of its own


def test_no_cache_writes_no_outcomes(ledger: Path) -> None:
    report("--no-cache")
    assert not (ledger.parent / "cache").exists()


def test_decimals_integers_and_texts_keep_their_types(tmp_path: Path) -> None:
    data = {"share": Decimal("0.20"), "big": Decimal("1E+2"), "count": 1, "title": "\x00D1.5", "none": None}
    finding = Finding(
        "women-below-target", ("offers", 0, "personnel", "women"), "few", None, Span(3, 4, 3, 6)
    )
    outcome = Outcome(data, {("id",): (1, 5, 1, 9)}, (finding,), True)
    write_outcomes(tmp_path / "outcomes.json", "tool", {"pledges/a.yaml": ("ab" * 10, outcome)})
    (digest, restored), *_ = read_outcomes(tmp_path / "outcomes.json", "tool").values()
    assert (digest, restored) == ("ab" * 10, outcome)
    assert [type(value) for value in restored.data.values()] == [Decimal, Decimal, int, str, type(None)]  # type: ignore[union-attr]
    assert str(restored.data["share"]) == "0.20"  # type: ignore[index]


def _tool() -> str:
    from pkledger.ledger.cache import tool_key

    return tool_key()
