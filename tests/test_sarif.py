"""`validate --format sarif`: SARIF 2.1.0, checked against the official schema (tests/schemas/)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from pkledger.format.catalogue import catalogue
from tests.conftest import REPO
from tests.gitrepo import init_repo, replace_folder, use_test_git
from tests.helpers import FIXTURES

SCHEMA_FILE = Path(__file__).parent / "schemas" / "sarif-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
NORWAY = FIXTURES / "hostile" / "norway-code"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    use_test_git(monkeypatch)
    return CliRunner()


def sarif(runner: CliRunner, *arguments: str) -> dict[str, Any]:
    result = runner.invoke(app, ["validate", "--format", "sarif", *arguments])
    assert result.exit_code in (0, 1), result.output
    document: dict[str, Any] = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    return document


def test_the_committed_schema_is_the_official_one() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256
    assert schema["id"].startswith("https://docs.oasis-open.org/sarif/sarif/v2.1.0/")
    jsonschema.Draft4Validator.check_schema(schema)


def test_rules_come_from_the_catalogue(runner: CliRunner) -> None:
    document = sarif(runner, str(NORWAY))
    driver = document["runs"][0]["tool"]["driver"]
    assert driver["name"] == "pkledger"
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert set(rules) == {entry.code for entry in catalogue().values()}
    entry = catalogue()["no-timeframe"]
    assert rules["PKL302"] == {
        "id": "PKL302",
        "name": "no-timeframe",
        "shortDescription": {"text": entry.title},
        "fullDescription": {"text": entry.guidance},
        "help": {"text": entry.guidance},
        "helpUri": "https://github.com/pkledger/pkledger/blob/main/docs/diagnostics.md#pkl302",
        "defaultConfiguration": {"level": "warning"},
        "properties": {"tags": ["quality"]},
    }


def test_results_point_at_the_file_line_and_column(runner: CliRunner) -> None:
    run = sarif(runner, str(NORWAY))["runs"][0]
    found = next(result for result in run["results"] if result["ruleId"] == "PKL108")
    assert run["tool"]["driver"]["rules"][found["ruleIndex"]]["id"] == "PKL108"
    assert found["level"] == "error"
    assert found["message"]["text"].startswith("member_state: 'NO' is not a UN member")
    assert "\nhint: 'NO' is the two-letter code of Norway" in found["message"]["text"]
    assert found["properties"]["field"] == "member_state"
    location = found["locations"][0]["physicalLocation"]
    pledge = NORWAY / "pledges" / "norway-code.yaml"
    assert location["artifactLocation"]["uri"] == pledge.relative_to(REPO).as_posix()
    assert location["region"] == {"startLine": 2, "startColumn": 15, "endColumn": 17}


def test_uris_are_relative_to_the_repository_root_from_any_folder(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = init_repo(tmp_path / "repo")
    replace_folder(repo / "ledgers" / "data", NORWAY)
    monkeypatch.chdir(repo / "ledgers")
    results = sarif(runner, "data")["runs"][0]["results"]
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in results}
    assert uris == {"ledgers/data/pledges/norway-code.yaml"}


def test_a_problem_without_a_line_has_no_region(runner: CliRunner, tmp_path: Path) -> None:
    stray = tmp_path / "pledge.yaml"
    stray.write_text("id: x\n", encoding="utf-8")
    result = sarif(runner, str(stray))["runs"][0]["results"][0]
    assert result["ruleId"] == "PKL015"
    assert "region" not in result["locations"][0]["physicalLocation"]


def test_no_problems_is_an_empty_run(runner: CliRunner) -> None:
    run = sarif(runner, str(FIXTURES / "valid" / "every-field"))["runs"][0]
    assert run["results"] == []


def test_the_bundled_ledger_as_sarif(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    run = sarif(runner, "data")["runs"][0]
    assert all(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("data/")
        for result in run["results"]
    )
