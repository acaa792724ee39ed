"""The briefing pack's template context: the pack's data (pkledger.analysis.brief) turned into the
words and numbers the templates show; nothing else reaches them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import Markup

from pkledger import __version__
from pkledger.analysis.brief_messages import NOT_RECORDED, asks, key_messages
from pkledger.analysis.brief_sections import FOLLOW_UPS
from pkledger.format.iso import un_name
from pkledger.format.quantities import figure_amount
from pkledger.format.reference import reference
from pkledger.output.quantities import Estimates, money_text, quantity_text, stated_quantity

if TYPE_CHECKING:
    from pkledger.analysis.brief import Brief, GenderShare, PledgeLine, Scope
    from pkledger.analysis.brief_coverage import GapCoverage
    from pkledger.analysis.brief_sections import FollowUpLine, MoneyTotal, Roles
    from pkledger.format.models import Conference, Pledge, Record
    from pkledger.problems import Problem

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
AS_OF_BASIS = {
    "given": "the date asked for",
    "last-day": "the conference's last day (it is past)",
    "today": "today (the conference is to come)",
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
    category_label: str
    capability: str
    quantity: str
    status: str
    chain: str
    """The partnership in words, by role ("donor: Japan; trainer: ...; recipient: ...")."""
    flags: tuple[str, ...]
    """The concept note's criteria the pledge does not meet."""
    unrecorded: tuple[str, ...]
    """The criteria its record does not say it meets ("not recorded", not "not met")."""
    illustrative: bool
    conference: str = ""


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
    extras: Extras | None = None
    names: dict[str, str] = field(default_factory=dict)
    """UN names of the states and actors the cover names, by code."""
    charts: dict[str, Markup] = field(default_factory=dict)
    """SVG markup of our own, drawn for the HTML only."""


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    state_name: str
    title: str
    status: str
    follow_up: str


@dataclass(frozen=True)
class RolesRow:
    """A partnership drawn as roles: who gives, who trains, who receives, who deploys."""

    id: str
    title: str
    roles: list[tuple[str, list[str]]]


@dataclass(frozen=True)
class MoneyRow:
    currency: str
    amount: str
    pledges: int
    qualifier: str
    usd: str


@dataclass(frozen=True)
class AskRow:
    title: str
    mission: str
    priority: str
    missing: str
    reported: bool


@dataclass(frozen=True)
class Extras:
    """The pack's first page and cross-cutting views (kept apart from BriefContext's core)."""

    messages: list[str]
    asks: list[AskRow]
    as_of_basis: str
    left_out: list[tuple[str, str]]
    classification: str
    earlier: list[tuple[str, list[PledgeRow]]]
    by_theme: list[tuple[str, str]]
    own_by_category: list[tuple[str, int]]
    previous: str
    follow_up: list[FollowUpRow]
    follow_up_states: list[tuple[str, list[tuple[str, int]]]]
    follow_up_totals: list[tuple[str, int]]
    money: list[MoneyRow]
    rates: str
    a4p_columns: list[str]
    a4p_rows: list[tuple[str, list[int]]]
    roles: list[RolesRow]
    medical: list[PledgeRow]
    technology: list[PledgeRow]
    unrecorded_personnel: int
    footer: str


def context(brief: Brief) -> BriefContext:
    """The pack's words and numbers, as the templates show them."""
    conference = brief.conference
    estimates = Estimates()
    rows = [pledge_row(line, estimates) for line in brief.pledges]
    earlier = [pledge_row(line, estimates) for line in brief.earlier]
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
        states=by_state(rows + earlier),
        sources=source_rows(brief.records),
        quality=quality_rows(brief.quality),
        illustrative_records=sum(1 for record in brief.records if record.provenance == "illustrative"),
        estimated=estimated_notes(brief.records, estimates),
        extras=extras(brief, rows, earlier),
        names={code: un_name(code) for code in cover_codes(conference)},
    )


def cover_codes(conference: Conference) -> list[str]:
    return [
        *conference.co_hosts,
        *conference.co_chairs,
        *([conference.host_country] if conference.host_country else []),
    ]


def extras(brief: Brief, rows: list[PledgeRow], earlier: list[PledgeRow]) -> Extras:
    ref = reference()
    by_id = {row.id: row for row in rows}
    columns = sorted({category for _, counts in brief.a4p_plus for category in counts})
    return Extras(
        messages=key_messages(brief),
        asks=[ask_row(item) for item in asks(brief)],
        as_of_basis=AS_OF_BASIS[brief.as_of_basis],
        left_out=brief.left_out,
        classification=brief.classification or "not stated in ledger.yaml",
        earlier=by_category(earlier),
        by_theme=published_by_theme(brief.conference),
        own_by_category=[(label, len(group)) for label, group in by_label(rows)],
        previous=f"{brief.previous.title} ({brief.previous.start_date})" if brief.previous else "",
        follow_up=[follow_up_row(line) for line in brief.follow_up],
        follow_up_states=follow_up_by_state(brief.follow_up),
        follow_up_totals=[
            (name, sum(1 for line in brief.follow_up if line.follow_up == name)) for name in FOLLOW_UPS
        ],
        money=[money_row(total) for total in brief.money],
        rates=rates_note(brief),
        a4p_columns=[ref.label("categories", column) for column in columns],
        a4p_rows=[
            (ref.a4p_plus[code], [counts.get(column, 0) for column in columns])
            for code, counts in brief.a4p_plus
        ],
        roles=[roles_row(roles) for roles in brief.roles],
        medical=[by_id[line.pledge.id] for line in brief.medical],
        technology=[by_id[line.pledge.id] for line in brief.technology],
        unrecorded_personnel=brief.unrecorded_personnel,
        footer=footer_text(brief),
    )


def footer_text(brief: Brief) -> str:
    classification = brief.classification or "classification not stated"
    return f"{brief.conference.title} · as of {brief.as_of} · {brief.ledger_version} · {classification}"


def ask_row(item: GapCoverage) -> AskRow:
    gap = item.gap
    if item.required is None:
        missing = "quantity not published; nothing pledged against it"
    else:
        missing = (
            quantity_text(replace(item.amount, value=item.shortfall)) if item.amount else str(item.shortfall)
        )
    return AskRow(gap.title, gap.mission, gap.priority, missing, gap.basis == "reported_need")


def published_by_theme(conference: Conference) -> list[tuple[str, str]]:
    outcome = conference.outcome
    if outcome is None:
        return []
    return [(theme, quantity_text(figure_amount(value))) for theme, value in outcome.by_theme.items()]


def by_label(rows: Iterable[PledgeRow]) -> list[tuple[str, list[PledgeRow]]]:
    return [(group[0].category_label, group) for _, group in by_category(rows)]


def follow_up_row(line: FollowUpLine) -> FollowUpRow:
    pledge = line.pledge
    return FollowUpRow(
        pledge.id,
        un_name(pledge.member_state),
        pledge.title,
        reference().label("pledge_statuses", line.status),
        line.follow_up,
    )


def follow_up_by_state(lines: Iterable[FollowUpLine]) -> list[tuple[str, list[tuple[str, int]]]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FOLLOW_UPS, 0))
    for line in lines:
        counts[un_name(line.pledge.member_state)][line.follow_up] += 1
    return [(state, list(found.items())) for state, found in sorted(counts.items())]


def money_row(total: MoneyTotal) -> MoneyRow:
    qualifier = f"{total.qualified} of them approximate or bounds" if total.qualified else "all exact"
    usd = (
        f"about {total.usd:,} USD"
        if total.usd is not None
        else ("-" if total.currency == "USD" else "no rate given")
    )
    return MoneyRow(total.currency, money_text(total.amount, total.currency), total.pledges, qualifier, usd)


def rates_note(brief: Brief) -> str:
    rates = brief.rates
    if rates is None:
        return "ledger.yaml gives no exchange rates: totals are per currency, never converted."
    return f"USD equivalents at the rates of {rates.on}, from {rates.source.title}; currencies are never added together."


def roles_row(roles: Roles) -> RolesRow:
    ref = reference()
    return RolesRow(
        roles.pledge.id,
        roles.pledge.title,
        [(ref.label("roles", role), [un_name(actor) for actor in actors]) for role, actors in roles.roles],
    )


def partnership_chain(pledge: Pledge) -> str:
    """A partnership in words, by role: never a chain of every partner."""
    from pkledger.analysis.brief_sections import partnership_roles

    roles = partnership_roles(pledge)
    if roles is None:
        return ""
    ref = reference()
    return "; ".join(
        f"{ref.label('roles', role)}: {', '.join(un_name(actor) for actor in actors)}"
        for role, actors in roles.roles[1:]
    )


def pledge_row(line: PledgeLine, estimates: Estimates) -> PledgeRow:
    pledge = line.pledge
    return PledgeRow(
        id=pledge.id,
        link_note=estimates.marker(reason) if (reason := pledge.estimate_of("conference")) else "",
        state=pledge.member_state,
        state_name=un_name(pledge.member_state),
        title=pledge.title,
        category=pledge.category,
        category_label=reference().label("categories", pledge.category),
        capability="; ".join(offer.capability for offer in pledge.offers if offer.capability),
        quantity="; ".join(
            stated_quantity(offer.quantity, offer.capability)
            for offer in pledge.offers
            if offer.quantity is not None
        ),
        status=estimates.mark(status_words(pledge), pledge, "status"),
        chain=partnership_chain(pledge),
        flags=tuple(
            NOT_MET[name].format(year=line.target_year) for name in line.not_met if name not in NOT_RECORDED
        ),
        unrecorded=tuple(
            NOT_MET[name].format(year=line.target_year) for name in line.not_met if name in NOT_RECORDED
        ),
        illustrative=pledge.provenance == "illustrative",
        conference=pledge.conference or "",
    )


def status_words(pledge: Pledge) -> str:
    """A pledge's status in words; "(undated)" when no history says since when (it is shown on any date)."""
    words = reference().label("pledge_statuses", pledge.status)
    return f"{words} (undated)" if not pledge.history and pledge.status != "announced" else words


def gap_row(item: GapCoverage, estimates: Estimates) -> GapRow:
    gap = item.gap
    return GapRow(
        id=gap.id,
        title=gap.title,
        priority=gap.priority,
        priority_shown=estimates.mark(gap.priority, gap, "priority"),
        mission=gap.mission,
        capability=reference().capabilities[gap.capability].label,
        required=estimates.mark(quantity_text(item.amount), gap, "quantity"),
        required_value=item.required or 0,
        covered=item.covered,
        announced=item.announced,
        shortfall="-" if item.required is None else str(item.shortfall),
        by_whom=", ".join(f"{label} x{units}" for _, label, units in item.answered_by),
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
        f"{target.share:.0%} ({target.year}{', provisional' if target.provisional else ''})"
        if target
        else "none set"
    )
    shown = f"{share.women / share.personnel:.0%}" if share.personnel else ""
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
    return [(state, un_name(state), groups[state]) for state in sorted(groups, key=un_name)]


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
