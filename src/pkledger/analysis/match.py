"""`pkledger match`: which offers can fill which capability gaps at a date D, the optimal
allocation, and what stays open. `brief`, `stats` and `diff` call this one engine.

Each offer of a pledge that names a capability is a separate supply (the pledge and the offer's
index), counted in its own measure; it counts for a gap in the gap's measure, converted only
through the catalogue's published unit sizes. What is available at D (and why not) is decided in
pkledger.analysis.availability.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple

from pkledger.analysis.allocate import Demand, allocate
from pkledger.analysis.availability import conference_days, gap_unavailable, pledge_unavailable, status_on
from pkledger.analysis.query import family
from pkledger.format.models import CapabilityGap, Conference, Pledge
from pkledger.format.models.pledge import split_response
from pkledger.format.quantities import Amount, amount_of
from pkledger.format.reference import ANY_MISSION, Capability, reference
from pkledger.format.rules.eligibility import (
    EligibilityIndex,
    GapFacts,
    OfferFacts,
    Verdict,
    gap_facts,
    judge_facts,
    offer_facts,
    supply_key,
)
from pkledger.format.statuses import FIRM
from pkledger.ledger.entry import Ledger

PRIORITY_TIER = {"critical": 0, "high": 1, "medium": 2, "low": 3}
UNPUBLISHED_TIER = len(PRIORITY_TIER)
"""A gap whose quantity is not published takes what the offers eligible for it have left, after
every gap with a published quantity."""


@dataclass(frozen=True, slots=True)
class Supply:
    """One offer of a pledge, as matching sees it; equal to another for the same pledge id and offer."""

    pledge: Pledge = field(compare=False)
    offer: int
    """The offer's index in the pledge's `offers`, from 0."""
    pledge_id: str = field(init=False)
    key: str = field(init=False, compare=False, repr=False)
    """The supply's name, ``id#N`` (computed once: matching reads it a million times)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "pledge_id", self.pledge.id)
        object.__setattr__(self, "key", supply_key(self.pledge.id, self.offer))

    @property
    def label(self) -> str:
        """The pledge's id, with the offer's number (from 1) when the pledge makes several offers."""
        return self.pledge.id if len(self.pledge.offers) == 1 else self.key


class Candidate(NamedTuple):
    """An offer that could bear on a gap, and the verdict of the rules."""

    supply: Supply
    verdict: Verdict
    declared: bool
    """The pledge names this gap (for this offer) in `responds_to`."""

    @property
    def pledge(self) -> Pledge:
        return self.supply.pledge

    @property
    def eligible(self) -> bool:
        return self.verdict.eligible

    def reasons(self) -> list[str]:
        return [*self.verdict.reasons, *self.verdict.flags]


@dataclass
class GapMatch:
    """One gap: the offers that bear on it, those eligible, and what is allocated to it."""

    gap: CapabilityGap
    supplies: list[Supply]
    """Offers whose capability can provide the gap's, and those naming it in `responds_to`."""
    eligible: set[str]
    """The keys of the eligible offers."""
    facts: dict[str, OfferFacts] = field(repr=False)
    needs: GapFacts = field(repr=False)
    amount: Amount | None = None
    """The gap's quantity, in its measure; its value is None when not published."""
    allocations: dict[Supply, int] = field(default_factory=dict)
    """What each offer gives, in the gap's measure."""
    covered_before: int | None = None
    """With a conference: the coverage at the day before it opened."""

    @property
    def approximate(self) -> bool:
        """The need or a counted offer is qualified (at least, up to, about), or was converted
        through a size the source gives as "about"."""
        if self.amount is not None and self.amount.approximate:
            return True
        measure = self.amount.measure if self.amount else None
        return any(self.facts[supply.key].in_measure(measure).approximate for supply in self.allocations)

    @functools.cached_property
    def candidates(self) -> list[Candidate]:
        """Every offer bearing on the gap with the verdict of the rules (built when first read)."""
        return [_candidate(supply, self.gap, self.facts[supply.key], self.needs) for supply in self.supplies]

    @property
    def required(self) -> int | None:
        """The quantity needed, in the gap's measure; None when the source publishes none."""
        return self.amount.value if self.amount else None

    @property
    def covered(self) -> int:
        return sum(self.allocations.values())

    @property
    def shortfall(self) -> int:
        return max((self.required or 0) - self.covered, 0)

    def covered_by(self, *, firm: bool) -> int:
        """What registered-and-later pledges (firm) or announced ones give."""
        return sum(
            units for supply, units in self.allocations.items() if (supply.pledge.status in FIRM) == firm
        )


class ExcludedGap(NamedTuple):
    """A gap in scope that takes no units at the date, and why."""

    gap: CapabilityGap
    reason: str


@dataclass
class MatchResult:
    """Every gap taking units at the date with its candidates and allocation, the gaps that take
    none and why, the offers left over, and the declared links that break a rule."""

    gaps: list[GapMatch]
    unmatched: list[Supply]
    """Offers that could count but were given to no gap (a pledge that names a gap is never here)."""
    link_warnings: list[str]
    as_of: date = field(default_factory=date.today)
    excluded: list[ExcludedGap] = field(default_factory=list)
    before: date | None = None
    """With a conference: the day before it opened, when ``covered_before`` was computed."""

    @property
    def unmatched_pledges(self) -> list[Pledge]:
        """The pledges of the offers left over, once each, in order."""
        return list({supply.pledge.id: supply.pledge for supply in self.unmatched}.values())


def match(
    ledger: Ledger,
    *,
    as_of: date | None = None,
    conference: str | None = None,
    mission: str | None = None,
    catalogue: Mapping[str, Capability] | None = None,
    needs_on: date | None = None,
) -> MatchResult:
    """Judge every offer against every gap taking units at a date, and allocate optimally.

    ``as_of`` is the date D (today by default, or the conference's last day); with ``conference``,
    each gap's coverage is also computed at the day before the conference opened
    (``covered_before``), and only the conference's pledges are listed as unmatched. ``catalogue``
    is the capability catalogue to match with (the packaged one by default). ``needs_on`` is the
    date at which the gaps' needs are taken (D by default): offers as they stood on one day against
    the needs of another. ``covered_before`` uses it, so that it holds the needs of D fixed and the
    difference from ``covered`` is what offers made during the conference added.
    """
    capabilities = catalogue if catalogue is not None else reference().capabilities
    if conference is None:
        day = as_of or date.today()
        return _match_at(ledger, day, mission, capabilities, needs_on or day)
    before, last_day = conference_days(ledger.conferences[conference])
    day = as_of or last_day
    result = _match_at(ledger, day, mission, capabilities, needs_on or day)
    earlier = {
        item.gap.id: item.covered for item in _match_at(ledger, before, mission, capabilities, day).gaps
    }
    for item in result.gaps:
        item.covered_before = earlier.get(item.gap.id, 0)
    members = family(ledger, conference)
    result.unmatched = [supply for supply in result.unmatched if supply.pledge.conference in members]
    result.before = before
    return result


def _match_at(
    ledger: Ledger, as_of: date, mission: str | None, capabilities: Mapping[str, Capability], needs_on: date
) -> MatchResult:
    conferences = ledger.conferences
    supplies = _supplies(
        _pledge_at(pledge, as_of) for pledge in sorted(ledger.pledges.values(), key=lambda p: p.id)
    )
    by_key = {supply.key: supply for supply in supplies}
    facts = {supply.key: _offer_facts_at(supply, as_of, conferences, capabilities) for supply in supplies}
    index = EligibilityIndex(facts)
    by_capability = _supplies_by_capability(supplies, capabilities)
    declaring = _declaring(supplies)
    bound = {supply.key for named in declaring.values() for supply in named}
    matches, excluded = [], []
    for gap in _gaps_in_scope(ledger, mission):
        why = gap_unavailable(gap, needs_on)
        if why is not None:
            excluded.append(ExcludedGap(gap, why))
            continue
        gap = _gap_at(gap, needs_on)
        needs = gap_facts(gap, capabilities)
        named_here = {supply.key for supply in declaring.get(gap.id, [])}
        eligible = index.eligible(needs) - (bound - named_here)
        bearing = _bearing(by_capability.get(gap.capability, []), declaring.get(gap.id, []))
        amount = amount_of(gap.quantity, gap.capability, capabilities)
        matches.append(GapMatch(gap, bearing, eligible, facts, needs, amount))
    capacity = {key: fact.value for key, fact in facts.items() if fact.blocker is None}
    flows = allocate_in_measures(capacity, matches, facts)
    for item in matches:
        item.allocations = _ordered(flows.get(item.gap.id, {}), by_key)
    allocated = {key for flow in flows.values() for key in flow}
    unmatched = [
        by_key[key]
        for key in by_key
        if facts[key].blocker is None and key not in allocated and not by_key[key].pledge.responds_to
    ]
    warnings = _link_warnings(matches, declaring) + _links_to_excluded(excluded, declaring, as_of)
    return MatchResult(matches, unmatched, warnings, as_of=as_of, excluded=excluded)


def _pledge_at(pledge: Pledge, as_of: date) -> Pledge:
    """The pledge with its status at the date (a copy only when the status differs)."""
    status = status_on(pledge, as_of)
    return pledge if status == pledge.status else pledge.model_copy(update={"status": status})


def _gap_at(gap: CapabilityGap, as_of: date) -> CapabilityGap:
    status = status_on(gap, as_of)
    return gap if status == gap.status else gap.model_copy(update={"status": status})


def _offer_facts_at(
    supply: Supply, as_of: date, conferences: Mapping[str, Conference], capabilities: Mapping[str, Capability]
) -> OfferFacts:
    """The offer's facts, blocked with the reason in words when its pledge is not available at the date."""
    fact = offer_facts(supply.pledge, supply.offer, capabilities)
    why = pledge_unavailable(supply.pledge, as_of, conferences)
    return fact if why is None else replace(fact, blocker=why)


def _supplies(pledges: Iterable[Pledge]) -> list[Supply]:
    return [Supply(pledge, index) for pledge in pledges for index in range(len(pledge.offers))]


def _gaps_in_scope(ledger: Ledger, mission: str | None) -> list[CapabilityGap]:
    wanted = {mission.upper(), ANY_MISSION} if mission else None
    gaps = [gap for gap in ledger.gaps.values() if wanted is None or gap.mission in wanted]
    return sorted(gaps, key=lambda gap: (PRIORITY_TIER[gap.priority], gap.id))


def _supplies_by_capability(
    supplies: Iterable[Supply], capabilities: Mapping[str, Capability]
) -> dict[str, list[Supply]]:
    """For each capability, the offers whose capability can provide it."""
    index: dict[str, list[Supply]] = defaultdict(list)
    for supply in supplies:
        offered = capabilities.get(supply.pledge.offers[supply.offer].capability or "")
        for provided in offered.provides if offered else ():
            index[provided].append(supply)
    return index


def _declaring(supplies: Iterable[Supply]) -> dict[str, list[Supply]]:
    """For each gap, the offers a `responds_to` entry names: gap-id names every offer, gap-id#N one."""
    index: dict[str, list[Supply]] = defaultdict(list)
    for supply in supplies:
        for entry in supply.pledge.responds_to:
            gap, number = split_response(entry)
            if number is None or number == supply.offer + 1:
                index[gap].append(supply)
    return index


def _bearing(able: list[Supply], declaring: list[Supply]) -> list[Supply]:
    if not declaring:
        return able
    return sorted({supply.key: supply for supply in [*able, *declaring]}.values(), key=_order)


def _order(supply: Supply) -> tuple[str, int]:
    return (supply.pledge.id, supply.offer)


def _candidate(supply: Supply, gap: CapabilityGap, offers: OfferFacts, needs: GapFacts) -> Candidate:
    verdict = judge_facts(offers, needs)
    pledge = supply.pledge
    named = [split_response(entry) for entry in pledge.responds_to]
    mine = [gap_id for gap_id, number in named if number is None or number == supply.offer + 1]
    declared = gap.id in mine
    if mine and not declared:
        reason = "declared for other gaps: " + ", ".join(mine)
        verdict = Verdict((*verdict.blockers, reason), verdict.broken, verdict.flags)
    return Candidate(supply, verdict, declared)


def allocate_in_measures(
    capacity: dict[str, int], matches: list[GapMatch], facts: Mapping[str, OfferFacts]
) -> dict[str, dict[str, int]]:
    """What each offer gives each gap, in the gap's measure: tier by tier, the exact flow over
    offers in the gap's own measure, then offers converted through a unit size for what is left."""
    same: dict[str, list[str]] = defaultdict(list)
    converted: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    measures = {key: fact.measure for key, fact in facts.items()}
    for item in matches:
        measure = item.amount.measure if item.amount else None
        for key in sorted(item.eligible):
            if measure is None or measures[key] == measure:
                same[key].append(item.gap.id)
            elif key in capacity:
                converted[item.gap.id].append((key, *_exchange(facts[key], measure)))
    return allocate(capacity, _demands(matches, capacity), same, converted)


def _exchange(fact: OfferFacts, measure: str | None) -> tuple[int, int]:
    """How many of the offer's measure give how many of the gap's: (1, size) or (aircraft per unit, 1)."""
    size = fact.catalogued.size if fact.catalogued else None
    if fact.measure == "aircraft" and size is not None and size.aircraft:
        return size.aircraft, 1
    return 1, (fact.in_measure(measure).value or 0) // max(fact.value, 1)


def _demands(matches: Iterable[GapMatch], capacity: Mapping[str, int]) -> list[Demand]:
    """What each gap takes: its published value; a gap without one, after all others, what its
    eligible offers can give."""
    demands = []
    for item in matches:
        if item.required is not None:
            demands.append(Demand(item.gap.id, item.required, PRIORITY_TIER[item.gap.priority]))
        else:
            measure = item.amount.measure if item.amount else None
            most = sum(
                item.facts[key].in_measure(measure).value or 0 for key in item.eligible if key in capacity
            )
            demands.append(Demand(item.gap.id, most, UNPUBLISHED_TIER))
    return demands


def _ordered(flow: dict[str, int], by_key: Mapping[str, Supply]) -> dict[Supply, int]:
    """The allocations of a gap, in the order of the offers (pledge id, then offer)."""
    return {by_key[key]: flow[key] for key in sorted(flow, key=lambda key: _order(by_key[key]))}


def _link_warnings(matches: Iterable[GapMatch], declaring: dict[str, list[Supply]]) -> list[str]:
    """A declared `responds_to` link that breaks a rule at the date, named."""
    warnings = []
    for item in matches:
        for supply in declaring.get(item.gap.id, []):
            broken = judge_facts(item.facts[supply.key], item.needs).reasons
            if broken:
                warnings.append(
                    f"{supply.label} answers {item.gap.id} but breaks a rule: " + "; ".join(broken)
                )
    return warnings


def _links_to_excluded(
    excluded: Iterable[ExcludedGap], declaring: dict[str, list[Supply]], as_of: date
) -> list[str]:
    """A declared link to a gap that takes no units at the date, with the gap's reason."""
    return [
        f"{supply.label} answers {item.gap.id}, which takes no units at {as_of}: {item.reason}"
        for item in excluded
        for supply in declaring.get(item.gap.id, [])
    ]
