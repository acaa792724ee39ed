"""`pkledger brief --state CODE`: a member state's pack written as Markdown, HTML and PDF, from one
template context."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pkledger import __version__
from pkledger.format.iso import un_name
from pkledger.output.brief import write_pack
from pkledger.output.brief_pdf import html_to_pdf
from pkledger.output.brief_rows import (
    GapRow,
    PledgeRow,
    QualityRow,
    RecordNotes,
    SourceRow,
    estimated_notes,
    gap_row,
    pledge_row,
    quality_rows,
    source_rows,
)
from pkledger.output.quantities import Estimates
from pkledger.output.templating import render

if TYPE_CHECKING:
    from pkledger.analysis.brief_state import StateBrief


@dataclass(frozen=True)
class StateContext:
    """Everything the state pack's templates show."""

    code: str
    name: str
    as_of: date
    as_of_basis: str
    ledger_version: str
    classification: str
    generator: str
    footer: str
    left_out: list[tuple[str, str]]
    pledges: list[tuple[PledgeRow, str]]
    """Each pledge row with its follow-up."""
    follow_up_totals: list[tuple[str, int]]
    fillable: list[GapRow]
    sources: list[SourceRow]
    quality: list[QualityRow]
    estimated: list[str]
    record_notes: list[str]


def state_context(brief: StateBrief) -> StateContext:
    from pkledger.analysis.brief_sections import FOLLOW_UPS

    estimates = Estimates()
    notes = RecordNotes()
    rows = [pledge_row(line, estimates, notes) for line in brief.pledges]
    fillable = [gap_row(item, estimates, notes) for item in brief.fillable]
    follow = {line.pledge.id: line.follow_up for line in brief.follow_up}
    name = un_name(brief.state)
    classification = brief.classification or "classification not stated"
    return StateContext(
        code=brief.state,
        name=name,
        as_of=brief.as_of,
        as_of_basis="the date asked for" if brief.as_of_basis == "given" else "today",
        ledger_version=brief.ledger_version,
        classification=brief.classification or "not stated in ledger.yaml",
        generator=f"pkledger {__version__}",
        footer=f"{name} · as of {brief.as_of} · {brief.ledger_version} · {classification}",
        left_out=brief.left_out,
        pledges=[(row, follow[row.id]) for row in rows],
        follow_up_totals=[(n, sum(1 for f in follow.values() if f == n)) for n in FOLLOW_UPS],
        fillable=fillable,
        sources=source_rows(brief.records),
        quality=quality_rows(brief.quality),
        estimated=estimated_notes(brief.records, estimates),
        record_notes=notes.notes(),
    )


def state_pack_files(brief: StateBrief, formats: tuple[str, ...]) -> dict[str, str | bytes]:
    pack = state_context(brief)
    files: dict[str, str | bytes] = {}
    if "md" in formats:
        files[".md"] = render("brief-state.md.j2", brief=pack)
    html = render("brief-state.html.j2", brief=pack)
    if "html" in formats:
        files[".html"] = html
    if "pdf" in formats:
        files[".pdf"] = html_to_pdf(html)
    return files


def write_state_brief(brief: StateBrief, out: Path, formats: tuple[str, ...]) -> list[Path]:
    """Write state-<CODE>.md, .html and .pdf (as asked) into ``out``, as one change."""
    files = {
        f"state-{brief.state}{suffix}": content
        for suffix, content in state_pack_files(brief, formats).items()
    }
    return write_pack(out, files)
