"""Nothing in the project tells anyone to install pkledger by bare name.

pkledger is not on PyPI: whoever registers the name there first would run their code wherever
`pip install pkledger` is copied from our docs. Installs name a release tag of the repository
(`git+https://github.com/pkledger/pkledger@v0.2.0`, or a commit), a local path or wheel, or a
requirements file checked with `--require-hashes`.
"""

from __future__ import annotations

import re
import shlex

import pytest

from tests.conftest import REPO
from tests.gitrepo import git

SCANNED = ("README.md", "CHANGELOG.md", "docs", "examples", "action.yml", ".github", "scripts", "Makefile")
INSTALL = re.compile(r"\b(?:pipx|pip3?|uv\s+pip|uv\s+tool)\s+install\b(?P<arguments>[^;&|#\n`)]*)")
BY_NAME = re.compile(r"pkledger(\[[^\]]*\])?([<>=!~].*)?", re.IGNORECASE)
FROM_GIT = re.compile(r"git\+\S*pkledger\S*")
PINNED_REF = re.compile(r"@(v\d+\.\d+\.\d+|[0-9a-f]{40})")


def is_unpinned(word: str, hashed: bool) -> bool:
    if BY_NAME.fullmatch(word):
        return not hashed
    return bool(FROM_GIT.fullmatch(word)) and not PINNED_REF.search(word.rsplit("/", 1)[-1])


def unpinned(arguments: str) -> list[str]:
    """The words of one install command that fetch pkledger without pinning what is fetched."""
    try:
        words = shlex.split(arguments)
    except ValueError:
        words = arguments.split()
    return [word for word in words if is_unpinned(word, "--require-hashes" in words)]


def scanned_files() -> list[str]:
    listed = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *SCANNED)
    return sorted(name for name in set(filter(None, listed.split("\0"))) if (REPO / name).is_file())


def unpinned_installs(text: str) -> list[str]:
    logical = text.replace("\\\n", " ")
    return [word for match in INSTALL.finditer(logical) for word in unpinned(match.group("arguments"))]


@pytest.mark.parametrize(
    ("command", "bad"),
    [
        ("pip install pkledger", ["pkledger"]),
        ("python3 -m pip install --upgrade pkledger", ["pkledger"]),
        ("pipx install pkledger", ["pkledger"]),
        ("pip install pyyaml pkledger==0.2.0", ["pkledger==0.2.0"]),
        ("pip install 'pkledger[dev]>=0.2'", ["pkledger[dev]>=0.2"]),
        (
            "pipx install git+https://github.com/pkledger/pkledger",
            ["git+https://github.com/pkledger/pkledger"],
        ),
        (
            "pip install git+https://github.com/pkledger/pkledger@main",
            ["git+https://github.com/pkledger/pkledger@main"],
        ),
        ("uv tool install pkledger", ["pkledger"]),
        ("pipx install git+https://github.com/pkledger/pkledger@v0.2.0", []),
        ("pip install git+https://github.com/pkledger/pkledger@" + "0123456789abcdef" * 2 + "01234567", []),
        ("python3 -m pip install .", []),
        ("pip install --quiet -e '.[dev]'", []),
        ("pip install --require-hashes -r requirements.txt", []),
        ("pip install --require-hashes pkledger==0.2.0", []),
        ('"$venv/bin/python" -m pip install --quiet "$wheel"', []),
        ("pip install pkledger-tools", []),
        ("`pipx install pkledger` then", ["pkledger"]),
        ("pip install \\\n  pkledger", ["pkledger"]),
    ],
)
def test_the_check_tells_pinned_installs_from_bare_ones(command: str, bad: list[str]) -> None:
    assert unpinned_installs(command) == bad


@pytest.mark.parametrize("name", scanned_files())
def test_docs_examples_and_workflows_install_pkledger_pinned(name: str) -> None:
    text = (REPO / name).read_text(encoding="utf-8", errors="replace")
    assert unpinned_installs(text) == [], f"{name} installs pkledger by name or unpinned"


def test_the_scan_covers_the_places_users_copy_from() -> None:
    names = scanned_files()
    assert {"README.md", "action.yml", "docs/ci.md", "examples/github-actions/pkledger.yml"} <= set(names)
