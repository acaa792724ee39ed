"""`pkledger match`: which offers can fill which capability gaps, the optimal allocation, and what
stays open.

Each offer of a pledge that names a capability is a separate supply (the pledge and the offer's
index), counted in its own measure; it counts for a gap only when the measures are the same.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from pkledger.analysis.allocate import Demand, allocate
from pkledger.analysis.query import family
from pkledger.format.models import CapabilityGap, Pledge
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


@dataclass(frozen=True, slots=True)
class Supply:
    """One offer of a pledge, as matching sees it; equal to another for the same pledge id and offer."""

    pledge: Pledge = field(compare=False)
    offer: int
    """The offer's index in the pledge's `offers`, from 0."""
    pledge_id: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pledge_id", self.pledge.id)

    @property
    def key(self) -> str:
        return supply_key(self.pledge.id, self.offer)

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


@dataclass
class MatchResult:
    """Every gap in scope with its candidates and allocation, the offers left over, and the
    declared links that break a rule."""

    gaps: list[GapMatch]
    unmatched: list[Supply]
    """Offers that could count but were given to no gap."""
    link_warnings: list[str]

    @property
    def unmatched_pledges(self) -> list[Pledge]:
        """The pledges of the offers left over, once each, in order."""
        return list({supply.pledge.id: supply.pledge for supply in self.unmatched}.values())


def match(
    ledger: Ledger,
    *,
    conference: str | None = None,
    mission: str | None = None,
    catalogue: Mapping[str, Capability] | None = None,
) -> MatchResult:
    """Judge every offer against every gap it could bear on, and allocate optimally.

    ``catalogue`` is the capability catalogue to match with (the packaged one by default).
    """
    capabilities = catalogue if catalogue is not None else reference().capabilities
    supplies = _supplies(_pledges_in_scope(ledger, conference))
    by_key = {supply.key: supply for supply in supplies}
    facts = {supply.key: offer_facts(supply.pledge, supply.offer, capabilities) for supply in supplies}
    index = EligibilityIndex(facts)
    by_capability = _supplies_by_capability(supplies, capabilities)
    declaring = _declaring(supplies)
    bound = {supply.key for named in declaring.values() for supply in named}
    matches = []
    for gap in _gaps_in_scope(ledger, mission):
        needs = gap_facts(gap, capabilities)
        named_here = {supply.key for supply in declaring.get(gap.id, [])}
        eligible = index.eligible(needs) - (bound - named_here)
        bearing = _bearing(by_capability.get(gap.capability, []), declaring.get(gap.id, []))
        amount = amount_of(gap.quantity, gap.capability, capabilities)
        matches.append(GapMatch(gap, bearing, eligible, facts, needs, amount))
    capacity = {key: fact.value for key, fact in facts.items() if fact.blocker is None}
    flows = allocate(capacity, _demands(matches), _edges(matches))
    for item in matches:
        item.allocations = _ordered(flows.get(item.gap.id, {}), item.supplies)
    allocated = {key for flow in flows.values() for key in flow}
    unmatched = [by_key[key] for key in by_key if facts[key].blocker is None and key not in allocated]
    return MatchResult(matches, unmatched, _link_warnings(matches, declaring))


def _pledges_in_scope(ledger: Ledger, conference: str | None) -> list[Pledge]:
    pledges = sorted(ledger.pledges.values(), key=lambda p: p.id)
    if conference is None:
        return pledges
    members = family(ledger, conference)
    return [pledge for pledge in pledges if pledge.conference in members]


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


def _demands(matches: Iterable[GapMatch]) -> list[Demand]:
    """What each gap takes: its published value (a gap without one takes nothing)."""
    return [Demand(item.gap.id, item.required or 0, PRIORITY_TIER[item.gap.priority]) for item in matches]


def _edges(matches: Iterable[GapMatch]) -> dict[str, list[str]]:
    """For each offer, the gaps it may fill, in gap order."""
    edges: dict[str, list[str]] = defaultdict(list)
    for item in matches:
        for key in sorted(item.eligible):
            edges[key].append(item.gap.id)
    return edges


def _ordered(flow: dict[str, int], supplies: list[Supply]) -> dict[Supply, int]:
    return {supply: flow[supply.key] for supply in supplies if supply.key in flow}


def _link_warnings(matches: Iterable[GapMatch], declaring: dict[str, list[Supply]]) -> list[str]:
    """A declared `responds_to` link that breaks a rule, named."""
    warnings = []
    for item in matches:
        for supply in declaring.get(item.gap.id, []):
            broken = judge_facts(item.facts[supply.key], item.needs).broken
            if broken:
                warnings.append(
                    f"{supply.label} answers {item.gap.id} but breaks a rule: " + "; ".join(broken)
                )
    return warnings
