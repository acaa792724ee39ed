"""`pkledger brief`: what the briefing pack for a conference shows, as plain data.

Everything here is a pure function of the ledger, the conference and the as-of date, so the same
ledger and `--as-of` give byte-identical packs (pkledger.output.brief writes them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from pkledger.analysis.availability import status_on
from pkledger.analysis.match import GapMatch, match
from pkledger.analysis.measures import units_pledged
from pkledger.analysis.query import family
from pkledger.errors import PkledgerError
from pkledger.format.models import CapabilityGap, Conference, Pledge, Record
from pkledger.format.models.conference import LEADING_KINDS, Focus
from pkledger.format.quantities import Amount
from pkledger.format.reference import GenderTarget, reference
from pkledger.format.rules.quality import CRITERIA, criteria_not_shown, made_on, pledge_target
from pkledger.format.statuses import GAP_CLOSED, NEVER_COUNT, PIPELINE
from pkledger.ledger.entry import Ledger
from pkledger.problems import Problem
from pkledger.suggest import did_you_mean

Scope = Literal["cycle", "parent-cycle", "focus"]
"""How the pack chose its pledges: the conference's own cycle (a summit or ministerial), the cycle
of its parent (a conference with no focus recorded), or its focus."""
MEDICAL_CAPABILITIES = frozenset(
    {
        "level_1_hospital",
        "level_2_hospital",
        "level_3_hospital",
        "aeromedical_evacuation_team",
        "medical_team",
    }
)


@dataclass(frozen=True)
class PledgeLine:
    """A pledge as it stood on the as-of date, and the concept note's criteria it does not meet."""

    pledge: Pledge
    not_met: tuple[str, ...]
    """Names from pkledger.format.rules.quality.CRITERIA, in their order."""
    target_year: int | None = None
    """The year of the parity target its personnel are compared with."""


@dataclass(frozen=True)
class HeadlineFigures:
    """The ledger's own counts of the pledges in scope."""

    pledges: int
    states: int
    units: Amount
    """Formed units offered by unit pledges, qualified as the offers are."""
    personnel: int


@dataclass(frozen=True)
class GenderShare:
    """Personnel and women pledged in one gender category, and the parity target of the year."""

    category: str
    personnel: int
    women: int
    target: GenderTarget | None


@dataclass(frozen=True)
class Brief:
    """Everything a briefing pack shows about one conference, as of a date."""

    conference: Conference
    parent: Conference | None
    as_of: date
    ledger_version: str
    scope: Scope
    pledges: list[PledgeLine]
    figures: HeadlineFigures
    shares: list[GenderShare]
    gaps: list[GapMatch]
    """The open gaps on the conference's focus, critical first, with their coverage."""
    pipeline: list[tuple[str, int]]
    stopped: int
    records: list[Record]
    """The conference, the pledges and the gaps the pack shows (their sources are listed)."""
    quality: list[Problem]


def find_conference(ledger: Ledger, conference_id: str) -> Conference:
    conferences = ledger.conferences
    if conference_id not in conferences:
        hint = did_you_mean(conference_id, conferences)
        raise PkledgerError(f"no conference with id '{conference_id}' in the ledger", hint=hint)
    return conferences[conference_id]


def known_on(pledge: Pledge, as_of: date, conferences: dict[str, Conference]) -> bool:
    """Whether the pledge had been made by the as-of date (a month or a year: by its last day)."""
    conference = conferences.get(pledge.conference or "")
    made = pledge.announced_on or (conference.start_date if conference else None)
    return made is None or made.known_by(as_of)


def ledger_as_of(ledger: Ledger, as_of: date) -> Ledger:
    """The ledger as it stood on a date: later pledges and gaps left out, statuses from history."""
    conferences = ledger.conferences
    entries = []
    for entry in ledger.entries:
        record = entry.record
        if isinstance(record, Pledge):
            if not known_on(record, as_of, conferences):
                continue
            status = status_on(record, as_of)
            record = record if status == record.status else record.model_copy(update={"status": status})
        elif isinstance(record, CapabilityGap):
            if not record.source_doc.date.known_by(as_of):
                continue
            status = status_on(record, as_of)
            record = record if status == record.status else record.model_copy(update={"status": status})
        entries.append(replace(entry, record=record))
    return Ledger(root=ledger.root, entries=tuple(entries))


def pledges_in_scope(ledger: Ledger, conference: Conference) -> tuple[list[Pledge], Scope]:
    """The pledges the pack is about, and how they were chosen."""
    pledges = sorted(ledger.pledges.values(), key=lambda pledge: pledge.id)
    if conference.kind in LEADING_KINDS:
        members = family(ledger, conference.id)
        return [pledge for pledge in pledges if pledge.conference in members], "cycle"
    focus = conference.focus
    if focus is None:
        members = family(ledger, conference.parent or conference.id)
        return [pledge for pledge in pledges if pledge.conference in members], "parent-cycle"
    chosen = [pledge for pledge in pledges if pledge.conference == conference.id or _on_focus(pledge, focus)]
    return chosen, "focus"


def _on_focus(pledge: Pledge, focus: Focus) -> bool:
    return (
        pledge.category in focus.categories
        or any(offer.capability in focus.capabilities for offer in pledge.offers if offer.capability)
        or bool(set(pledge.a4p) & set(focus.a4p))
        or bool(set(pledge.a4p_plus) & set(focus.a4p_plus))
    )


def gap_on_focus(gap: CapabilityGap, focus: Focus | None) -> bool:
    """Whether a gap bears on the conference: its capability, or the category its capability serves."""
    if focus is None or gap.capability in focus.capabilities:
        return True
    capability = reference().capabilities[gap.capability]
    served = {"uniformed_unit" if capability.kind == "unit" else "individual_personnel"}
    if gap.capability in MEDICAL_CAPABILITIES:
        served.add("medical")
    return bool(served & set(focus.categories))


def not_met(pledge: Pledge, findings: Iterable[str], *, answers_need: bool) -> tuple[str, ...]:
    """The concept note's criteria a pledge does not meet: its quality findings, and what it does not show."""
    names = set(findings) | criteria_not_shown(pledge, answers_need=answers_need)
    return tuple(name for name in CRITERIA if name in names)


def headline_figures(pledges: Sequence[Pledge]) -> HeadlineFigures:
    return HeadlineFigures(
        pledges=len(pledges),
        states=len({pledge.member_state for pledge in pledges}),
        units=units_pledged(pledges),
        personnel=sum(
            offer.personnel.total for pledge in pledges for offer in pledge.offers if offer.personnel
        ),
    )


def gender_shares(pledges: Iterable[Pledge], year: int) -> list[GenderShare]:
    """Personnel and women by gender category (in the category's order), against the year's target."""
    ref = reference()
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for offer in (offer for pledge in pledges for offer in pledge.offers):
        capability = ref.capabilities.get(offer.capability or "")
        if offer.personnel is not None and capability is not None:
            sums[capability.gender_category][0] += offer.personnel.total
            sums[capability.gender_category][1] += offer.personnel.women
    return [
        GenderShare(category, total, women, ref.gender_target(category, year))
        for category, (total, women) in sorted(sums.items())
    ]


def pipeline(pledges: Iterable[Pledge]) -> tuple[list[tuple[str, int]], int]:
    """Pledges at each stage of the pipeline, and those that stopped."""
    counts: Counter[str] = Counter(pledge.status for pledge in pledges)
    stages = [(stage, sum(counts[status] for status in statuses)) for stage, statuses in PIPELINE]
    return stages, sum(counts[status] for status in NEVER_COUNT)


def build_brief(ledger: Ledger, conference_id: str, as_of: date, ledger_version: str) -> Brief:
    """The whole pack for one conference, as of a date."""
    conference = find_conference(ledger, conference_id)
    then = ledger_as_of(ledger, as_of)
    pledges, scope = pledges_in_scope(then, conference)
    result = match(then, as_of=as_of)
    gaps = [
        item
        for item in result.gaps
        if gap_on_focus(item.gap, conference.focus) and item.gap.status not in GAP_CLOSED
    ]
    stages, stopped = pipeline(pledges)
    records: list[Record] = [conference, *pledges, *(item.gap for item in gaps)]
    return Brief(
        conference=conference,
        parent=then.conferences.get(conference.parent or ""),
        as_of=as_of,
        ledger_version=ledger_version,
        scope=scope,
        pledges=_pledge_lines(
            ledger, pledges, {supply.pledge.id for item in result.gaps for supply in item.allocations}
        ),
        figures=headline_figures(pledges),
        shares=gender_shares(pledges, conference.start_date.year),
        gaps=gaps,
        pipeline=stages,
        stopped=stopped,
        records=records,
        quality=_problems_of(ledger, {record.id for record in records}),
    )


def _pledge_lines(ledger: Ledger, pledges: Sequence[Pledge], allocated: set[str]) -> list[PledgeLine]:
    findings = {entry.declared_id: [f.name for f in entry.findings] for entry in ledger.entries}
    return [_pledge_line(ledger, pledge, findings.get(pledge.id, []), allocated) for pledge in pledges]


def _pledge_line(ledger: Ledger, pledge: Pledge, findings: list[str], allocated: set[str]) -> PledgeLine:
    answers_need = bool(pledge.responds_to) or pledge.id in allocated
    target = pledge_target(pledge, made_on(pledge, ledger.conferences.get(pledge.conference or "")))
    return PledgeLine(
        pledge, not_met(pledge, findings, answers_need=answers_need), target.year if target else None
    )


def _problems_of(ledger: Ledger, shown: set[str]) -> list[Problem]:
    return [problem for entry in ledger.entries if entry.declared_id in shown for problem in entry.problems()]
