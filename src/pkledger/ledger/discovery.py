"""Finding the files of a ledger folder: its record folders, and YAML files lying elsewhere in it.

Nothing here follows a symbolic link: every entry is looked at with lstat, and a link, a named
pipe or a device where a record file, a record folder or a YAML file belongs is named as a file
of the ledger that is refused (``LedgerFile.refused``), which is reported as an error and never
opened.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path, PurePosixPath

from pkledger.errors import PkledgerError, UsageError, VersionOneLedger
from pkledger.files import display_path, special_kind
from pkledger.format.kinds import FOLDERS, LEDGER_FILE, SETTINGS, is_yaml
from pkledger.ledger.entry import LedgerFile

_Listing = list[tuple[str, str]]
"""The names in a folder, each with what it is: "dir", "file", or the words of special_kind."""


def is_ledger_root(path: Path) -> bool:
    """A ledger folder holds ledger.yaml, or at least one of conferences/, pledges/ and gaps/ (a link
    counts, to be refused)."""
    return _what(path / LEDGER_FILE) not in ("dir", None) or any(
        _what(path / folder) not in ("file", None) for folder in FOLDERS
    )


def is_version_one(files: Sequence[LedgerFile]) -> bool:
    """Whether the files found in a ledger folder are of format 1: there is no ledger.yaml."""
    return not any(file.kind == SETTINGS.folder for file in files)


def require_version_two(files: Sequence[LedgerFile], root: Path, shown_as: Path | None = None) -> None:
    """Refuse a version 1 ledger, naming `pkledger migrate`."""
    if is_version_one(files):
        raise VersionOneLedger(display_path(shown_as or root))


def require_ledger_root(root: Path, hint: str) -> None:
    """Refuse a folder that is not a ledger folder."""
    refuse_linked_root(root)
    if not root.is_dir() or not is_ledger_root(root):
        raise UsageError(f"{root.as_posix()}: not a ledger folder", hint=hint)


def refuse_linked_root(root: Path) -> None:
    """A ledger folder that is itself a symbolic link is not followed."""
    if _what(root) == "a symbolic link":
        raise PkledgerError(
            f"{root.as_posix()}: the ledger folder is a symbolic link, which pkledger does not follow",
            hint="pass the folder it stands for, or replace the link with the folder",
        )


def discover(
    root: Path,
    *,
    shown_as: Path | None = None,
    links: Mapping[str, str] | None = None,
) -> list[LedgerFile]:
    """The files of a ledger folder to read, in a stable order, named as the user should see them.

    ``shown_as`` is the folder to name in problems when ``root`` is a temporary copy (a ledger
    read from git); ``links`` names the paths of that copy (relative, with forward slashes) that
    were symbolic links there, and so were not written: each is a refused file. Files of kind "" stand
    for YAML files (or folders holding them) that lie outside the record folders, so that a
    misspelt folder is reported instead of silently skipped.
    """
    refuse_linked_root(root)
    files = [
        *_ledger_file(root),
        *_stray(root),
        *(file for folder in FOLDERS for file in _folder_files(root, folder)),
    ]
    if links:
        files += [_linked(root, relative, what) for relative, what in links.items()]
        files.sort(key=_in_order)
    if shown_as is not None:
        shown = display_path(shown_as)  # once: display_path is slow for thousands of files
        files = [_shown_under(file, root, shown) for file in files]
    return files


def _in_order(file: LedgerFile) -> tuple[int, str]:
    """ledger.yaml first, then YAML outside the record folders, then each record folder's files."""
    if file.kind == SETTINGS.folder:
        return (-1, file.path.as_posix())
    return (FOLDERS.index(file.kind) + 1 if file.kind else 0, file.path.as_posix())


def _ledger_file(root: Path) -> Iterator[LedgerFile]:
    path = root / LEDGER_FILE
    what = _what(path)
    if what not in ("dir", None):
        yield LedgerFile(path, SETTINGS.folder, display_path(path), None if what == "file" else what)


def _what(path: Path) -> str | None:
    """What a path is, without following a link: "dir", "file", special_kind's words, or None if absent."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    return _kind_words(mode)


def _kind_words(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "dir"
    return special_kind(mode) or "file"


def _listing(folder: Path) -> _Listing:
    """The names in a folder (hidden ones left out), sorted, each with what it is."""
    found = []
    with os.scandir(folder) as scan:
        for item in scan:
            if item.name.startswith("."):
                continue
            try:
                found.append((item.name, _what_item(item)))
            except OSError:  # gone since listed: read as a file, and reported as unreadable
                found.append((item.name, "file"))
    return sorted(found)


def _what_item(item: os.DirEntry[str]) -> str:
    """What a listed name is, from the listing itself where it says (no system call per file)."""
    if item.is_file(follow_symlinks=False):
        return "file"
    if item.is_dir(follow_symlinks=False):
        return "dir"
    return _kind_words(item.stat(follow_symlinks=False).st_mode)  # a link, a pipe, a device


def _holds_yaml(folder: Path) -> bool:
    try:
        return any(is_yaml(Path(name)) for name, _ in _listing(folder))
    except OSError:
        return False


def _stray(root: Path) -> Iterator[LedgerFile]:
    for name, what in _listing(root):
        path = root / name
        if name == LEDGER_FILE and what != "dir":
            continue  # the ledger file, found by _ledger_file
        if name in FOLDERS:
            if what not in ("dir", "file"):
                yield LedgerFile(path=path, kind="", display=display_path(path), refused=what)
            continue
        if what not in ("dir", "file"):
            if is_yaml(path):
                yield LedgerFile(path=path, kind="", display=display_path(path), refused=what)
        elif is_yaml(path) or (what == "dir" and _holds_yaml(path)):
            yield LedgerFile(path=path, kind="", display=display_path(path))


def _folder_files(root: Path, kind: str) -> Iterator[LedgerFile]:
    folder = root / kind
    if _what(folder) != "dir":
        return
    shown = display_path(folder)  # once per folder, not per file
    for name, what in _listing(folder):
        path = folder / name
        if what == "dir" and not is_yaml(path):
            if _holds_yaml(path):
                yield LedgerFile(path=path, kind="", display=f"{shown}/{name}")
            continue
        refused = None if what in ("dir", "file") else what
        yield LedgerFile(path=path, kind=kind, display=f"{shown}/{name}", refused=refused)


def _linked(root: Path, relative: str, what: str) -> LedgerFile:
    parts = PurePosixPath(relative).parts
    kind = parts[0] if len(parts) == 2 and parts[0] in FOLDERS else ""
    if parts == (LEDGER_FILE,):
        kind = SETTINGS.folder
    path = root.joinpath(*parts)
    return LedgerFile(path=path, kind=kind, display=display_path(path), refused=what)


def _shown_under(file: LedgerFile, root: Path, shown: str) -> LedgerFile:
    relative = file.path.relative_to(root).as_posix()
    display = relative if shown == "." else f"{shown}/{relative}"
    return LedgerFile(file.path, file.kind, display, file.refused)
