"""The rules across files, remembered: after an edit that leaves what they read unchanged, their
findings are taken from the cache instead of found again.

The rules across files read, of each file, its record (or, for an invalid one, its data) and its
name. A file's *input* is a fingerprint of exactly that: its data and whether it is a valid
record (the record follows from both). The cache keeps, with a ledger state's problems, every
file's input, the key of them all (``across_key``: the tool, the working folder, the ignore
patterns, every file's name and input) and what the rules found in each file, before it is
placed. When files change, only they are read again; if the key over their new inputs and the
others' kept inputs is the key kept, the rules would find the same again, so the problems of the
unchanged files are the ones kept, and the changed files get their own findings and the kept
findings across files, placed anew (an edit can move them). No model is built for an unchanged
file, and no rule across files runs.

Otherwise (an edit changed what the rules read, or nothing was kept) the caller opens the whole
ledger from the files' outcomes (pkledger.ledger.cache_outcomes), handing it what was read here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from pkledger.format.catalogue import adjustable, is_error
from pkledger.format.rules.pointed_at import POINTED_AT
from pkledger.ledger.cache import tool_key
from pkledger.ledger.cache_file import Across, CacheDocument
from pkledger.ledger.entry import Entry, Ledger, LedgerFile, Outcome
from pkledger.ledger.parallel import read_entries
from pkledger.ledger.snapshot import Snapshot
from pkledger.problems import Finding, Problem
from pkledger.yaml.loader import parse_bytes

_DECIMAL = "\ud800"
"""The key of a decimal's mapping in a fingerprint: no ledger file can hold it (libyaml refuses
lone surrogates), so no mapping of a ledger passes for a decimal (as in cache_outcomes)."""


def fingerprint(data: dict[str, Any] | None, valid: bool) -> str:
    """What the rules across files read of one file; "" when it has no fingerprint (never reused)."""
    try:
        text = json.dumps([valid, data], separators=(",", ":"), default=_encoded)
    except (TypeError, ValueError, RecursionError):
        return ""
    return hashlib.blake2b(text.encode("ascii"), digest_size=20).hexdigest()


def across_key(names: Iterable[str], inputs: Mapping[str, str], ignore: tuple[str, ...]) -> str:
    """The key of what the rules across files read in a whole ledger; "" when a file has no input."""
    lines = [tool_key(), str(Path.cwd()), json.dumps(ignore)]
    for name in sorted(names):
        input_ = inputs.get(name, "")
        if not input_:
            return ""
        lines.append(f"{name}\t{input_}")
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def across_of(
    ledger: Ledger,
    names: Iterable[str],
    found: dict[str, tuple[Finding, ...]],
    ignore: tuple[str, ...],
    outcomes: Mapping[str, Outcome],
) -> Across:
    """What the rules across files read and found in a ledger just opened (``found`` by file key),
    and what each file's data gave (from ``outcomes``, what reading each file produced)."""
    inputs = {entry.file.key: input_of(entry) for entry in (*ledger.entries, *ledger.ignored)}
    own = {key: data for key, outcome in outcomes.items() if (data := outcome.of_data()) is not None}
    ids = {entry.file.key: entry.declared_id for entry in ledger.entries}
    return Across(inputs, across_key(names, inputs, ignore), found, own, ids)


def reused_problems(
    document: CacheDocument,
    taken: Snapshot,
    ignores: Callable[[Path], bool],
    ignore: tuple[str, ...],
    fresh: dict[str, Outcome],
) -> tuple[list[Problem], Across] | None:
    """The problems of the ledger when the files that changed since the cached state left what the
    rules across files read unchanged; else None. The outcome of each file read goes to ``fresh``."""
    kept_across = document.across()
    if kept_across is None:
        return None
    changed = changed_files(document, taken)
    entries, inputs = _read_changed(changed, taken.contents, kept_across, fresh)
    inputs = {**kept_across.inputs, **inputs}
    key = across_key(taken.keys(), inputs, ignore)
    if key != kept_across.key:
        return None
    shown = {entry.display for entry in entries}
    problems = [problem for problem in document.problems if problem.file not in shown]
    for entry in entries:
        problems += problems_of_entry(
            entry, kept_across.found.get(entry.file.key, ()), ignored=ignores(entry.path)
        )
    across = Across(inputs, key, kept_across.found, own_findings(kept_across, fresh), kept_across.ids)
    return sorted(problems, key=Problem.sort_key), across


def changed_files(document: CacheDocument, taken: Snapshot) -> list[LedgerFile]:
    """The files whose content hash is not the one the cached state had (or that have none)."""
    kept = {name: digest for name, (_, digest) in document.hashes.items()}
    return [
        file
        for file in taken.files
        if (digest := taken.digests.get(file.key)) is None or kept.get(file.key) != digest
    ]


def _read_changed(
    changed: list[LedgerFile], contents: Mapping[str, bytes], kept: Across, fresh: dict[str, Outcome]
) -> tuple[list[Entry], dict[str, str]]:
    """The entries of the files that changed, and their inputs. A file whose data is what it was
    (a comment, quoting, layout changed) is parsed but not validated: its findings are those of
    the new parse and those its data gave before, placed anew; no record model is built, so no
    model is imported for it. The others are read in full."""
    entries: dict[str, Entry] = {}
    inputs: dict[str, str] = {}
    for file in changed:
        same = _same_data(file, contents.get(file.key), kept)
        if same is not None:
            entry, inputs[file.key], fresh[file.key] = same
            entries[file.key] = entry
    unread = [file for file in changed if file.key not in entries]
    for entry in read_entries(unread, contents, POINTED_AT, fresh=fresh):
        entries[entry.file.key], inputs[entry.file.key] = entry, input_of(entry)
    return [entries[file.key] for file in changed], inputs


def _same_data(file: LedgerFile, content: bytes | None, kept: Across) -> tuple[Entry, str, Outcome] | None:
    """The entry, input and outcome of a changed file whose data is the data it had, else None."""
    own, before = kept.own.get(file.key), kept.inputs.get(file.key, "")
    if own is None or not before or content is None or not file.is_record or file.refused:
        return None
    loaded = parse_bytes(content)
    document = loaded.document
    if document is None or any(is_error(finding) for finding in loaded.findings):
        return None
    valid = next((flag for flag in (True, False) if fingerprint(document.data, flag) == before), None)
    if valid is None:
        return None
    findings = tuple(document.place(finding) for finding in (*loaded.findings, *own))
    entry = Entry(file, document.keeping(POINTED_AT), None, findings, len(loaded.findings))
    outcome = Outcome(
        document.data, entry.document.values if entry.document else {}, findings, valid, entry.parsed
    )
    return entry, before, outcome


def own_findings(kept: Across, fresh: Mapping[str, Outcome]) -> dict[str, tuple[Finding, ...]]:
    """What each file's data gave, with the files just read in place of what they gave before."""
    own = dict(kept.own)
    for name, outcome in fresh.items():
        data = outcome.of_data()
        if data is None:
            own.pop(name, None)
        else:
            own[name] = data
    return own


def problems_of_entry(entry: Entry, found: tuple[Finding, ...], *, ignored: bool) -> list[Problem]:
    """An entry's problems as the ledger reports them (pkledger.ledger.entry.Ledger.reported)."""
    if ignored:  # left out of the ledger: no rule across files, and only what no setting silences
        return [problem for problem in entry.problems() if not adjustable(problem.code)]
    return list(entry.with_findings(found).problems() if found else entry.problems())


def input_of(entry: Entry) -> str:
    return fingerprint(entry.data, entry.record is not None)


def _encoded(value: object) -> dict[str, str]:
    if type(value) is Decimal:
        return {_DECIMAL: str(value)}
    raise TypeError(f"not a value the loader makes: {type(value).__name__}")
