"""The ledger against its git history: `validate --changed-since REF` (the problems of the files
changed since a revision, and the new problems of unchanged files, which the change caused), and
`diff BASE [HEAD]` (the ledgers at two revisions, compared)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pkledger.analysis.diff import LedgerDiff, Side, diff_ledgers
from pkledger.analysis.validate import ValidationResult
from pkledger.errors import PkledgerError, UsageError, VersionOneLedger
from pkledger.files import display_path
from pkledger.ledger import git
from pkledger.ledger.config import Config
from pkledger.ledger.discovery import require_ledger_root
from pkledger.ledger.entry import Entry, Ledger
from pkledger.ledger.opening import open_ledger
from pkledger.ledger.revisions import ChangedFiles, changed_since, ledger_at
from pkledger.problems import Problem

UNCHANGED_NOTE = " (this file did not change: the change broke it)"


def validate_changed(roots: Sequence[Path], ref: str, config: Config) -> ValidationResult:
    """Validate the files changed since ``ref`` in each ledger folder, and what they broke elsewhere."""
    problems: list[Problem] = []
    files = 0
    for root in roots:
        require_ledger_root(
            root, "with --changed-since, pass ledger folders (default: data), not single files"
        )
        result = _validate_one_changed(root, ref, config)
        problems += result.problems
        files += result.files
    return ValidationResult(sorted(problems, key=Problem.sort_key), files)


def _validate_one_changed(root: Path, ref: str, config: Config) -> ValidationResult:
    repo, commit, changed = changed_since(root, ref)
    head = open_ledger(root, ignore=config.ignores)
    try:
        base = ledger_at(repo, commit, root, config.ignores)
    except VersionOneLedger:  # the change migrates the ledger: every file of it is new in format 2
        problems = config.adjust(head.problems())
        files = sum(1 for entry in head.entries if entry.file.kind)
        return ValidationResult(sorted(problems, key=Problem.sort_key), files)
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
        if _relative(entry, head.root) not in changed.touched
        and not _holds_change(entry, head.root, changed.present)
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
    base = _format_2_ledger_at(repo, str(base_side.commit), root, config, base_ref)
    if head_side.commit is None:
        head = open_ledger(root, ignore=config.ignores)
    else:
        head = _format_2_ledger_at(repo, head_side.commit, root, config, str(head_ref))
    sides = (base_side, head_side)
    return diff_ledgers(base, head, sides=sides, ledger=display_path(root), adjust=config.adjust)


def _format_2_ledger_at(repo: git.Repository, commit: str, root: Path, config: Config, ref: str) -> Ledger:
    """The ledger at a revision, refused with words about the revision when it is in version 1."""
    try:
        return ledger_at(repo, commit, root, config.ignores)
    except VersionOneLedger as refused:
        raise PkledgerError(
            f"{ref}: the ledger {refused.shown} is in version 1 of the format at this revision; "
            "diff compares two ledgers in format 2",
            hint="compare with a revision after the ledger was migrated (`pkledger migrate`), or review "
            "the migration itself with `git diff`",
        ) from None
