"""The briefing pack's template context: the pack's data (pkledger.analysis.brief) turned into the
words and numbers the templates show; nothing else reaches them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup

from pkledger import __version__
from pkledger.format.iso import state_name
from pkledger.format.quantities import figure_amount
from pkledger.format.reference import reference
from pkledger.output.quantities import Estimates, quantity_text, stated_quantity
from pkledger.wording import percent, target_percent

if TYPE_CHECKING:
    from pkledger.analysis.brief import Brief, GenderShare, PledgeLine, Scope
    from pkledger.analysis.match import GapMatch
    from pkledger.format.models import Conference, Pledge, Record
    from pkledger.problems import Problem

SUPPORT_ROLES = ("donor", "funder", "equipment_provider", "trainer", "maintenance_transport", "host")
NOT_MET = {
    "below-highest-level": "below ministerial level",
    "level-not-recorded": "level not recorded",
    "no-timeframe": "no timeframe",
    "answers-no-gap": "answers no recorded gap",
    "women-below-target": "women below the {year} target",
    "no-gender-data": "no gender data",
}
"""The concept note's criteria (pkledger.format.rules.quality.CRITERIA) as the pack names them."""
SCOPES: dict[Scope, str] = {
    "cycle": "Pledges made at {id} and its preparatory conferences and side events.",
    "parent-cycle": "The conference has no focus recorded: pledges of the {parent} cycle.",
    "focus": "Pledges made here, and pledges from any conference on the conference's focus.",
}


@dataclass(frozen=True)
class PledgeRow:
    """A pledge as the pack shows it, with its status on the as-of date and the concept note's checks."""

    id: str
    link_note: str
    """" (est. N)" when the pledge's conference is the analyst's reading; else empty."""
    state: str
    state_name: str
    title: str
    category: str
    capability: str
    quantity: str
    status: str
    chain: str
    flags: tuple[str, ...]
    illustrative: bool


@dataclass(frozen=True)
class GapRow:
    id: str
    title: str
    priority: str
    priority_shown: str
    """The priority, marked when estimated."""
    mission: str
    capability: str
    required: str
    """What the gap needs in words, with its measure and qualifier ("2,750 personnel", "not published")."""
    required_value: int
    """The number needed, 0 when not published (for the chart)."""
    covered: int
    announced: int
    shortfall: str
    by_whom: str
    illustrative: bool
    reported: bool
    """A need a member state, the press or research reports, not one a UN document states."""


@dataclass(frozen=True)
class Figure:
    label: str
    ledger: str
    published: str


@dataclass(frozen=True)
class ShareRow:
    category: str
    personnel: int
    women: int
    share: str
    target: str


@dataclass(frozen=True)
class SourceRow:
    record: str
    title: str
    publisher: str
    date: str
    url: str
    illustrative: bool


@dataclass(frozen=True)
class QualityRow:
    file: str
    line: str
    code: str
    message: str


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
    states: list[tuple[str, str, list[PledgeRow]]]
    sources: list[SourceRow]
    quality: list[QualityRow]
    illustrative_records: int
    estimated: list[str] = field(default_factory=list)
    """The reasons of the values marked "(est. N)", numbered, and every other estimated value of the
    records in the pack, by record and field."""
    charts: dict[str, Markup] = field(default_factory=dict)
    """SVG markup of our own, drawn for the HTML only."""


def context(brief: Brief) -> BriefContext:
    """The pack's words and numbers, as the templates show them."""
    conference = brief.conference
    estimates = Estimates()
    rows = [pledge_row(line, estimates) for line in brief.pledges]
    gaps = [gap_row(item, estimates) for item in brief.gaps]
    return BriefContext(
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
        open_gaps=[gap for gap in gaps if gap.covered == 0],
        categories=by_category(rows),
        pipeline=brief.pipeline,
        stopped=brief.stopped,
        states=by_state(rows),
        sources=source_rows(brief.records),
        quality=quality_rows(brief.quality),
        illustrative_records=sum(1 for record in brief.records if record.provenance == "illustrative"),
        estimated=estimated_notes(brief.records, estimates),
    )


def partnership_chain(pledge: Pledge) -> str:
    """A triangular partnership as a chain: pledging state -> supporting partners -> recipients."""
    if pledge.partnership == "none" or not pledge.partners:
        return ""
    supporters = [
        f"{p.actor} ({p.role.replace('_', ' ')})" for p in pledge.partners if p.role in SUPPORT_ROLES
    ]
    recipients = [f"{p.actor} (recipient)" for p in pledge.partners if p.role == "recipient"]
    return " → ".join([pledge.member_state, *supporters, *recipients])


def pledge_row(line: PledgeLine, estimates: Estimates) -> PledgeRow:
    pledge = line.pledge
    return PledgeRow(
        id=pledge.id,
        link_note=estimates.marker(reason) if (reason := pledge.estimate_of("conference")) else "",
        state=pledge.member_state,
        state_name=state_name(pledge.member_state),
        title=pledge.title,
        category=pledge.category,
        capability="; ".join(offer.capability for offer in pledge.offers if offer.capability),
        quantity="; ".join(
            stated_quantity(offer.quantity, offer.capability)
            for offer in pledge.offers
            if offer.quantity is not None
        ),
        status=estimates.mark(pledge.status, pledge, "status"),
        chain=partnership_chain(pledge),
        flags=tuple(NOT_MET[name].format(year=line.target_year) for name in line.not_met),
        illustrative=pledge.provenance == "illustrative",
    )


def gap_row(item: GapMatch, estimates: Estimates) -> GapRow:
    gap = item.gap
    return GapRow(
        id=gap.id,
        title=gap.title,
        priority=gap.priority,
        priority_shown=estimates.mark(gap.priority, gap, "priority"),
        mission=gap.mission,
        capability=gap.capability,
        required=estimates.mark(quantity_text(item.amount), gap, "quantity"),
        required_value=item.required or 0,
        covered=item.covered,
        announced=item.covered_by(firm=False),
        shortfall="-" if item.required is None else str(item.shortfall),
        by_whom=", ".join(f"{supply.label} x{units}" for supply, units in item.allocations.items()),
        illustrative=gap.provenance == "illustrative",
        reported=gap.basis == "reported_need",
    )


def estimated_notes(records: Iterable[Record], estimates: Estimates) -> list[str]:
    """The numbered reasons of the values marked in the pack, then the records' other estimated
    values ("2021-seoul-KOR-001, history[0].on: the reason")."""
    notes = estimates.notes()
    marked = set(estimates.reasons)
    for record in records:
        notes += [f"{record.id}, {e.field}: {e.reason}" for e in record.estimated if e.reason not in marked]
    return notes


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
        Figure("Personnel", str(counted.personnel), ""),
        Figure("Participating states", "", published("participating_states")),
    ]


def share_row(share: GenderShare) -> ShareRow:
    target = share.target
    target_text = (
        f"{target_percent(target.share)} ({target.year}{', provisional' if target.provisional else ''})"
        if target
        else "none set"
    )
    shown = percent(share.women, share.personnel, target.share if target else None) if share.personnel else ""
    label = reference().gender_labels[share.category]
    return ShareRow(label, share.personnel, share.women, shown, target_text)


def by_category(rows: Iterable[PledgeRow]) -> list[tuple[str, list[PledgeRow]]]:
    groups: dict[str, list[PledgeRow]] = defaultdict(list)
    for row in rows:
        groups[row.category].append(row)
    return sorted(groups.items(), key=lambda group: (-len(group[1]), group[0]))


def by_state(rows: Iterable[PledgeRow]) -> list[tuple[str, str, list[PledgeRow]]]:
    groups: dict[str, list[PledgeRow]] = defaultdict(list)
    for row in rows:
        groups[row.state].append(row)
    return [(state, state_name(state), groups[state]) for state in sorted(groups)]


def source_rows(records: Iterable[Record]) -> list[SourceRow]:
    return [
        SourceRow(
            record=record.id,
            title=source.title,
            publisher=source.publisher or "",
            date=str(source.date or ""),
            url=source.url or "",
            illustrative=record.provenance == "illustrative",
        )
        for record in records
        for source in record.sources
    ]


def quality_rows(problems: Iterable[Problem]) -> list[QualityRow]:
    return [
        QualityRow(
            problem.file,
            str(problem.line or ""),
            problem.code,
            f"{problem.path}: {problem.message}".lstrip(": "),
        )
        for problem in problems
    ]
