"""Temporary git repositories for tests, independent of the machine's git configuration."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Ledger Test",
    "GIT_AUTHOR_EMAIL": "ledger-test@example.org",
    "GIT_COMMITTER_NAME": "Ledger Test",
    "GIT_COMMITTER_EMAIL": "ledger-test@example.org",
    "GIT_AUTHOR_DATE": "2024-01-02T03:04:05+00:00",
    "GIT_COMMITTER_DATE": "2024-01-02T03:04:05+00:00",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}
# Set when tests run inside a git hook; they would point git at the wrong repository.
GIT_LOCATION = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_PREFIX")


def git_environment() -> dict[str, str]:
    """The environment for git in tests: a fixed identity and date, no user or system config."""
    environment = {key: value for key, value in os.environ.items() if key not in GIT_LOCATION}
    return {**environment, **GIT_IDENTITY}


def use_test_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every git run in this test (pkledger's own included) use the test environment."""
    for key in GIT_LOCATION:
        monkeypatch.delenv(key, raising=False)
    for key, value in GIT_IDENTITY.items():
        monkeypatch.setenv(key, value)


def git(repo: Path, *arguments: str) -> str:
    """Run git in ``repo`` and return its output."""
    completed = subprocess.run(
        ["git", *arguments], cwd=repo, env=git_environment(), capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


def init_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "--quiet")
    git(path, "symbolic-ref", "HEAD", "refs/heads/main")
    return path


def commit_all(repo: Path, message: str) -> str:
    """Stage everything and commit it; return the commit id."""
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def replace_folder(target: Path, source: Path) -> None:
    """Make ``target`` hold exactly the files of ``source`` (as an editor would leave them)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
