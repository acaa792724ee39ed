"""`pkledger --version` is answered before the command line (and Typer) is imported."""

from __future__ import annotations

import subprocess
import sys

import pkledger

ENTRY = "import sys; from pkledger.__main__ import main; sys.argv = ['pkledger', *sys.argv[1:]]; main()"


def test_version_imports_neither_typer_nor_the_command_line() -> None:
    code = (
        f"{ENTRY}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'typer' or m == 'pkledger.cli'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout == f"pkledger {pkledger.__version__}\n[]\n"


def test_every_other_call_goes_to_the_command_line() -> None:
    result = subprocess.run(
        [sys.executable, "-c", ENTRY, "--help"], capture_output=True, text=True, check=True
    )
    assert "Usage: pkledger" in result.stdout and "validate" in result.stdout
