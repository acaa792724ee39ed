"""The ledger against its git history: `validate --changed-since REF` (the problems of the files
changed since a revision, and the new problems of unchanged files, which the change caused), and
`diff BASE [HEAD]` (the ledgers at two revisions, compared).

Both are a pull request's checks, so both read the settings as they were at the base revision
(a change cannot set the rules it is checked by), and both report a change to the settings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from pkledger.analysis.diff import LedgerDiff, Side, diff_ledgers
from pkledger.analysis.validate import ValidationResult, nothing_checked
from pkledger.errors import PkledgerError, UsageError, VersionOneLedger
from pkledger.files import display_path
from pkledger.format.catalogue import to_problem
from pkledger.ledger import git
from pkledger.ledger.config import Config, load_config_at
from pkledger.ledger.config_changes import settings_changes, shown
from pkledger.ledger.discovery import require_ledger_root
from pkledger.ledger.entry import Entry, Ledger
from pkledger.ledger.opening import open_ledger
from pkledger.ledger.revisions import ChangedFiles, changed_since, ledger_at
from pkledger.problems import Finding, Problem

UNCHANGED_NOTE = " (this file did not change: the change broke it)"
SETTINGS_VERBS = {"added": "adds", "changed": "changes", "removed": "removes"}


def base_settings(
    paths: Sequence[Path], ref: str, config_path: Path | None
) -> tuple[git.Repository, str, Config]:
    """The repository of the working folder (else of the first path), the commit ``ref`` names in
    it, and the settings as they were there."""
    try:
        repo = git.repository(Path.cwd())
    except PkledgerError:
        if not paths:
            raise
        repo = git.repository(paths[0] if paths[0].is_dir() else paths[0].parent)
    commit = git.resolve_commit(repo, ref)
    return repo, commit, load_config_at(repo, commit, config_path)


def settings_problems(repo: git.Repository, commit: str, head: str | None, ref: str) -> list[Problem]:
    """A warning for each settings file the change adds, changes or removes."""
    found = []
    for change in settings_changes(repo, commit, head):
        message = (
            f"the change {SETTINGS_VERBS[change.status]} pkledger's settings; this check uses the "
            f"settings of {ref} instead, and the new ones apply once the change is merged"
        )
        hint = "review the settings as closely as code: they decide what the checks report"
        finding = Finding("settings-changed", (), message, hint)
        found.append(to_problem(finding, display_path(shown(repo, change)), None))
    return found


def validate_changed(
    paths: Sequence[Path], ref: str, config_path: Path | None = None, *, strict: bool = False
) -> ValidationResult:
    """Validate the files changed since ``ref`` in each ledger folder (default: the one the base
    revision's settings name), and what they broke elsewhere, under the base revision's settings."""
    repo, commit, config = base_settings(paths, ref, config_path)
    problems: list[Problem] = []
    files = 0
    for root in paths or [config.ledger]:
        require_ledger_root(
            root, "with --changed-since, pass ledger folders (default: data), not single files"
        )
        found, checked = _validate_one_changed(root, ref, config)
        problems += found
        files += checked
    changed = settings_problems(repo, commit, None, ref)
    problems += [problem.with_severity("error") for problem in changed] if strict else config.adjust(changed)
    return ValidationResult.of(problems, files)


def _validate_one_changed(root: Path, ref: str, config: Config) -> tuple[list[Problem], int]:
    repo, commit, changed = changed_since(root, ref)
    head = open_ledger(root, ignore=config.ignores)
    try:
        base = ledger_at(repo, commit, root, config.ignores)
    except VersionOneLedger:  # the change migrates the ledger: every file of it is new in format 2
        everything = [problem for _, found in head.reported() for problem in found]
        return config.adjust(everything), sum(1 for entry in head.entries if entry.file.kind)
    problems, files = changed_report(head, base, changed, config)
    if not any(entry.file.is_record for entry in head.entries):
        problems.append(nothing_checked(root))
    return problems, files


def changed_report(
    head: Ledger, base: Ledger, changed: ChangedFiles, config: Config
) -> tuple[list[Problem], int]:
    """Problems of the changed files, and new problems of unchanged files (which the change caused),
    and how many files those are."""
    checked = [
        (entry, problems)
        for entry, problems in head.reported()
        if _holds_change(entry, head.root, changed.present)
    ]
    problems = [problem for _, found in checked for problem in found]
    before = {
        _position_key(problem)
        for entry, found in base.reported()
        if _relative(entry, base.root) not in changed.touched
        for problem in found
    }
    broken = [
        _unchanged(problem)
        for entry, found in head.reported()
        if _relative(entry, head.root) not in changed.touched
        and not _holds_change(entry, head.root, changed.present)
        for problem in found
        if _position_key(problem) not in before
    ]
    problems = config.adjust(problems + broken)
    ledger_files = {id(entry) for entry in head.entries}
    files = sum(1 for entry, _ in checked if id(entry) in ledger_files)
    files += len({problem.file for problem in broken})
    return problems, files


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


def compare(
    root: Path | None, base_ref: str, head_ref: str | None, config_path: Path | None = None
) -> LedgerDiff:
    """The diff of the ledger folder (default: the one the base revision's settings name) between
    ``base_ref`` and ``head_ref`` (default: the working tree), under the base revision's settings."""
    repo, base_commit, config = base_settings([root] if root else [], base_ref, config_path)
    root = root or config.ledger
    if not root.is_dir():
        raise UsageError(
            f"{root.as_posix()}: not a ledger folder",
            hint="pass --ledger with the folder holding conferences/, pledges/ and gaps/",
        )
    repo = git.repository(root)
    base_side = Side(base_ref, base_commit)
    head_side = Side(head_ref, git.resolve_commit(repo, head_ref) if head_ref else None)
    base = _format_2_ledger_at(repo, base_commit, root, config, base_ref)
    if head_side.commit is None:
        head = open_ledger(root, ignore=config.ignores)
    else:
        head = _format_2_ledger_at(repo, head_side.commit, root, config, str(head_ref))
    sides = (base_side, head_side)
    diff = diff_ledgers(base, head, sides=sides, ledger=display_path(root), adjust=config.adjust)
    changed = config.adjust(settings_problems(repo, base_commit, head_side.commit, base_ref))
    return replace(diff, introduced=[*changed, *diff.introduced]) if changed else diff


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
