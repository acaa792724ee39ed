"""Changes to pkledger's settings between two revisions: a `.pkledger.yaml` added, changed or
removed anywhere in the repository, or the `[tool.pkledger]` table of a pyproject.toml.

A pull request's checks read the settings of the base revision, so a change to them takes effect
only once merged; but a reviewer should see it, and these are what the checks report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pkledger.errors import PkledgerError
from pkledger.ledger import git
from pkledger.ledger.config import TOML_NAME, YAML_NAME
from pkledger.ledger.config_files import MAX_SETTINGS_BYTES, pkledger_table, read_on_disk

SettingsStatus = Literal["added", "changed", "removed"]
_REFUSED = b"\0refused"
"""Stands for a settings file that is a link or too large: never equal to readable settings."""


@dataclass(frozen=True, slots=True)
class SettingsChange:
    """A settings file whose settings differ: its path from the repository's top, and how."""

    path: str
    status: SettingsStatus


def settings_changes(repo: git.Repository, commit: str, head: str | None = None) -> list[SettingsChange]:
    """The settings files whose settings differ between ``commit`` and ``head`` (default: the
    working tree), anywhere in the repository."""
    paths = {
        path
        for change in git.changes_in_repository(repo, commit, head)
        for path in (change.path, change.old_path)
        if path is not None and PurePosixPath(path).name in (YAML_NAME, TOML_NAME)
    }
    found = []
    for path in sorted(paths):
        status = _status(path, _content(repo, commit, path), _content(repo, head, path))
        if status is not None:
            found.append(SettingsChange(path, status))
    return found


def _content(repo: git.Repository, revision: str | None, path: str) -> bytes | None:
    try:
        if revision is None:
            return read_on_disk(repo.top / path)
        return git.file_at(repo, revision, path, MAX_SETTINGS_BYTES)
    except (OSError, PkledgerError):  # a link, a pipe, a huge file: a change a reviewer must see
        return _REFUSED


def _status(path: str, before: bytes | None, after: bytes | None) -> SettingsStatus | None:
    old: Any = before
    new: Any = after
    if PurePosixPath(path).name == TOML_NAME:
        old = pkledger_table(before) if before != _REFUSED else before
        new = pkledger_table(after) if after != _REFUSED else after
    if old == new:
        return None
    if old is None:
        return "added"
    return "removed" if new is None else "changed"


def shown(repo: git.Repository, change: SettingsChange) -> Path:
    """The file's path in the working tree."""
    return repo.top.joinpath(*PurePosixPath(change.path).parts)
