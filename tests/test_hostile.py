"""Every hostile input the spec names: exit 1, the file and (where there is one) the line, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from tests.helpers import FIXTURES, case_id, fixture_cases

HOSTILE = fixture_cases("hostile")
NO_LINE = {"empty", "two-megabytes"}


@pytest.mark.parametrize("case", HOSTILE, ids=case_id)
def test_hostile_input_is_reported_not_crashed_on(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "--format", "json", str(case)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    problems = json.loads(result.output)["problems"]
    target = next(problem for problem in problems if problem["file"].endswith(f"{case.name}.yaml"))
    if case.name not in NO_LINE:
        assert isinstance(target["line"], int)
    assert target["severity"] == "error"


def test_python_tag_runs_no_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", str(FIXTURES / "hostile" / "python-tag")])
    assert result.exit_code == 1
    assert "PKL012" in result.output
    assert not (tmp_path / "pkledger-tag-executed").exists()


def test_every_hostile_input_the_spec_names_has_a_case() -> None:
    named = {
        "norway-code", "duplicate-keys", "alias-bomb", "python-tag", "impossible-date",
        "tab-indentation", "latin1-bytes", "deep-nesting", "two-megabytes", "empty", "binary",
        "several-documents", "top-level-list",
    }  # fmt: skip
    assert named <= {case.name for case in HOSTILE}
