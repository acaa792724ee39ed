"""`pkledger diagnostics`: the catalogue as text, Markdown (docs/diagnostics.md) or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pkledger.format.catalogue import Diagnostic

Catalogue = Mapping[str, "Diagnostic"]

DIAGNOSTICS_INTRO = """# Diagnostics

Every problem `pkledger validate` reports has a stable code, a severity and a short name. Errors
make `validate` exit with 1; warnings do too under `--strict`.

Settings (`severity` and `ignore`, see the README) may change or silence warnings and the errors
marked *optional* here; no setting can silence the other errors, which make a record unreadable or
invalid.

This page is generated from `src/pkledger/format/diagnostics.yaml` by
`pkledger diagnostics --format markdown`; a test fails when it is out of date.
"""


def render_json(catalogue: Catalogue, stream: TextIO) -> None:
    """Every diagnostic's fields, as JSON."""
    rows = [
        {
            "code": e.code,
            "name": e.name,
            "group": e.group,
            "severity": e.severity,
            "optional": e.optional,
            "title": e.title,
            "guidance": e.guidance,
        }
        for e in catalogue.values()
    ]
    stream.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")


def render_text(catalogue: Catalogue, stream: TextIO) -> None:
    """One line per diagnostic: code, severity, name and title."""
    stream.writelines(f"{e.code}  {e.severity:<7}  {e.name:<30}  {e.title}\n" for e in catalogue.values())


def render_markdown(catalogue: Catalogue, stream: TextIO) -> None:
    """The page docs/diagnostics.md: a table per group, then a section per diagnostic."""
    from pkledger.format.catalogue import GROUPS

    lines = [DIAGNOSTICS_INTRO]
    entries = list(catalogue.values())
    for group, heading in GROUPS.items():
        lines += [f"## {heading}", "", "| code | name | severity | what it means |", "|---|---|---|---|"]
        members = [e for e in entries if e.group == group]
        lines += [
            f"| [{e.code}](#{e.code.lower()}) | `{e.name}` | {_severity(e)} | {e.title} |" for e in members
        ]
        lines.append("")
        for e in members:
            lines += [f"### {e.code}", "", f"**{e.name}** ({_severity(e)}): {e.title}.", "", e.guidance, ""]
    stream.write("\n".join(lines))


def _severity(diagnostic: Diagnostic) -> str:
    return f"{diagnostic.severity}, optional" if diagnostic.optional else diagnostic.severity


RENDERERS: dict[str, Callable[[Catalogue, TextIO], None]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}
