"""`pkledger validate` run without building the Typer command line (pkledger.cli.quick_validate):
the same report, byte for byte, and the same exit code as the command line's, cold or warm; over an
unchanged ledger without importing Typer or pydantic at all. Anything else it leaves to the command
line, having written nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkledger.cli import quick_validate
from pkledger.cli.app import app
from tests.helpers import FIXTURES

KOR = "data/pledges/2021-seoul-KOR-001.yaml"
ENTRY = "import sys; from pkledger.__main__ import main; sys.argv = ['pkledger', *sys.argv[1:]]; main()"


@pytest.fixture
def ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A ledger with two warnings of the rules across files, with the cache on."""
    monkeypatch.delenv("PKLEDGER_NO_CACHE")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("PKLEDGER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    return Path(shutil.copytree(FIXTURES / "cache" / "warned-ledger", tmp_path / "data"))


def command_line(arguments: list[str], *before: str) -> tuple[str, int]:
    result = CliRunner().invoke(app, [*before, "validate", *arguments])
    return result.stdout, result.exit_code


def answered(
    arguments: list[str], capsys: pytest.CaptureFixture[str], *before: str
) -> tuple[str, int | None]:
    capsys.readouterr()
    code = quick_validate.answer([*before, "validate", *arguments])
    return capsys.readouterr().out, code


@pytest.mark.parametrize(
    "arguments",
    [
        ["data"],
        ["--format", "json", "data"],
        ["--format=sarif", "data"],
        ["-f", "github", "data"],
        ["--strict", "--format", "json"],
        ["--summary", "data"],
        ["--verbose", "data/pledges"],
        [KOR, "-f", "json"],
    ],
    ids=[
        "text",
        "json",
        "sarif",
        "github",
        "strict-default-ledger",
        "summary",
        "verbose-one-folder",
        "one-file",
    ],
)
def test_a_warm_run_writes_the_command_lines_report_and_exit_code(
    ledger: Path, arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    expected, expected_code = command_line(arguments)  # fills the cache
    assert expected_code in (0, 1) and expected
    report, code = answered(arguments, capsys)
    assert (report, code) == (expected, expected_code)


def test_the_exit_code_follows_strict_on_a_ledger_with_warnings(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command_line(["data"])
    assert answered(["--format", "json", "data"], capsys)[1] == 0
    assert answered(["--strict", "--format", "json", "data"], capsys)[1] == 1


def test_a_cold_run_writes_the_command_lines_report(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = command_line(["--format", "json", "data"], "--no-cache")
    assert answered(["--format", "json", "data"], capsys, "--no-cache") == expected
    assert answered(["--format", "json", "data"], capsys) == expected  # fills the cache
    assert answered(["--format", "json", "data"], capsys) == expected  # from the cache


def test_after_an_edit_the_report_is_the_command_lines(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    command_line(["data"])
    path = ledger.parent / KOR
    path.write_bytes(path.read_bytes().replace(b"\ntitle: ", b"\n# a comment\ntitle: ", 1))
    report, code = answered(["--format", "json", "data"], capsys)
    assert (report, code) == command_line(["--format", "json", "data"], "--no-cache")
    assert '"line": 12' in report and '"line": 15' in report  # the warnings placed anew, a line down


def test_an_error_is_left_to_the_command_line_with_nothing_written(
    ledger: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*arguments: object, **options: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("pkledger.analysis.validate.validate", broken)
    assert answered(["data"], capsys) == ("", None)


@pytest.mark.parametrize(
    "arguments",
    [
        ["--changed-since", "HEAD", "data"],
        ["--help"],
        ["-h"],
        ["--format", "xml", "data"],
        ["--format"],
        ["--format", "json", "--format", "text", "data"],
        ["--", "data"],
        ["-vf", "json", "data"],
        ["missing-folder"],
        [""],
    ],
    ids=[
        "changed-since",
        "help",
        "short-help",
        "unknown-format",
        "format-without-value",
        "format-twice",
        "double-dash",
        "joined-short-options",
        "missing-path",
        "empty-argument",
    ],
)
def test_what_is_not_read_here_is_left_to_the_command_line(
    ledger: Path, arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    command_line(["data"])
    assert answered(arguments, capsys) == ("", None)


def test_the_entry_point_runs_without_typer_and_warm_or_after_a_comment_without_pydantic(
    ledger: Path,
) -> None:
    heavy = "sorted({name.split('.')[0] for name in sys.modules} & {'typer', 'pydantic'})"
    script = f"import sys\ntry:\n    {ENTRY}\nfinally:\n    print({heavy}, file=sys.stderr)"
    command = [sys.executable, "-c", script, "validate", "--format", "json", "data"]
    environment = {**os.environ, "PKLEDGER_NO_CACHE": "0"}
    cold, warm_run = (
        subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
        for _ in range(2)
    )
    assert (cold.returncode, warm_run.returncode) == (0, 0)
    assert cold.stderr.strip() == "['pydantic']"  # the first run reads the files: the models
    assert warm_run.stderr.strip() == "[]"
    assert warm_run.stdout == cold.stdout and '"warnings": 2' in warm_run.stdout
    path = ledger.parent / KOR
    path.write_bytes(path.read_bytes().replace(b"\ntitle: ", b"\n# a comment\ntitle: ", 1))
    edited = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert edited.stderr.strip() == "[]"  # the edited file's data is as it was: no model needed
    assert edited.stdout == command_line(["--format", "json", "data"], "--no-cache")[0] != cold.stdout


@pytest.mark.parametrize(
    "arguments",
    [["list"], ["--debug", "validate"], ["--config", "x.yaml", "validate"], ["validate-later"], []],
    ids=["another-command", "debug", "config", "not-validate", "nothing"],
)
def test_other_command_lines_are_left_to_the_command_line(
    ledger: Path, arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    command_line(["data"])
    capsys.readouterr()
    assert quick_validate.answer(arguments) is None
    assert capsys.readouterr().out == ""


def test_under_github_actions_the_default_report_is_the_command_lines(
    ledger: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    expected, expected_code = command_line(["data"])
    assert expected.startswith("::warning ")  # annotations, the default format there
    assert answered(["data"], capsys) == (expected, expected_code)


@pytest.mark.parametrize("debug", ["0", "1"], ids=["plain", "debug"])
def test_an_error_while_reporting_is_the_command_lines_internal_error(
    ledger: Path, debug: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*arguments: object, **options: object) -> None:
        raise RuntimeError("a bug in a reporter")

    monkeypatch.setenv("PKLEDGER_DEBUG", debug)
    monkeypatch.setattr("pkledger.cli.run.OPTIONS.debug", False)  # restored after the test
    monkeypatch.setattr("pkledger.output.validate.write_report", broken)
    capsys.readouterr()
    assert quick_validate.answer(["validate", "data"]) == 3
    said = capsys.readouterr().err
    assert "pkledger: internal error: RuntimeError: a bug in a reporter" in said
    assert ("Traceback" in said) == (debug == "1")


def test_settings_that_cannot_be_read_are_left_to_the_command_line(
    ledger: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (ledger.parent / ".pkledger.yaml").write_text("severity: {PKL302: loud}\n", encoding="utf-8")
    assert answered(["data"], capsys) == ("", None)
    result = CliRunner().invoke(app, ["validate", "data"])
    assert result.exit_code == 1 and "is not a severity" in result.stderr
