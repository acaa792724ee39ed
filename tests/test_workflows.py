"""The example workflows of examples/github-actions/ and the README's: valid, pinned and fork-safe.

pkledger.yml runs on pull requests with a read-only token and uploads the comment as an artifact;
pkledger-comment.yml runs on workflow_run with a token that may comment, never checks out the pull
request, and treats the artifact as data. Their shell steps are run here as GitHub runs them,
with a stand-in for the GitHub CLI (`gh api`) that records each call and answers from canned JSON
through the real jq, as gh's --jq does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

EXAMPLES = REPO / "examples" / "github-actions"
PULL_REQUEST = EXAMPLES / "pkledger.yml"
COMMENT = EXAMPLES / "pkledger-comment.yml"
WORKFLOWS = (PULL_REQUEST, COMMENT)
MARKER = "<!-- pkledger-diff -->"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.MULTILINE)
OUR_ACTION = re.compile(r"pkledger/pkledger@v\d+\.\d+\.\d+")
PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"\s*# v\d+\.\d+\.\d+\b.*")


def load(path: Path) -> dict[str, Any]:
    # PyYAML reads the key `on` as True (YAML 1.1); give it its name back.
    loaded: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in loaded:
        loaded["on"] = loaded.pop(True)
    return loaded


def readme_workflows() -> list[str]:
    """The README's YAML blocks that use the action: workflows to copy."""
    blocks = re.findall(r"```yaml\n(.*?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.DOTALL)
    return [block for block in blocks if "uses: pkledger/pkledger@" in block]


def all_steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def step_named(workflow: dict[str, Any], name: str) -> dict[str, Any]:
    return next(step for step in all_steps(workflow) if step.get("name") == name)


def check_jsonschema(schema: str, path: Path) -> None:
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_the_examples_are_valid_github_workflows_with_timeouts(path: Path) -> None:
    check_jsonschema("vendor.github-workflows", path)
    check_jsonschema("custom.github-workflows-require-timeout", path)


def test_the_readme_workflow_is_a_valid_github_workflow(tmp_path: Path) -> None:
    (block,) = readme_workflows()
    (tmp_path / "pkledger.yml").write_text(block, encoding="utf-8")
    check_jsonschema("vendor.github-workflows", tmp_path / "pkledger.yml")
    assert load(tmp_path / "pkledger.yml")["permissions"] == {"contents": "read"}


def every_uses() -> list[tuple[str, str, str]]:
    texts = [(path.name, path.read_text(encoding="utf-8")) for path in (*WORKFLOWS, REPO / "action.yml")]
    texts += [("README.md", block) for block in readme_workflows()]
    return [(name, match[1], match[2]) for name, text in texts for match in USES.finditer(text)]


@pytest.mark.parametrize(("file", "action", "comment"), every_uses(), ids=lambda value: str(value)[:60])
def test_actions_are_pinned_by_commit_with_their_version(file: str, action: str, comment: str) -> None:
    """Third-party actions by full commit id (a tag can be moved), pkledger by its release tag."""
    if OUR_ACTION.fullmatch(action):
        return
    assert PINNED.fullmatch(action), f"{file}: {action} is not pinned to a full commit id"
    assert VERSION_COMMENT.fullmatch(comment), f"{file}: {action} needs its version in a comment (# v1.2.3)"


def test_no_workflow_runs_pull_request_code_with_a_write_token() -> None:
    pull_request = load(PULL_REQUEST)
    assert list(pull_request["on"]) == ["pull_request"]
    assert pull_request["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in pull_request["jobs"].values())
    checkout = next(s for s in all_steps(pull_request) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False

    comment = load(COMMENT)
    assert list(comment["on"]) == ["workflow_run"]
    assert comment["permissions"] == {}
    (job,) = comment["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    assert not any("checkout" in step.get("uses", "") for step in all_steps(comment))
    for path in (*WORKFLOWS, REPO / "action.yml"):
        assert "pull_request_target" not in path.read_text(encoding="utf-8")


def test_the_comment_workflow_follows_the_pull_request_workflow_and_its_artifact() -> None:
    pull_request, comment = load(PULL_REQUEST), load(COMMENT)
    assert comment["on"]["workflow_run"] == {"workflows": [pull_request["name"]], "types": ["completed"]}
    uploaded = {s["with"]["name"] for s in all_steps(pull_request) if "upload-artifact" in s.get("uses", "")}
    downloaded = [s for s in all_steps(comment) if "download-artifact" in s.get("uses", "")]
    assert [step["with"]["name"] for step in downloaded] == ["pkledger-comment"]
    assert "pkledger-comment" in uploaded
    assert downloaded[0]["with"]["run-id"] == "${{ github.event.workflow_run.id }}"


def run_scripts() -> list[tuple[str, str, str]]:
    found = []
    for path in WORKFLOWS:
        for step in all_steps(load(path)):
            if "run" in step:
                found.append((path.name, step.get("name", ""), step["run"]))
    return found


@pytest.mark.parametrize(("file", "name", "script"), run_scripts(), ids=lambda value: str(value)[:40])
def test_scripts_paste_in_no_value_and_pass_shellcheck(
    file: str, name: str, script: str, tmp_path: Path
) -> None:
    """Every value reaches a script in `env:`, never as ${{ }} inside it (script injection)."""
    assert "${{" not in script, f"{file}, {name}: pass the value in env: instead"
    path = tmp_path / "step.sh"
    path.write_text("#!/usr/bin/env bash\n" + script, encoding="utf-8")
    shellcheck = str(Path(sys.executable).with_name("shellcheck"))
    completed = subprocess.run([shellcheck, str(path)], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout


FAKE_GH = """#!{python}
import json, os, subprocess, sys
from pathlib import Path

state = Path(os.environ["FAKE_GH"])
arguments, options, endpoint = sys.argv[2:], {{}}, None
while arguments:
    word = arguments.pop(0)
    if word in ("--jq", "--method", "--input"):
        options[word] = arguments.pop(0)
    elif word != "--paginate":
        endpoint = word
call = {{"method": options.get("--method", "GET"), "endpoint": endpoint}}
if "--input" in options:
    call["body"] = json.loads(Path(options["--input"]).read_text())
with (state / "calls.jsonl").open("a") as log:
    log.write(json.dumps(call) + "\\n")
answers = json.loads((state / "answers.json").read_text())
if endpoint not in answers and call["method"] == "GET":
    sys.exit("gh: Not Found (HTTP 404)")
text = json.dumps(answers.get(endpoint, {{"id": 1}}))
if "--jq" in options:
    text = subprocess.run(["jq", "-r", options["--jq"]], input=text, capture_output=True, text=True, check=True).stdout
sys.stdout.write(text)
"""


@dataclass
class Step:
    returncode: int
    stdout: str
    stderr: str
    calls: list[dict[str, Any]]


def run_step(workflow: Path, name: str, tmp_path: Path, answers: dict[str, Any], **env: str) -> Step:
    """Run a workflow's shell step as GitHub does (bash -e -o pipefail), with the fake gh on PATH."""
    state = tmp_path / "gh"
    state.mkdir(exist_ok=True)
    (state / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    (state / "calls.jsonl").write_text("", encoding="utf-8")
    gh = state / "gh"
    gh.write_text(FAKE_GH.format(python=sys.executable), encoding="utf-8")
    gh.chmod(0o755)
    script = tmp_path / "step.sh"
    script.write_text(step_named(load(workflow), name)["run"], encoding="utf-8")
    environment = {
        "PATH": f"{state}{os.pathsep}{os.environ['PATH']}",
        "FAKE_GH": str(state),
        "RUNNER_TEMP": str(tmp_path),
        "GH_TOKEN": "not-a-token",
        "REPO": "ledgers/un",
        **env,
    }
    command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
    completed = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    lines = (state / "calls.jsonl").read_text(encoding="utf-8").splitlines()
    return Step(
        completed.returncode, completed.stdout, completed.stderr, [json.loads(line) for line in lines]
    )


def test_the_pull_request_workflow_packs_the_diff_and_the_number(tmp_path: Path) -> None:
    diff = tmp_path / "diff.md"
    diff.write_text(f"{MARKER}\n## Ledger changes\n", encoding="utf-8")
    name = "Put the comment and the pull request's number together"
    step = run_step(PULL_REQUEST, name, tmp_path, {}, DIFF_FILE=str(diff), PR_NUMBER="7")
    assert step.returncode == 0, step.stderr
    packed = tmp_path / "pkledger-comment"
    assert sorted(path.name for path in packed.iterdir()) == ["diff.md", "pr-number"]
    assert (packed / "diff.md").read_text(encoding="utf-8") == diff.read_text(encoding="utf-8")
    assert (packed / "pr-number").read_text(encoding="utf-8") == "7\n"


ARTIFACTS = "repos/ledgers/un/actions/runs/99/artifacts"


@pytest.mark.parametrize(("size", "passes"), [(1200, True), (2_000_000, False), (None, False)])
def test_the_artifact_s_size_is_checked_before_downloading(
    tmp_path: Path, size: int | None, passes: bool
) -> None:
    artifacts = [{"name": "briefing-pack", "size_in_bytes": 50_000_000}]
    if size is not None:
        artifacts.append({"name": "pkledger-comment", "size_in_bytes": size})
    answers = {ARTIFACTS: {"total_count": len(artifacts), "artifacts": artifacts}}
    step = run_step(
        COMMENT, "Check the artifact's size before downloading it", tmp_path, answers, RUN_ID="99"
    )
    assert (step.returncode == 0) is passes, step.stdout + step.stderr
    assert passes or step.stdout.startswith("::error::")


HEAD = "0123456789abcdef0123456789abcdef01234567"
PULL = "repos/ledgers/un/pulls/7"
COMMENTS = "repos/ledgers/un/issues/7/comments"


def post_comment(
    tmp_path: Path, diff: str, number: str, comments: list[dict[str, Any]], head: str = HEAD
) -> Step:
    folder = tmp_path / "pkledger-comment"
    folder.mkdir()
    (folder / "diff.md").write_text(diff, encoding="utf-8")
    (folder / "pr-number").write_text(number, encoding="utf-8")
    answers = {PULL: {"number": 7, "head": {"sha": head}}, COMMENTS: comments}
    env = {"HEAD_SHA": HEAD, "COMMENT_DIR": str(folder)}
    return run_step(COMMENT, "Post or update the comment", tmp_path, answers, **env)


def comment_by(login: str, comment_id: int, body: str) -> dict[str, Any]:
    return {"id": comment_id, "user": {"login": login}, "body": body}


def test_the_first_run_posts_the_comment(tmp_path: Path) -> None:
    diff = f"{MARKER}\n## Ledger changes in `data`\n\n**1 record added.**\n"
    someone = comment_by("someone", 5, f"{MARKER}\nquoting the bot")  # not ours to edit
    step = post_comment(tmp_path, diff, "7\n", [someone])
    assert step.returncode == 0, step.stdout + step.stderr
    assert step.stdout == "Commented on #7.\n"
    assert step.calls[-1] == {"method": "POST", "endpoint": COMMENTS, "body": {"body": diff}}


def test_later_runs_update_the_bot_s_marked_comment(tmp_path: Path) -> None:
    bot = "github-actions[bot]"
    comments = [
        comment_by(bot, 41, "Another bot comment"),
        comment_by(bot, 42, f"{MARKER}\nold"),
        comment_by(bot, 43, "x"),
    ]
    step = post_comment(tmp_path, f"{MARKER}\nnew\n", "7", comments)
    assert step.returncode == 0, step.stdout + step.stderr
    assert step.calls[-1] == {
        "method": "PATCH",
        "endpoint": "repos/ledgers/un/issues/comments/42",
        "body": {"body": f"{MARKER}\nnew\n"},
    }
    assert [call["method"] for call in step.calls] == ["GET", "GET", "PATCH"]


def test_a_comment_without_the_marker_gets_it(tmp_path: Path) -> None:
    step = post_comment(tmp_path, "$(touch pwned) `rm -rf ~` ${{ github.token }}", "7", [])
    assert step.returncode == 0, step.stdout + step.stderr
    assert step.calls[-1]["body"] == {"body": f"{MARKER}\n$(touch pwned) `rm -rf ~` ${{{{ github.token }}}}"}
    assert not (tmp_path / "pwned").exists()


@pytest.mark.parametrize("number", ["7; touch pwned", "$(touch pwned)", "", "-7", "7\n8", "1234567890", "７"])
def test_a_number_that_is_not_digits_is_refused(tmp_path: Path, number: str) -> None:
    step = post_comment(tmp_path, f"{MARKER}\n", number, [])
    assert step.returncode == 1
    assert step.stdout.startswith("::error::The artifact's")
    assert step.calls == []
    assert not (tmp_path / "pwned").exists()


def test_a_comment_too_large_for_github_is_refused(tmp_path: Path) -> None:
    step = post_comment(tmp_path, MARKER + "x" * 262_144, "7", [])
    assert step.returncode == 1
    assert step.stdout.startswith("::error::The artifact's files are larger")
    assert step.calls == []


def test_a_number_naming_another_pull_request_posts_nothing(tmp_path: Path) -> None:
    """The pull request must be at the commit that was checked: else a later run comments."""
    step = post_comment(tmp_path, f"{MARKER}\n", "7", [], head="f" * 40)
    assert step.returncode == 0, step.stdout + step.stderr
    assert step.stdout.startswith("::notice::Pull request #7 is not at the commit that was checked")
    assert [call["method"] for call in step.calls] == ["GET"]


def test_a_missing_file_or_a_link_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "pkledger-comment"
    folder.mkdir()
    (folder / "diff.md").symlink_to("/etc/passwd")
    (folder / "pr-number").write_text("7", encoding="utf-8")
    env = {"HEAD_SHA": HEAD, "COMMENT_DIR": str(folder)}
    step = run_step(COMMENT, "Post or update the comment", tmp_path, {}, **env)
    assert step.returncode == 1
    assert step.stdout.startswith("::error::The artifact has no plain file diff.md")
