"""Reading many ledger files fast: on both cores when there are many to read.

Each file is read on its own (``reading.read_entry``). For a large ledger a forked worker process
reads part of the files while this process reads the rest; the worker sends back an ``Outcome``
per file, plain values: its data, the few positions an entry keeps, its placed findings, and
whether its record is valid, which this process then validates again into a model (much cheaper
than pickling models).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from pkledger.format.kinds import kind_of
from pkledger.ledger.entry import Entry, LedgerFile
from pkledger.ledger.progress import DelayedProgress
from pkledger.ledger.reading import read_entry
from pkledger.problems import FieldPath, Finding
from pkledger.yaml.document import Document, Position

PARALLEL_FROM = 1500
"""Below this many files a second process costs more than it saves."""
WORKER_SHARE = 0.55
"""The worker takes a little more than half: this process also validates what it sends back."""
BATCH = 500
"""Files per message from the worker, so that its results are taken in while it works on."""
Reader = Callable[[LedgerFile, bytes | None], Entry]


class Outcome(NamedTuple):
    """What reading one file produced, as plain values: cheap to send between processes."""

    data: dict[str, Any] | None
    positions: dict[FieldPath, Position]
    findings: tuple[Finding, ...]
    valid: bool
    """Whether the data is a valid record (validated again on arrival)."""


def read_entries(
    files: Sequence[LedgerFile], contents: Mapping[str, bytes] | None = None, keep: Collection[FieldPath] = ()
) -> list[Entry]:
    """Read every file, once (from ``contents`` where it holds a file's bytes, by file key), keeping
    the positions of the values of the fields in ``keep``."""
    reader = functools.partial(read_entry, keep=keep)
    contents = contents or {}
    progress = DelayedProgress(len(files), "Reading the ledger")
    try:
        with _collector_paused():
            if len(files) < PARALLEL_FROM or not _can_fork():
                return [_read_here(reader, file, contents, progress) for file in files]
            return _read_on_two_cores(reader, files, contents, progress)
    finally:
        progress.close()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector (in the worker too): reading makes many small objects that live
    as long as the ledger and form no cycles, which it would walk again and again as they pile up."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_on_two_cores(
    reader: Reader, files: Sequence[LedgerFile], contents: Mapping[str, bytes], progress: DelayedProgress
) -> list[Entry]:
    split = int(len(files) * (1 - WORKER_SHARE))
    mine, theirs = list(files[:split]), list(files[split:])
    batches = [theirs[start : start + BATCH] for start in range(0, len(theirs), BATCH)]
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=1) as pool:
        arriving = pool.imap(functools.partial(_read_outcomes, reader), batches)  # the worker starts at once
        done = [_read_here(reader, file, contents, progress) for file in mine]
        for batch, outcomes in zip(batches, arriving, strict=True):
            done += [_arrived(file, outcome) for file, outcome in zip(batch, outcomes, strict=True)]
            progress.advance(len(batch))
    return done


def _read_here(
    reader: Reader, file: LedgerFile, contents: Mapping[str, bytes], progress: DelayedProgress
) -> Entry:
    entry = reader(file, contents.get(file.key))
    progress.advance()
    return entry


def _read_outcomes(reader: Reader, files: list[LedgerFile]) -> list[Outcome]:
    """In the worker: read files and reduce each to what the parent needs."""
    return [_outcome(reader(file, None)) for file in files]


def _outcome(entry: Entry) -> Outcome:
    document = entry.document
    if document is None:
        return Outcome(None, {}, entry.findings, False)
    return Outcome(document.data, document.values, entry.findings, entry.record is not None)


def _arrived(file: LedgerFile, outcome: Outcome) -> Entry:
    """The entry of a file read by the worker."""
    if outcome.data is None:
        return Entry(file, None, None, outcome.findings)
    record = kind_of(file.kind).model.model_validate(outcome.data) if outcome.valid else None
    return Entry(file, Document(outcome.data, outcome.positions), record, outcome.findings)  # type: ignore[arg-type]


def _can_fork() -> bool:
    cores = os.cpu_count() or 1
    return sys.platform == "linux" and cores > 1 and "fork" in multiprocessing.get_all_start_methods()
