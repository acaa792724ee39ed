"""A pull request cannot set the rules it is checked by: its settings are not obeyed, but reported."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from tests.security.conftest import CASES, SMALL, base_commit, commit, run_pkledger

BROKEN = "data/pledges/2021-seoul-NOR-001.yaml"
"""What every pull request below adds: a record that cannot be valid."""
ATTACKS = sorted(path for path in (CASES / "settings").iterdir() if path.is_dir())
"""Each a pull request's files (tests/fixtures/security/settings/<attack>/): its settings, and BROKEN."""
SETTINGS_FILES = (".pkledger.yaml", "pyproject.toml")


def pull_request(repo: Path, attack: Path) -> str:
    """Put a pull request's files in the working tree; return the settings file it adds."""
    shutil.copytree(attack, repo, dirs_exist_ok=True)
    return next(
        path.relative_to(attack).as_posix()
        for path in sorted(attack.rglob("*"))
        if path.name in SETTINGS_FILES
    )


def reported(output: str) -> dict[str, set[str]]:
    """The codes reported for each file of a JSON report (of validate, or of diff's introduced problems)."""
    report = json.loads(output)
    problems = report["problems"]["introduced"] if "records" in report else report["problems"]
    found: dict[str, set[str]] = {}
    for problem in problems:
        found.setdefault(problem["file"], set()).add(problem["code"])
    return found


@pytest.mark.parametrize("attack", ATTACKS, ids=lambda attack: attack.name)
@pytest.mark.parametrize("mode", ["changed-since", "diff", "diff-of-commits"])
def test_the_pull_requests_settings_are_reported_not_obeyed(
    repo: Path, runner: CliRunner, attack: Path, mode: str
) -> None:
    base = base_commit(repo)
    settings = pull_request(repo, attack)
    if mode == "changed-since":
        result = runner.invoke(app, ["validate", "--changed-since", base, "--format", "json"])
        assert result.exit_code == 1, result.output
    elif mode == "diff":
        result = runner.invoke(app, ["diff", base, "--format", "json"])
    else:
        head = commit(repo, "the pull request")
        result = runner.invoke(app, ["diff", base, head, "--format", "json"])
    found = reported(result.stdout)
    assert {"PKL101", "PKL108"} <= found.get(BROKEN, set()), result.output
    assert found.get(settings) == {"PKL902"}, result.output


def test_a_settings_change_is_a_warning_and_an_error_under_strict(repo: Path, runner: CliRunner) -> None:
    base = base_commit(repo)
    (repo / ".pkledger.yaml").write_text("severity:\n  no-timeframe: off\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--changed-since", base, "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["problems"][0]["severity"] == "warning"
    strict = runner.invoke(app, ["validate", "--changed-since", base, "--strict", "--format", "json"])
    assert strict.exit_code == 1
    assert [(p["code"], p["severity"]) for p in json.loads(strict.stdout)["problems"]] == [
        ("PKL902", "error")
    ]


def test_the_base_revisions_settings_are_the_ones_in_force(repo: Path, runner: CliRunner) -> None:
    (repo / ".pkledger.yaml").write_text('ignore: ["data/pledges/*-NOR-*.yaml"]\n', encoding="utf-8")
    base = commit(repo, "settings that leave Norway's drafts out")
    (repo / ".pkledger.yaml").unlink()
    (repo / BROKEN).write_text("id: 2021-seoul-NOR-001\ntitle: draft\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--changed-since", base, "--format", "json"])
    found = reported(result.stdout)
    # The draft is still read on its own: an unreadable or invalid record is an error whatever the settings.
    assert "PKL101" in found[BROKEN]
    assert found[".pkledger.yaml"] == {"PKL902"}


def test_outside_git_settings_above_the_working_folder_are_not_read(tmp_path: Path) -> None:
    shared = tmp_path / "shared"  # a folder others may write to, as /tmp
    (shared / "project").mkdir(parents=True)
    (shared / ".pkledger.yaml").write_text('ignore: ["**"]\n', encoding="utf-8")
    project = shared / "project"
    subprocess.run(["cp", "-r", str(SMALL), str(project / "data")], check=True)
    (project / BROKEN).write_text("id: 2021-seoul-NOR-001\n", encoding="utf-8")
    completed = run_pkledger(["validate", "--format", "json"], project)
    assert completed.returncode == 1, completed.stderr
    assert "PKL101" in reported(completed.stdout.decode())[BROKEN]


@pytest.mark.parametrize("setting", ["severity:\n  missing-field: off\n", "severity:\n  PKL108: warning\n"])
def test_no_setting_silences_an_error_that_makes_a_record_invalid(
    repo: Path, runner: CliRunner, setting: str
) -> None:
    (repo / BROKEN).write_text("id: 2021-seoul-NOR-001\nmember_state: NO\n", encoding="utf-8")
    (repo / ".pkledger.yaml").write_text(setting, encoding="utf-8")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "no setting can change it" in result.output


def test_ignoring_a_file_does_not_hide_that_its_record_is_invalid(repo: Path, runner: CliRunner) -> None:
    (repo / BROKEN).write_text("id: 2021-seoul-NOR-001\nmember_state: NO\n", encoding="utf-8")
    (repo / ".pkledger.yaml").write_text(f'ignore: ["{BROKEN}"]\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", "--format", "json"])
    assert result.exit_code == 1
    assert "PKL101" in reported(result.stdout)[BROKEN]


@pytest.mark.parametrize("settings", ['ignore: ["**"]\n', "ledger: empty\n"])
def test_nothing_checked_is_an_error(repo: Path, runner: CliRunner, settings: str) -> None:
    (repo / "empty" / "pledges").mkdir(parents=True)
    (repo / "empty" / "ledger.yaml").write_text("format: 2\n", encoding="utf-8")
    (repo / ".pkledger.yaml").write_text(settings, encoding="utf-8")
    result = runner.invoke(app, ["validate", "--format", "json"])
    assert result.exit_code == 1, result.output
    assert "PKL903" in {code for codes in reported(result.stdout).values() for code in codes}


def test_a_slow_glob_is_matched_in_linear_time(repo: Path) -> None:
    (repo / ".pkledger.yaml").write_text('ignore: ["**/*a*a*a*a*a*a*a*a*a*a*b"]\n', encoding="utf-8")
    (repo / "data" / "pledges" / ("a" * 60 + ".yaml")).write_text("id: x\n", encoding="utf-8")
    try:
        completed = run_pkledger(["validate", "--format", "json"], repo, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("one ignore pattern on one file name took more than 20 s")
    assert "PKL201" in reported(completed.stdout.decode())["data/pledges/" + "a" * 60 + ".yaml"]


def test_a_glob_longer_than_256_characters_is_a_configuration_error(repo: Path, runner: CliRunner) -> None:
    (repo / ".pkledger.yaml").write_text(f"ignore:\n  - data/pledges/{'*x' * 150}\n", encoding="utf-8")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert (
        ".pkledger.yaml:2: ignore: the pattern is 313 characters long; at most 256 are allowed"
        in result.output
    )
