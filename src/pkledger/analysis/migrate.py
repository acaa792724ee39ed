"""`pkledger migrate`: a version 1 ledger folder rewritten in format 2, file by file.

``plan_migration`` computes the new text of every file that changes, and writes nothing; ``apply``
writes them, each atomically. The rewrite of one file is pkledger.format.migration's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pkledger.files import MAX_FILE_BYTES, display_path, write_atomic
from pkledger.format.kinds import LEDGER_FILE
from pkledger.format.migration import SETTINGS_TEXT, migrate_text
from pkledger.ledger.discovery import discover, require_ledger_root


@dataclass(frozen=True)
class FileMigration:
    """One file: its new text when it changes, what changes, or why it was left as it is."""

    path: Path
    display: str
    text: str | None
    changes: tuple[str, ...] = ()
    skipped: str | None = None
    created: bool = False


@dataclass
class MigrationPlan:
    """What migrating a ledger folder changes."""

    root: Path
    files: list[FileMigration] = field(default_factory=list)

    @property
    def changed(self) -> list[FileMigration]:
        return [file for file in self.files if file.text is not None]

    @property
    def skipped(self) -> list[FileMigration]:
        return [file for file in self.files if file.skipped is not None]


def plan_migration(root: Path) -> MigrationPlan:
    """The new text of each file of the ledger folder that format 2 changes; nothing is written."""
    require_ledger_root(root, "pass --ledger with a folder holding conferences/, pledges/ and gaps/")
    plan = MigrationPlan(root)
    settings = root / LEDGER_FILE
    if not settings.is_file():
        plan.files.append(
            FileMigration(
                settings, display_path(settings), SETTINGS_TEXT, ("created: format 2",), created=True
            )
        )
    for file in discover(root):
        if file.is_record:
            plan.files.append(_migrated(file.path, file.kind, file.display))
    return plan


def _migrated(path: Path, folder: str, shown: str) -> FileMigration:
    if path.is_symlink():
        return FileMigration(path, shown, None, skipped="it is a symbolic link")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return FileMigration(path, shown, None, skipped="it is larger than 1 MiB")
        content = path.read_bytes()
    except OSError as error:
        return FileMigration(path, shown, None, skipped=f"it cannot be read ({error.strerror or error})")
    result = migrate_text(folder, content)
    return FileMigration(path, shown, result.text, tuple(result.changes), result.skipped)


def apply(plan: MigrationPlan) -> None:
    """Write every changed file, each atomically (a new ledger.yaml never replaces one written meanwhile)."""
    for file in plan.changed:
        assert file.text is not None
        write_atomic(file.path, file.text, overwrite=not file.created)
