"""Generated documentation: the diagnostics catalogue and the reference data, as Markdown."""

from __future__ import annotations

import json

from pkledger.diagnostics import GROUPS, catalogue

DIAGNOSTICS_INTRO = """# Diagnostics

Every problem `pkledger validate` reports has a stable code, a severity and a short name. Errors
make `validate` exit with 1; warnings do too under `--strict`.

This page is generated from `src/pkledger/diagnostics.yaml` by
`pkledger diagnostics --format markdown`; a test fails when it is out of date.
"""


def render_diagnostics(output_format: str) -> str:
    """The catalogue as text, Markdown or JSON."""
    entries = list(catalogue().values())
    if output_format == "json":
        rows = [
            {
                "code": e.code,
                "name": e.name,
                "group": e.group,
                "severity": e.severity,
                "title": e.title,
                "guidance": e.guidance,
            }
            for e in entries
        ]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if output_format == "markdown":
        return _diagnostics_markdown()
    return "".join(f"{e.code}  {e.severity:<7}  {e.name:<30}  {e.title}\n" for e in entries)


def _diagnostics_markdown() -> str:
    lines = [DIAGNOSTICS_INTRO]
    entries = list(catalogue().values())
    for group, heading in GROUPS.items():
        lines += [f"## {heading}", "", "| code | name | severity | what it means |", "|---|---|---|---|"]
        members = [e for e in entries if e.group == group]
        lines += [
            f"| [{e.code}](#{e.code.lower()}) | `{e.name}` | {e.severity} | {e.title} |" for e in members
        ]
        lines.append("")
        for e in members:
            lines += [f"### {e.code}", "", f"**{e.name}** ({e.severity}): {e.title}.", "", e.guidance, ""]
    return "\n".join(lines)
