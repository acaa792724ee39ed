"""The pull-request workflow on real git repositories: `validate --changed-since` and `diff`.

Each case under tests/fixtures/changes/ is a change to a small ledger (added, modified, renamed,
deleted files; a reference broken by a deletion), made in a temporary repository.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from pkledger.analysis.changes import UNCHANGED_NOTE
from pkledger.cli.app import app
from pkledger.ledger.git import Change, parse_name_status
from pkledger.ledger.revisions import changed_files
from pkledger.problems import Problem
from tests import helpers
from tests.gitrepo import commit_all, git, init_repo, replace_folder, use_test_git
from tests.helpers import FIXTURES

CASES = sorted(path for path in (FIXTURES / "changes").iterdir() if path.is_dir())
CONTRACT = json.loads((Path(__file__).parent / "schemas" / "diff-contract.json").read_text(encoding="utf-8"))


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    use_test_git(monkeypatch)
    return CliRunner()


def make_change(case: Path, repo: Path, *, stage: bool = True) -> str:
    """Commit the case's base ledger as data/, then put its head in place; return the base commit."""
    init_repo(repo)
    replace_folder(repo / "data", case / "base")
    base = commit_all(repo, "base")
    replace_folder(repo / "data", case / "head")
    if stage:
        git(repo, "add", "--all")
    return base


def problem_lines(report: dict[str, Any]) -> list[str]:
    fields = ("file", "line", "column", "path", "code", "severity", "message", "hint")
    return helpers.problem_lines(Problem(*(found[name] for name in fields)) for found in report["problems"])


def without_commit(text: str, commit: str) -> str:
    return text.replace(commit, "<base commit>").replace(commit[:7], "<base>")


def check_golden(path: Path, actual: str, update: bool) -> None:
    if update:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"run pytest --update-expected to create {path.name}"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_changed_since_checks_the_changed_files_and_what_they_broke(
    case: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, update_expected: bool
) -> None:
    repo = tmp_path / "repo"
    base = make_change(case, repo)
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["validate", "--changed-since", base, "--format", "json"])
    report = json.loads(result.stdout)
    lines = "".join(f"{line}\n" for line in problem_lines(report))
    check_golden(case / "expected-validate.txt", lines, update_expected)
    assert result.exit_code == (1 if report["summary"]["errors"] else 0)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_diff_json_follows_the_contract(
    case: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, update_expected: bool
) -> None:
    repo = tmp_path / "repo"
    base = make_change(case, repo)
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["diff", base, "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, CONTRACT)
    assert document["base"] == {"ref": base, "commit": base}
    assert document["head"] == {"ref": None, "commit": None}
    check_golden(case / "expected-diff.json", without_commit(result.stdout, base), update_expected)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_diff_markdown(
    case: Path, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, update_expected: bool
) -> None:
    repo = tmp_path / "repo"
    base = make_change(case, repo)
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["diff", base, "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!-- pkledger-diff -->\n## ")
    check_golden(case / "expected-diff.md", without_commit(result.stdout, base), update_expected)


def test_a_deletion_that_breaks_an_unchanged_file_is_reported_there(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = make_change(FIXTURES / "changes" / "deleted-gap-breaks-pledge", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    result = runner.invoke(app, ["validate", "--changed-since", base])
    assert result.exit_code == 1
    assert "data/pledges/2021-seoul-KOR-001.yaml:13:15: error PKL406 responds_to[0]" in result.stdout
    assert UNCHANGED_NOTE.strip() in result.stdout
    assert "Found 1 error in 1 file." in result.stdout


def test_untracked_files_count_as_added(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = FIXTURES / "changes" / "added-pledge"
    base = make_change(case, tmp_path / "repo", stage=False)
    monkeypatch.chdir(tmp_path / "repo")
    assert git(Path(), "status", "--porcelain").count("??") == 2
    result = runner.invoke(app, ["validate", "--changed-since", base, "--format", "json"])
    expected = (case / "expected-validate.txt").read_text(encoding="utf-8").splitlines()
    assert problem_lines(json.loads(result.stdout)) == expected
    assert json.loads(result.stdout)["summary"]["files"] == 2


def test_changed_since_the_same_commit_checks_nothing(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    replace_folder(repo / "data", FIXTURES / "changes" / "added-pledge" / "head")
    commit_all(repo, "everything")
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["validate", "--changed-since", "HEAD"])
    assert result.exit_code == 0
    assert "No problems in 0 files." in result.stdout


def test_diff_between_two_commits(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    case = FIXTURES / "changes" / "modified-pledge"
    repo = tmp_path / "repo"
    base = make_change(case, repo)
    head = commit_all(repo, "head")
    replace_folder(repo / "data", case / "base")  # the working tree no longer matters
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["diff", base, "HEAD", "--ledger", "data", "--format", "json"])
    document = json.loads(result.stdout)
    jsonschema.validate(document, CONTRACT)
    assert document["head"] == {"ref": "HEAD", "commit": head}
    expected = json.loads(without_commit((case / "expected-diff.json").read_text(encoding="utf-8"), base))
    assert {key: value for key, value in document.items() if key not in ("base", "head")} == {
        key: value for key, value in expected.items() if key not in ("base", "head")
    }


def test_diff_from_a_sub_folder_ledger(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = FIXTURES / "changes" / "deleted-pledge"
    repo = init_repo(tmp_path / "repo")
    replace_folder(repo / "ledgers" / "peacekeeping", case / "base")
    base = commit_all(repo, "base")
    replace_folder(repo / "ledgers" / "peacekeeping", case / "head")
    monkeypatch.chdir(repo / "ledgers")
    result = runner.invoke(app, ["diff", base, "--ledger", "peacekeeping"])
    assert result.exit_code == 0, result.output
    assert "1 record removed" in result.stdout
    assert "pledge      2021-seoul-GHA-001" in result.stdout


def test_text_output(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    base = make_change(FIXTURES / "changes" / "modified-pledge", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    result = runner.invoke(app, ["diff", base])
    assert result.stdout.splitlines()[:2] == [
        f"Ledger data: {base[:7]} -> the working tree",
        "1 record changed; no new problems; 1 gap filled.",
    ]
    assert "      offers[0].quantity: 1 -> 2" in result.stdout
    assert (
        "  high      2021-06-infantry-company-minusca  1 of 2 units -> 2 of 2 units  (filled)"
        in result.stdout
    )


# What goes wrong, in words --------------------------------------------------------------------


def test_outside_a_git_repository(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    replace_folder(tmp_path / "data", FIXTURES / "changes" / "deleted-pledge" / "base")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    for command in (["validate", "--changed-since", "main"], ["diff", "main"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1
        assert "is not inside a git repository" in result.output
        assert "Traceback" not in result.output


def test_unknown_revision(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    make_change(FIXTURES / "changes" / "deleted-pledge", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    for revision in ("no-such-branch", "--output=x"):
        result = runner.invoke(app, ["diff", "--ledger=data", "--", revision])
        assert result.exit_code == 1, result.output
        assert f"git does not know the revision '{revision}'" in result.output
        assert "fetch-depth: 0" in result.output


def test_git_missing(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    make_change(FIXTURES / "changes" / "deleted-pledge", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = runner.invoke(app, ["validate", "--changed-since", "main"])
    assert result.exit_code == 1
    assert "git is not installed" in result.output


def test_changed_since_takes_ledger_folders(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_change(FIXTURES / "changes" / "deleted-pledge", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    result = runner.invoke(
        app, ["validate", "--changed-since", "main", "data/pledges/2021-seoul-KOR-001.yaml"]
    )
    assert result.exit_code == 2
    assert "pass ledger folders" in result.output


# The pieces -----------------------------------------------------------------------------------


def test_name_status_with_renames_and_copies() -> None:
    output = b"M\0data/a.yaml\0R087\0data/old.yaml\0data/new.yaml\0C100\0x.yaml\0data/copy.yaml\0D\0data/gone.yaml\0"
    assert parse_name_status(output) == [
        Change("modified", "data/a.yaml"),
        Change("renamed", "data/new.yaml", "data/old.yaml"),
        Change("added", "data/copy.yaml"),
        Change("deleted", "data/gone.yaml"),
    ]


def test_changed_files_are_relative_to_the_ledger() -> None:
    changes = [
        Change("renamed", "data/pledges/b.yaml", "data/pledges/a.yaml"),
        Change("deleted", "data/gaps/g.yaml"),
        Change("added", "data/pledges/c.yaml"),
    ]
    changed = changed_files(changes, "data/")
    assert changed.present == {"pledges/b.yaml", "pledges/c.yaml"}
    assert changed.touched == {"pledges/a.yaml", "pledges/b.yaml", "pledges/c.yaml", "gaps/g.yaml"}


def test_a_problem_that_was_there_before_is_not_blamed_on_the_change(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = FIXTURES / "changes" / "deleted-gap-breaks-pledge" / "head"  # Korea's pledge names no gap
    repo = init_repo(tmp_path / "repo")
    replace_folder(repo / "data", broken)
    base = commit_all(repo, "already broken")
    pledge = repo / "data" / "pledges" / "2021-seoul-GHA-001.yaml"
    pledge.write_text(
        pledge.read_text(encoding="utf-8").replace("quantity: 1", "quantity: 2"), encoding="utf-8"
    )
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["validate", "--changed-since", base])
    assert result.exit_code == 0, result.output
    assert "No problems in 1 file." in result.stdout
    assert runner.invoke(app, ["validate"]).exit_code == 1  # the old problem is still there


def test_records_read_in_a_worker_process_keep_their_fields(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pkledger.ledger import parallel
    from pkledger.ledger.opening import open_ledger

    replace_folder(tmp_path / "data", FIXTURES / "changes" / "modified-pledge" / "head")
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)  # read even a small ledger on two cores
    ledger = open_ledger(tmp_path / "data")
    assert all(
        entry.data is not None and entry.data["id"] for entry in ledger.entries if entry.file.is_record
    )
    assert ledger.settings is not None


def test_a_symbolic_link_is_read_from_history_as_a_link(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    replace_folder(repo / "data", FIXTURES / "changes" / "modified-pledge" / "base")
    (repo / "data" / "pledges" / "2021-seoul-XXX-001.yaml").symlink_to("nowhere.yaml")  # broken all along
    base = commit_all(repo, "base")
    pledge = repo / "data" / "pledges" / "2021-seoul-GHA-001.yaml"
    pledge.write_text(
        pledge.read_text(encoding="utf-8").replace("quantity: 1", "quantity: 2"), encoding="utf-8"
    )
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["validate", "--changed-since", base])
    assert "No problems in 1 file." in result.stdout, result.output


# A change that migrates the ledger ------------------------------------------------------------


def test_checking_the_change_that_migrates_a_ledger_checks_every_file(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    replace_folder(repo / "data", FIXTURES / "v1" / "invalid" / "pledge-no-timeframe")
    base = commit_all(repo, "version 1")
    monkeypatch.chdir(repo)
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    result = runner.invoke(app, ["validate", "--changed-since", base])
    assert result.exit_code == 0, result.output
    assert "warning PKL302" in result.stdout
    diff = runner.invoke(app, ["diff", base])
    assert diff.exit_code == 1
    assert "is in version 1 of the format at this revision" in diff.output
    assert "git diff" in diff.output
