"""`pkledger reference`: the reference data as one Markdown page (docs/reference-data.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from pkledger.format.reference import Capability, GenderTarget, Reference

REFERENCE_INTRO = """# Reference data

The codes a ledger file may use, generated from the YAML files in `src/pkledger/format/reference/` by
`pkledger reference --format markdown`; a test fails when this page is out of date. Each file
there names its sources.
"""


def render_markdown(ref: Reference, stream: TextIO) -> None:
    """The reference data as one Markdown page."""
    from pkledger.format.iso import state_name

    lines = [REFERENCE_INTRO]
    lines += ["## Missions", "", "| code | name | established | closed |", "|---|---|---|---|"]
    for mission in sorted(ref.missions.values(), key=lambda m: (m.closed is not None, m.code)):
        closed = str(mission.closed) if mission.closed else "active"
        lines.append(f"| `{mission.code}` | {mission.name} | {mission.established} | {closed} |")
    lines += ["", "`ANY` stands for any mission (a gap that is not tied to one mission).", ""]
    lines += ["## Capabilities", "", CAPABILITIES_INTRO, ""]
    lines += ["| code | label | component | default measure | typical size | also provides |"]
    lines.append("|---|---|---|---|---|---|")
    for cap in ref.capabilities.values():
        others = ", ".join(f"`{code}`" for code in sorted(cap.provides - {cap.code})) or "-"
        if not cap.offerable:
            others = "nothing (needs only: no pledge offers it)"
        lines.append(
            f"| `{cap.code}` | {cap.label} | {cap.component} | {cap.measure} | {_size(cap)} | {others} |"
        )
    lines += ["", "Sources of the catalogue (a size names its source by id):", ""]
    for source_id, source in ref.capability_sources.items():
        where = ", ".join(str(part) for part in (source.get("publisher"), source.get("date")) if part)
        said = f" {source['says']}" if source.get("says") else ""
        link = f" <{source['url']}>" if source.get("url") else ""
        lines.append(f"- `{source_id}`: {source['title']} ({where}).{said}{link}")
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
    stream.write("\n".join(lines) + "\n")


CAPABILITIES_INTRO = (
    "A whole-number quantity counts a capability's default measure. A typical size per unit is given "
    "only where a UN manual or statement of unit requirements publishes it (its source is listed "
    "below); without one, no quantity is converted between units and personnel or aircraft."
)


def _size(capability: Capability) -> str:
    size = capability.size
    if size is None:
        return "-"
    parts = [
        f"{count} {measure}"
        for measure, count in (("personnel", size.personnel), ("aircraft", size.aircraft))
        if count
    ]
    about = "about " if size.qualifier == "about" else ""
    return about + " and ".join(parts) + f" (`{size.source}`)"


def _target_cell(target: GenderTarget | None) -> str:
    if target is None:
        return ""
    return f"{target.share * 100:.1f}%".replace(".0%", "%") + ("*" if target.provisional else "")


RENDERERS: dict[str, Callable[[Reference, TextIO], None]] = {"markdown": render_markdown}
