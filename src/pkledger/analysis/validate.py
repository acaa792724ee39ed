"""`pkledger validate`: check files against the ledger format, in the context of their ledger."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pkledger.errors import UsageError
from pkledger.format.catalogue import to_problem
from pkledger.ledger.config import Config, default_config
from pkledger.ledger.entry import (
    KIND_DIRS,
    Entry,
    Ledger,
    absolute,
    checked,
    display_path,
    is_ledger_root,
    select_entries,
)
from pkledger.problems import Finding, Problem, Summary


@dataclass(frozen=True)
class ValidationResult:
    """The problems found in the files asked about, and how many files those were."""

    problems: list[Problem]
    files: int

    @property
    def summary(self) -> Summary:
        return Summary.of(self.files, self.problems)

    def failed(self, *, strict: bool) -> bool:
        return any(problem.is_error or strict for problem in self.problems)


@dataclass
class _Target:
    """What to report on in one ledger: all of it, or some of its files."""

    whole: bool = False
    kinds: set[str] | None = None
    files: set[Path] | None = None

    def wants(self, path: Path, kind: str) -> bool:
        if self.whole:
            return True
        return bool(self.kinds and kind in self.kinds) or bool(self.files and absolute(path) in self.files)


def validate(
    paths: Sequence[Path], config: Config | None = None, *, use_cache: bool = False
) -> ValidationResult:
    """Validate ledger folders or single files; files are checked against their whole ledger.

    The configuration's ignore patterns leave files out, and its severity overrides apply. With
    ``use_cache``, unchanged files and unchanged ledgers are not read again (see pkledger.ledger.cache).
    """
    config = config or default_config()
    targets, outside = _plan([path for path in paths if not config.ignores(path)])
    problems: list[Problem] = [_outside_problem(path) for path in outside]
    files = len(outside)
    for root, target in targets.items():
        entries, found = ledger_problems(root, config, use_cache=use_cache)
        wanted = {entry.display for entry in entries if target.wants(entry.path, entry.kind)}
        files += len(wanted)
        problems.extend(problem for problem in found if problem.file in wanted)
    return ValidationResult(sorted(config.adjust(problems), key=Problem.sort_key), files)


def ledger_problems(root: Path, config: Config, *, use_cache: bool) -> tuple[list[Entry], list[Problem]]:
    """The files of a ledger and every problem in them (from the cache when nothing changed)."""
    from pkledger.ledger.cache import ledger_key, open_cache
    from pkledger.ledger.parallel import file_key, read_entries, snapshot

    cache = open_cache(root) if use_cache else None
    entries = select_entries(root, ignore=config.ignores)
    taken = snapshot(entries, cache) if cache is not None else None
    key = ledger_key([file_key(entry) for entry in entries], taken.digests) if taken is not None else ""
    stored = cache.stored_problems(key) if cache is not None else None
    if stored is not None:
        return entries, stored
    ledger = checked(Ledger(root=root, entries=read_entries(entries, taken)))
    problems = ledger.problems()
    if cache is not None and taken is not None:
        cache.store(key, problems, taken.hashes())
    return ledger.entries, problems


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
        elif path.parent.name in KIND_DIRS:
            target = targets.setdefault(absolute(path).parent.parent, _Target())
            target.files = (target.files or set()) | {absolute(path)}
        else:
            outside.append(path)
    return targets, outside


def _folder_target(path: Path) -> tuple[Path, str | None]:
    path = absolute(path)
    if is_ledger_root(path):
        return path, None
    if path.name in KIND_DIRS:
        return path.parent, path.name
    raise UsageError(
        f"{path}: not a ledger folder",
        hint="a ledger folder holds conferences/, pledges/ and gaps/ (pass e.g. `data`)",
    )


def _outside_problem(path: Path) -> Problem:
    message = "the file is not in a conferences/, pledges/ or gaps/ folder, so its kind is unknown"
    hint = "move it into the right folder of a ledger, or pass the ledger folder"
    return to_problem(Finding("outside-ledger", (), message, hint), display_path(path), None)
