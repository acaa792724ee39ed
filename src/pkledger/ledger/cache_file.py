"""The cache's files: where they live, and reading one back with every value checked.

The cache lives outside the work tree, in the user's cache folder (``$PKLEDGER_CACHE_DIR``, else
``$XDG_CACHE_HOME/pkledger``, else ``~/.cache/pkledger``): a cache folder inside a repository
could be committed by anyone who can open a pull request, so none is ever read there.

Whatever is read back is treated as untrusted input: the file must be a regular file (never a
link, a pipe or a device) of at most MAX_CACHE_BYTES, it must be JSON of the expected shape, and
every problem in it must carry a code of the catalogue with that code's severity. Anything else
is discarded (``read_cache`` returns None) and the ledger is read again.

This module is the cache's only reader and writer: ``read_cache`` and ``write_cache`` over a
``CacheDocument``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pkledger.files import read_regular, write_atomic
from pkledger.ledger.cache_values import a_field_path as _path
from pkledger.ledger.cache_values import a_flag as _flag
from pkledger.ledger.cache_values import a_list as _list
from pkledger.ledger.cache_values import a_mapping as _dict
from pkledger.ledger.cache_values import a_text as _text
from pkledger.problems import Finding, Problem

MAX_CACHE_BYTES = 32 * 1024 * 1024
"""A larger cache file is neither written nor read."""
Signature = tuple[int, int, int, int]
"""(size, inode, modification time, change time) of a file, in bytes and nanoseconds."""
_HEX = re.compile(r"[0-9a-f]{8,128}\Z")


@dataclass(frozen=True)
class Across:
    """What the rules across files read of each file (by file key), the key of it all, and what they
    found in each file (not yet placed); and the findings that came from each validated file's own
    data (not yet placed), which any file with the same data has too."""

    inputs: dict[str, str]
    key: str
    found: dict[str, tuple[Finding, ...]]
    own: dict[str, tuple[Finding, ...]] = field(default_factory=dict)
    ids: dict[str, str | None] = field(default_factory=dict)
    """The id each file of the ledger (not the ignored ones) declares, by file key."""


@dataclass
class CacheDocument:
    """What one cache file holds: the tool that wrote it, a ledger state's key and its problems, and
    the hash of each file by signature; and what the rules across files read and found in that
    same state (``across``)."""

    tool: str
    key: str = ""
    problems: list[Problem] = field(default_factory=list)
    hashes: dict[str, tuple[Signature, str]] = field(default_factory=dict)
    unread: Path | None = None
    """The file of what the rules across files read and found (beside the cache file), read and
    checked (``across``) only when files changed, so that a run over an unchanged ledger does not
    pay for it."""
    checked: Across | None = None

    def across(self) -> Across | None:
        """What the rules across files read and found; None when the cache holds none that is sound
        for this document's ledger state."""
        if self.unread is not None:
            path, self.unread = self.unread, None
            self.checked = _read_across(path, self.tool, self.key)
        return self.checked


def across_path(path: Path) -> Path:
    """Where a cache file keeps what the rules across files read and found, beside it."""
    return path.with_suffix(".across.json")


def cache_folder() -> Path:
    """The folder of pkledger's cache files, outside any work tree."""
    override = os.environ.get("PKLEDGER_CACHE_DIR", "")
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "pkledger"


def read_cache(path: Path, tool: str) -> CacheDocument | None:
    """The document in a cache file, if it is one this version wrote, whole and sound; else None."""
    try:
        raw = read_regular(path, MAX_CACHE_BYTES)
        if len(raw) > MAX_CACHE_BYTES:
            return None
        document = json.loads(raw.decode("utf-8"))
        return _checked(document, tool, path)
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None


def write_cache(path: Path, document: CacheDocument) -> None:
    """Keep a document on disk (in a private folder), what the rules across files read and found
    in a file beside it; a cache that cannot be written is skipped."""
    across = {"tool": document.tool, "key": document.key, "across": _across_json(document.across())}
    text = json.dumps(
        {
            "tool": document.tool,
            "key": document.key,
            "problems": [_problem_json(problem) for problem in document.problems],
            "hashes": {name: [list(sig), digest] for name, (sig, digest) in document.hashes.items()},
        },
        separators=(",", ":"),
    )
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        _write_bounded(across_path(path), json.dumps(across, separators=(",", ":")))
        _write_bounded(path, text)


def _write_bounded(path: Path, text: str) -> None:
    if len(text) <= MAX_CACHE_BYTES:
        write_atomic(path, text)
    else:  # never read back: a stale file must not stay in its place
        path.unlink(missing_ok=True)


def _read_across(path: Path, tool: str, key: str) -> Across | None:
    """What the rules across files read and found in the ledger state ``key``, if the file beside
    the cache file holds it, whole and sound; else None."""
    try:
        content = read_regular(path, MAX_CACHE_BYTES)
        if len(content) > MAX_CACHE_BYTES:
            return None
        raw = json.loads(content.decode("utf-8"))
        if type(raw) is not dict or raw.get("tool") != tool or not key or raw.get("key") != key:
            return None
        return _across(raw["across"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None


def _checked(document: Any, tool: str, path: Path) -> CacheDocument | None:
    if not isinstance(document, dict) or document.get("tool") != tool:
        return None
    key = _key(document["key"])
    problems = [_problem(raw) for raw in _list(document["problems"])]
    hashes = {_text(name): _hash(value) for name, value in _dict(document["hashes"]).items()}
    return CacheDocument(tool, key, problems, hashes, unread=across_path(path))


def _across(raw: Any) -> Across | None:
    if raw is None:
        return None
    key, inputs, found, own, ids = _list(raw)
    return Across(
        {_text(name): _hex(value) for name, value in _dict(inputs).items()},
        _hex(key),
        _findings_by_file(found),
        _findings_by_file(own),
        {_text(name): None if value is None else _text(value) for name, value in _dict(ids).items()},
    )


def _findings_by_file(raw: Any) -> dict[str, tuple[Finding, ...]]:
    return {_text(name): tuple(_finding(item) for item in _list(items)) for name, items in _dict(raw).items()}


def _across_json(across: Across | None) -> list[Any] | None:
    if across is None or not across.key:
        return None
    return [
        across.key,
        across.inputs,
        _findings_by_file_json(across.found),
        _findings_by_file_json(across.own),
        across.ids,
    ]


def _findings_by_file_json(findings: dict[str, tuple[Finding, ...]]) -> dict[str, list[Any]]:
    return {name: [_finding_json(finding) for finding in items] for name, items in findings.items()}


def _key(value: Any) -> str:
    return "" if value == "" else _hex(value)


def _hex(value: Any) -> str:
    if not _HEX.match(_text(value)):
        raise ValueError("not a hash")
    return value  # type: ignore[no-any-return]  # text, checked above


def _finding(raw: Any) -> Finding:
    """A finding not yet placed in its file (of the rules across files, or of a file's data)."""
    from pkledger.format.catalogue import catalogue

    name, path, message, hint, on_key = _list(raw)
    if _text(name) not in catalogue():
        raise ValueError("a finding this version does not report")
    return Finding(
        name,
        _path(path),
        _text(message, empty=False),
        None if hint is None else _text(hint),
        None,
        _flag(on_key),
    )


@functools.cache
def _severities() -> dict[str, str]:
    """The severity of each code of the catalogue (a code, not a name: a cache holds codes)."""
    from pkledger.format.catalogue import catalogue

    return {diagnostic.code: diagnostic.severity for diagnostic in catalogue().values()}


def _problem(raw: Any) -> Problem:
    """A stored problem, every value of the exact type (checked inline: a warm run reads thousands)."""
    if type(raw) is not list or len(raw) != 9:
        raise TypeError("not a problem")
    file, line, column, path, code, severity, message, hint, end_column = raw
    if type(code) is not str or _severities().get(code, "") != severity:
        raise ValueError("a problem with a code or severity this version does not report")
    if not (type(file) is str and file and type(path) is str and type(message) is str and message):
        raise TypeError("expected text")
    if not (hint is None or type(hint) is str):
        raise TypeError("expected text")
    return Problem(
        file, _position(line), _position(column), path, code, severity, message, hint, _position(end_column)
    )


def _hash(value: Any) -> tuple[Signature, str]:
    if type(value) is not list or len(value) != 2:
        raise TypeError("not a file's hash")
    numbers, digest = value
    if type(numbers) is not list or len(numbers) != 4:
        raise ValueError("not a file signature")
    size, inode, modified, changed = numbers
    if not (type(size) is int and type(inode) is int and type(modified) is int and type(changed) is int):
        raise ValueError("not a file signature")
    if min(size, inode, modified, changed) < 0:
        raise ValueError("not a file signature")
    return (size, inode, modified, changed), _hex(digest)


def _position(value: Any) -> int | None:
    if value is None:
        return None
    if type(value) is not int or value < 1:
        raise ValueError("not a line or column")
    return value


def _problem_json(problem: Problem) -> list[Any]:
    return [
        problem.file, problem.line, problem.column, problem.path, problem.code, problem.severity,
        problem.message, problem.hint, problem.end_column,
    ]  # fmt: skip


def _finding_json(finding: Finding) -> list[Any]:
    return [finding.name, list(finding.path), finding.message, finding.hint, finding.on_key]
