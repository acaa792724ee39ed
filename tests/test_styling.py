"""NO_COLOR turns off all styling, bold and italic too; -h is help everywhere."""

from __future__ import annotations

import io

import pytest
from typer.testing import CliRunner

from pkledger.analysis.query import Selection
from pkledger.cli.app import app
from pkledger.ledger.opening import open_ledger
from pkledger.output.listing import render_table
from tests.helpers import FIXTURES


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def rendered(monkeypatch: pytest.MonkeyPatch, no_color: str | None) -> str:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    ledger = open_ledger(FIXTURES / "valid" / "small-ledger")
    stream = Terminal()
    render_table(Selection("pledges", list(ledger.pledges.values())), stream)
    return stream.getvalue()


def test_no_color_turns_off_bold_too(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[1m" in rendered(monkeypatch, None)  # the header is bold on a terminal
    assert "\x1b[" not in rendered(monkeypatch, "1")


def test_an_empty_no_color_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[1m" in rendered(monkeypatch, "")


@pytest.mark.parametrize(
    "command", [[], ["list"], ["new"], ["new", "pledge"], ["update"], ["import"], ["export"]]
)
def test_dash_h_is_help_everywhere(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "-h"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: pkledger")
