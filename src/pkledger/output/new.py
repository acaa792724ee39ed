"""`pkledger new`: the new record's file, written without clobbering anything, and what is said
about it."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from pkledger.files import write_atomic
from pkledger.output.escape import terminal

if TYPE_CHECKING:
    from pkledger.analysis.create import NewRecord


def write_record(record: NewRecord) -> None:
    """Write the file atomically; refuse if a file of that name exists."""
    write_atomic(record.path, record.text, overwrite=False)


def report_created(record: NewRecord, stream: TextIO) -> None:
    """The file's path, and the warnings the record carries."""
    stream.write(f"created {terminal(record.path.as_posix())}\n")
    stream.writelines(
        terminal(f"  {problem.severity} {problem.code} {problem.path}: {problem.message}") + "\n"
        for problem in record.warnings
    )
    stream.writelines(terminal(f"  warning: {note}") + "\n" for note in record.notes)
