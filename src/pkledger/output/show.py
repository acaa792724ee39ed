"""Renderings of `pkledger show`: the record and its links as text, or as JSON."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from pkledger.format.kinds import kind_of
from pkledger.output.console import console_for
from pkledger.output.escape import dump_json, terminal
from pkledger.output.quantities import Estimates, money_text, stated_quantity

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from pkledger.analysis.show import RecordView
    from pkledger.format.models import Offer, Record, Source

SECTION_FIELDS = {
    "id",
    "title",
    "history",
    "sources",
    "notes",
    "description",
    "provenance",
    "offers",
    "estimated",
}


def render_text(view: RecordView, stream: TextIO) -> None:
    """The record's fields, history, links, sources, notes and problems."""
    console = console_for(stream)
    record: Any = view.record
    estimates = Estimates()
    _say(console, f"{kind_of(view.kind).label.capitalize()} {record.id}", "bold")
    _say(console, record.title)
    if getattr(record, "description", None):
        _say(console, record.description, "italic")
    console.print(_fields_table(view, estimates))
    _offers(console, record, estimates)
    _history(console, record, estimates)
    for estimate in record.estimated:  # those not shown beside a value above
        estimates.marker(estimate.reason)
    _estimated(console, estimates)
    _links(console, view)
    _sources(console, record.sources, record.provenance)
    if record.notes:
        _say(console, "Notes", "bold")
        _say(console, record.notes)
    if view.problems:
        _say(console, f"Problems ({len(view.problems)})", "bold yellow")
        for problem in view.problems:
            where = f" {problem.path}" if problem.path else ""
            _say(console, f"  {problem.severity} {problem.code}{where}: {problem.message}")


def _fields_table(view: RecordView, estimates: Estimates) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=False, box=None, padding=(0, 2, 0, 2))
    table.add_column(style="cyan", no_wrap=True)
    table.add_column(overflow="fold")
    record = view.record
    data = record.model_dump(mode="json", exclude_defaults=True)
    shown_values = _shown_quantities(record)
    for name, value in data.items():
        if name not in SECTION_FIELDS:
            for label, text in _flatten(name, value):
                shown = estimates.mark(shown_values.get(label, text), record, label)
                table.add_row(Text(terminal(label)), Text(terminal(shown)))
    return table


def _shown_quantities(record: Record) -> dict[str, str]:
    """Quantities and money in words, by field: "2,750 personnel", "up to 6,200,000 CAD"."""
    shown: dict[str, str] = {}
    quantity = getattr(record, "quantity", None)
    if quantity is not None:
        shown["quantity"] = stated_quantity(quantity, getattr(record, "capability", None))
    money = getattr(record, "money", None)
    if money is not None:
        shown["money.amount"] = money_text(money.amount, money.currency, money.qualifier)
    return shown


def _offers(console: Console, record: Any, estimates: Estimates) -> None:
    offers: list[Offer] = getattr(record, "offers", [])
    if not offers:
        return
    _say(console, f"Offers ({len(offers)})", "bold")
    for index, offer in enumerate(offers):
        _say(console, f"  {index + 1}. " + _offer_line(record, index, offer, estimates))


def _offer_line(record: Record, index: int, offer: Offer, estimates: Estimates) -> str:
    path = f"offers[{index}]"
    what = estimates.mark(offer.capability or "no capability named", record, f"{path}.capability")
    parts = [what]
    if offer.quantity is not None or offer.capability:
        amount = stated_quantity(offer.quantity, offer.capability)
        parts[0] += ": " + estimates.mark(amount, record, f"{path}.quantity")
    if offer.personnel is not None:
        parts.append(f"personnel {offer.personnel.total:,} ({offer.personnel.women:,} women)")
    if offer.pcrs_level:
        parts.append(f"PCRS {offer.pcrs_level}")
    if offer.deployable_within_days is not None:
        parts.append(f"deployable within {offer.deployable_within_days} days")
    if offer.missions:
        parts.append("missions " + ", ".join(offer.missions))
    if offer.languages:
        parts.append("languages " + ", ".join(offer.languages))
    if offer.note:
        parts.append(f'"{offer.note}"')
    return "; ".join(parts)


def _flatten(name: str, value: Any) -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _flatten(f"{name}.{key}", item)]
    if isinstance(value, list):
        return [(name, ", ".join(_inline(item) for item in value))]
    return [(name, str(value))]


def _inline(item: Any) -> str:
    if isinstance(item, dict) and "actor" in item:
        return f"{item['actor']} ({item['role']})"
    if isinstance(item, dict):
        return "; ".join(f"{key}: {value}" for key, value in item.items())
    return str(item)


def _history(console: Console, record: Any, estimates: Estimates) -> None:
    history = getattr(record, "history", [])
    if not history:
        return
    _say(console, "History", "bold")
    for index, event in enumerate(history):
        on = estimates.mark(str(event.on), record, f"history[{index}].on")
        status = estimates.mark(event.status, record, f"history[{index}].status")
        line = f"  {on:<10}  {status:<20} {event.note or ''}".rstrip()
        _say(console, line)


def _estimated(console: Console, estimates: Estimates) -> None:
    if estimates.reasons:
        _say(console, "Estimated values (the analyst's reading)", "bold")
        for note in estimates.notes():
            _say(console, f"  {note}")


def _links(console: Console, view: RecordView) -> None:
    groups = [
        (
            "Answers gaps",
            [
                f"{g.id}: {g.capability}, {stated_quantity(g.quantity, g.capability)}, "
                f"{g.mission}, {g.priority}"
                for g in view.answers
            ],
        ),
        ("Answered by pledges", [f"{p.id}: {p.member_state}, {p.title}" for p in view.answered_by]),
        (
            "Preparatory conferences and side events",
            [f"{c.id}: {c.start_date}, {c.title}" for c in view.children],
        ),
        ("Pledges made here", [f"{p.id}: {p.member_state}, {p.category}, {p.status}" for p in view.pledges]),
    ]
    for heading, lines in groups:
        if lines:
            _say(console, f"{heading} ({len(lines)})", "bold")
            for line in lines:
                _say(console, f"  - {line}")


def _sources(console: Console, sources: list[Source], provenance: str) -> None:
    label = (
        "Sources" if provenance == "sourced" else "Sources (ILLUSTRATIVE data: stands for no real commitment)"
    )
    _say(console, label, "bold")
    for number, source in enumerate(sources, start=1):
        details = ", ".join(str(part) for part in (source.publisher, source.date) if part)
        line = f"  {number}. {source.title}" + (f" ({details})" if details else "")
        _say(console, line)
        if source.url:
            _say(console, f"     {source.url}")


def _say(console: Console, line: str, style: str = "") -> None:
    """Print text as it is (never read as rich markup), its hidden characters shown as escapes."""
    from rich.text import Text

    console.print(Text(terminal(line, lines=True), style=style))


def render_json(view: RecordView, stream: TextIO) -> None:
    """The record, the ids it links to, and its problems' messages, as JSON."""
    document = {
        "kind": view.kind,
        "record": view.record.model_dump(mode="json", exclude_defaults=True),
        "answers": [gap.id for gap in view.answers],
        "answered_by": [pledge.id for pledge in view.answered_by],
        "pledges": [pledge.id for pledge in view.pledges],
        "children": [child.id for child in view.children],
        "problems": [problem.message for problem in view.problems],
    }
    dump_json(document, stream)


RENDERERS: dict[str, Callable[[RecordView, TextIO], None]] = {"text": render_text, "json": render_json}
