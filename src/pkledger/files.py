"""Files: reading a regular file without following links or blocking on pipes, atomic writes (a
reader never sees half a file, nothing is clobbered by accident), and paths as the user types them."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

from pkledger.errors import PkledgerError

MAX_FILE_BYTES = 1024 * 1024
"""The largest ledger file read; a larger one is refused unread."""


class AlreadyExists(PkledgerError):
    """A file that would be created exists already; nothing was changed."""


class NotARegularFile(OSError):
    """A path that is a symbolic link, a named pipe, a device or a socket: never followed or read."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(errno.EINVAL, f"{path.as_posix()} is {what}")
        self.what = what


class TooLarge(OSError):
    """A regular file larger than the caller reads."""

    def __init__(self, path: Path, size: int) -> None:
        super().__init__(errno.EFBIG, f"{path.as_posix()} has {size} bytes")
        self.size = size


_NO_FOLLOW = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | os.O_CLOEXEC


def special_kind(mode: int) -> str | None:
    """What a file is, in words, when it is neither a regular file nor a folder; else None."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, at most ``limit`` + 1 of them (so that a caller sees a file grow
    past its limit). A symbolic link is never followed and a pipe or device never opened for long:
    they raise NotARegularFile, a file larger than ``limit`` raises TooLarge, and the rest OSError.
    """
    what = special_kind(os.lstat(path).st_mode)
    if what is not None:
        raise NotARegularFile(path, what)
    try:
        descriptor = os.open(path, _NO_FOLLOW)
    except OSError as error:
        if error.errno == errno.ELOOP:  # replaced by a link since the lstat
            raise NotARegularFile(path, "a symbolic link") from None
        raise
    try:
        status = os.fstat(descriptor)
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        what = special_kind(status.st_mode)
        if what is not None or not stat.S_ISREG(status.st_mode):
            raise NotARegularFile(path, what or "not a regular file")
        if status.st_size > limit:
            raise TooLarge(path, status.st_size)
        return _read_at_most(descriptor, limit + 1)
    finally:
        os.close(descriptor)


def _read_at_most(descriptor: int, count: int) -> bytes:
    chunks: list[bytes] = []
    left = count
    while left > 0:
        chunk = os.read(descriptor, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def write_atomic(path: Path, content: str, *, overwrite: bool = True) -> None:
    """Write ``content`` to ``path`` through a temporary file in the same folder.

    With ``overwrite=False`` an existing file is never replaced, even one created by another
    process while we were writing (the final step is a hard link, which fails if the name exists).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        os.fchmod(descriptor, mode)  # mkstemp makes 0600; a written file is shared as others
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        if overwrite:
            temporary.replace(path)
        else:
            _link_without_clobbering(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _mode_for(path: Path) -> int:
    """The permissions of the regular file it replaces, else those the umask gives a new file."""
    try:
        status = os.lstat(path)
    except OSError:
        return 0o666 & ~current_umask()
    return stat.S_IMODE(status.st_mode) if stat.S_ISREG(status.st_mode) else 0o666 & ~current_umask()


def write_together(folder: Path, files: Mapping[str, str | bytes]) -> list[Path]:
    """Write files (text, or bytes as they are) into ``folder`` (made if missing) as one change: each is written into a
    temporary folder inside it first, then all are moved into place with interrupts held back, so
    that an interrupt never leaves one new file beside an old other. Files are made as the umask
    says (0644 under umask 022). Raises OSError when the folder cannot be written."""
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder, prefix=".pkledger-"))
    try:
        for name, content in files.items():
            _write_synced(staging / name, content)
        with _interrupts_held():
            for name in files:
                (staging / name).replace(folder / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / name for name in files]


def _write_synced(path: Path, content: str | bytes) -> None:
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    with path.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold back SIGINT and SIGTERM (delivered when the block ends), where the platform allows."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def current_umask() -> int:
    """The process's umask (read by setting it, then putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _link_without_clobbering(temporary: Path, path: Path) -> None:
    try:
        path.hardlink_to(temporary)
    except FileExistsError:
        raise AlreadyExists(
            f"{path.as_posix()} already exists; it was not changed",
            hint="pick another id, or edit the existing file",
        ) from None


def absolute(path: Path) -> Path:
    """An absolute, normalised path that does not follow symbolic links (a link may be broken)."""
    return Path(os.path.abspath(path))  # noqa: PTH100 - Path.resolve() would follow links


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the working folder when inside it."""
    try:
        return absolute(path).relative_to(absolute(Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()
