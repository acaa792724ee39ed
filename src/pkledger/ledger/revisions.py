"""The ledger in its git history: the files changed since a revision, the ledger as it was at a
revision, and the commit a ledger is at."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pkledger.errors import PkledgerError
from pkledger.ledger import git
from pkledger.ledger.entry import Ledger
from pkledger.ledger.opening import open_ledger


@dataclass(frozen=True)
class ChangedFiles:
    """The files of one ledger that differ from a revision, relative to the ledger folder."""

    present: frozenset[str]
    """Added, modified or renamed (new name), and untracked: the files to check."""
    touched: frozenset[str]
    """The present files, and the deleted ones and old names of renamed ones."""


def ledger_at(
    repo: git.Repository, commit: str, shown_as: Path, ignore: Callable[[Path], bool] | None = None
) -> Ledger:
    """The ledger folder as it was at ``commit``, named in problems as ``shown_as``.

    Its regular files are written to a temporary folder, read once, and removed; its symbolic
    links are not written, but reported as refused files.
    """
    with tempfile.TemporaryDirectory(prefix="pkledger-") as folder:
        links = git.export_folder(repo, commit, Path(folder))
        return open_ledger(Path(folder), shown_as=shown_as, ignore=ignore, links=links)


def changed_files(changes: Iterable[git.Change], prefix: str) -> ChangedFiles:
    """Sort git's changes into the files to check and every file touched."""
    present, touched = set(), set()
    for change in changes:
        for path in (change.path, change.old_path):
            if path is not None and path.startswith(prefix):
                touched.add(path[len(prefix) :])
        if change.status != "deleted":
            present.add(change.path[len(prefix) :])
    return ChangedFiles(frozenset(present), frozenset(touched))


def changed_since(root: Path, ref: str) -> tuple[git.Repository, str, ChangedFiles]:
    """The repository holding a ledger folder, the commit ``ref`` names, and the files changed since."""
    repo = git.repository(root)
    commit = git.resolve_commit(repo, ref)
    return repo, commit, changed_files(git.changes_since(repo, commit), repo.prefix)


def ledger_version(root: Path) -> str:
    """The git commit the ledger is at, so that what is made from it can be traced to its data."""
    try:
        commit = git.run_git(["rev-parse", "--short=12", "HEAD"], root).decode().strip()
        changed = git.run_git(["status", "--porcelain", "--", "."], root).strip()
    except PkledgerError:
        return "not under git version control"
    return f"git commit {commit}" + (", with uncommitted changes" if changed else "")
