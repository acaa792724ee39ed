"""Reading many ledger files fast: on both cores when there are many to read, and not at all when
the cache holds what reading them produced.

Each file is read on its own (``reading.read_entry``). For a large ledger a forked worker process
reads part of the files while this process reads the rest; the worker sends back an ``Outcome``
per file, plain values: its data, the few positions an entry keeps, its placed findings, and
whether its record is valid, which this process then validates again into a model (much cheaper
than pickling models). The cache's outcomes of unchanged files are taken in the same way.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence

from pkledger.format.kinds import kind_of
from pkledger.ledger.entry import Entry, LedgerFile, Outcome
from pkledger.ledger.progress import DelayedProgress
from pkledger.ledger.reading import kept_document, read_entry
from pkledger.problems import FieldPath
from pkledger.yaml.document import Document

PARALLEL_FROM = 1500
"""Below this many files a second process costs more than it saves."""
WORKER_SHARE = 0.55
"""The worker takes a little more than half: this process also validates what it sends back."""
BATCH = 500
"""Files per message from the worker, so that its results are taken in while it works on."""
Reader = Callable[[LedgerFile, bytes | None], Entry]


def read_entries(
    files: Sequence[LedgerFile],
    contents: Mapping[str, bytes] | None = None,
    keep: Collection[FieldPath] = (),
    *,
    known: Mapping[str, Outcome] | None = None,
    fresh: dict[str, Outcome] | None = None,
    keep_data: bool = True,
) -> list[Entry]:
    """Read every file, once (from ``contents`` where it holds a file's bytes, by file key), keeping
    the positions of the values of the fields in ``keep``.

    A file whose outcome ``known`` holds (by file key; the caller vouches that the file is
    unchanged) is not read: its entry is made from the outcome. The outcome of every file read is
    put in ``fresh`` when given. Without ``keep_data``, valid records keep no plain data (see
    ``reading.read_entry``). The entries come in the order of ``files``."""
    known = known or {}
    with _collector_paused():
        restored = {
            file.key: entry
            for file in files
            if file.key in known
            if (entry := _restored(file, known[file.key], keep_data))
        }
        unread = [file for file in files if file.key not in restored]
        read = _read_all(unread, contents or {}, keep, keep_data)
    if fresh is not None:
        fresh.update((entry.file.key, Outcome.of(entry)) for entry in read)
    by_key = {entry.file.key: entry for entry in read}
    return [restored.get(file.key) or by_key[file.key] for file in files]


def _read_all(
    files: Sequence[LedgerFile], contents: Mapping[str, bytes], keep: Collection[FieldPath], keep_data: bool
) -> list[Entry]:
    reader = functools.partial(read_entry, keep=keep, keep_data=keep_data)
    progress = DelayedProgress(len(files), "Reading the ledger")
    try:
        if len(files) < PARALLEL_FROM or not _can_fork():
            return [_read_here(reader, file, contents, progress) for file in files]
        sending = functools.partial(read_entry, keep=keep)  # the worker sends the data, validated here
        return _read_on_two_cores(reader, sending, files, contents, progress, keep_data)
    finally:
        progress.close()


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector (in the worker too): reading makes many small objects that live
    as long as the ledger and form no cycles, which it would walk again and again as they pile up.
    Then freeze them (``gc.freeze``): the collections the rules across files and the reports set
    off would otherwise walk them all again (0.3 s of a cold run at 5,000 pledges)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was read lives as long as the ledger: no later collection walks it again
        if enabled:
            gc.enable()


def _read_on_two_cores(
    reader: Reader,
    sending: Reader,
    files: Sequence[LedgerFile],
    contents: Mapping[str, bytes],
    progress: DelayedProgress,
    keep_data: bool,
) -> list[Entry]:
    split = int(len(files) * (1 - WORKER_SHARE))
    mine, theirs = list(files[:split]), list(files[split:])
    batches = [theirs[start : start + BATCH] for start in range(0, len(theirs), BATCH)]
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=1) as pool:
        arriving = pool.imap(functools.partial(_read_outcomes, sending), batches)  # the worker starts at once
        done = [_read_here(reader, file, contents, progress) for file in mine]
        for batch, outcomes in zip(batches, arriving, strict=True):
            done += [
                _arrived(file, outcome, keep_data) for file, outcome in zip(batch, outcomes, strict=True)
            ]
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
    return [Outcome.of(reader(file, None)) for file in files]


def _restored(file: LedgerFile, outcome: Outcome, keep_data: bool) -> Entry | None:
    """The entry of an unchanged file from its cached outcome; None (so that the file is read) when
    the outcome's data is not the valid record it claims to be."""
    from pydantic import ValidationError

    try:
        return _arrived(file, outcome, keep_data)
    except ValidationError:
        return None


def _arrived(file: LedgerFile, outcome: Outcome, keep_data: bool = True) -> Entry:
    """The entry of a file read by the worker."""
    if outcome.data is None:
        return Entry(file, None, None, outcome.findings, outcome.parsed)
    record = kind_of(file.kind).model.model_validate(outcome.data) if outcome.valid else None
    document = kept_document(Document(outcome.data, outcome.positions), record, keep_data=keep_data)
    return Entry(file, document, record, outcome.findings, outcome.parsed)  # type: ignore[arg-type]


def _can_fork() -> bool:
    cores = os.cpu_count() or 1
    return sys.platform == "linux" and cores > 1 and "fork" in multiprocessing.get_all_start_methods()
