"""The GitHub Action (action.yml) and scripts/action-run, the script its steps run.

action.yml must be a valid action whose shell steps only call the script, with every input handed
over in the environment. The script is run here as GitHub runs it: in a clone of a ledger
repository checked out on a pull request's branch, with GITHUB_ACTIONS, GITHUB_BASE_REF,
GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP set, and the inputs as action.yml passes them.
The install step is run too, on a `git archive` of a tagged copy of the project, as GitHub
downloads `uses: pkledger/pkledger@TAG` (about 25 seconds: pip installs the dependencies).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO
from tests.gitrepo import commit_all, git, git_environment, init_repo
from tests.helpers import FIXTURES
from tests.snapshot import archive_of, tagged_repository

ACTION = REPO / "action.yml"
SCRIPT = REPO / "scripts" / "action-run"
PKLEDGER = Path(sys.executable).with_name("pkledger")
SMALL = FIXTURES / "valid" / "small-ledger"
KOREAN_PLEDGE = Path("data/pledges/2021-seoul-KOR-001.yaml")
RUN_STEP = re.compile(r'"\$GITHUB_ACTION_PATH/scripts/action-run" (install|check|verdict)')


def action() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return loaded


def steps() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = action()["runs"]["steps"]
    return found


def test_action_yml_is_a_valid_github_action() -> None:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-actions"]
    completed = subprocess.run([*command, str(ACTION)], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert action()["runs"]["using"] == "composite"


def test_its_shell_steps_only_run_the_script_and_paste_no_value_into_it() -> None:
    """Inputs and contexts reach the script in `env:`, never inside `run:` (script injection)."""
    scripts = [step for step in steps() if "run" in step]
    matches = [RUN_STEP.fullmatch(step["run"].strip()) for step in scripts]
    assert [
        match.group(1) if match else step["run"] for match, step in zip(matches, scripts, strict=True)
    ] == [
        "install",
        "check",
        "verdict",
    ]
    assert {step["shell"] for step in scripts} == {"bash"}


def test_every_input_is_used_and_every_output_is_written() -> None:
    text = ACTION.read_text(encoding="utf-8")
    for name in action()["inputs"]:
        assert f"inputs.{name} " in text, f"the input {name} is never used"
    script = SCRIPT.read_text(encoding="utf-8")
    for name, output in action()["outputs"].items():
        match = re.fullmatch(r"\$\{\{ steps\.(\w+)\.outputs\.([\w-]+) \}\}", output["value"])
        assert match, f"the output {name} is not a step's output"
        step, written = match.groups()
        assert step in {s.get("id") for s in steps()}, name
        assert f"output {written} " in script, f"scripts/action-run never writes {written}"


def test_the_script_passes_shellcheck() -> None:
    completed = subprocess.run(
        [str(Path(sys.executable).with_name("shellcheck")), str(SCRIPT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.fixture
def pull_request(tmp_path: Path) -> Path:
    """A clone of a ledger repository on the branch `change`, as actions/checkout leaves it."""
    upstream = init_repo(tmp_path / "upstream")
    shutil.copytree(SMALL, upstream / "data", ignore=shutil.ignore_patterns("expected.txt"))
    commit_all(upstream, "The ledger")
    git(tmp_path, "clone", "--quiet", str(upstream), "checkout")
    checkout = tmp_path / "checkout"
    git(checkout, "checkout", "--quiet", "-b", "change")
    return checkout


def change(checkout: Path, path: Path, old: str, new: str) -> None:
    text = (checkout / path).read_text(encoding="utf-8")
    assert old in text
    (checkout / path).write_text(text.replace(old, new), encoding="utf-8")
    commit_all(checkout, "A change")


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    outputs: dict[str, str]
    summary: str


def run_action(step: str, checkout: Path, runner: Path, **inputs: str) -> Run:
    """Run `scripts/action-run STEP` as GitHub would; ``inputs`` become INPUT_* (or other) variables."""
    runner.mkdir(exist_ok=True)
    output, summary = runner / "github-output", runner / "step-summary"
    output.touch()
    summary.touch()
    outside = ("GITHUB_", "INPUT_", "RUNNER_", "PKLEDGER")  # when the tests themselves run in Actions
    environment = {key: value for key, value in git_environment().items() if not key.startswith(outside)}
    environment |= {
        "GITHUB_ACTIONS": "true",
        "GITHUB_BASE_REF": "main",
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        "RUNNER_TEMP": str(runner),
        "PKLEDGER_NO_CACHE": "1",
    }
    environment |= {
        name if name.isupper() else f"INPUT_{name.upper().replace('-', '_')}": value
        for name, value in inputs.items()
    }
    completed = subprocess.run(
        [str(SCRIPT), step], cwd=checkout, env=environment, capture_output=True, text=True, check=False
    )
    lines = output.read_text(encoding="utf-8").splitlines()
    return Run(
        completed.returncode,
        completed.stdout,
        completed.stderr,
        dict(line.split("=", 1) for line in lines),
        summary.read_text(encoding="utf-8"),
    )


def check(checkout: Path, runner: Path, **inputs: str) -> Run:
    return run_action("check", checkout, runner, PKLEDGER=str(PKLEDGER), **inputs)


def test_a_broken_pledge_is_annotated_and_the_diff_sarif_and_pack_are_written(
    pull_request: Path, tmp_path: Path
) -> None:
    change(pull_request, KOREAN_PLEDGE, "member_state: KOR", "member_state: NO")
    run = check(pull_request, tmp_path / "runner", sarif="true", conference="2021-seoul")
    assert run.returncode == 0, run.stdout + run.stderr
    annotations = [line for line in run.stdout.splitlines() if line.startswith("::")]
    assert len(annotations) == 1, run.stdout
    assert annotations[0].startswith(
        f"::error file={KOREAN_PLEDGE},line=2,col=15,title=PKL108::member_state: 'NO'"
    )

    assert set(run.outputs) == {"validate-exit-code", "sarif-file", "diff-file", "pack-dir"}
    assert run.outputs["validate-exit-code"] == "1"
    out = tmp_path / "runner" / "pkledger"
    diff = Path(run.outputs["diff-file"])
    assert diff == out / "diff.md"
    markdown = diff.read_text(encoding="utf-8")
    assert markdown.startswith("<!-- pkledger-diff -->\n")
    assert "| changed | pledge | 2021-seoul-KOR-001 |" in markdown
    assert "PKL108" in markdown
    assert run.summary == markdown

    sarif = json.loads(Path(run.outputs["sarif-file"]).read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert "PKL108" in {result["ruleId"] for result in sarif["runs"][0]["results"]}
    assert sorted(path.name for path in Path(run.outputs["pack-dir"]).iterdir()) == [
        "2021-seoul.html",
        "2021-seoul.md",
    ]

    verdict = run_action("verdict", pull_request, tmp_path / "verdict", VALIDATE_EXIT_CODE="1")
    assert verdict.returncode == 1
    assert verdict.stdout.startswith("::error title=pkledger action::the changed files have problems")


def test_a_good_change_passes_with_the_ledger_and_strict_inputs(pull_request: Path, tmp_path: Path) -> None:
    path = Path("data/pledges/2021-seoul-USA-001.yaml")
    change(
        pull_request, path, "title: Funding for a joint helicopter unit", "title: Funding for two helicopters"
    )
    run = check(pull_request, tmp_path / "runner", ledger="data", strict="true", **{"output-dir": "../out"})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "::" not in run.stdout
    assert run.outputs == {"validate-exit-code": "0", "diff-file": str(tmp_path / "out" / "diff.md")}
    assert "Funding for two helicopters" in run.summary
    verdict = run_action("verdict", pull_request, tmp_path / "verdict", VALIDATE_EXIT_CODE="0")
    assert (verdict.returncode, verdict.stdout) == (0, "pkledger: the changed files pass.\n")


def test_outside_a_pull_request_the_base_input_is_needed(pull_request: Path, tmp_path: Path) -> None:
    run = check(pull_request, tmp_path / "runner", GITHUB_BASE_REF="")
    assert run.returncode == 1
    assert run.stdout.startswith("::error title=pkledger action::no revision to compare with")
    assert check(pull_request, tmp_path / "runner", GITHUB_BASE_REF="", base="main").returncode == 0


def test_a_base_missing_from_the_checkout_asks_for_its_history(pull_request: Path, tmp_path: Path) -> None:
    run = check(pull_request, tmp_path / "runner", GITHUB_BASE_REF="release")
    assert run.returncode == 1
    assert "the revision origin/release is not in this checkout" in run.stdout
    assert "fetch-depth: 0" in run.stdout


def test_a_base_that_looks_like_an_option_is_refused(pull_request: Path, tmp_path: Path) -> None:
    run = check(pull_request, tmp_path / "runner", base="--output=/tmp/x")
    assert run.returncode == 1
    assert "the base input is a git revision, not an option" in run.stdout


@pytest.mark.parametrize("name", ["strict", "sarif"])
def test_boolean_inputs_are_true_or_false(pull_request: Path, tmp_path: Path, name: str) -> None:
    run = check(pull_request, tmp_path / "runner", **{name: "yes"})
    assert run.returncode == 1
    assert f"::error title=pkledger action::the {name} input must be true or false, not 'yes'" in run.stdout


def test_a_verdict_without_a_result_fails(tmp_path: Path) -> None:
    run = run_action("verdict", tmp_path, tmp_path / "runner", VALIDATE_EXIT_CODE="")
    assert run.returncode == 1
    assert "no result from pkledger validate" in run.stdout


def test_install_needs_a_python(tmp_path: Path) -> None:
    run = run_action(
        "install", tmp_path, tmp_path / "runner", GITHUB_ACTION_PATH=str(REPO), python="no-such-python"
    )
    assert run.returncode == 1
    assert "there is no no-such-python on this runner: add actions/setup-python" in run.stdout


def test_install_from_an_archive_of_a_tag_runs_that_version(pull_request: Path, tmp_path: Path) -> None:
    """What `uses: pkledger/pkledger@v9.8.7` does: install from GitHub's archive of the tag, then check."""
    action_path = archive_of(tagged_repository(tmp_path / "pkledger", "9.8.7"), tmp_path / "action")
    runner = tmp_path / "runner"
    installed = run_action(
        "install", tmp_path, runner, GITHUB_ACTION_PATH=str(action_path), python=sys.executable
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert f"Installed pkledger 9.8.7 from {action_path}" in installed.stdout
    assert installed.outputs == {"version": "9.8.7"}

    change(pull_request, KOREAN_PLEDGE, "member_state: KOR", "member_state: NO")
    checked = run_action("check", pull_request, runner)  # no PKLEDGER: the installed one
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"::error file={KOREAN_PLEDGE},line=2,col=15,title=PKL108::" in checked.stdout
    assert checked.outputs["validate-exit-code"] == "1"
