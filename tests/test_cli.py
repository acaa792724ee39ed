"""The CLI's wiring: formats, exit codes, defaults and the one place errors become exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pkledger
from pkledger.cli.app import app
from tests.helpers import FIXTURES

VALID = FIXTURES / "valid" / "every-field"
NORWAY = FIXTURES / "hostile" / "norway-code"
DUPLICATE = FIXTURES / "hostile" / "duplicate-keys"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("PKLEDGER_DEBUG", raising=False)
    return CliRunner()


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"pkledger {pkledger.__version__}\n"


def test_valid_ledger_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(VALID)])
    assert result.exit_code == 0, result.output
    assert "No problems in 7 files." in result.output


def test_problems_exit_1(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", str(NORWAY)])
    assert result.exit_code == 1
    assert "did you mean NOR?" in result.output


def test_warnings_pass_unless_strict(runner: CliRunner) -> None:
    warning_only = FIXTURES / "invalid" / "pledge-no-timeframe"
    assert runner.invoke(app, ["validate", str(warning_only)]).exit_code == 0
    assert runner.invoke(app, ["validate", "--strict", str(warning_only)]).exit_code == 1


def test_missing_path_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_folder_that_is_not_a_ledger_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a ledger folder" in result.output


def test_unknown_format_is_a_usage_error(runner: CliRunner) -> None:
    assert runner.invoke(app, ["validate", "--format", "xml", str(VALID)]).exit_code == 2


def test_default_path_is_data(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data" / "pledges").mkdir(parents=True)
    (tmp_path / "data" / "ledger.yaml").write_text("format: 2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1  # a ledger was expected, and nothing checked is no pass
    assert "data: error PKL903" in result.output


def test_github_format_is_the_default_in_github_actions(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = runner.invoke(app, ["validate", str(DUPLICATE)])
    assert result.output.startswith("::error file=")


def test_json_format_is_parseable(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "--format", "json", str(DUPLICATE)])
    report = json.loads(result.output)
    assert report["summary"] == {"files": 2, "errors": 2, "warnings": 0}


def test_internal_error_exits_3_with_a_report_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*arguments: object, **options: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("pkledger.analysis.validate.validate", explode)
    result = runner.invoke(app, ["validate", str(VALID)])
    assert result.exit_code == 3
    assert "internal error: RuntimeError: boom" in result.output
    assert "please report it" in result.output
    assert "Traceback" not in result.output


def test_debug_shows_the_traceback(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(*arguments: object, **options: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("pkledger.analysis.validate.validate", explode)
    result = runner.invoke(app, ["--debug", "validate", str(VALID)])
    assert result.exit_code == 3
    assert "Traceback" in result.output


def test_interrupt_exits_130(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*arguments: object, **options: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("pkledger.analysis.validate.validate", interrupt)
    assert runner.invoke(app, ["validate", str(VALID)]).exit_code == 130


def test_single_file_is_checked_against_its_ledger(runner: CliRunner) -> None:
    pledge = VALID / "pledges" / "2021-seoul-KOR-001.yaml"
    result = runner.invoke(app, ["validate", str(pledge)])
    assert result.exit_code == 0, result.output
    assert "No problems in 1 file." in result.output


def test_file_outside_a_ledger_folder(runner: CliRunner, tmp_path: Path) -> None:
    stray = tmp_path / "pledge.yaml"
    stray.write_text("id: x\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(stray)])
    assert result.exit_code == 1
    assert "PKL015" in result.output


def test_no_arguments_shows_help(runner: CliRunner) -> None:
    result = runner.invoke(app, [])
    assert "validate" in result.output


def test_a_closed_pipe_ends_quietly() -> None:
    command = [sys.executable, "-m", "pkledger", "validate", "--format", "json", str(NORWAY)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.close()
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 1  # the run's own code (it found errors), as git does
    assert b"Traceback" not in errors
    assert b"internal error" not in errors


def test_start_up_imports_no_heavy_library() -> None:
    """`pkledger --version` and `--help` stay fast: the commands import what they need when run."""
    heavy = ("rich", "yaml", "pydantic", "jinja2", "pycountry", "openpyxl")
    code = f"import sys, pkledger.cli; print([m for m in sys.modules if m.split('.')[0] in {heavy!r}])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
