"""The pre-commit hook (.pre-commit-hooks.yaml), run by the real pre-commit framework.

pre-commit installs a hook from a commit of a repository. So that the hook as it is now (committed
or not) is what gets tested, the project's installable files are copied into a temporary
repository and committed there; in CI, a clean clone, that is the same as the project's HEAD.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pre_commit.clientlib import load_manifest

from tests.conftest import REPO
from tests.gitrepo import commit_all, git, git_environment, init_repo
from tests.helpers import FIXTURES

INSTALLABLE = ("src", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
MANIFEST = REPO / ".pre-commit-hooks.yaml"


def hook() -> dict[str, object]:
    found: list[dict[str, object]] = load_manifest(str(MANIFEST))
    return next(entry for entry in found if entry["id"] == "pkledger-validate")


def test_the_manifest_is_valid_for_pre_commit() -> None:
    command = [sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    entry = hook()
    assert (entry["entry"], entry["language"], entry["pass_filenames"]) == (
        "pkledger validate",
        "python",
        True,
    )


@pytest.mark.parametrize(
    ("path", "matched"),
    [
        ("data/pledges/2021-seoul-KOR-001.yaml", True),
        ("data/gaps/2021-06-x.yml", True),
        ("conferences/2021-seoul.yaml", True),
        ("ledgers/un/conferences/2021-seoul.yaml", True),
        ("data/pledges/notes.md", False),
        ("data/pledges/drafts/x.yaml", False),
        ("data/README.yaml", False),
        (".github/workflows/pkledger.yml", False),
    ],
)
def test_the_hook_runs_on_record_files(path: str, matched: bool) -> None:
    assert bool(re.search(str(hook()["files"]), path)) is matched


def snapshot_of_this_project(target: Path) -> str:
    """A repository holding the project's installable files as they are now; return its commit."""
    init_repo(target)
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *INSTALLABLE)
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():  # a deleted file stays listed until the deletion is staged
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return commit_all(target, "snapshot")


def run(command: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    environment = {**git_environment(), "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def ledger_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A ledger repository whose git hook is pkledger-validate, installed by pre-commit."""
    folder = tmp_path_factory.mktemp("pre-commit")
    revision = snapshot_of_this_project(folder / "pkledger")
    repo = init_repo(folder / "ledger")
    config = f"repos:\n  - repo: {folder / 'pkledger'}\n    rev: {revision}\n    hooks:\n      - id: pkledger-validate\n"
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    commit_all(repo, "pre-commit configuration")  # before the hook is installed
    installed = run([sys.executable, "-m", "pre_commit", "install"], repo, folder / "home")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo, folder / "home"


def commit(repo: Path, home: Path, message: str) -> subprocess.CompletedProcess[str]:
    """Commit the good ledger and any change to it: the hook runs first."""
    if not (repo / "data").exists():
        shutil.copytree(FIXTURES / "valid" / "every-field", repo / "data")
    git(repo, "add", "--all")
    return run(["git", "commit", "-m", message], repo, home)


def test_a_good_ledger_is_committed(ledger_repo: tuple[Path, Path]) -> None:
    repo, home = ledger_repo
    committed = commit(repo, home, "A good ledger")
    assert committed.returncode == 0, committed.stdout + committed.stderr
    assert re.search(r"pkledger validate\.+Passed", committed.stdout + committed.stderr)


def test_a_bad_pledge_is_blocked_with_its_file_and_line(ledger_repo: tuple[Path, Path]) -> None:
    repo, home = ledger_repo
    pledge = FIXTURES / "valid" / "every-field" / "pledges" / "2021-seoul-KOR-001.yaml"
    bad = pledge.read_text(encoding="utf-8").replace("member_state: KOR", "member_state: NO")
    (repo / "data" / "pledges").mkdir(parents=True, exist_ok=True)
    (repo / "data" / "pledges" / pledge.name).write_text(bad, encoding="utf-8")
    before = git(repo, "rev-parse", "HEAD")
    blocked = commit(repo, home, "A bad pledge")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert re.search(r"pkledger validate\.+Failed", output)
    assert "data/pledges/2021-seoul-KOR-001.yaml:2:15: error PKL108 member_state" in output
    assert git(repo, "rev-parse", "HEAD") == before
