"""What a ledger folder holds now: its files, and the content hash of each, for the cache.

Hashing a file means reading its bytes, so those bytes are kept for reading the file afterwards;
a file whose signature the cache knows is not read at all.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from stat import S_ISREG

from pkledger.files import MAX_FILE_BYTES, read_regular
from pkledger.ledger.cache import LedgerCache, Signature, content_hash, signature
from pkledger.ledger.entry import LedgerFile


@dataclass
class Snapshot:
    """The files of a ledger, the bytes of those that had to be read, and every record file's hash."""

    files: Sequence[LedgerFile]
    contents: dict[str, bytes] = field(default_factory=dict)
    """By file key (pledges/<name>.yaml)."""
    digests: dict[str, str] = field(default_factory=dict)
    signatures: dict[str, Signature] = field(default_factory=dict)

    def hashes(self) -> dict[str, tuple[Signature, str]]:
        return {name: (self.signatures[name], digest) for name, digest in self.digests.items()}

    def keys(self) -> list[str]:
        return [file.key for file in self.files]


def snapshot(files: Sequence[LedgerFile], cache: LedgerCache | None) -> Snapshot:
    """Hash every record file: read its bytes, unless the cache knows the hash of its signature.

    Without a cache nothing is hashed: the files are read once, when the ledger is opened.
    """
    taken = Snapshot(files)
    if cache is None:
        return taken
    for file in files:
        if not file.kind or file.refused:
            continue
        key = file.key
        try:
            status = os.lstat(file.path)
            if not S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
                continue
            known = cache.known_hash(key, status)
            if known is None:
                taken.contents[key] = content = read_regular(file.path, MAX_FILE_BYTES)
                known = content_hash(content)
        except OSError:  # a link, a pipe or a device too: read (and refused) when the ledger is opened
            continue
        taken.digests[key], taken.signatures[key] = known, signature(status)
    return taken
