"""The example GitHub Actions workflow is a valid workflow that uses commands and options that exist."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from typing import Any

import pytest
import typer

from pkledger.cli import app
from pkledger.yaml.loader import load_file
from tests.conftest import REPO

WORKFLOW = REPO / "examples" / "github-actions" / "pkledger.yml"
INVOCATION = re.compile(r"(?:^|[;&|(]\s*)pkledger\s+([^|;&>]*)")
NOT_YET_MERGED = {"brief"}
"""Commands the workflow uses that are written on another branch; checked once they are here."""


def workflow() -> dict[str, Any]:
    loaded = load_file(WORKFLOW)
    assert loaded.document is not None, loaded.findings
    return loaded.document.data


def run_scripts() -> list[str]:
    return [step["run"] for job in workflow()["jobs"].values() for step in job["steps"] if "run" in step]


def invocations() -> list[list[str]]:
    """Each `pkledger ...` command line in the workflow's scripts, as words."""
    found = []
    for script in run_scripts():
        for line in script.replace("\\\n", " ").splitlines():
            found += [shlex.split(match.group(1)) for match in INVOCATION.finditer(line)]
    return found


def test_the_workflow_is_safe_yaml_and_a_valid_github_workflow() -> None:
    assert set(workflow()) >= {"name", "on", "jobs"}
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
    completed = subprocess.run([*command, str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_workflow_does_what_docs_ci_says() -> None:
    commands = {words[0] for words in invocations()}
    assert {"validate", "diff", "brief"} <= commands
    steps = [step for job in workflow()["jobs"].values() for step in job["steps"]]
    uses = {str(step.get("uses", "")).split("@")[0] for step in steps}
    assert {"actions/checkout", "github/codeql-action/upload-sarif", "actions/upload-artifact"} <= uses
    assert any("<!-- pkledger-diff -->" in script for script in run_scripts())


def options_of(command: Any) -> set[str]:
    return {name for param in command.params for name in (*param.opts, *param.secondary_opts)}


@pytest.mark.parametrize("words", invocations(), ids=lambda words: " ".join(words[:2]))
def test_every_command_and_option_used_exists(words: list[str]) -> None:
    group: Any = typer.main.get_command(app)
    name = words[0]
    if name in NOT_YET_MERGED and name not in group.commands:
        pytest.skip(f"`pkledger {name}` is not in this build yet")
    assert name in group.commands, f"the workflow runs `pkledger {name}`, which does not exist"
    options = options_of(group.commands[name]) | options_of(group)
    for word in words[1:]:
        if word.startswith("-"):
            assert word.split("=")[0] in options, f"`pkledger {name}` has no option {word}"
