"""`pkledger validate`: check files against the ledger format, in the context of their ledger.

Which ledgers to open and which of their files to report on is planned from the paths given; the
problems of a whole ledger come from the cache when none of its files changed, and what reading
each unchanged file produced when some did.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pkledger.analysis.limits import Hidden, is_more, limited
from pkledger.errors import UsageError, VersionOneLedger
from pkledger.files import absolute, display_path
from pkledger.format.catalogue import adjustable, to_problem
from pkledger.format.kinds import FOLDERS, LEDGER_FILE
from pkledger.ledger.config import Config, default_config
from pkledger.ledger.discovery import discover, is_ledger_root, is_version_one
from pkledger.ledger.entry import Ledger, LedgerFile, Outcome
from pkledger.problems import Finding, Problem, Summary

if TYPE_CHECKING:
    from pkledger.ledger.snapshot import Snapshot


@dataclass(frozen=True)
class ValidationResult:
    """The problems found in the files asked about (at most PER_FILE listed per file, then one that
    counts the rest), and how many files those were."""

    problems: list[Problem]
    files: int
    hidden: Hidden = field(default_factory=Hidden)
    """The problems not listed, counted."""

    @classmethod
    def of(cls, problems: Iterable[Problem], files: int) -> ValidationResult:
        """The result listing the problems within the bounds of a report (pkledger.analysis.limits)."""
        listed, hidden = limited(problems)
        return cls(listed, files, hidden)

    @property
    def summary(self) -> Summary:
        counted = Summary.of(self.files, (problem for problem in self.problems if not is_more(problem)))
        return Summary(
            counted.files, counted.errors + self.hidden.errors, counted.warnings + self.hidden.warnings
        )

    def failed(self, *, strict: bool) -> bool:
        return any(problem.is_error or strict for problem in self.problems)


@dataclass
class _Target:
    """What to report on in one ledger: all of it, or some of its files."""

    whole: bool = False
    kinds: set[str] | None = None
    files: set[Path] | None = None

    def wants(self, file: LedgerFile) -> bool:
        if self.whole:
            return True
        return bool(self.kinds and file.kind in self.kinds) or bool(
            self.files and absolute(file.path) in self.files
        )


def validate(
    paths: Sequence[Path], config: Config | None = None, *, use_cache: bool = False
) -> ValidationResult:
    """Validate ledger folders or single files; files are checked against their whole ledger.

    The configuration's ignore patterns leave files out, and its severity overrides apply. With
    ``use_cache``, unchanged files and unchanged ledgers are not read again (see pkledger.ledger.cache).
    """
    config = config or default_config()
    targets, outside = _plan(paths)
    outside = [path for path in outside if not (config.ignores(path) and adjustable("outside-ledger"))]
    problems: list[Problem] = [_outside_problem(path) for path in outside]
    files = len(outside)
    for root, target in targets.items():
        try:
            found, ledger_problems = problems_of(root, config, use_cache=use_cache)
        except VersionOneLedger as refused:
            problems.append(version_one_problem(refused))
            files += 1
            continue
        wanted = {file.display for file in found if target.wants(file)}
        checked = [file for file in found if file.display in wanted and not config.ignores(file.path)]
        files += len(checked)
        problems.extend(problem for problem in ledger_problems if problem.file in wanted)
        if target.whole and not any(file.is_record for file in checked):
            problems.append(nothing_checked(root))
    return ValidationResult.of(config.adjust(problems), files)


def nothing_checked(root: Path) -> Problem:
    """The error for a ledger in which no record file was checked."""
    message = (
        "no record file of this ledger was checked: it holds none, or the settings' ignore patterns "
        "leave them all out"
    )
    hint = "check the ledger's path and the ignore patterns of the settings"
    return to_problem(Finding("nothing-checked", (), message, hint), display_path(root), None)


def problems_of(root: Path, config: Config, *, use_cache: bool) -> tuple[Sequence[LedgerFile], list[Problem]]:
    """The files of a ledger and every problem in them (from the cache when nothing changed, or
    when what changed leaves the rules across files reading the same: pkledger.ledger.across)."""
    from pkledger.ledger.cache import ledger_key, open_cache
    from pkledger.ledger.snapshot import snapshot

    files = discover(root)
    if is_version_one(files):
        raise VersionOneLedger(display_path(root))
    cache = open_cache(root) if use_cache else None
    taken = snapshot(files, cache)
    if cache is None:  # only the problems are needed: no outcome kept, no valid record's plain data
        return taken.files, _opened(root, config, taken, {}, None, keep_data=False).problems()
    key = ledger_key(taken.keys(), taken.digests, config.ignore)
    stored = cache.stored_problems(key)
    if stored is not None:
        return taken.files, stored
    from pkledger.ledger.across import across_of, reused_problems  # only when files changed

    fresh: dict[str, Outcome] = {}
    reused = reused_problems(cache.document, taken, config.ignores, config.ignore, fresh)
    if reused is not None:  # the outcomes stay as they are: a file read here is cheap to read again
        problems, across = reused
        cache.store(key, problems, taken.hashes(), across)
        return taken.files, problems
    from pkledger.ledger.across_pledges import narrowed_problems

    def some_known(wanted: Collection[str]) -> dict[str, Outcome]:
        return cache.known_outcomes(taken.digests, wanted)

    narrowed = narrowed_problems(cache.document, taken, config.ignores, config.ignore, fresh, some_known)
    if narrowed is not None:  # only pledges changed, no id did: the outcomes stay as they are
        problems, across = narrowed
        cache.store(key, problems, taken.hashes(), across)
        return taken.files, problems
    known = {**cache.known_outcomes(taken.digests), **fresh}  # what was just read is not read again
    found: dict[str, tuple[Finding, ...]] = {}
    ledger = _opened(root, config, taken, known, fresh, found)
    problems = ledger.problems()
    across = across_of(ledger, taken.keys(), found, config.ignore, {**known, **fresh})
    cache.store(key, problems, taken.hashes(), across)
    if any(name in taken.digests for name in fresh):  # else the stored outcomes stay as they are
        cache.store_outcomes(taken.digests, {**known, **fresh})
    return taken.files, problems


def _opened(
    root: Path,
    config: Config,
    taken: Snapshot,
    known: dict[str, Outcome],
    fresh: dict[str, Outcome] | None,
    found: dict[str, tuple[Finding, ...]] | None = None,
    *,
    keep_data: bool = True,
) -> Ledger:
    from pkledger.ledger.opening import open_ledger  # the models: only when files must be read

    return open_ledger(
        root,
        snapshot=taken,
        ignore=config.ignores,
        known=known,
        fresh=fresh,
        across=found,
        keep_data=keep_data,
    )


def _plan(paths: Sequence[Path]) -> tuple[dict[Path, _Target], list[Path]]:
    targets: dict[Path, _Target] = {}
    outside: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            root, kind = _folder_target(path)
            target = targets.setdefault(absolute(root), _Target())
            if kind is None:
                target.whole = True
            else:
                target.kinds = (target.kinds or set()) | {kind}
        elif path.parent.name in FOLDERS or path.name == LEDGER_FILE:
            root = absolute(path).parent if path.name == LEDGER_FILE else absolute(path).parent.parent
            target = targets.setdefault(root, _Target())
            target.files = (target.files or set()) | {absolute(path)}
        else:
            outside.append(path)
    return targets, outside


def _folder_target(path: Path) -> tuple[Path, str | None]:
    path = absolute(path)
    if is_ledger_root(path):
        return path, None
    if path.name in FOLDERS:
        return path.parent, path.name
    raise UsageError(
        f"{path}: not a ledger folder",
        hint="a ledger folder holds conferences/, pledges/ and gaps/ (pass e.g. `data`)",
    )


def version_one_problem(refused: VersionOneLedger) -> Problem:
    """The one problem reported for a version 1 ledger folder."""
    return to_problem(Finding("version-1-ledger", (), refused.message, refused.hint), refused.shown, None)


def _outside_problem(path: Path) -> Problem:
    message = "the file is not in a conferences/, pledges/ or gaps/ folder, so its kind is unknown"
    hint = "move it into the right folder of a ledger, or pass the ledger folder"
    return to_problem(Finding("outside-ledger", (), message, hint), display_path(path), None)
