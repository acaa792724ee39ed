"""Links, pipes and devices in a ledger are refused, never followed: in the working tree and in git."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from tests.security.conftest import SECRET, base_commit, commit, run_pkledger

PLEDGE = Path("data/pledges/2021-seoul-KOR-001.yaml")


@pytest.fixture
def secret_record(tmp_path: Path) -> Path:
    """A valid pledge outside the repository whose title is a secret: followed, it would be shown."""
    path = tmp_path / "outside" / "record.yaml"
    path.parent.mkdir(exist_ok=True)
    text = (
        Path(__file__).parents[1] / "fixtures/valid/small-ledger" / PLEDGE.relative_to("data")
    ).read_text()
    path.write_text(text.replace("title: ", f"title: {SECRET} ", 1), encoding="utf-8")
    return path


def link(path: Path, target: Path) -> None:
    path.unlink(missing_ok=True)
    path.symlink_to(target)


def codes(output: str) -> set[str]:
    return {problem["code"] for problem in json.loads(output)["problems"]}


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
def test_a_record_linking_outside_the_repository_is_refused_unread(
    repo: Path, secret: Path, runner: CliRunner, output_format: str
) -> None:
    link(repo / PLEDGE, secret)
    result = runner.invoke(app, ["validate", "--format", output_format, "data"])
    assert SECRET not in result.output
    assert str(secret) not in result.output  # nor where the link points
    assert result.exit_code == 1
    assert "PKL901" in result.stdout
    assert PLEDGE.as_posix() in result.stdout


def test_a_record_folder_linking_outside_is_refused_unread(
    repo: Path, secret_record: Path, runner: CliRunner
) -> None:
    gaps = repo / "data" / "gaps"
    for path in gaps.iterdir():
        path.unlink()
    gaps.rmdir()
    gaps.symlink_to(secret_record.parent, target_is_directory=True)
    result = runner.invoke(app, ["validate", "--format", "json", "data"])
    assert SECRET not in result.output
    assert "PKL901" in codes(result.stdout)
    assert any(problem["file"] == "data/gaps" for problem in json.loads(result.stdout)["problems"])


def test_a_ledger_yaml_that_is_a_link_is_refused(repo: Path, secret: Path, runner: CliRunner) -> None:
    (repo / "data" / "ledger.yaml").unlink(missing_ok=True)
    (repo / "data" / "ledger.yaml").symlink_to(secret)
    result = runner.invoke(app, ["validate", "--format", "json", "data"])
    problems = json.loads(result.stdout)["problems"]
    assert [(p["file"], p["code"]) for p in problems] == [("data/ledger.yaml", "PKL901")]
    assert SECRET not in result.output


@pytest.mark.parametrize("kind", ["fifo", "link-to-own-stdout"])
def test_a_pipe_in_the_ledger_does_not_hang_the_run(repo: Path, kind: str) -> None:
    path = repo / PLEDGE
    path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/proc/self/fd/1")
    try:
        completed = run_pkledger(["validate", "--format", "json", "data"], repo, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("validate hung on a pipe in the ledger")
    assert completed.returncode == 1, completed.stderr
    assert "PKL901" in codes(completed.stdout.decode())


def test_a_device_in_the_ledger_is_refused(repo: Path, runner: CliRunner) -> None:
    link(repo / PLEDGE, Path("/dev/zero"))
    result = runner.invoke(app, ["validate", "--format", "json", "data"])
    assert codes(result.stdout) == {"PKL901"}


def test_diff_of_the_working_tree_never_shows_a_linked_file(
    repo: Path, secret_record: Path, runner: CliRunner
) -> None:
    base = base_commit(repo)
    link(repo / PLEDGE, secret_record)
    for output_format in ("markdown", "text", "json"):
        result = runner.invoke(app, ["diff", base, "--format", output_format])
        assert result.exit_code == 0, result.output
        assert SECRET not in result.output
        assert "PKL901" in result.stdout


def test_a_link_committed_in_git_is_refused_not_resolved(
    repo: Path, secret_record: Path, runner: CliRunner
) -> None:
    base = base_commit(repo)
    link(repo / PLEDGE, secret_record)
    head = commit(repo, "a pledge that is a link (mode 120000) to a file outside the repository")
    mode = subprocess.run(
        ["git", "ls-tree", head, PLEDGE.as_posix()], cwd=repo, capture_output=True, text=True, check=True
    ).stdout.split()[0]
    assert mode == "120000"
    result = runner.invoke(app, ["diff", base, head, "--format", "markdown"])
    assert SECRET not in result.output
    assert "PKL901" in result.stdout, result.output
    assert "a symbolic link" in result.stdout
    # The link as the base of a comparison is refused too.
    link(repo / PLEDGE, repo / "data" / "pledges" / "2021-seoul-USA-001.yaml")
    result = runner.invoke(app, ["diff", head, "--format", "json"])
    assert SECRET not in result.output
    result = runner.invoke(app, ["validate", "--changed-since", base, "--format", "json"])
    assert SECRET not in result.output
    assert "PKL901" in codes(result.stdout)
