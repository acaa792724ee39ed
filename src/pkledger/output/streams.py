"""Where a report goes: standard output guarded against a reader that goes away early, and under
GitHub Actions made safe so that no line can start a workflow command (pkledger's own annotations
excepted); the same for notes on standard error."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from typing import TextIO

from pkledger.output.escape import workflow_safe


def in_github_actions() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


class _Wrapping(io.TextIOBase):
    """A text stream that writes to another, and answers for it what a writer asks of a stream."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def isatty(self) -> bool:
        return self.stream.isatty()

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", "utf-8") or "utf-8"


class _PipeGuard(_Wrapping):
    """Standard output that takes the rest of a report quietly once its reader has gone
    (`pkledger validate | head -1`): the command then ends with its own exit code, as git does."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self.stream.write(text)
            except BrokenPipeError:
                self._reader_gone()
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self.stream.flush()
            except BrokenPipeError:
                self._reader_gone()

    def _reader_gone(self) -> None:
        self.gone = True
        with contextlib.suppress(OSError, ValueError):  # what is still buffered goes nowhere
            os.dup2(os.open(os.devnull, os.O_WRONLY), self.stream.fileno())


class WorkflowSafeStream(_Wrapping):
    """A text stream that makes every line written safe (``escape.workflow_safe``), for the output
    of a run under GitHub Actions; ``write_command`` writes pkledger's own commands as they are."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        *complete, self._pending = self._pending.split("\n")
        if complete:
            self.stream.write("".join(workflow_safe(line) + "\n" for line in complete))
        return len(text)

    def write_trusted(self, text: str) -> None:
        self.flush()
        self.stream.write(text)

    def flush(self) -> None:
        if self._pending:
            self.stream.write(workflow_safe(self._pending))
            self._pending = ""
        self.stream.flush()


def write_command(stream: TextIO, line: str) -> None:
    """Write one workflow command of pkledger's own (its values already escaped)."""
    if isinstance(stream, WorkflowSafeStream):
        stream.write_trusted(line + "\n")
    else:
        stream.write(line + "\n")


@contextlib.contextmanager
def report_stream() -> Iterator[TextIO]:
    """Standard output for a report: a reader that goes away early ends nothing but the output, and
    under GitHub Actions no line of it can start a workflow command (pkledger's own annotations
    excepted)."""
    stream: TextIO = _PipeGuard(sys.stdout)  # type: ignore[assignment]
    if in_github_actions():
        stream = WorkflowSafeStream(stream)  # type: ignore[assignment]
    try:
        yield stream
    finally:
        stream.flush()


@contextlib.contextmanager
def notes_stream() -> Iterator[TextIO]:
    """Standard error for notes a renderer writes, made safe as ``report_stream`` makes output."""
    if not in_github_actions():
        yield sys.stderr
        return
    stream = WorkflowSafeStream(sys.stderr)
    yield stream  # type: ignore[misc]
    stream.flush()
