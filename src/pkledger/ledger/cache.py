"""A content-hash cache in `.pkledger-cache/`, so that validating an unchanged ledger is quick.

The cache keeps the problems of a whole ledger under a key made of the tool version, the
reference data, the diagnostics catalogue and the content hash of every file. When the key of the
ledger on disk is found, `validate` reports the stored problems without reading any YAML.

Hashing every file on each run would cost about as much as reading it, so the cache also keeps
each file's hash beside its size, inode and modification and change times (as git's index does):
a file whose signature is unchanged keeps its hash, any other file is read and hashed again.

The cache is JSON, never pickle: a cache folder committed by mistake must not be able to run
code. It is an optimisation only: a missing, stale or broken cache is ignored and rewritten, and
`--no-cache` or PKLEDGER_NO_CACHE=1 turns it off. Only the latest ledger state is kept.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pkledger import __version__
from pkledger.files import write_atomic
from pkledger.problems import Problem

FOLDER = ".pkledger-cache"
FORMAT = 2

Signature = tuple[int, int, int, int]
"""(size, inode, modification time, change time) of a file, in bytes and nanoseconds."""


def enabled() -> bool:
    return os.environ.get("PKLEDGER_NO_CACHE", "") not in ("1", "true", "yes")


@functools.cache
def tool_key() -> str:
    """What, besides the files, decides the problems found in them."""
    from pkledger.format.reference import reference

    catalogue = (resources.files("pkledger.format") / "diagnostics.yaml").read_bytes()
    parts = [str(FORMAT), __version__, reference().fingerprint, hashlib.sha256(catalogue).hexdigest()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def content_hash(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=20).hexdigest()


def signature(stat: os.stat_result) -> Signature:
    return (stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)


@dataclass
class LedgerCache:
    """The cache of one ledger folder: file hashes by signature, and the problems of one state."""

    path: Path
    hashes: dict[str, tuple[Signature, str]] = field(default_factory=dict)
    key: str = ""
    problems: list[Problem] = field(default_factory=list)

    def known_hash(self, name: str, stat: os.stat_result) -> str | None:
        """The content hash of a file whose signature is unchanged since it was hashed."""
        known = self.hashes.get(name)
        return known[1] if known is not None and known[0] == signature(stat) else None

    def stored_problems(self, key: str) -> list[Problem] | None:
        return self.problems if key == self.key else None

    def store(self, key: str, problems: list[Problem], hashes: dict[str, tuple[Signature, str]]) -> None:
        """Keep the problems of the ledger state ``key``, and the files' hashes, on disk."""
        self.key, self.problems, self.hashes = key, problems, hashes
        document = {
            "tool": tool_key(),
            "key": key,
            "problems": [_problem_json(problem) for problem in problems],
            "hashes": {name: [list(sig), digest] for name, (sig, digest) in hashes.items()},
        }
        with contextlib.suppress(OSError):
            write_atomic(self.path, json.dumps(document, separators=(",", ":")))


def open_cache(ledger_root: Path, base: Path | None = None) -> LedgerCache | None:
    """The cache of a ledger (in the working folder's .pkledger-cache/), or None when turned off."""
    if not enabled():
        return None
    name = hashlib.sha256(str(Path(ledger_root).absolute()).encode()).hexdigest()[:16]
    cache = LedgerCache((base or Path.cwd()) / FOLDER / f"ledger-{name}.json")
    try:
        document = json.loads(cache.path.read_text(encoding="utf-8"))
        if document["tool"] == tool_key():
            cache.hashes = {name: (tuple(sig), digest) for name, (sig, digest) in document["hashes"].items()}
            cache.key = document["key"]
            cache.problems = [Problem(*raw) for raw in document["problems"]]
    except (OSError, ValueError, KeyError, TypeError):
        cache.hashes, cache.key, cache.problems = {}, "", []
    return cache


def ledger_key(names: list[str], digests: dict[str, str], ignore: tuple[str, ...] = ()) -> str:
    """The key of a whole ledger's contents: every file's name and hash, where it is shown from, and
    the ignore patterns (which decide what is reported)."""
    lines = [tool_key(), str(Path.cwd()), json.dumps(ignore)]
    lines += [f"{name}\t{digests.get(name, '-')}" for name in sorted(names)]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _problem_json(problem: Problem) -> list[Any]:
    return [
        problem.file, problem.line, problem.column, problem.path, problem.code, problem.severity,
        problem.message, problem.hint, problem.end_column,
    ]  # fmt: skip
