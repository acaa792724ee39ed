"""Reading many ledger files fast: from the cache where a file is unchanged, and on both cores when
there are many to read.

Each file is loaded, validated and checked on its own (``ledger.read_entry``). For a large ledger a
forked worker process reads part of the files while this process reads the rest; the worker sends
back only what the rest of the run needs, an ``Outcome``: the declared id, the findings with their
positions, and the record's plain data, which this process validates again into a model (much
cheaper than pickling models or positions). Outcomes are also what the cache keeps.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from pkledger.console import DelayedProgress
from pkledger.ledger import Entry, read_entry
from pkledger.models import RECORD_KINDS
from pkledger.problems import Finding

if TYPE_CHECKING:
    from pkledger.cache import LedgerCache

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
    """The bytes and content hash of every record file, read once."""

    contents: dict[str, bytes] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)


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
    """Fill an entry from an outcome read elsewhere (another process, or the cache)."""
    entry.findings = list(outcome.findings)
    entry.raw_id = outcome.declared_id
    if outcome.data is not None:
        entry.record = RECORD_KINDS[entry.kind].model_validate(outcome.data)
    return entry


def snapshot(entries: Sequence[Entry]) -> Snapshot:
    """Read the record files' bytes (not those too large to be records) and hash them."""
    from pkledger.cache import content_hash
    from pkledger.loader import MAX_FILE_BYTES

    taken = Snapshot()
    for entry in entries:
        if not entry.kind:
            continue
        try:
            with entry.path.open("rb") as stream:
                content = stream.read(MAX_FILE_BYTES + 1)
        except OSError:
            continue
        if len(content) <= MAX_FILE_BYTES:
            taken.contents[file_key(entry)] = content
            taken.digests[file_key(entry)] = content_hash(content)
    return taken


def read_entries(
    entries: Sequence[Entry], cache: LedgerCache | None = None, taken: Snapshot | None = None
) -> list[Entry]:
    """Read every entry, from the cache where its bytes are unchanged; keep what was read in it."""
    if cache is None:
        return [entry for entry, _ in _read_all(entries, taken)]
    taken = taken or snapshot(entries)
    if not cache.files:
        cache.load_files()
    missing = []
    for entry in entries:
        key = file_key(entry)
        outcome = cache.outcome(key, taken.digests[key]) if key in taken.digests else None
        if outcome is None:
            missing.append(entry)
        else:
            restore(entry, outcome)
    for entry, outcome in _read_all(missing, taken):
        if file_key(entry) in taken.digests:
            cache.remember(file_key(entry), taken.digests[file_key(entry)], outcome)
    return list(entries)


def _read_all(entries: Sequence[Entry], taken: Snapshot | None) -> list[tuple[Entry, Outcome]]:
    """Read entries from scratch: on two processes when there are many and the platform can fork."""
    contents = taken.contents if taken is not None else {}
    if len(entries) < PARALLEL_FROM or not _can_fork():
        return [_read_here(entry, contents) for entry in entries]
    split = int(len(entries) * (1 - WORKER_SHARE))
    mine, theirs = list(entries[:split]), list(entries[split:])
    batches = [theirs[start : start + BATCH] for start in range(0, len(theirs), BATCH)]
    context = multiprocessing.get_context("fork")
    with context.Pool(processes=1) as pool:
        arriving = pool.imap(_read_outcomes, batches)  # the worker starts on them at once
        done = [_read_here(entry, contents) for entry in mine]
        for batch, outcomes in zip(batches, arriving, strict=True):
            done += [
                (restore(entry, outcome), outcome) for entry, outcome in zip(batch, outcomes, strict=True)
            ]
    return done


def _read_here(
    entry: Entry, contents: dict[str, bytes], progress: DelayedProgress | None = None
) -> tuple[Entry, Outcome]:
    read_entry(entry, contents.get(file_key(entry)))
    if progress is not None:
        progress.advance()
    return entry, outcome_of(entry, entry.document.data if entry.document is not None else None)


def _read_outcomes(entries: list[Entry]) -> list[Outcome]:
    return [_read_here(entry, {})[1] for entry in entries]


def _can_fork() -> bool:
    cores = os.cpu_count() or 1
    return sys.platform == "linux" and cores > 1 and "fork" in multiprocessing.get_all_start_methods()
