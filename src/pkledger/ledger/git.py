"""Reading git: which files changed since a revision, and a folder as it was at a revision.

Only reads: nothing here changes a repository. Every failure (git missing, not a repository, an
unknown revision) becomes a PkledgerError that says what to do.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from pkledger.errors import PkledgerError
from pkledger.files import NotARegularFile, TooLarge

ChangeStatus = Literal["added", "modified", "renamed", "deleted"]
_STATUS: dict[str, ChangeStatus] = {
    "A": "added",
    "C": "added",
    "M": "modified",
    "T": "modified",
    "U": "modified",
    "R": "renamed",
    "D": "deleted",
}
# Settings a user's git config could set that would change what we parse; paths are not patterns.
_NEUTRAL_CONFIG = ("--literal-pathspecs", "-c", "diff.relative=false", "-c", "core.quotepath=off")
_REGULAR_FILE_MODES = ("100644", "100755")
_LINK_MODE = "120000"
LINK_IN_GIT = "a symbolic link"
"""What a blob of mode 120000 is called in problems: the same words as for a link on disk."""


@dataclass(frozen=True, slots=True)
class Repository:
    """A folder inside a git work tree: the top of the tree and the folder's path from it."""

    top: Path
    prefix: str
    """The folder relative to the top, with a trailing slash ('data/'), or '' at the top."""


@dataclass(frozen=True, slots=True)
class Change:
    """One file changed since a revision; paths are relative to the repository's top."""

    status: ChangeStatus
    path: str
    old_path: str | None = None


def find_work_tree(start: Path) -> Path | None:
    """The top of the git work tree holding ``start`` (the nearest folder with a .git), without running git."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def run_git(arguments: Sequence[str], cwd: Path) -> bytes:
    """Run git and return its output; its failures become PkledgerErrors."""
    if not cwd.is_dir():
        raise PkledgerError(f"{cwd.as_posix()}: no such folder")
    import subprocess  # only when git runs: reading the settings needs no process

    english = {**os.environ, "LC_ALL": "C"}  # so that git's messages can be recognised
    try:
        completed = subprocess.run(
            ["git", *_NEUTRAL_CONFIG, *arguments], cwd=cwd, env=english, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise PkledgerError(
            "git is not installed (or not on PATH)",
            hint="install git; comparing with a revision reads the repository's history",
        ) from None
    if completed.returncode != 0:
        raise _git_error(completed.stderr.decode("utf-8", errors="replace"), cwd)
    return completed.stdout


def _git_error(stderr: str, cwd: Path) -> PkledgerError:
    if "not a git repository" in stderr:
        return PkledgerError(
            f"{cwd.as_posix()} is not inside a git repository",
            hint="comparing with a revision needs the ledger to be kept in git",
        )
    first_line = next((line for line in stderr.splitlines() if line.strip()), "no message")
    return PkledgerError(f"git failed: {first_line.removeprefix('fatal: ')}")


def repository(folder: Path) -> Repository:
    """The git work tree that holds ``folder``."""
    lines = run_git(["rev-parse", "--show-toplevel", "--show-prefix"], folder).decode().splitlines()
    top, prefix = lines[0], lines[1] if len(lines) > 1 else ""
    return Repository(Path(top), prefix)


def resolve_commit(repo: Repository, ref: str) -> str:
    """The full commit id of a revision (a branch, tag, commit or expression such as HEAD~1)."""
    if ref.startswith("-"):
        raise _unknown_revision(ref)
    try:
        output = run_git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], repo.top)
    except PkledgerError:
        raise _unknown_revision(ref) from None
    return output.decode().strip()


def _unknown_revision(ref: str) -> PkledgerError:
    return PkledgerError(
        f"git does not know the revision '{ref}'",
        hint="check the name; in CI, fetch the history first (actions/checkout with fetch-depth: 0)",
    )


def changes_since(repo: Repository, commit: str) -> list[Change]:
    """Files under the repository's folder that differ from ``commit``, untracked files included."""
    pathspec = ["--", repo.prefix] if repo.prefix else ["--"]
    diff = run_git(["diff", "--name-status", "-M", "-z", "--no-ext-diff", commit, *pathspec], repo.top)
    untracked = run_git(["ls-files", "--others", "--exclude-standard", "-z", *pathspec], repo.top)
    changes = parse_name_status(diff)
    changes += [Change("added", path) for path in _split_nul(untracked)]
    return changes


def changes_in_repository(repo: Repository, commit: str, head: str | None = None) -> list[Change]:
    """Every file of the whole repository that differs between ``commit`` and ``head`` (default:
    the working tree, untracked files included); paths relative to the repository's top."""
    revisions = [commit] if head is None else [commit, head]
    diff = run_git(["diff", "--name-status", "-M", "-z", "--no-ext-diff", *revisions, "--"], repo.top)
    changes = parse_name_status(diff)
    if head is None:
        untracked = run_git(["ls-files", "--others", "--exclude-standard", "-z", "--full-name"], repo.top)
        changes += [Change("added", path) for path in _split_nul(untracked)]
    return changes


def file_at(repo: Repository, commit: str, path: str, limit: int) -> bytes | None:
    """The bytes of one file (path from the repository's top) at ``commit``; None where there is
    none. A symbolic link raises NotARegularFile and a file over ``limit`` bytes TooLarge: neither
    is read."""
    listing = run_git(["ls-tree", "-z", "--full-tree", commit, "--", path], repo.top)
    entries = _split_nul(listing)
    if not entries:
        return None
    meta, _, _ = entries[0].partition("\t")
    mode, kind, blob = meta.split()
    if kind != "blob":
        return None
    if mode == _LINK_MODE:
        raise NotARegularFile(Path(path), LINK_IN_GIT)
    size = int(run_git(["cat-file", "-s", blob], repo.top).decode().strip() or 0)
    if size > limit:
        raise TooLarge(Path(path), size)
    return run_git(["cat-file", "blob", blob], repo.top)


def parse_name_status(output: bytes) -> list[Change]:
    """Parse `git diff --name-status -z`: a status, then one path (two for renames and copies)."""
    fields = _split_nul(output)
    changes = []
    position = 0
    while position < len(fields):
        letter = fields[position][:1]
        status = _STATUS.get(letter, "modified")
        if letter in ("R", "C"):
            old, new = fields[position + 1], fields[position + 2]
            changes.append(Change(status, new, old if letter == "R" else None))
            position += 3
        else:
            changes.append(Change(status, fields[position + 1]))
            position += 2
    return changes


def _split_nul(output: bytes) -> list[str]:
    return [part for part in output.decode("utf-8", errors="surrogateescape").split("\0") if part]


def export_folder(repo: Repository, commit: str, destination: Path) -> dict[str, str]:
    """Write the regular files of the repository's folder, as they were at ``commit``, under
    ``destination``. Symbolic links are never written or resolved: their paths (relative to the
    folder) are returned, each with what it is, to be reported. Submodules are left out.
    """
    pathspec = ["--", repo.prefix] if repo.prefix else []
    listing = run_git(["ls-tree", "-r", "-z", "--full-tree", commit, *pathspec], repo.top)
    blobs, links = _blobs(listing, repo.prefix)
    contents = _read_blobs([blob for blob, _ in blobs], repo.top) if blobs else []
    for (_, relative), content in zip(blobs, contents, strict=True):
        target = destination.joinpath(*PurePosixPath(relative).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return dict.fromkeys(links, LINK_IN_GIT)


def _blobs(listing: bytes, prefix: str) -> tuple[list[tuple[str, str]], list[str]]:
    """(blob id, path relative to the folder) of each regular file in `git ls-tree -z` output, and
    the relative paths of the symbolic links."""
    files, links = [], []
    for line in _split_nul(listing):
        meta, _, path = line.partition("\t")
        mode, kind, blob = meta.split()
        if kind != "blob" or not path.startswith(prefix):
            continue
        relative = path[len(prefix) :]
        if ".." in PurePosixPath(relative).parts:
            continue
        if mode == _LINK_MODE:
            links.append(relative)
        elif mode in _REGULAR_FILE_MODES:
            files.append((blob, relative))
    return files, links


def _read_blobs(blob_ids: list[str], cwd: Path) -> list[bytes]:
    """The contents of many blobs, read by one `git cat-file --batch`."""
    import subprocess

    try:
        completed = subprocess.run(
            ["git", "cat-file", "--batch"],
            cwd=cwd,
            input="".join(f"{blob}\n" for blob in blob_ids).encode(),
            capture_output=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as error:
        raise PkledgerError(f"git could not read the files of the revision: {error}") from None
    return _parse_batch(completed.stdout, len(blob_ids))


def _parse_batch(output: bytes, count: int) -> list[bytes]:
    contents = []
    position = 0
    for _ in range(count):
        header_end = output.index(b"\n", position)
        size = int(output[position:header_end].split()[2])
        start = header_end + 1
        contents.append(output[start : start + size])
        position = start + size + 1
    return contents
