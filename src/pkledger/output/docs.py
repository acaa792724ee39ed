"""Generated documentation: the diagnostics catalogue and the reference data, as Markdown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pkledger.format.catalogue import GROUPS, catalogue

DIAGNOSTICS_INTRO = """# Diagnostics

Every problem `pkledger validate` reports has a stable code, a severity and a short name. Errors
make `validate` exit with 1; warnings do too under `--strict`.

This page is generated from `src/pkledger/format/diagnostics.yaml` by
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


REFERENCE_INTRO = """# Reference data

The codes a ledger file may use, generated from the YAML files in `src/pkledger/format/reference/` by
`pkledger reference --format markdown`; a test fails when this page is out of date. Each file
there names its sources.
"""


def render_reference_markdown() -> str:
    """The reference data as one Markdown page."""
    from pkledger.format.iso import state_name
    from pkledger.format.reference import reference

    ref = reference()
    lines = [REFERENCE_INTRO]
    lines += ["## Missions", "", "| code | name | established | closed |", "|---|---|---|---|"]
    for mission in sorted(ref.missions.values(), key=lambda m: (m.closed is not None, m.code)):
        closed = str(mission.closed) if mission.closed else "active"
        lines.append(f"| `{mission.code}` | {mission.name} | {mission.established} | {closed} |")
    lines += ["", "`ANY` stands for any mission (a gap that is not tied to one mission).", ""]
    lines += ["## Capabilities", "", "| code | label | component | counted in | also provides |"]
    lines.append("|---|---|---|---|---|")
    for cap in ref.capabilities.values():
        others = ", ".join(f"`{code}`" for code in sorted(cap.provides - {cap.code})) or "-"
        counted = "units" if cap.kind == "unit" else "individuals"
        lines.append(f"| `{cap.code}` | {cap.label} | {cap.component} | {counted} | {others} |")
    lines += ["", "## A4P commitment areas", "", "| code | area |", "|---|---|"]
    lines += [f"| `{code}` | {label} |" for code, label in ref.a4p.items()]
    lines += ["", "## A4P+ priorities and cross-cutting themes", "", "| code | priority |", "|---|---|"]
    lines += [f"| `{code}` | {label} |" for code, label in ref.a4p_plus.items()]
    lines += ["", "## Gender parity targets", "", "Share of women by category and year; `*` marks a"]
    lines += ["provisional value (interpolated, not read off a source).", ""]
    years = sorted({year for targets in ref.gender_targets.values() for year in targets})
    lines += ["| category | " + " | ".join(map(str, years)) + " |", "|---" * (len(years) + 1) + "|"]
    for category, targets in ref.gender_targets.items():
        cells = [_target_cell(targets.get(year)) for year in years]
        lines.append(f"| {ref.gender_labels[category]} | " + " | ".join(cells) + " |")
    lines += ["", "## Actors", "", "| code | actor |", "|---|---|"]
    lines += [f"| `{code}` | {label} |" for code, label in ref.actors.items()]
    lines += ["", "## States", "", "UN member states and observer states (ISO 3166-1 alpha-3).", ""]
    lines += ["| code | name | status |", "|---|---|---|"]
    for code in sorted(ref.states):
        status = "member" if code in ref.members else "observer"
        lines.append(f"| `{code}` | {state_name(code)} | {status} |")
    return "\n".join(lines) + "\n"


def _target_cell(target: object) -> str:
    from pkledger.format.reference import GenderTarget

    if not isinstance(target, GenderTarget):
        return ""
    return f"{target.share * 100:.1f}%".replace(".0%", "%") + ("*" if target.provisional else "")


FIELDS_START = "<!-- fields:start (generated by `pkledger` from the models; do not edit) -->"
FIELDS_END = "<!-- fields:end -->"


def render_field_reference() -> str:
    """Tables of every record kind's fields, from the JSON Schemas the models export."""
    from pkledger.format.schema import SCHEMA_FILES, record_schema

    sections: dict[str, dict[str, Any]] = {}
    for kind in SCHEMA_FILES:
        schema = record_schema(kind)
        sections[str(schema["title"])] = schema
        for name, definition in schema.get("$defs", {}).items():
            sections.setdefault(name, definition)
    lines = [FIELDS_START, ""]
    for title, schema in sections.items():
        lines += [f"### {title}", "", str(schema.get("description", "")), ""]
        lines += ["| field | type | required | meaning |", "|---|---|---|---|"]
        required = set(schema.get("required", []))
        for name, prop in schema.get("properties", {}).items():
            mark = "yes" if name in required else ""
            lines.append(f"| `{name}` | {_type_text(prop)} | {mark} | {prop.get('description', '')} |")
        lines.append("")
    lines.append(FIELDS_END)
    return "\n".join(lines)


def _type_text(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        name = str(prop["$ref"]).rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        options = [_type_text(option) for option in prop["anyOf"] if option.get("type") != "null"]
        return " or ".join(options)
    if "enum" in prop:
        values = prop["enum"]
        if len(values) > 16:
            return "code (see [reference data](reference-data.md))"
        return " ".join(f"`{value}`" for value in values)
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_type_text(prop.get('items', {}))}"
    if kind == "string" and prop.get("format") == "date":
        return "date `YYYY-MM-DD`"
    if kind == "object":
        return "mapping of text to whole number"
    return {"string": "text", "integer": "whole number", "number": "number", "boolean": "`true`/`false`"}.get(
        str(kind), str(kind)
    )


def with_field_reference(page: str) -> str:
    """The ledger-format page with its generated field tables brought up to date."""
    before, _, rest = page.partition(FIELDS_START)
    _, _, after = rest.partition(FIELDS_END)
    return before + render_field_reference() + after


def generated_pages(docs_folder: Path) -> dict[Path, str]:
    """Every generated documentation page and the content it should have."""
    ledger_format = docs_folder / "ledger-format.md"
    return {
        docs_folder / "diagnostics.md": render_diagnostics("markdown"),
        docs_folder / "reference-data.md": render_reference_markdown(),
        ledger_format: with_field_reference(ledger_format.read_text(encoding="utf-8")),
    }


def write_generated_pages(docs_folder: Path) -> None:
    """Rewrite the generated pages (used by `make docs`)."""
    from pkledger.files import write_atomic

    for path, content in generated_pages(docs_folder).items():
        write_atomic(path, content)
