"""Tab completion of ids, codes and conference names, in bash, zsh and fish."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from tests.helpers import FIXTURES

LEDGER = str(FIXTURES / "valid" / "small-ledger")


def complete(shell: str, words: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    monkeypatch.chdir(tmp_path)  # no configuration: the ledger is the one given with --ledger
    env = {"_PKLEDGER_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        }
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    result = CliRunner().invoke(app, [], env=env, prog_name="pkledger")
    return result.output.split()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_ids_complete_from_the_ledger(shell: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    found = complete(shell, f"pkledger show --ledger {LEDGER} 2021-seoul-K", monkeypatch, tmp_path)
    assert any("2021-seoul-KOR-001" in word for word in found), found
    assert not any("USA" in word for word in found)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("pkledger list pledges --state NO", "NOR"),
        ("pkledger list gaps --mission MINUSC", "MINUSCA"),
        ("pkledger list gaps --capability level_2", "level_2_hospital"),
        ("pkledger list pledges --status deploy", "deployed"),
        (f"pkledger list pledges --ledger {LEDGER} --conference 2021-se", "2021-seoul"),
        (f"pkledger update --ledger {LEDGER} 2023-acc", "2023-accra-GHA-001"),
    ],
)
def test_codes_and_conferences_complete(
    words: str, expected: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert expected in complete("bash", words, monkeypatch, tmp_path)


def test_without_a_ledger_nothing_is_completed_and_nothing_fails(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert complete("bash", "pkledger show 2021", monkeypatch, tmp_path) == []
