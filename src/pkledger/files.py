"""Files: atomic writes (a reader never sees half a file, nothing is clobbered by accident), and
paths as the user types them."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pkledger.errors import PkledgerError


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
        temporary.chmod(mode)
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
    """The permissions of the file it replaces, else those a new file gets (mkstemp's are private)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _link_without_clobbering(temporary: Path, path: Path) -> None:
    try:
        path.hardlink_to(temporary)
    except FileExistsError:
        raise PkledgerError(
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
