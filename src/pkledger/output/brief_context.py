"""The briefing pack's template context: the pack's data (pkledger.analysis.brief) turned into the
words and numbers the templates show; nothing else reaches them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup

from pkledger import __version__
from pkledger.format.iso import un_name
from pkledger.format.quantities import figure_amount
from pkledger.format.reference import reference
from pkledger.output.brief_extras import Extras, extras
from pkledger.output.brief_rows import (
    GapRow,
    PledgeRow,
    QualityRow,
    RecordNotes,
    SourceRow,
    by_category,
    by_state,
    estimated_notes,
    gap_row,
    pledge_row,
    quality_rows,
    source_rows,
)
from pkledger.output.quantities import Estimates, quantity_text
from pkledger.wording import percent, target_percent

if TYPE_CHECKING:
    from pkledger.analysis.brief import Brief, GenderShare, Scope
    from pkledger.format.models import Conference

SCOPES: dict[Scope, str] = {
    "cycle": "Pledges made at {id} and its preparatory conferences and side events.",
    "parent-cycle": "The conference has no focus recorded: pledges of the {parent} cycle.",
    "focus": "Pledges made here, and pledges from any conference on the conference's focus.",
}


@dataclass(frozen=True)
class Figure:
    label: str
    ledger: str
    published: str


@dataclass(frozen=True)
class ShareRow:
    category: str
    year: int
    personnel: int
    women: int
    share: str
    target: str


@dataclass
class BriefContext:
    """Everything the Markdown and HTML templates show; nothing else reaches them."""

    conference: Conference
    kind: str
    parent: Conference | None
    as_of: date
    ledger_version: str
    generator: str
    scope: str
    figures: list[Figure]
    shares: list[ShareRow]
    gaps: list[GapRow]
    open_gaps: list[GapRow]
    categories: list[tuple[str, list[PledgeRow]]]
    pipeline: list[tuple[str, int]]
    stopped: int
    undated: int
    """Pledges whose status the record does not date, held back from the pipeline."""
    states: list[tuple[str, str, list[PledgeRow]]]
    sources: list[SourceRow]
    quality: list[QualityRow]
    illustrative_records: int
    estimated: list[str] = field(default_factory=list)
    """The reasons of the values marked "(est. N)", numbered, and every other estimated value of the
    records in the pack, by record and field."""
    extras: Extras | None = None
    record_notes: list[str] = field(default_factory=list)
    """The notes of the records marked "(note N)" in the tables, numbered, each kept short."""
    names: dict[str, str] = field(default_factory=dict)
    """UN names of the states and actors the cover names, by code."""
    charts: dict[str, Markup] = field(default_factory=dict)
    """SVG markup of our own, drawn for the HTML only."""
    before_day: date | None = None
    """The day before the conference opened, when the gap table says what it added."""


def added_by_conference(brief: Brief, gap_id: str) -> str:
    """What the conference added to a gap's coverage ("+1", "0"), or "" when the pack's date is
    before its last day or the gap took no units then."""
    if brief.before is None or brief.after is None:
        return ""
    before = {item.gap.id: item.covered for item in brief.before.gaps}
    after = {item.gap.id: item.covered for item in brief.after.gaps}
    if gap_id not in after:
        return ""
    added = after[gap_id] - before.get(gap_id, 0)
    return f"+{added:,}" if added > 0 else f"{added:,}"


def context(brief: Brief) -> BriefContext:
    """The pack's words and numbers, as the templates show them."""
    conference = brief.conference
    estimates = Estimates()
    notes = RecordNotes()
    for item in brief.gaps:  # the gap table comes first in the pack: its notes are numbered first
        notes.mark(item.gap)
    rows = [pledge_row(line, estimates, notes) for line in brief.pledges]
    earlier = [pledge_row(line, estimates, notes) for line in brief.earlier]
    gaps = [gap_row(item, estimates, notes, added_by_conference(brief, item.gap.id)) for item in brief.gaps]
    views = extras(brief, rows, earlier, notes)
    return BriefContext(
        before_day=brief.before.on if brief.before is not None and brief.after is not None else None,
        conference=conference,
        kind=conference.kind.replace("_", " "),
        parent=brief.parent,
        as_of=brief.as_of,
        ledger_version=brief.ledger_version,
        generator=f"pkledger {__version__}",
        scope=SCOPES[brief.scope].format(id=conference.id, parent=conference.parent),
        figures=figures(brief),
        shares=[share_row(share) for share in brief.shares],
        gaps=gaps,
        open_gaps=[gap for gap in gaps if gap.covered == 0 and not gap.declared],
        categories=by_category(rows),
        pipeline=brief.pipeline,
        stopped=brief.stopped,
        undated=brief.undated,
        states=by_state(rows + earlier),
        sources=source_rows(brief.records),
        quality=quality_rows(brief.quality),
        illustrative_records=sum(1 for record in brief.records if record.provenance == "illustrative"),
        estimated=estimated_notes(brief.records, estimates),
        extras=views,
        record_notes=notes.notes(),
        names={code: un_name(code) for code in cover_codes(conference)},
    )


def cover_codes(conference: Conference) -> list[str]:
    return [
        *conference.co_hosts,
        *conference.co_chairs,
        *([conference.host_country] if conference.host_country else []),
    ]


def figures(brief: Brief) -> list[Figure]:
    """The ledger's counts beside the published outcome figures."""
    outcome = brief.conference.outcome

    def published(figure: str, measure: str | None = None) -> str:
        value = getattr(outcome, figure) if outcome else None
        return "" if value is None else quantity_text(figure_amount(value, measure))

    counted = brief.figures
    return [
        Figure("Pledges", str(counted.pledges), ""),
        Figure("Pledging states", str(counted.states), published("pledging_states")),
        Figure("Uniformed units", quantity_text(counted.units), published("units_pledged", "units")),
        Figure("Personnel", personnel_text(counted.personnel, brief.unrecorded_personnel), ""),
        Figure("Participating states", "", published("participating_states")),
    ]


def personnel_text(personnel: int, unrecorded: int) -> str:
    """Personnel pledged, saying when offers of uniformed capabilities record none (not "0")."""
    if not unrecorded:
        return f"{personnel:,}" if personnel else "none offered"
    missing = f"{unrecorded} uniformed offer{'' if unrecorded == 1 else 's'}"
    verb = "records" if unrecorded == 1 else "record"
    return f"{personnel:,} ({missing} {verb} none)" if personnel else f"not recorded ({missing})"


def share_row(share: GenderShare) -> ShareRow:
    target = share.target
    target_text = (
        f"{target_percent(target.share)} ({target.year}{', provisional' if target.provisional else ''})"
        if target
        else "none set"
    )
    shown = percent(share.women, share.personnel, target.share if target else None) if share.personnel else ""
    label = reference().gender_labels[share.category]
    return ShareRow(label, share.year, share.personnel, share.women, shown, target_text)
