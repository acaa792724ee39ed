"""The text rendering of `pkledger show`."""

from __future__ import annotations

from typing import Any, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from pkledger.analysis.show import RecordView
from pkledger.format.models import Source
from pkledger.output.console import console_for

SECTION_FIELDS = {"id", "title", "history", "sources", "notes", "description", "provenance"}


def render_show(view: RecordView, stream: TextIO) -> None:
    console = console_for(stream)
    record: Any = view.record
    console.print(Text(f"{view.kind[:-1].capitalize()} {record.id}", style="bold"))
    console.print(Text(record.title))
    if getattr(record, "description", None):
        console.print(Text(record.description, style="italic"))
    console.print(_fields_table(view))
    _history(console, record)
    _links(console, view)
    _sources(console, record.sources, record.provenance)
    if record.notes:
        console.print(Text("Notes", style="bold"))
        console.print(Text(record.notes))
    if view.problems:
        console.print(Text(f"Problems ({len(view.problems)})", style="bold yellow"))
        for problem in view.problems:
            where = f" {problem.path}" if problem.path else ""
            console.print(Text(f"  {problem.severity} {problem.code}{where}: {problem.message}"))


def _fields_table(view: RecordView) -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 2))
    table.add_column(style="cyan", no_wrap=True)
    table.add_column(overflow="fold")
    data = view.record.model_dump(mode="json", exclude_defaults=True)
    for name, value in data.items():
        if name not in SECTION_FIELDS:
            for label, text in _flatten(name, value):
                table.add_row(label, text)
    return table


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


def _history(console: Console, record: Any) -> None:
    history = getattr(record, "history", [])
    if not history:
        return
    console.print(Text("History", style="bold"))
    for event in history:
        line = f"  {event.on}  {event.status:<20} {event.note or ''}".rstrip()
        console.print(Text(line))


def _links(console: Console, view: RecordView) -> None:
    groups = [
        (
            "Answers gaps",
            [f"{g.id}: {g.capability} x{g.quantity}, {g.mission}, {g.priority}" for g in view.answers],
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
            console.print(Text(f"{heading} ({len(lines)})", style="bold"))
            for line in lines:
                console.print(Text(f"  - {line}"))


def _sources(console: Console, sources: list[Source], provenance: str) -> None:
    label = (
        "Sources" if provenance == "sourced" else "Sources (ILLUSTRATIVE data: stands for no real commitment)"
    )
    console.print(Text(label, style="bold"))
    for number, source in enumerate(sources, start=1):
        details = ", ".join(str(part) for part in (source.publisher, source.date) if part)
        line = f"  {number}. {source.title}" + (f" ({details})" if details else "")
        console.print(Text(line))
        if source.url:
            console.print(Text(f"     {source.url}"))
