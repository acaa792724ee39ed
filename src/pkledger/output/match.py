"""Renderings of `pkledger match`: a rich table, Markdown, JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from pkledger.output.console import console_for
from pkledger.output.escape import dump_json, terminal
from pkledger.output.markdown import escape_markdown, table

if TYPE_CHECKING:
    from pkledger.analysis.match import GapMatch, MatchResult

UNMATCHED_SHOWN = 100
"""Unmatched pledges listed in the text output; JSON and Markdown list them all."""
PRIORITY_STYLES = {"critical": "bold red", "high": "yellow", "medium": "cyan", "low": "dim"}


def covered_text(item: GapMatch) -> str:
    announced = item.covered_by(firm=False)
    return f"{item.covered} ({announced} announced)" if announced else str(item.covered)


def by_whom(item: GapMatch) -> str:
    return ", ".join(f"{pledge} x{units}" for pledge, units in item.allocations.items())


def headline(result: MatchResult) -> str:
    full = sum(1 for item in result.gaps if item.shortfall == 0)
    unanswered = sum(1 for item in result.gaps if not item.eligible)
    return (
        f"{len(result.gaps)} gaps: {full} fully covered, {len(result.gaps) - full} with a shortfall, "
        f"{unanswered} that no eligible pledge answers"
    )


def render_text(result: MatchResult, stream: TextIO) -> None:
    """A headline, a table of gaps, the pledges left over and the broken declared links."""
    from rich.table import Table
    from rich.text import Text

    console = console_for(stream)
    console.print(Text(terminal(headline(result)), style="bold"))
    grid = Table(header_style="bold")
    for name in ("priority", "gap", "mission", "capability", "required", "covered", "shortfall", "by whom"):
        grid.add_column(name, justify="right" if name in {"required", "covered", "shortfall"} else "left")
    for item in result.gaps:
        gap = item.gap
        grid.add_row(
            Text(terminal(gap.priority), style=PRIORITY_STYLES.get(gap.priority, "")),
            Text(terminal(gap.id)),
            Text(terminal(gap.mission)),
            Text(terminal(gap.capability)),
            str(item.required),
            Text(terminal(covered_text(item))),
            Text(str(item.shortfall), style="bold red" if item.shortfall else ""),
            Text(terminal(by_whom(item) or "-")),
        )
    console.print(grid)
    unmatched = result.unmatched_pledges
    if unmatched:
        console.print(Text(f"Pledges with no unit allocated ({len(unmatched)})", style="bold"))
        lines = [
            terminal(f"  {p.id}  {p.capability} x{p.quantity or 1}  {p.title}")
            for p in unmatched[:UNMATCHED_SHOWN]
        ]
        if len(unmatched) > UNMATCHED_SHOWN:
            lines.append(f"  ... and {len(unmatched) - UNMATCHED_SHOWN} more (--format json lists them all)")
        console.print(Text("\n".join(lines)))
    for warning in result.link_warnings:
        console.print(Text(f"warning: {terminal(warning)}", style="yellow"))


def render_markdown(result: MatchResult, stream: TextIO) -> None:
    """Sections for a report or a pull-request comment: gap coverage, leftovers, broken links."""
    rows = [
        [
            escape_markdown(item.gap.priority),
            escape_markdown(item.gap.id),
            escape_markdown(item.gap.mission),
            escape_markdown(item.gap.capability),
            str(item.required),
            escape_markdown(covered_text(item)),
            str(item.shortfall),
            escape_markdown(by_whom(item)) or "-",
        ]
        for item in result.gaps
    ]
    parts = [f"## Gap coverage\n\n{escape_markdown(headline(result))}.\n"]
    headers = ["priority", "gap", "mission", "capability", "required", "covered", "shortfall", "by whom"]
    parts.append(table(headers, rows))
    if result.unmatched_pledges:
        unmatched = [
            [
                escape_markdown(p.id),
                escape_markdown(p.capability or ""),
                str(p.quantity or 1),
                escape_markdown(p.title),
            ]
            for p in result.unmatched_pledges
        ]
        parts.append("## Pledges with no unit allocated\n")
        parts.append(table(["pledge", "capability", "quantity", "title"], unmatched))
    if result.link_warnings:
        parts.append("## Declared links that break a rule\n")
        parts.append("".join(f"- {escape_markdown(warning)}\n" for warning in result.link_warnings))
    stream.write("\n".join(parts))


def match_json(result: MatchResult) -> dict[str, Any]:
    """The JSON contract of `pkledger match --format json` (docs/match.md)."""
    return {
        "gaps": [
            {
                "id": item.gap.id,
                "required": item.required,
                "covered": item.covered,
                "allocations": [{"pledge": p, "quantity": q} for p, q in item.allocations.items()],
                "candidates": [
                    {"pledge": c.pledge.id, "eligible": c.eligible, "reasons": c.reasons()}
                    for c in item.candidates
                ],
            }
            for item in result.gaps
        ],
        "unmatched_pledges": [pledge.id for pledge in result.unmatched_pledges],
    }


def render_json(result: MatchResult, stream: TextIO) -> None:
    dump_json(match_json(result), stream)


RENDERERS: dict[str, Callable[[MatchResult, TextIO], None]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
}
