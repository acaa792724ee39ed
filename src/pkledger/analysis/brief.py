"""`pkledger brief`: what the briefing pack for a conference shows, as plain data.

Everything here is a pure function of the ledger, the conference and the as-of date, so the same
ledger and `--as-of` give byte-identical packs (pkledger.output.brief writes them).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from pkledger.analysis.availability import conference_days, status_on
from pkledger.analysis.brief_coverage import Coverage, GapCoverage, coverage_on
from pkledger.analysis.brief_sections import (
    FollowUpLine,
    MoneyTotal,
    Roles,
    a4p_plus_matrix,
    follow_up,
    is_medical,
    is_technology,
    money_totals,
    partnership_roles,
    previous_ministerial,
    status_dated,
)
from pkledger.analysis.measures import units_pledged
from pkledger.analysis.query import family
from pkledger.errors import PkledgerError
from pkledger.format.dates import PartialDate
from pkledger.format.models import CapabilityGap, Conference, Pledge, Record
from pkledger.format.models.conference import LEADING_KINDS, Focus
from pkledger.format.models.settings import ExchangeRates
from pkledger.format.quantities import Amount
from pkledger.format.reference import GenderTarget, reference
from pkledger.format.rules.quality import CRITERIA, criteria_not_shown, made_on, pledge_target
from pkledger.format.statuses import GAP_CLOSED, NEVER_COUNT, PIPELINE
from pkledger.ledger.entry import Ledger
from pkledger.problems import Problem
from pkledger.suggest import did_you_mean

Scope = Literal["cycle", "parent-cycle", "focus"]
AsOfBasis = Literal["given", "last-day", "today"]
"""Where the pack's date comes from: --as-of, the conference's last day (past), or today (to come)."""
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
    year: int = 0
    """The year the pledges were announced, whose target applies."""


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
    gaps: list[GapCoverage]
    """The open gaps on the conference's focus, critical first, with their coverage."""
    pipeline: list[tuple[str, int]]
    """Pledges at each stage; only statuses the record dates are counted (``undated``: the others)."""
    stopped: int
    records: list[Record]
    """The conference, the pledges and the gaps the pack shows (their sources are listed)."""
    quality: list[Problem]
    earlier: list[PledgeLine] = field(default_factory=list)
    """Pledges from earlier cycles that bear on the conference's themes (``pledges``: made at it)."""
    as_of_basis: AsOfBasis = "given"
    left_out: list[tuple[str, str]] = field(default_factory=list)
    """(file, why) of every record file left out because it has errors (--allow-invalid)."""
    before: Coverage | None = None
    """The gaps' coverage the day before the conference opened (None when it had not ended by the pack's date)."""
    after: Coverage | None = None
    """The gaps' coverage on the conference's last day (None as ``before``)."""
    previous: Conference | None = None
    follow_up: list[FollowUpLine] = field(default_factory=list)
    money: list[MoneyTotal] = field(default_factory=list)
    a4p_plus: list[tuple[str, dict[str, int]]] = field(default_factory=list)
    roles: list[Roles] = field(default_factory=list)
    medical: list[PledgeLine] = field(default_factory=list)
    technology: list[PledgeLine] = field(default_factory=list)
    unrecorded_personnel: int = 0
    """Offers of uniformed capabilities with no personnel recorded."""
    classification: str | None = None
    rates: ExchangeRates | None = None
    undated: int = 0
    """Pledges whose status the record does not date: held back from the pipeline."""


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


def gender_shares(lines: Iterable[PledgeLine], year: int) -> list[GenderShare]:
    """Personnel and women by gender category and by the year of the target each pledge is held to
    (the year it was announced; ``year`` when unknown), against that year's target."""
    ref = reference()
    sums: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        for offer in line.pledge.offers:
            capability = ref.capabilities.get(offer.capability or "")
            if offer.personnel is not None and capability is not None:
                key = (capability.gender_category, line.target_year or year)
                sums[key][0] += offer.personnel.total
                sums[key][1] += offer.personnel.women
    return [
        GenderShare(category, total, women, ref.gender_target(category, target_year), target_year)
        for (category, target_year), (total, women) in sorted(sums.items())
    ]


def pipeline(pledges: Iterable[Pledge]) -> tuple[list[tuple[str, int]], int]:
    """Pledges at each stage of the pipeline, and those that stopped; a status the record does not
    date is left out (see ``undated_statuses``)."""
    counts: Counter[str] = Counter(pledge.status for pledge in pledges if status_dated(pledge, pledge.status))
    stages = [(stage, sum(counts[status] for status in statuses)) for stage, statuses in PIPELINE]
    return stages, sum(counts[status] for status in NEVER_COUNT)


def undated_statuses(pledges: Iterable[Pledge]) -> int:
    """Pledges whose status the record does not date (no history, and beyond "announced")."""
    return sum(1 for pledge in pledges if not status_dated(pledge, pledge.status))


def build_brief(
    ledger: Ledger,
    conference_id: str,
    as_of: date,
    ledger_version: str,
    *,
    as_of_basis: AsOfBasis = "given",
    left_out: Sequence[tuple[str, str]] = (),
) -> Brief:
    """The whole pack for one conference, as of a date."""
    conference = find_conference(ledger, conference_id)
    then = ledger_as_of(ledger, as_of)
    pledges, scope = pledges_in_scope(then, conference)
    _require_data(ledger, conference, pledges, as_of)
    now = coverage_on(then, as_of)
    own, earlier = split_own(then, conference, pledges)
    gaps = [
        item
        for item in now.gaps
        if gap_on_focus(item.gap, conference.focus) and item.gap.status not in GAP_CLOSED
    ]
    lines = pledge_lines(ledger, pledges, {pledge for item in now.gaps for pledge, _, _ in item.answered_by})
    own_lines = [line for line in lines if line.pledge.id in own]
    stages, stopped = pipeline(pledges)
    records: list[Record] = [conference, *pledges, *(item.gap for item in gaps)]
    previous = previous_ministerial(then.conferences, conference)
    settings = ledger.settings
    return Brief(
        conference=conference,
        parent=then.conferences.get(conference.parent or ""),
        as_of=as_of,
        ledger_version=ledger_version,
        scope=scope,
        pledges=own_lines,
        figures=headline_figures([line.pledge for line in own_lines]),
        shares=gender_shares(own_lines, conference.start_date.year),
        gaps=gaps,
        pipeline=stages,
        stopped=stopped,
        records=records,
        quality=problems_of(ledger, {record.id for record in records}),
        earlier=[line for line in lines if line.pledge.id in earlier],
        as_of_basis=as_of_basis,
        left_out=list(left_out),
        before=_coverage_on(
            ledger, conference_days(conference)[0], as_of, needs_on=conference_days(conference)[1]
        ),
        after=_coverage_on(ledger, conference_days(conference)[1], as_of),
        previous=previous,
        follow_up=_follow_up(then, previous, as_of) if previous else [],
        money=money_totals(
            (line.pledge for line in own_lines), settings.exchange_rates if settings else None
        ),
        a4p_plus=a4p_plus_matrix([line.pledge for line in own_lines], reference().a4p_plus),
        roles=[roles for line in own_lines if (roles := partnership_roles(line.pledge))],
        medical=[line for line in own_lines if is_medical(line.pledge, MEDICAL_CAPABILITIES)],
        technology=[line for line in own_lines if is_technology(line.pledge)],
        unrecorded_personnel=unrecorded_personnel(line.pledge for line in own_lines),
        classification=settings.classification if settings else None,
        rates=settings.exchange_rates if settings else None,
        undated=undated_statuses(pledges),
    )


def split_own(ledger: Ledger, conference: Conference, pledges: Sequence[Pledge]) -> tuple[set[str], set[str]]:
    """Ids of the pledges made at the conference (at its cycle, for a summit or ministerial), and
    of the others in scope (earlier pledges on its themes)."""
    members = family(ledger, conference.id) if conference.kind in LEADING_KINDS else {conference.id}
    own = {pledge.id for pledge in pledges if pledge.conference in members}
    return own, {pledge.id for pledge in pledges} - own


def _require_data(ledger: Ledger, conference: Conference, pledges: Sequence[Pledge], as_of: date) -> None:
    """An as-of date before any pledge in scope was made gives an empty pack: an error, with the first date."""
    if pledges:
        return
    everything, _ = pledges_in_scope(ledger, conference)
    days = [made.last_day for pledge in everything if (made := _made_on(pledge, ledger.conferences))]
    if days and min(days) > as_of:
        raise PkledgerError(
            f"as of {as_of} no pledge on {conference.id} had been made: the pack would be empty",
            hint=f"the first one dates from {min(days)}; pass --as-of on or after it, or leave --as-of out",
        )


def _made_on(pledge: Pledge, conferences: dict[str, Conference]) -> PartialDate | None:
    conference = conferences.get(pledge.conference or "")
    return pledge.announced_on or (conference.start_date if conference else None)


def _coverage_on(ledger: Ledger, day: date, as_of: date, *, needs_on: date | None = None) -> Coverage | None:
    """Coverage on a day around the conference, when the pack's date is after it; the day before
    it opened is taken against the needs of its last day, as `match --conference` does, so that the
    difference is what the conference's pledges added."""
    return coverage_on(ledger, day, needs_on=needs_on) if day <= as_of else None


def _follow_up(then: Ledger, previous: Conference, as_of: date) -> list[FollowUpLine]:
    members = family(then, previous.id)
    since = previous.end_date.last_day
    return [
        FollowUpLine(pledge, pledge.status, follow_up(pledge, pledge.status, since, as_of))
        for pledge in sorted(then.pledges.values(), key=lambda pledge: (pledge.member_state, pledge.id))
        if pledge.conference in members
    ]


def unrecorded_personnel(pledges: Iterable[Pledge]) -> int:
    """Offers of uniformed capabilities (units or individuals) that record no personnel."""
    capabilities = reference().capabilities
    return sum(
        1
        for pledge in pledges
        for offer in pledge.offers
        if offer.personnel is None
        and (found := capabilities.get(offer.capability or ""))
        and found.component != "civilian"
    )


def pledge_lines(ledger: Ledger, pledges: Sequence[Pledge], allocated: set[str]) -> list[PledgeLine]:
    findings = {entry.declared_id: [f.name for f in entry.findings] for entry in ledger.entries}
    return [_pledge_line(ledger, pledge, findings.get(pledge.id, []), allocated) for pledge in pledges]


def _pledge_line(ledger: Ledger, pledge: Pledge, findings: list[str], allocated: set[str]) -> PledgeLine:
    answers_need = bool(pledge.responds_to) or pledge.id in allocated
    target = pledge_target(pledge, made_on(pledge, ledger.conferences.get(pledge.conference or "")))
    return PledgeLine(
        pledge, not_met(pledge, findings, answers_need=answers_need), target.year if target else None
    )


def problems_of(ledger: Ledger, shown: set[str]) -> list[Problem]:
    return [problem for entry in ledger.entries if entry.declared_id in shown for problem in entry.problems()]
