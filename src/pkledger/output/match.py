"""Renderings of `pkledger match`: a rich table, Markdown, JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TextIO

from pkledger.output.console import console_for
from pkledger.output.escape import dump_json, terminal
from pkledger.output.markdown import escape_markdown, table
from pkledger.output.quantities import Estimates, quantity_text, stated_quantity

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from pkledger.analysis.match import GapMatch, MatchResult, Supply


class Renderer(Protocol):
    def __call__(self, result: MatchResult, stream: TextIO, *, wide: bool = ...) -> None: ...


UNMATCHED_SHOWN = 100
"""Unmatched pledges listed in the text output; JSON and Markdown list them all."""
PRIORITY_STYLES = {"critical": "bold red", "high": "yellow", "medium": "cyan", "low": "dim"}


def covered_text(item: GapMatch) -> str:
    announced = item.covered_by(firm=False)
    return f"{item.covered:,} ({announced:,} announced)" if announced else f"{item.covered:,}"


def required_text(item: GapMatch, estimates: Estimates) -> str:
    """What the gap needs, with its measure and qualifier, marked when estimated."""
    return estimates.mark(quantity_text(item.amount), item.gap, "quantity")


def gap_text(item: GapMatch) -> str:
    """The gap's id, with "(reported need)" when no UN document states it."""
    return item.gap.id + (" (reported need)" if item.gap.basis == "reported_need" else "")


def shortfall_text(item: GapMatch) -> str:
    return "-" if item.required is None else f"{item.shortfall:,}"


def by_whom(item: GapMatch) -> str:
    return ", ".join(f"{supply.label} x{units:,}" for supply, units in item.allocations.items())


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
        f"As of {result.as_of}: {len(result.gaps)} {'gap' if len(result.gaps) == 1 else 'gaps'} taking units: "
        f"{full} fully covered, "
        f"{short} with a shortfall, "
        + (f"{unpublished} whose quantity is not published, " if unpublished else "")
        + f"{unanswered} that no eligible offer answers"
    )


def before_text(item: GapMatch) -> str:
    return "" if item.covered_before is None else f"{item.covered_before:,}"


def added_text(item: GapMatch) -> str:
    """What the conference added to a gap's coverage: the difference between its two dates."""
    if item.covered_before is None:
        return ""
    added = item.covered - item.covered_before
    return f"+{added:,}" if added > 0 else f"{added:,}"


def _columns(result: MatchResult) -> list[str]:
    names = ["priority", "gap", "mission", "capability", "required", "covered"]
    if result.before is not None:
        names += ["before", "added"]
    return [*names, "shortfall", "by whom"]


def _cells(item: GapMatch, estimates: Estimates) -> dict[str, str]:
    gap = item.gap
    return {
        "priority": gap.priority,
        "gap": gap_text(item),
        "mission": gap.mission,
        "capability": gap.capability,
        "required": required_text(item, estimates),
        "covered": covered_text(item) + ("~" if item.approximate else ""),
        "before": before_text(item),
        "added": added_text(item),
        "shortfall": shortfall_text(item),
        "by whom": by_whom(item) or "-",
    }


NUMERIC = {"covered", "before", "added", "shortfall"}


def render_text(result: MatchResult, stream: TextIO, *, wide: bool = False) -> None:
    """A headline, the gaps with their coverage, the gaps taking no units, the offers left over and
    the broken declared links. Ids are never cut: the default layout gives each gap a line of its
    own and wraps the figures below it (80 columns are enough); ``wide`` is one table row per gap."""
    from rich.text import Text

    console = console_for(stream, wrap=True)
    estimates = Estimates()
    console.print(Text(terminal(headline(result)), style="bold"))
    if result.before is not None:
        console.print(Text(f"before: coverage on {result.before}, the day before the conference opened"))
    if wide:
        console.width = max(console.width, WIDE)
        console.print(_wide_table(result, estimates))
    else:
        for item in result.gaps:
            _print_gap(console, item, _cells(item, estimates))
    for note in estimates.notes():
        console.print(Text(terminal(note)))
    if any(item.approximate for item in result.gaps):
        console.print(Text("~ approximate: a quantity is qualified (at least, up to, about) or converted"))
    _text_sections(result, console)


WIDE = 240
"""The width of `--wide` text: every column, whatever the terminal."""


def _print_gap(console: Console, item: GapMatch, cells: dict[str, str]) -> None:
    from rich.text import Text

    title = Text(terminal(cells["priority"]), style=PRIORITY_STYLES.get(item.gap.priority, ""))
    title.append(" " + terminal(cells["gap"]), style="bold")
    console.print(title)
    figures = [f"required {cells['required']}", f"covered {cells['covered']}"]
    if item.covered_before is not None:
        figures += [f"before {cells['before']}", f"added {cells['added']}"]
    figures.append(f"shortfall {cells['shortfall']}")
    console.print(Text("    " + terminal(", ".join(figures))))
    if item.allocations:
        console.print(Text("    by " + terminal(cells["by whom"])))


def _wide_table(result: MatchResult, estimates: Estimates) -> Table:
    from rich.table import Table
    from rich.text import Text

    grid = Table(header_style="bold")
    names = _columns(result)
    for name in names:
        # Every column keeps its whole values but the list of pledges, which wraps within the width.
        grid.add_column(name, justify="right" if name in NUMERIC else "left", no_wrap=name != "by whom")
    for item in result.gaps:
        cells = _cells(item, estimates)
        row = [Text(terminal(cells[name])) for name in names]
        row[0].stylize(PRIORITY_STYLES.get(item.gap.priority, ""))
        grid.add_row(*row)
    return grid


def _text_sections(result: MatchResult, console: Console) -> None:
    from rich.text import Text

    if result.excluded:
        console.print(Text(f"Gaps taking no units on {result.as_of} ({len(result.excluded)})", style="bold"))
        for excluded in result.excluded:
            console.print(Text(terminal(f"  {excluded.gap.id}: {excluded.reason}")))
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


def render_markdown(result: MatchResult, stream: TextIO, *, wide: bool = True) -> None:
    """Sections for a report or a pull-request comment: gap coverage, leftovers, broken links."""
    estimates = Estimates()
    headers = _columns(result)
    rows = [[escape_markdown(_cells(item, estimates)[name]) for name in headers] for item in result.gaps]
    parts = [f"## Gap coverage\n\n{escape_markdown(headline(result))}.\n"]
    if result.before is not None:
        parts.append(f"*before*: coverage on {result.before}, the day before the conference opened.\n")
    parts.append(table(headers, rows))
    if estimates.reasons:
        parts.append("".join(f"- {escape_markdown(note)}\n" for note in estimates.notes()))
    if result.excluded:
        parts.append(f"## Gaps taking no units on {result.as_of}\n")
        parts.append(
            "".join(
                f"- {escape_markdown(item.gap.id)}: {escape_markdown(item.reason)}\n"
                for item in result.excluded
            )
        )
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
    """The JSON contract of `pkledger match --format json`, version 2 (docs/match.md)."""
    return {
        "as_of": result.as_of.isoformat(),
        "gaps": [
            {
                "id": item.gap.id,
                "measure": item.amount.measure if item.amount else None,
                "required": item.required,
                "covered": item.covered,
                "covered_before": item.covered_before,
                "approximate": item.approximate,
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
        "excluded_gaps": [{"id": item.gap.id, "reason": item.reason} for item in result.excluded],
        "unmatched_pledges": [pledge.id for pledge in result.unmatched_pledges],
    }


def render_json(result: MatchResult, stream: TextIO, *, wide: bool = False) -> None:
    dump_json(match_json(result), stream)


RENDERERS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
}
