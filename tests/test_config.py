"""Settings from [tool.pkledger] or .pkledger.yaml: the ledger default, severity overrides, ignores."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pkledger.cli.app import app
from pkledger.errors import PkledgerError
from pkledger.ledger.config import Config, default_config, find_config, load_config
from pkledger.ledger.config_files import toml_line
from pkledger.problems import Problem
from tests.gitrepo import commit_all, init_repo, replace_folder, use_test_git
from tests.helpers import FIXTURES

CASES = sorted(path for path in (FIXTURES / "config").iterdir() if path.is_dir())
EVERY_FIELD = FIXTURES / "valid" / "every-field"
NO_TIMEFRAME = FIXTURES / "invalid" / "pledge-no-timeframe"


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    use_test_git(monkeypatch)
    return CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git work tree holding a copy of a valid ledger as records/, as the working folder."""
    root = init_repo(tmp_path / "repo")
    shutil.copytree(EVERY_FIELD, root / "records")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_a_broken_configuration_is_an_error_with_its_file_and_line(
    case: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch, update_expected: bool
) -> None:
    monkeypatch.chdir(case)
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    if update_expected:
        (case / "expected.txt").write_text(result.output, encoding="utf-8")
    assert result.output == (case / "expected.txt").read_text(encoding="utf-8")


def test_no_configuration_means_the_defaults(tmp_path: Path) -> None:
    init_repo(tmp_path)
    assert find_config(tmp_path) is None
    assert load_config(start=tmp_path) == default_config()


def test_the_search_goes_upward_and_stops_at_the_top_of_the_work_tree(tmp_path: Path) -> None:
    (tmp_path / ".pkledger.yaml").write_text("ledger: outside\n", encoding="utf-8")
    root = init_repo(tmp_path / "repo")
    (root / "docs" / "deep").mkdir(parents=True)
    assert find_config(root / "docs" / "deep") is None
    (root / "pyproject.toml").write_text('[tool.pkledger]\nledger = "records"\n', encoding="utf-8")
    assert find_config(root / "docs" / "deep") == root / "pyproject.toml"


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    root = init_repo(tmp_path / "repo")
    (root / ".pkledger.yaml").write_text("ledger: records\n", encoding="utf-8")
    (root / "sub").mkdir()
    (root / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config(root / "sub") == root / ".pkledger.yaml"


def test_the_ledger_setting_is_the_default_of_every_command(repo: Path, runner: CliRunner) -> None:
    (repo / "pyproject.toml").write_text('[tool.pkledger]\nledger = "records"\n', encoding="utf-8")
    assert "No problems in 7 files." in runner.invoke(app, ["validate"]).output
    assert "2021-seoul-KOR-001" in runner.invoke(app, ["list", "pledges", "--format", "csv"]).output
    assert runner.invoke(app, ["show", "2021-seoul-KOR-001"]).exit_code == 0
    assert runner.invoke(app, ["stats", "--format", "json"]).exit_code == 0
    assert json.loads(runner.invoke(app, ["match", "--format", "json"]).stdout)["gaps"]
    assert "not a ledger folder" in runner.invoke(app, ["list", "pledges", "--ledger", "data"]).output


def test_the_ledger_is_relative_to_the_configuration_file(
    repo: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / ".pkledger.yaml").write_text("ledger: records\n", encoding="utf-8")
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo / "docs")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "No problems in 7 files." in result.output


def test_severity_overrides_by_code_and_by_name(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    init_repo(tmp_path)
    shutil.copytree(NO_TIMEFRAME, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["validate"]).exit_code == 0
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pkledger]\nseverity = {PKL302 = "error"}\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "error PKL302" in result.output
    (tmp_path / "pyproject.toml").write_text(
        '[tool.pkledger.severity]\nno-timeframe = "off"\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", "--strict"])
    assert result.exit_code == 0
    assert "No problems in" in result.output


def test_an_optional_error_can_be_lowered_to_a_warning_and_no_other() -> None:
    config = Config(None, Path(), Path("data"), {"PKL209": "warning", "PKL302": "off", "PKL108": "off"})
    problems = [
        Problem("a.yaml", 1, 1, "deployable_within_days", "PKL209", "error", "too slow"),
        Problem("a.yaml", 2, 1, "", "PKL302", "warning", "no timeframe"),
        Problem("a.yaml", 3, 1, "member_state", "PKL108", "error", "bad"),
    ]
    assert config.adjust(problems) == [problems[0].with_severity("warning"), problems[2]]


@pytest.mark.parametrize("level", ["warning", "off"])
def test_a_setting_cannot_lower_an_error_that_makes_a_record_invalid(tmp_path: Path, level: str) -> None:
    init_repo(tmp_path)
    (tmp_path / ".pkledger.yaml").write_text(f"severity:\n  unknown-state: {level}\n", encoding="utf-8")
    with pytest.raises(PkledgerError, match=r"\.pkledger\.yaml:2: severity: PKL108 \(unknown-state\)"):
        load_config(start=tmp_path)
    (tmp_path / ".pkledger.yaml").write_text("severity:\n  unknown-state: error\n", encoding="utf-8")
    assert load_config(start=tmp_path).severity == {"PKL108": "error"}


def test_ignored_files_are_left_out(repo: Path, runner: CliRunner) -> None:
    bad = repo / "records" / "pledges" / "draft" / "2021-seoul-NOR-001.yaml"
    bad.parent.mkdir()
    bad.write_text("id: 2021-seoul-NOR-001\nmember_state: NO\n", encoding="utf-8")
    assert runner.invoke(app, ["validate", "records"]).exit_code == 0  # a sub-folder: only a warning
    (repo / "records" / "pledges" / "2021-seoul-XXX-001.yaml").write_text("id: broken\n", encoding="utf-8")
    assert runner.invoke(app, ["validate", "records"]).exit_code == 1
    ignore = 'ignore = ["records/pledges/draft", "records/**/*-XXX-*.yaml"]'
    (repo / "pyproject.toml").write_text(f'[tool.pkledger]\nledger = "records"\n{ignore}\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", "--format", "json"])
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 7  # the ignored ones are not part of the ledger
    # Yet an ignored file whose record cannot be read is still an error: no setting hides that.
    assert {problem["file"] for problem in report["problems"]} == {"records/pledges/2021-seoul-XXX-001.yaml"}
    assert {problem["severity"] for problem in report["problems"]} == {"error"}
    (repo / "records" / "pledges" / "2021-seoul-XXX-001.yaml").unlink()
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "No problems in 7 files." in result.output


@pytest.mark.parametrize(
    ("pattern", "path", "ignored"),
    [
        ("data/pledges/drafts", "data/pledges/drafts/x.yaml", True),
        ("data/pledges/*.yml", "data/pledges/x.yml", True),
        ("data/pledges/*.yml", "data/pledges/sub/x.yml", False),
        ("data/**/x.yaml", "data/pledges/sub/x.yaml", True),
        ("data/**/x.yaml", "data/x.yaml", True),
        ("**/drafts", "a/b/drafts/c.yaml", True),
        ("data/pledges/2021-???-x.yaml", "data/pledges/2021-KOR-x.yaml", True),
        ("/data/gaps/", "data/gaps/g.yaml", True),
        ("data/gaps", "data/gaps-old/g.yaml", False),
    ],
)
def test_ignore_patterns(pattern: str, path: str, ignored: bool, tmp_path: Path) -> None:
    config = Config(None, tmp_path, tmp_path / "data", ignore=(pattern,))
    assert config.ignores(tmp_path / path) is ignored


def test_the_config_option_names_the_file(repo: Path, runner: CliRunner, tmp_path: Path) -> None:
    settings = tmp_path / "elsewhere.yaml"
    settings.write_text(f"ledger: {repo / 'records'}\nseverity:\n  PKL302: off\n", encoding="utf-8")
    result = runner.invoke(app, ["--config", str(settings), "validate"])
    assert result.exit_code == 0, result.output
    missing = runner.invoke(app, ["--config", "nowhere.yaml", "validate"])
    assert missing.exit_code == 1
    assert "nowhere.yaml: no such configuration file" in missing.output
    plain = tmp_path / "pyproject.toml"
    plain.write_text('[project]\nname = "x"\n', encoding="utf-8")
    result = runner.invoke(app, ["--config", str(plain), "validate"])
    assert "has no [tool.pkledger] table" in result.output


def test_an_empty_yaml_configuration_means_the_defaults(tmp_path: Path) -> None:
    init_repo(tmp_path)
    (tmp_path / ".pkledger.yaml").write_text("# nothing set yet\n", encoding="utf-8")
    config = load_config(start=tmp_path)
    assert config.source == tmp_path / ".pkledger.yaml"
    assert (config.severity, config.ignore) == ({}, ())


def test_unquoted_off_in_yaml_is_a_severity(tmp_path: Path) -> None:
    init_repo(tmp_path)
    (tmp_path / ".pkledger.yaml").write_text("severity:\n  below-highest-level: off\n", encoding="utf-8")
    assert load_config(start=tmp_path).severity == {"PKL301": "off"}


def test_settings_reach_the_pull_request_checks(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = FIXTURES / "changes" / "added-pledge"
    init_repo(tmp_path)
    replace_folder(tmp_path / "data", case / "base")
    (tmp_path / ".pkledger.yaml").write_text("severity:\n  PKL108: error\n  PKL302: off\n", encoding="utf-8")
    base = commit_all(tmp_path, "base")
    replace_folder(tmp_path / "data", case / "head")
    pledge = tmp_path / "data" / "pledges" / "2021-seoul-NOR-001.yaml"
    text = pledge.read_text(encoding="utf-8").replace("member_state: NO\n", "member_state: NOR\n")
    pledge.write_text("\n".join(line for line in text.splitlines() if "timeframe" not in line) + "\n")
    monkeypatch.chdir(tmp_path)
    validated = runner.invoke(app, ["validate", "--changed-since", base, "--format", "json"])
    assert validated.exit_code == 0, validated.output
    assert json.loads(validated.stdout)["summary"] == {"files": 2, "errors": 0, "warnings": 0}
    diff = json.loads(runner.invoke(app, ["diff", base, "--format", "json"]).stdout)
    assert diff["problems"]["introduced"] == []


def test_toml_line_finds_keys_in_the_table_and_its_sub_tables() -> None:
    text = '[tool.other]\nledger = 1\n[tool.pkledger]\nledger = "x"\nseverity = {PKL302 = "x"}\n[tool.pkledger.severity]\nPKL301 = "y"\n'
    assert toml_line(text, ("ledger",)) == 4
    assert toml_line(text, ("severity", "PKL302")) == 5
    assert toml_line(text, ("severity", "PKL301")) == 7
    assert toml_line(text, ("ignore",)) == 3
