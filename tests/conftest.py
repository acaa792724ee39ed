"""Shared fixtures: paths, a CLI runner, and the --update-expected switch for fixture cases."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-expected",
        action="store_true",
        help="rewrite expected.txt of fixture cases and golden files from the current output",
    )


@pytest.fixture(autouse=True)
def no_cache_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read every file (and write no .pkledger-cache/), except those about the cache."""
    monkeypatch.setenv("PKLEDGER_NO_CACHE", "1")


@pytest.fixture
def update_expected(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-expected"))
