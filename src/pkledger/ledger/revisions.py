"""The ledger against its git history: `validate --changed-since REF` and `diff BASE [HEAD]`.

The git side (which files changed; the ledger folder as it was at a revision, read into a
temporary folder) is done here; what to report is decided by pure functions over loaded ledgers.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from pkledger.analysis.diff import LedgerDiff, Side, diff_ledgers
from pkledger.analysis.validate import ValidationResult
from pkledger.errors import UsageError
from pkledger.ledger import git
from pkledger.ledger.config import Config
from pkledger.ledger.entry import Entry, Ledger, display_path, is_ledger_root, load_ledger
from pkledger.problems import Problem

UNCHANGED_NOTE = " (this file did not change: the change broke it)"


@dataclass(frozen=True)
class ChangedFiles:
    """The files of one ledger that differ from a revision, relative to the ledger folder."""

    present: frozenset[str]
    """Added, modified or renamed (new name), and untracked: the files to check."""
    touched: frozenset[str]
    """The present files, and the deleted ones and old names of renamed ones."""


@contextmanager
def ledger_at(repo: git.Repository, commit: str, shown_as: Path, config: Config) -> Iterator[Ledger]:
    """The ledger folder as it was at ``commit``, named in problems as ``shown_as``.

    Its files stay in a temporary folder until the block ends: a ledger may read a file again
    (the positions of a problem found across files).
    """
    with tempfile.TemporaryDirectory(prefix="pkledger-") as folder:
        git.export_folder(repo, commit, Path(folder))
        yield load_ledger(Path(folder), shown_as=shown_as, ignore=config.ignores)


def with_documents(ledger: Ledger) -> Ledger:
    """Read again the fields of records whose file was read elsewhere (a worker process, the cache)."""
    for entry in ledger.entries:
        entry.data()  # reads the file again where its document was not kept
    return ledger


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


def validate_changed(roots: Sequence[Path], ref: str, config: Config) -> ValidationResult:
    """Validate the files changed since ``ref`` in each ledger folder, and what they broke elsewhere."""
    problems: list[Problem] = []
    files = 0
    for root in roots:
        if not root.is_dir() or not is_ledger_root(root):
            raise UsageError(
                f"{root.as_posix()}: not a ledger folder",
                hint="with --changed-since, pass ledger folders (default: data), not single files",
            )
        result = _validate_one_changed(root, ref, config)
        problems += result.problems
        files += result.files
    return ValidationResult(sorted(problems, key=Problem.sort_key), files)


def _validate_one_changed(root: Path, ref: str, config: Config) -> ValidationResult:
    repo = git.repository(root)
    commit = git.resolve_commit(repo, ref)
    changed = changed_files(git.changes_since(repo, commit), repo.prefix)
    head = load_ledger(root, ignore=config.ignores)
    with ledger_at(repo, commit, root, config) as base:
        return changed_report(head, base, changed, config)


def changed_report(head: Ledger, base: Ledger, changed: ChangedFiles, config: Config) -> ValidationResult:
    """Problems of the changed files, and new problems of unchanged files (which the change caused)."""
    checked = [entry for entry in head.entries if _holds_change(entry, head.root, changed.present)]
    problems = [problem for entry in checked for problem in entry.problems()]
    before = {
        _position_key(problem)
        for entry in base.entries
        if _relative(entry, base.root) not in changed.touched
        for problem in entry.problems()
    }
    broken = [
        _unchanged(problem)
        for entry in head.entries
        if entry not in checked and _relative(entry, head.root) not in changed.touched
        for problem in entry.problems()
        if _position_key(problem) not in before
    ]
    problems = config.adjust(problems + broken)
    files = len(checked) + len({problem.file for problem in broken})
    return ValidationResult(sorted(problems, key=Problem.sort_key), files)


def _relative(entry: Entry, root: Path) -> str:
    return entry.path.relative_to(root).as_posix()


def _holds_change(entry: Entry, root: Path, present: frozenset[str]) -> bool:
    """The entry is a changed file, or a stray folder holding one (reported as a whole)."""
    relative = _relative(entry, root)
    return relative in present or (not entry.kind and any(p.startswith(f"{relative}/") for p in present))


def _position_key(problem: Problem) -> tuple[object, ...]:
    return (problem.file, problem.line, problem.column, problem.code, problem.path, problem.message)


def _unchanged(problem: Problem) -> Problem:
    return replace(problem, message=problem.message + UNCHANGED_NOTE)


def compare(root: Path, base_ref: str, head_ref: str | None, config: Config) -> LedgerDiff:
    """The diff of the ledger folder between ``base_ref`` and ``head_ref`` (default: the working tree)."""
    if not root.is_dir():
        raise UsageError(
            f"{root.as_posix()}: not a ledger folder",
            hint="pass --ledger with the folder holding conferences/, pledges/ and gaps/",
        )
    repo = git.repository(root)
    base_side = Side(base_ref, git.resolve_commit(repo, base_ref))
    head_side = Side(head_ref, git.resolve_commit(repo, head_ref) if head_ref else None)
    with ExitStack() as stack:
        base = stack.enter_context(ledger_at(repo, str(base_side.commit), root, config))
        if head_side.commit is None:
            head = load_ledger(root, ignore=config.ignores)
        else:
            head = stack.enter_context(ledger_at(repo, head_side.commit, root, config))
        return diff_ledgers(
            with_documents(base),
            with_documents(head),
            sides=(base_side, head_side),
            ledger=display_path(root),
            adjust=config.adjust,
        )
