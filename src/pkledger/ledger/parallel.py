"""Reading many ledger files fast: on both cores when there are many to read.

Each file is loaded, validated and checked on its own (``ledger.read_entry``). For a large ledger a
forked worker process reads part of the files while this process reads the rest; the worker sends
back only what the rest of the run needs, an ``Outcome``: the declared id, the findings with their
positions, and the record's plain data, which this process validates again into a model (much
cheaper than pickling models or positions).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from stat import S_ISREG
from typing import TYPE_CHECKING, Any

from pkledger.ledger.entry import Entry, read_entry
from pkledger.output.console import DelayedProgress
from pkledger.problems import Finding

if TYPE_CHECKING:
    from pkledger.ledger.cache import LedgerCache, Signature

PARALLEL_FROM = 1500
"""Below this many files a second process costs more than it saves."""
WORKER_SHARE = 0.55
"""The worker takes a little more than half: this process also validates what it sends back."""
BATCH = 500
"""Files per message from the worker, so that its results are taken in while it works on."""


@dataclass(frozen=True)
class Outcome:
    """What reading one file produced, in a form cheap to send between processes and to cache."""

    declared_id: str | None
    findings: tuple[Finding, ...]
    data: dict[str, Any] | None
    """The record's fields when it is valid, as the loader read them."""


@dataclass
class Snapshot:
    """The bytes (where they had to be read) and content hash of every record file."""

    contents: dict[str, bytes] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    signatures: dict[str, Signature] = field(default_factory=dict)

    def hashes(self) -> dict[str, tuple[Signature, str]]:
        return {name: (self.signatures[name], digest) for name, digest in self.digests.items()}


def file_key(entry: Entry) -> str:
    """A file's name within its ledger, e.g. pledges/2021-seoul-KOR-001.yaml."""
    return f"{entry.kind}/{entry.path.name}"


def outcome_of(entry: Entry, data: dict[str, Any] | None) -> Outcome:
    """The outcome of an entry just read, with every finding's position resolved."""
    located = tuple(
        finding if finding.at is not None else replace(finding, at=entry.locate(finding))
        for finding in entry.findings
    )
    return Outcome(entry.declared_id, located, data if entry.record is not None else None)


def restore(entry: Entry, outcome: Outcome) -> Entry:
    """Fill an entry from an outcome read in another process."""
    from pkledger.format.models import RECORD_KINDS

    entry.findings = list(outcome.findings)
    entry.raw_id = outcome.declared_id
    if outcome.data is not None:
        entry.record = RECORD_KINDS[entry.kind].model_validate(outcome.data)
    return entry


def snapshot(entries: Sequence[Entry], cache: LedgerCache | None = None) -> Snapshot:
    """Hash every record file: read its bytes, unless the cache knows the hash of its signature."""
    from pkledger.ledger.cache import content_hash, signature
    from pkledger.yaml.loader import MAX_FILE_BYTES

    taken = Snapshot()
    for entry in entries:
        name = file_key(entry)
        try:
            status = entry.path.stat()
            if not entry.kind or not S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
                continue
            known = cache.known_hash(name, status) if cache is not None else None
            if known is None:
                taken.contents[name] = content = entry.path.read_bytes()
                known = content_hash(content)
        except OSError:
            continue
        taken.digests[name], taken.signatures[name] = known, signature(status)
    return taken


def read_entries(entries: Sequence[Entry], taken: Snapshot | None = None) -> list[Entry]:
    """Read every entry (using the bytes a snapshot already holds)."""
    return _read_all(entries, taken)


def _read_all(entries: Sequence[Entry], taken: Snapshot | None) -> list[Entry]:
    """Read entries from scratch: on two processes when there are many and the platform can fork."""
    contents = taken.contents if taken is not None else {}
    progress = DelayedProgress(len(entries), "Reading the ledger")
    try:
        if len(entries) < PARALLEL_FROM or not _can_fork():
            return [_read_here(entry, contents, progress) for entry in entries]
        return _read_on_two_cores(entries, contents, progress)
    finally:
        progress.close()


def _read_on_two_cores(
    entries: Sequence[Entry], contents: dict[str, bytes], progress: DelayedProgress
) -> list[Entry]:
    split = int(len(entries) * (1 - WORKER_SHARE))
    mine, theirs = list(entries[:split]), list(entries[split:])
    batches = [theirs[start : start + BATCH] for start in range(0, len(theirs), BATCH)]
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=1) as pool:
        arriving = pool.imap(_read_outcomes, batches)  # the worker starts on them at once
        done = [_read_here(entry, contents, progress) for entry in mine]
        for batch, outcomes in zip(batches, arriving, strict=True):
            done += [restore(entry, outcome) for entry, outcome in zip(batch, outcomes, strict=True)]
            progress.advance(len(batch))
    return done


def _read_here(entry: Entry, contents: dict[str, bytes], progress: DelayedProgress) -> Entry:
    read_entry(entry, contents.get(file_key(entry)))
    progress.advance()
    return entry


def _read_outcomes(entries: list[Entry]) -> list[Outcome]:
    """In the worker: read entries and reduce each to what the parent needs."""
    outcomes = []
    for entry in entries:
        read_entry(entry, keep_data=True)
        outcomes.append(outcome_of(entry, entry.document.data if entry.document is not None else None))
    return outcomes


def _can_fork() -> bool:
    cores = os.cpu_count() or 1
    return sys.platform == "linux" and cores > 1 and "fork" in multiprocessing.get_all_start_methods()
