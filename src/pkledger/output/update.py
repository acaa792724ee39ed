"""`pkledger update`: the record's file written in place, atomically, and what is said about it."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from pkledger.errors import PkledgerError
from pkledger.files import read_regular, write_atomic
from pkledger.output.escape import terminal

if TYPE_CHECKING:
    from pkledger.analysis.update import Updated


def write_update(updated: Updated) -> None:
    """Replace the file atomically, unless it changed since it was read (another edit is kept)."""
    if read_regular(updated.path, len(updated.before) + 1) != updated.before:
        raise PkledgerError(
            f"{updated.path.as_posix()} changed while it was being updated; it was not written",
            hint="run the command again",
        )
    write_atomic(updated.path, updated.text)


def report_updated(updated: Updated, stream: TextIO) -> None:
    """The file, the change of status, and the warnings the record carries."""
    change = f"{updated.old_status} -> {updated.new_status}"
    stream.write(terminal(f"updated {updated.path.as_posix()}: {change}") + "\n")
    stream.writelines(
        terminal(f"  {problem.severity} {problem.code} {problem.path or 'record'}: {problem.message}") + "\n"
        for problem in updated.warnings
    )
