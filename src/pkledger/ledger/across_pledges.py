"""An edit to pledges only, checked without opening the whole ledger.

The rules across files (pkledger.format.rules.ledger) read, of the other files, when they check a
pledge: the conferences and the gaps (their records and declared ids), and every file's declared
id (duplicates). What they find in a conference or a gap reads no pledge. So when every file that
changed since the cached state is a pledge of the ledger (none added, removed or left out by the
ignore patterns), and each still declares the id it declared, the other files' problems are those
kept; each changed pledge is checked against the conferences and gaps only (their models restored
from the cache's outcomes: a tenth of the files), and its duplicate ids are those kept (no id
changed). Anything else returns None, and the caller opens the whole ledger.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from pkledger.format.kinds import FOLDERS
from pkledger.format.rules.ledger import check_ledger
from pkledger.format.rules.pointed_at import POINTED_AT
from pkledger.ledger.across import across_key, changed_files, input_of, own_findings, problems_of_entry
from pkledger.ledger.cache_file import Across, CacheDocument
from pkledger.ledger.entry import Entry, LedgerFile, Outcome
from pkledger.ledger.parallel import read_entries
from pkledger.ledger.snapshot import Snapshot
from pkledger.problems import Finding, Problem

PLEDGES = "pledges"
"""pledges/: the only folder whose files this path checks alone."""
READ_BY_PLEDGE_RULES = frozenset(FOLDERS) - {PLEDGES}
"""conferences/ and gaps/: what the rules across files read of other files when they check a pledge."""


def narrowed_problems(
    document: CacheDocument,
    taken: Snapshot,
    ignores: Callable[[Path], bool],
    ignore: tuple[str, ...],
    fresh: dict[str, Outcome],
    known: Callable[[Collection[str]], Mapping[str, Outcome]],
) -> tuple[list[Problem], Across] | None:
    """The problems of the ledger when only pledges changed and no declared id did; else None.
    ``fresh`` holds what reading the changed files produced, and takes what is read here;
    ``known`` gives the cached outcomes of the unchanged files named (only theirs are checked)."""
    kept = document.across()
    if kept is None or not kept.ids:
        return None
    names = taken.keys()
    if set(names) != set(kept.inputs) or across_key(names, kept.inputs, ignore) != kept.key:
        return None  # a file added or removed, other settings, another working folder
    changed = _changed_pledges(document, taken, kept, ignores)
    if changed is None:
        return None
    pledges = read_entries(changed, taken.contents, POINTED_AT, known=fresh, fresh=fresh)
    if any(entry.declared_id != kept.ids[entry.file.key] for entry in pledges):
        return None
    read_by_rules = [
        file for file in taken.files if file.kind in READ_BY_PLEDGE_RULES and file.key in kept.ids
    ]
    outcomes = known([file.key for file in read_by_rules])
    context = read_entries(read_by_rules, taken.contents, POINTED_AT, known=outcomes, fresh=fresh)
    found = _found_in_pledges(context, pledges, kept)
    shown = {entry.display for entry in pledges}
    problems = [problem for problem in document.problems if problem.file not in shown]
    for entry in pledges:
        problems += problems_of_entry(entry, found.get(entry.file.key, ()), ignored=False)
    inputs = {**kept.inputs, **{entry.file.key: input_of(entry) for entry in pledges}}
    found = {**{key: items for key, items in kept.found.items() if key not in found}, **found}
    found = {key: items for key, items in found.items() if items}
    across = Across(inputs, across_key(names, inputs, ignore), found, own_findings(kept, fresh), kept.ids)
    return sorted(problems, key=Problem.sort_key), across


def _changed_pledges(
    document: CacheDocument, taken: Snapshot, kept: Across, ignores: Callable[[Path], bool]
) -> list[LedgerFile] | None:
    """The files changed since the cached state, when they are all pledges of the ledger."""
    changed = changed_files(document, taken)
    if not changed:
        return None
    for file in changed:
        if file.kind != PLEDGES or not file.is_record or file.refused or file.key not in kept.ids:
            return None
        if ignores(file.path):
            return None
    return changed


def _found_in_pledges(
    context: list[Entry], pledges: list[Entry], kept: Across
) -> dict[str, tuple[Finding, ...]]:
    """What the rules across files find in each changed pledge (by file key), in the order they
    run: its file name, its duplicate ids (those kept: no id changed), then its references."""
    by_index: dict[int, list[Finding]] = defaultdict(list)
    for index, finding in check_ledger([*context, *pledges]):
        by_index[index].append(finding)
    found: dict[str, tuple[Finding, ...]] = {}
    for offset, entry in enumerate(pledges):
        new = by_index.get(len(context) + offset, [])
        duplicates = [
            finding for finding in kept.found.get(entry.file.key, ()) if finding.name == "duplicate-id"
        ]
        named = [finding for finding in new if finding.name == "id-not-file-name"]
        rest = [finding for finding in new if finding.name not in ("id-not-file-name", "duplicate-id")]
        found[entry.file.key] = (*named, *duplicates, *rest)
    return found
