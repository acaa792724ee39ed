"""Finding the files of a ledger folder: its record folders, and YAML files lying elsewhere in it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from pkledger.errors import UsageError, VersionOneLedger
from pkledger.files import display_path
from pkledger.format.kinds import FOLDERS, LEDGER_FILE, SETTINGS, is_yaml
from pkledger.ledger.entry import LedgerFile


def is_ledger_root(path: Path) -> bool:
    """A ledger folder holds ledger.yaml, or at least one of conferences/, pledges/ and gaps/."""
    return (path / LEDGER_FILE).is_file() or any((path / folder).is_dir() for folder in FOLDERS)


def is_version_one(files: Sequence[LedgerFile]) -> bool:
    """Whether the files found in a ledger folder are of format 1: there is no ledger.yaml."""
    return not any(file.kind == SETTINGS.folder for file in files)


def require_version_two(files: Sequence[LedgerFile], root: Path, shown_as: Path | None = None) -> None:
    """Refuse a version 1 ledger, naming `pkledger migrate`."""
    if is_version_one(files):
        raise VersionOneLedger(display_path(shown_as or root))


def require_ledger_root(root: Path, hint: str) -> None:
    """Refuse a folder that is not a ledger folder."""
    if not root.is_dir() or not is_ledger_root(root):
        raise UsageError(f"{root.as_posix()}: not a ledger folder", hint=hint)


def discover(
    root: Path, *, shown_as: Path | None = None, ignore: Callable[[Path], bool] | None = None
) -> list[LedgerFile]:
    """The files of a ledger folder to read, in a stable order, named as the user should see them.

    ``shown_as`` is the folder to name in problems when ``root`` is a temporary copy (a ledger
    read from git); ``ignore`` leaves out the files and folders it is true for, given their path
    as shown. Files of kind "" stand for YAML files (or folders holding them) that lie outside the
    record folders, so that a misspelt folder is reported instead of silently skipped.
    """
    files = [
        *_ledger_file(root),
        *_stray(root),
        *(file for folder in FOLDERS for file in _folder_files(root / folder)),
    ]
    if shown_as is not None:
        shown = display_path(shown_as)  # once: display_path is slow for thousands of files
        files = [_shown_under(file, root, shown) for file in files]
    if ignore is not None:
        files = [file for file in files if not ignore(_shown_path(file.path, root, shown_as))]
    return files


def _ledger_file(root: Path) -> Iterator[LedgerFile]:
    path = root / LEDGER_FILE
    if path.is_file():
        yield LedgerFile(path=path, kind=SETTINGS.folder, display=display_path(path))


def _stray(root: Path) -> Iterator[LedgerFile]:
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or path.name in FOLDERS or path.name == LEDGER_FILE:
            continue
        if is_yaml(path) or (path.is_dir() and any(map(is_yaml, path.iterdir()))):
            yield LedgerFile(path=path, kind="", display=display_path(path))


def _folder_files(folder: Path) -> Iterator[LedgerFile]:
    if not folder.is_dir():
        return
    shown, kind = display_path(folder), folder.name  # once per folder, not per file
    with os.scandir(folder) as scan:
        items = sorted((item.name, _is_folder(item)) for item in scan if not item.name.startswith("."))
    for name, is_dir in items:
        path = folder / name
        if is_dir and not is_yaml(path):
            if any(map(is_yaml, path.iterdir())):
                yield LedgerFile(path=path, kind="", display=f"{shown}/{name}")
            continue
        yield LedgerFile(path=path, kind=kind, display=f"{shown}/{name}")


def _is_folder(item: os.DirEntry[str]) -> bool:
    try:
        return item.is_dir()
    except OSError:  # a symbolic link loop: read as a file, and reported as unreadable
        return False


def _shown_under(file: LedgerFile, root: Path, shown: str) -> LedgerFile:
    relative = file.path.relative_to(root).as_posix()
    return LedgerFile(file.path, file.kind, relative if shown == "." else f"{shown}/{relative}")


def _shown_path(path: Path, root: Path, shown_as: Path | None) -> Path:
    return path if shown_as is None else shown_as / path.relative_to(root)
