"""The progress bar shown on standard error while a large ledger is read."""

from __future__ import annotations

import os
from typing import Any


class DelayedProgress:
    """A progress bar on standard error that appears only once a run has lasted a second, and only
    on a terminal outside CI: nothing extra in pipes, logs or quick runs."""

    DELAY = 1.0

    def __init__(self, total: int, description: str) -> None:
        import time

        self._clock = time.monotonic
        self.total, self.description = total, description
        self.done = 0
        self.started = self._clock()
        self.bar: Any = None
        self.task: Any = None
        self.wanted = _interactive_stderr()

    def advance(self, count: int = 1) -> None:
        self.done += count
        if not self.wanted:
            return
        if self.bar is None and self._clock() - self.started >= self.DELAY:
            self._start()
        if self.bar is not None:
            self.bar.update(self.task, completed=self.done)

    def _start(self) -> None:
        import sys

        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.bar = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=Console(file=sys.stderr), transient=True,
        )  # fmt: skip
        self.bar.start()
        self.task = self.bar.add_task(self.description, total=self.total, completed=self.done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _interactive_stderr() -> bool:
    import sys

    return sys.stderr.isatty() and not os.environ.get("CI") and not os.environ.get("GITHUB_ACTIONS")
