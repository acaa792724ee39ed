"""A content-hash cache, so that validating an unchanged ledger is quick.

The cache keeps the problems of a whole ledger under a key made of the tool version, the
reference data, the diagnostics catalogue, the working folder, the ignore patterns and the
content hash of every file. When the key of the ledger on disk is found, `validate` reports the
stored problems without reading any YAML.

Hashing every file on each run would cost about as much as reading it, so the cache also keeps
each file's hash beside its size, inode and modification and change times (as git's index does):
a file whose signature is unchanged keeps its hash, any other file is read and hashed again.

When some file changed, the cache also keeps what reading each file produced, by its content
hash (``cache_outcomes``): only the changed files are read again, the others are taken from there,
and the rules across files run over the whole ledger. Those outcomes are a second file beside the
first, read only when the ledger changed, so that a run over an unchanged ledger stays quick. A
third (``cache_file.across_path``) keeps what the rules across files read and found and what each
file's data gave (``across``), so that an edit they do not see, or that leaves a file's data as it
was, is checked without them and without validating the file; it too is read only when files
changed.

The cache's files live in the user's cache folder, three per ledger (by its absolute path),
never in the work tree; ``cache_file`` and ``cache_outcomes`` read them back as untrusted input.
They are JSON, never pickle. The cache is an optimisation only: a missing, stale or broken cache
is ignored and rewritten, and `--no-cache` or PKLEDGER_NO_CACHE=1 turns it off. Only the latest
ledger state is kept.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from pkledger import __version__
from pkledger.files import absolute
from pkledger.ledger.cache_file import Across, CacheDocument, Signature, cache_folder, read_cache, write_cache
from pkledger.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

    from pkledger.ledger.entry import Outcome

FORMAT = 5

__all__ = ["LedgerCache", "Signature", "content_hash", "ledger_key", "open_cache", "signature"]


def enabled() -> bool:
    return os.environ.get("PKLEDGER_NO_CACHE", "") not in ("1", "true", "yes")


@functools.cache
def tool_key() -> str:
    """What, besides the files, decides the problems found in them."""
    from pkledger.format.reference import fingerprint

    catalogue = (resources.files("pkledger.format") / "diagnostics.yaml").read_bytes()
    parts = [str(FORMAT), __version__, fingerprint(), hashlib.sha256(catalogue).hexdigest()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def content_hash(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=20).hexdigest()


def signature(stat: os.stat_result) -> Signature:
    return (stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)


@dataclass
class LedgerCache:
    """The cache of one ledger folder: file hashes by signature, and the problems of one state."""

    path: Path
    document: CacheDocument = field(default_factory=lambda: CacheDocument(tool_key()))

    def known_hash(self, name: str, stat: os.stat_result) -> str | None:
        """The content hash of a file whose signature is unchanged since it was hashed."""
        known = self.document.hashes.get(name)
        return known[1] if known is not None and known[0] == signature(stat) else None

    def stored_problems(self, key: str) -> list[Problem] | None:
        return list(self.document.problems) if key and key == self.document.key else None

    def store(
        self,
        key: str,
        problems: list[Problem],
        hashes: dict[str, tuple[Signature, str]],
        across: Across | None = None,
    ) -> None:
        """Keep the problems of the ledger state ``key``, the files' hashes, and what the rules
        across files read and found in that state (pkledger.ledger.across), on disk."""
        self.document = CacheDocument(tool_key(), key, problems, hashes, checked=across)
        write_cache(self.path, self.document)

    @property
    def outcomes_path(self) -> Path:
        return self.path.with_suffix(".files.json")

    def known_outcomes(
        self, digests: Mapping[str, str], wanted: Collection[str] | None = None
    ) -> dict[str, Outcome]:
        """The stored outcomes of the files whose content hash is unchanged (of those ``wanted``
        only, when given), by file key."""
        from pkledger.ledger.cache_outcomes import read_outcomes

        stored = read_outcomes(self.outcomes_path, tool_key(), wanted)
        return {key: outcome for key, (digest, outcome) in stored.items() if digests.get(key, "") == digest}

    def store_outcomes(self, digests: Mapping[str, str], outcomes: Mapping[str, Outcome]) -> None:
        """Keep the outcome of every hashed file, with its hash, on disk."""
        from pkledger.ledger.cache_outcomes import write_outcomes

        kept = {key: (digest, outcomes[key]) for key, digest in digests.items() if key in outcomes}
        write_outcomes(self.outcomes_path, tool_key(), kept)


def open_cache(ledger_root: Path) -> LedgerCache | None:
    """The cache of a ledger (in the user's cache folder), or None when turned off."""
    if not enabled():
        return None
    name = hashlib.sha256(str(absolute(ledger_root)).encode()).hexdigest()[:24]
    cache = LedgerCache(cache_folder() / f"ledger-{name}.json")
    cache.document = read_cache(cache.path, tool_key()) or CacheDocument(tool_key())
    return cache


def ledger_key(names: list[str], digests: dict[str, str], ignore: tuple[str, ...] = ()) -> str:
    """The key of a whole ledger's contents: every file's name and hash, where it is shown from, and
    the ignore patterns (which decide what is reported)."""
    lines = [tool_key(), str(Path.cwd()), json.dumps(ignore)]
    lines += [f"{name}\t{digests.get(name, '-')}" for name in sorted(names)]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
