"""What the security tests share: a small ledger in a temporary git repository, a secret outside it,
and pkledger run as a pull request's check would run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.gitrepo import commit_all, git_environment, init_repo, use_test_git
from tests.helpers import FIXTURES

SMALL = FIXTURES / "valid" / "small-ledger"
CASES = FIXTURES / "security"
SECRET = "TOKEN-4f1c-do-not-print"
"""What a file outside the repository holds: no output may ever show it."""


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    use_test_git(monkeypatch)
    return CliRunner()


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the repository, as a credentials file would be."""
    path = tmp_path / "outside" / "credentials"
    path.parent.mkdir()
    path.write_text(f"token: {SECRET}\n", encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose data/ is the small ledger, committed on main; the working folder is its top."""
    use_test_git(monkeypatch)
    top = init_repo(tmp_path / "repo")
    shutil.copytree(SMALL, top / "data", ignore=shutil.ignore_patterns("expected.txt"))
    commit_all(top, "the ledger")
    monkeypatch.chdir(top)
    return top


def base_commit(repo: Path) -> str:
    return subprocess.run(
        ["git", "rev-parse", "HEAD"],
        cwd=repo,
        env=git_environment(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def commit(repo: Path, message: str) -> str:
    return commit_all(repo, message)


def run_pkledger(
    arguments: list[str],
    cwd: Path,
    *,
    timeout: float = 60,
    env: dict[str, str] | None = None,
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """pkledger in its own process (for what a CliRunner cannot show: hangs, pipes, signals)."""
    environment = {**git_environment(), "PKLEDGER_NO_CACHE": "1", **(env or {})}
    environment.pop("GITHUB_ACTIONS", None)
    source = Path(__file__).resolve().parents[2] / "src"
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), environment.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "pkledger", *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        timeout=timeout,
        check=False,
        preexec_fn=preexec,
    )
