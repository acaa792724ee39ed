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
        help="rewrite the expected output (expected.txt, golden file) of the one selected case from the "
        "current output; select the case with -k or its test id",
    )
    parser.addoption(
        "--all",
        action="store_true",
        help="with --update-expected: rewrite the expected output of every selected case",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse to rewrite the expected output of several cases at once, unless told --all."""
    if not config.getoption("--update-expected") or config.getoption("--all"):
        return
    updating = [item.nodeid for item in items if "update_expected" in getattr(item, "fixturenames", ())]
    if len(updating) > 1:
        raise pytest.UsageError(
            f"--update-expected would rewrite the expected output of {len(updating)} cases; select one "
            "(e.g. with -k), or add --all to rewrite them all and review the diff"
        )


@pytest.fixture(autouse=True)
def no_cache_unless_asked(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests read every file (and write no cache), except those about the cache; a cache written
    anyway goes to the session's temporary folder, never the user's."""
    monkeypatch.setenv("PKLEDGER_NO_CACHE", "1")
    monkeypatch.setenv("PKLEDGER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "pkledger-cache"))


@pytest.fixture
def update_expected(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-expected"))
