"""The cache is the user's, never the repository's, and what is read from it is checked."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from tests.gitrepo import commit_all
from tests.security.conftest import run_pkledger

BROKEN = "data/pledges/2021-seoul-NOR-001.yaml"


@pytest.fixture
def cached(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The repository with a broken record, and the cache of its ledger warmed: returns the cache file."""
    (repo / BROKEN).write_text("id: 2021-seoul-NOR-001\nmember_state: NO\n", encoding="utf-8")
    monkeypatch.delenv("PKLEDGER_NO_CACHE")
    monkeypatch.delenv("PKLEDGER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert CliRunner().invoke(app, ["validate"]).exit_code == 1
    (found,) = cache_files(repo, tmp_path)
    return found


def cache_files(repo: Path, tmp_path: Path) -> list[Path]:
    """Cache files wherever a version of pkledger keeps them: in the repository, or the user's folder."""
    found = [*(repo / ".pkledger-cache").glob("*.json"), *(tmp_path / "xdg").rglob("*.json")]
    beside = (".files.json", ".across.json")  # each file's outcome (test_cache_outcomes.py), the rules'
    return sorted(path for path in found if not path.name.endswith(beside))


def forge(path: Path, change: dict[str, object]) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**document, **change}), encoding="utf-8")


def test_a_cache_committed_to_the_repository_is_never_read(
    cached: Path, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    committed = repo / ".pkledger-cache" / cached.name
    committed.parent.mkdir(exist_ok=True)
    if cached != committed:
        shutil.copy(cached, committed)
        cached.unlink()  # a fresh clone on a CI runner: the user's cache is empty
    forge(committed, {"problems": []})  # "this ledger has no problems"
    commit_all(repo, "a broken record, and a cache that says all is well")
    result = CliRunner().invoke(app, ["validate", "--format", "json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["summary"]["errors"] > 0


@pytest.mark.parametrize(
    "problem",
    [
        ["data/pledges/2021-seoul-NOR-001.yaml", 1, 1, "", "PKL999", "error", "forged", None, None],
        ["data/pledges/2021-seoul-NOR-001.yaml", 1, 1, "", "PKL101", "fatal", "forged", None, None],
        ["data/pledges/2021-seoul-NOR-001.yaml", 1, 1, "", "PKL101", "warning", "lowered", None, None],
        ["data/pledges/2021-seoul-NOR-001.yaml", "1", 1, "", "PKL101", "error", "forged", None, None],
    ],
    ids=["unknown-code", "unknown-severity", "wrong-severity", "line-as-text"],
)
@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_a_forged_cache_entry_is_discarded(cached: Path, problem: object, output_format: str) -> None:
    forge(cached, {"problems": [problem]})
    result = CliRunner().invoke(app, ["validate", "--format", output_format])
    assert result.exit_code == 1, result.output  # the files are read again: the real errors
    assert "forged" not in result.output and "lowered" not in result.output


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/zero and address-space limits")
def test_a_cache_file_that_is_a_link_to_a_device_is_not_read(
    cached: Path, repo: Path, tmp_path: Path
) -> None:
    cached.unlink()
    cached.symlink_to("/dev/zero")
    environment = {"XDG_CACHE_HOME": str(tmp_path / "xdg"), "PKLEDGER_NO_CACHE": ""}
    try:
        completed = run_pkledger(
            ["validate", "--format", "json"], repo, timeout=60, env=environment, preexec=_limit_memory
        )
    except subprocess.TimeoutExpired:
        pytest.fail("reading the cache did not end")
    assert completed.returncode == 1, completed.stderr[-2000:]
    assert json.loads(completed.stdout)["summary"]["errors"] > 0
