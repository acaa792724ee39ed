"""The content-hash cache: a warm run gives the same report, and any change is seen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from tests.helpers import FIXTURES


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("PKLEDGER_NO_CACHE")
    monkeypatch.setenv("PKLEDGER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copytree(FIXTURES / "valid" / "small-ledger", tmp_path / "data"))


def report(*arguments: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, [*arguments, "validate", "--format", "json", "data"])
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def cache_files(root: Path) -> list[Path]:
    """The ledgers' cache files (not the outcomes of their files beside them: test_cache_outcomes.py)."""
    folder = root / "cache"
    return (
        sorted(path for path in folder.iterdir() if not path.name.endswith((".files.json", ".across.json")))
        if folder.exists()
        else []
    )


def test_a_warm_run_reads_no_yaml_and_reports_the_same(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = report()
    assert len(cache_files(ledger.parent)) == 1

    def no_reading(*arguments: object) -> None:
        raise AssertionError("the ledger was read although nothing changed")

    monkeypatch.setattr("pkledger.ledger.parallel.read_entry", no_reading)
    monkeypatch.setattr(Path, "read_bytes", no_reading)
    assert report() == cold


def test_an_edit_is_seen(ledger: Path) -> None:
    assert report()["problems"] == []
    pledge = ledger / "pledges" / "2021-seoul-KOR-001.yaml"
    text = pledge.read_text(encoding="utf-8")
    pledge.write_text(text.replace("member_state: KOR", "member_state: NO"), encoding="utf-8")
    assert [problem["code"] for problem in report()["problems"]] == ["PKL108"]
    pledge.write_text(text, encoding="utf-8")
    assert report()["problems"] == []


def test_a_new_or_removed_file_is_seen(ledger: Path) -> None:
    report()
    (ledger / "pledges" / "notes.txt").write_text("not a record\n", encoding="utf-8")
    assert [problem["code"] for problem in report()["problems"]] == ["PKL014"]
    (ledger / "pledges" / "pcrs-BTN-001.yaml").unlink()
    (ledger / "pledges" / "notes.txt").unlink()
    assert report()["summary"]["files"] == 12


def test_no_cache_reads_everything_and_writes_nothing(ledger: Path) -> None:
    report("--no-cache")
    assert cache_files(ledger.parent) == []


def test_a_cache_from_another_version_or_a_broken_one_is_ignored(ledger: Path) -> None:
    cold = report()
    (path,) = cache_files(ledger.parent)
    path.write_text('{"tool": "another version", "key": "", "problems": [], "hashes": {}}', encoding="utf-8")
    assert report() == cold
    path.write_text("not json at all", encoding="utf-8")
    assert report() == cold


def test_the_environment_variable_turns_the_cache_off(ledger: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PKLEDGER_NO_CACHE", "1")
    report()
    assert cache_files(ledger.parent) == []


def test_the_cache_lives_in_the_users_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pkledger.ledger.cache_file import cache_folder

    monkeypatch.delenv("PKLEDGER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "pkledger"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "pkledger"
    monkeypatch.setenv("PKLEDGER_CACHE_DIR", str(tmp_path / "tests"))
    assert cache_folder() == tmp_path / "tests"
