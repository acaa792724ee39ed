"""Docs cannot drift: generated pages are current, every command and code is documented."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from pkledger.cli.app import app
from pkledger.format.catalogue import catalogue
from pkledger.output.docs import generated_pages
from tests.conftest import REPO
from tests.helpers import FIXTURES

DOCS = REPO / "docs"
REGENERATE = "run `make docs` and commit the result"


@pytest.mark.parametrize("page", sorted(generated_pages(DOCS)), ids=lambda page: page.name)
def test_generated_page_is_current(page: Path) -> None:
    assert page.read_text(encoding="utf-8") == generated_pages(DOCS)[page], REGENERATE


def test_cli_reference_is_current() -> None:
    command = [sys.executable, "-m", "typer", "pkledger.cli.app", "utils", "docs", "--name", "pkledger"]
    generated = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    assert (DOCS / "cli.md").read_text(encoding="utf-8") == generated.rstrip("\n") + "\n", REGENERATE


def command_names() -> list[str]:
    return [str(info.name or info.callback.__name__) for info in app.registered_commands if info.callback]


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_and_a_section_in_the_docs(name: str) -> None:
    info = next(info for info in app.registered_commands if (info.name or info.callback.__name__) == name)  # type: ignore[union-attr]
    assert info.callback is not None
    assert (info.callback.__doc__ or "").strip(), f"{name} has no help text"
    assert f"## `pkledger {name}`" in (DOCS / "cli.md").read_text(encoding="utf-8")
    assert f"pkledger {name}" in (REPO / "README.md").read_text(encoding="utf-8"), f"README omits {name}"


def test_catalogue_codes_and_names_are_unique_and_well_formed() -> None:
    entries = list(catalogue().values())
    assert len({entry.code for entry in entries}) == len(entries)
    for entry in entries:
        assert re.fullmatch(r"PKL\d{3}", entry.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.name)
        assert entry.severity in ("error", "warning")
        assert entry.title and entry.guidance


def test_every_finding_name_used_in_the_code_is_in_the_catalogue() -> None:
    source = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "src").rglob("*.py"))
    used = set(re.findall(r'Finding\(\s*"([a-z0-9-]+)"', source))
    used |= set(re.findall(r'PydanticCustomError\(\s*"([a-z0-9-]+)"', source))
    used |= set(re.findall(r'_code_check\(\s*"([a-z0-9-]+)"', source))
    used |= set(re.findall(r'_fail\(\s*"([a-z0-9-]+)"', source))
    assert used, "the patterns above no longer find the names; update this test"
    assert used <= set(catalogue()), used - set(catalogue())


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make demo" in first_block
    assert "make test" in first_block


def test_changelog_has_an_unreleased_section() -> None:
    assert "## Unreleased" in (REPO / "CHANGELOG.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_typer_is_used_without_click() -> None:
    source = "\n".join(path.read_text(encoding="utf-8") for path in (REPO / "src").rglob("*.py"))
    assert "import click" not in source
    assert typer.__version__


def test_readme_example_output_is_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "invalid" / "readme-example", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command, _, rest = readme.split("```console\n$ ", 1)[1].partition("\n")
    expected = rest.split("```", 1)[0]
    result = CliRunner().invoke(app, command.split()[1:])
    assert result.output == expected


def _readme_command(start: str) -> list[str]:
    """The words of the README's shell example that starts so (lines joined at their backslashes)."""
    import shlex

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = readme[readme.index(start) :].split("\n```", 1)[0].replace("\\\n", " ")
    return shlex.split(found.splitlines()[0])[1:]


def test_readme_daily_work_examples_run(tmp_path: Path) -> None:
    ledger = tmp_path / "data"
    shutil.copytree(REPO / "data", ledger)
    created = CliRunner().invoke(
        app, [*_readme_command("pkledger new pledge --member-state KOR"), "--ledger", str(ledger)]
    )
    assert created.exit_code == 0, created.output
    assert "has no web address" not in created.output
    path = next(word for word in created.output.split() if word.endswith(".yaml"))
    text = Path(path).read_text(encoding="utf-8")
    assert "  - capability: level_2_hospital\n    quantity: 2\n    missions:\n      - UNMISS\n" in text
    assert "qualifier: at_least\n" in text
    updated = CliRunner().invoke(
        app, [*_readme_command("pkledger update 2021-seoul-KOR-001"), "--ledger", str(ledger)]
    )
    assert updated.exit_code == 0, updated.output
