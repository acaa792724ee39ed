"""Renderings of `pkledger match`: a rich table, Markdown, JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from pkledger.output.console import console_for
from pkledger.output.escape import dump_json, terminal
from pkledger.output.markdown import escape_markdown, table
from pkledger.output.quantities import Estimates, quantity_text, stated_quantity

if TYPE_CHECKING:
    from pkledger.analysis.match import GapMatch, MatchResult, Supply

UNMATCHED_SHOWN = 100
"""Unmatched pledges listed in the text output; JSON and Markdown list them all."""
PRIORITY_STYLES = {"critical": "bold red", "high": "yellow", "medium": "cyan", "low": "dim"}


def covered_text(item: GapMatch) -> str:
    announced = item.covered_by(firm=False)
    return f"{item.covered} ({announced} announced)" if announced else str(item.covered)


def required_text(item: GapMatch, estimates: Estimates) -> str:
    """What the gap needs, with its measure and qualifier, marked when estimated."""
    return estimates.mark(quantity_text(item.amount), item.gap, "quantity")


def gap_text(item: GapMatch) -> str:
    """The gap's id, with "(reported need)" when no UN document states it."""
    return item.gap.id + (" (reported need)" if item.gap.basis == "reported_need" else "")


def shortfall_text(item: GapMatch) -> str:
    return "-" if item.required is None else str(item.shortfall)


def by_whom(item: GapMatch) -> str:
    return ", ".join(f"{supply.label} x{units}" for supply, units in item.allocations.items())


def offer_text(supply: Supply) -> str:
    """An offer in words: its capability and its quantity (with measure and qualifier)."""
    offer = supply.pledge.offers[supply.offer]
    return f"{offer.capability} {stated_quantity(offer.quantity, offer.capability)}"


def headline(result: MatchResult) -> str:
    unpublished = sum(1 for item in result.gaps if item.required is None)
    full = sum(1 for item in result.gaps if item.required is not None and item.shortfall == 0)
    short = len(result.gaps) - full - unpublished
    unanswered = sum(1 for item in result.gaps if not item.eligible)
    return (
        f"{len(result.gaps)} gaps: {full} fully covered, {short} with a shortfall, "
        + (f"{unpublished} whose quantity is not published, " if unpublished else "")
        + f"{unanswered} that no eligible offer answers"
    )


def render_text(result: MatchResult, stream: TextIO) -> None:
    """A headline, a table of gaps, the pledges left over and the broken declared links."""
    from rich.table import Table
    from rich.text import Text

    console = console_for(stream)
    estimates = Estimates()
    console.print(Text(terminal(headline(result)), style="bold"))
    grid = Table(header_style="bold")
    for name in ("priority", "gap", "mission", "capability", "required", "covered", "shortfall", "by whom"):
        grid.add_column(name, justify="right" if name in {"required", "covered", "shortfall"} else "left")
    for item in result.gaps:
        gap = item.gap
        grid.add_row(
            Text(terminal(gap.priority), style=PRIORITY_STYLES.get(gap.priority, "")),
            Text(terminal(gap_text(item))),
            Text(terminal(gap.mission)),
            Text(terminal(gap.capability)),
            Text(terminal(required_text(item, estimates))),
            Text(terminal(covered_text(item))),
            Text(shortfall_text(item), style="bold red" if item.shortfall else ""),
            Text(terminal(by_whom(item) or "-")),
        )
    console.print(grid)
    for note in estimates.notes():
        console.print(Text(terminal(note)))
    unmatched = result.unmatched
    if unmatched:
        console.print(Text(f"Offers with nothing allocated ({len(unmatched)})", style="bold"))
        lines = [
            terminal(f"  {supply.label}  {offer_text(supply)}  {supply.pledge.title}")
            for supply in unmatched[:UNMATCHED_SHOWN]
        ]
        if len(unmatched) > UNMATCHED_SHOWN:
            lines.append(f"  ... and {len(unmatched) - UNMATCHED_SHOWN} more (--format json lists them all)")
        console.print(Text("\n".join(lines)))
    for warning in result.link_warnings:
        console.print(Text(f"warning: {terminal(warning)}", style="yellow"))


def render_markdown(result: MatchResult, stream: TextIO) -> None:
    """Sections for a report or a pull-request comment: gap coverage, leftovers, broken links."""
    estimates = Estimates()
    rows = [
        [
            escape_markdown(item.gap.priority),
            escape_markdown(gap_text(item)),
            escape_markdown(item.gap.mission),
            escape_markdown(item.gap.capability),
            escape_markdown(required_text(item, estimates)),
            escape_markdown(covered_text(item)),
            shortfall_text(item),
            escape_markdown(by_whom(item)) or "-",
        ]
        for item in result.gaps
    ]
    parts = [f"## Gap coverage\n\n{escape_markdown(headline(result))}.\n"]
    headers = ["priority", "gap", "mission", "capability", "required", "covered", "shortfall", "by whom"]
    parts.append(table(headers, rows))
    if estimates.reasons:
        parts.append("".join(f"- {escape_markdown(note)}\n" for note in estimates.notes()))
    if result.unmatched:
        unmatched = [
            [
                escape_markdown(supply.label),
                escape_markdown(supply.pledge.offers[supply.offer].capability or ""),
                escape_markdown(_offered(supply)),
                escape_markdown(supply.pledge.title),
            ]
            for supply in result.unmatched
        ]
        parts.append("## Offers with nothing allocated\n")
        parts.append(table(["pledge", "capability", "quantity", "title"], unmatched))
    if result.link_warnings:
        parts.append("## Declared links that break a rule\n")
        parts.append("".join(f"- {escape_markdown(warning)}\n" for warning in result.link_warnings))
    stream.write("\n".join(parts))


def _offered(supply: Supply) -> str:
    offer = supply.pledge.offers[supply.offer]
    return stated_quantity(offer.quantity, offer.capability)


def match_json(result: MatchResult) -> dict[str, Any]:
    """The JSON contract of `pkledger match --format json` (docs/match.md)."""
    return {
        "gaps": [
            {
                "id": item.gap.id,
                "basis": item.gap.basis,
                "required": item.required,
                "measure": item.amount.measure if item.amount else None,
                "qualifier": item.amount.qualifier if item.amount else "exact",
                "covered": item.covered,
                "estimated": {estimate.field: estimate.reason for estimate in item.gap.estimated},
                "allocations": [
                    {"pledge": supply.pledge.id, "offer": supply.offer, "quantity": units}
                    for supply, units in item.allocations.items()
                ],
                "candidates": [
                    {
                        "pledge": c.pledge.id,
                        "offer": c.supply.offer,
                        "eligible": c.eligible,
                        "reasons": c.reasons(),
                    }
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
