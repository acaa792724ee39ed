"""Opening a ledger: every file read once, then the rules across files applied; the one way to a
checked ledger, for `validate`, every command that reads a ledger, and `new`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from pkledger.files import display_path
from pkledger.format.rules.ledger import check_ledger
from pkledger.format.rules.pointed_at import POINTED_AT
from pkledger.ledger.discovery import discover, require_version_two
from pkledger.ledger.entry import Entry, Ledger, LedgerFile, Outcome
from pkledger.ledger.parallel import read_entries
from pkledger.ledger.reading import read_entry
from pkledger.ledger.snapshot import Snapshot
from pkledger.problems import Finding


def open_ledger(
    root: Path,
    *,
    shown_as: Path | None = None,
    ignore: Callable[[Path], bool] | None = None,
    snapshot: Snapshot | None = None,
    adding: Mapping[Path, str] | None = None,
    links: Mapping[str, str] | None = None,
    known: Mapping[str, Outcome] | None = None,
    fresh: dict[str, Outcome] | None = None,
    across: dict[str, tuple[Finding, ...]] | None = None,
    keep_data: bool = True,
) -> Ledger:
    """Read every file of a ledger folder and apply the rules across files.

    The files are those ``discover`` finds (see there for ``shown_as``), or those of a ``snapshot``
    already taken, whose bytes are not read again. Those ``ignore`` is true for (given their path
    as shown) are left out of the ledger but read on their own (``Ledger.ignored``). ``adding`` checks files that are
    not written yet (their path and text) as part of the ledger; ``links`` names the paths that
    were symbolic links in git (see ``discover``). A version 1 ledger (no ledger.yaml) is refused
    with one error naming `pkledger migrate`. ``known`` and ``fresh`` carry what reading each file
    produced, from and to the cache (see ``read_entries``); ``across``, when given, receives the
    findings of the rules across files by file key, before they are placed (for the cache).
    Without ``keep_data`` valid records keep their models but not their plain data: enough to
    report problems, with less memory.
    """
    files = list(snapshot.files) if snapshot else discover(root, shown_as=shown_as, links=links)
    require_version_two(files, root, shown_as)
    contents = snapshot.contents if snapshot else None
    kept, left_out = _partition(files, root, shown_as, ignore)
    entries = read_entries(kept, contents, keep=POINTED_AT, known=known, fresh=fresh, keep_data=keep_data)
    for path, text in (adding or {}).items():
        added = LedgerFile(path, path.parent.name, display_path(path))
        entries.append(read_entry(added, text.encode("utf-8"), keep=POINTED_AT))
    # The same positions kept as for the ledger's files: a cached outcome serves either way.
    ignored = read_entries(left_out, contents, POINTED_AT, known=known, fresh=fresh) if left_out else []
    return _with_rules_across_files(root, entries, ignored, across)


def _partition(
    files: Sequence[LedgerFile], root: Path, shown_as: Path | None, ignore: Callable[[Path], bool] | None
) -> tuple[list[LedgerFile], list[LedgerFile]]:
    """The files of the ledger, and those the ignore patterns leave out (given their path as shown)."""
    if ignore is None:
        return list(files), []
    kept: list[LedgerFile] = []
    left_out: list[LedgerFile] = []
    for file in files:
        shown = file.path if shown_as is None else shown_as / file.path.relative_to(root)
        (left_out if ignore(shown) else kept).append(file)
    return kept, left_out


def _with_rules_across_files(
    root: Path,
    entries: Sequence[Entry],
    ignored: Sequence[Entry],
    across: dict[str, tuple[Finding, ...]] | None = None,
    keep_data: bool = True,
) -> Ledger:
    """The ledger of the entries, with the findings of the rules across files added (as new entries)."""
    found: dict[int, list[Finding]] = defaultdict(list)
    for index, finding in check_ledger(entries):
        found[index].append(finding)
    if across is not None:
        across.update((entries[index].file.key, tuple(findings)) for index, findings in found.items())
    with_rules = (
        entry.with_findings(found[index]) if index in found else entry for index, entry in enumerate(entries)
    )
    return Ledger(root, tuple(with_rules), tuple(ignored))
