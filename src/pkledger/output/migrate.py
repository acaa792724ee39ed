"""Rendering of `pkledger migrate`: the files that change (or would), what changes in each, and
the files left as they are."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pkledger.analysis.migrate import MigrationPlan


def render_text(plan: MigrationPlan, stream: TextIO, *, check: bool) -> None:
    """One line per changed file and one indented line per change; then the files left as they are."""
    changed = plan.changed
    verb = "would change" if check else "changed"
    for file in changed:
        stream.write(f"{file.display}: {verb}\n")
        stream.writelines(f"  - {change}\n" for change in file.changes)
    for file in plan.skipped:
        stream.write(f"{file.display}: left as it is: {file.skipped}\n")
    if not changed:
        stream.write(f"{plan.root.as_posix()}: already in format 2; nothing to change\n")
    else:
        stream.write(f"{len(changed)} file(s) {verb}\n")
