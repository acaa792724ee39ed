"""`pkledger match`: which pledges can fill which capability gaps, the optimal allocation, and what
stays open."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from pkledger.analysis.allocate import Demand, allocate
from pkledger.analysis.query import family
from pkledger.format.models import CapabilityGap, Pledge
from pkledger.format.reference import ANY_MISSION, reference
from pkledger.format.rules.eligibility import (
    EligibilityIndex,
    GapFacts,
    PledgeFacts,
    Verdict,
    gap_facts,
    judge_facts,
    pledge_counts,
    pledge_facts,
)
from pkledger.format.statuses import FIRM
from pkledger.ledger.entry import Ledger

PRIORITY_TIER = {"critical": 0, "high": 1, "medium": 2, "low": 3}


class Candidate(NamedTuple):
    """A pledge that could bear on a gap, and the verdict of the rules."""

    pledge: Pledge
    verdict: Verdict
    declared: bool
    """The pledge names this gap in `responds_to`."""

    @property
    def eligible(self) -> bool:
        return self.verdict.eligible

    def reasons(self) -> list[str]:
        return [*self.verdict.reasons, *self.verdict.flags]


@dataclass
class GapMatch:
    """One gap: the pledges that bear on it, those eligible, and the units allocated to it."""

    gap: CapabilityGap
    pledges: list[Pledge]
    """Pledges whose capability can provide the gap's, and those naming it in `responds_to`."""
    eligible: set[str]
    facts: dict[str, PledgeFacts] = field(repr=False)
    allocations: dict[str, int] = field(default_factory=dict)

    @functools.cached_property
    def candidates(self) -> list[Candidate]:
        """Every pledge bearing on the gap with the verdict of the rules (built when first read)."""
        needs = gap_facts(self.gap)
        return [_candidate(pledge, self.gap, self.facts[pledge.id], needs) for pledge in self.pledges]

    @property
    def required(self) -> int:
        return self.gap.quantity

    @property
    def covered(self) -> int:
        return sum(self.allocations.values())

    @property
    def shortfall(self) -> int:
        return max(self.required - self.covered, 0)

    def covered_by(self, *, firm: bool) -> int:
        """Units from registered-and-later pledges (firm) or from announced ones."""
        statuses = {pledge.id: pledge.status for pledge in self.pledges}
        return sum(units for pledge, units in self.allocations.items() if (statuses[pledge] in FIRM) == firm)


@dataclass
class MatchResult:
    """Every gap in scope with its candidates and allocation, the pledges left over, and the
    declared links that break a rule."""

    gaps: list[GapMatch]
    unmatched_pledges: list[Pledge]
    link_warnings: list[str]


def match(ledger: Ledger, *, conference: str | None = None, mission: str | None = None) -> MatchResult:
    """Judge every pledge against every gap it could bear on, and allocate units optimally."""
    pledges = _pledges_in_scope(ledger, conference)
    facts = {pledge.id: pledge_facts(pledge) for pledge in pledges}
    index = EligibilityIndex(facts)
    by_capability = _pledges_by_capability(pledges)
    declaring = _declaring(pledges)
    declared = {pledge.id for pledge in pledges if pledge.responds_to}
    matches = []
    for gap in _gaps_in_scope(ledger, mission):
        named_here = {pledge.id for pledge in declaring.get(gap.id, [])}
        eligible = index.eligible(gap_facts(gap)) - (declared - named_here)
        bearing = _bearing(by_capability.get(gap.capability, []), declaring.get(gap.id, []))
        matches.append(GapMatch(gap, bearing, eligible, facts))
    flows = allocate(_capacities(pledges), _demands(item.gap for item in matches), _edges(matches))
    for item in matches:
        item.allocations = _ordered(flows.get(item.gap.id, {}), item.pledges)
    allocated = {pledge for flow in flows.values() for pledge in flow}
    unmatched = [p for p in pledges if facts[p.id].blocker is None and p.id not in allocated]
    return MatchResult(matches, unmatched, _link_warnings(matches, declaring))


def _pledges_in_scope(ledger: Ledger, conference: str | None) -> list[Pledge]:
    pledges = sorted(ledger.pledges.values(), key=lambda p: p.id)
    if conference is None:
        return pledges
    members = family(ledger, conference)
    return [pledge for pledge in pledges if pledge.conference in members]


def _gaps_in_scope(ledger: Ledger, mission: str | None) -> list[CapabilityGap]:
    wanted = {mission.upper(), ANY_MISSION} if mission else None
    gaps = [gap for gap in ledger.gaps.values() if wanted is None or gap.mission in wanted]
    return sorted(gaps, key=lambda gap: (PRIORITY_TIER[gap.priority], gap.id))


def _pledges_by_capability(pledges: Iterable[Pledge]) -> dict[str, list[Pledge]]:
    """For each capability, the pledges whose capability can provide it."""
    capabilities = reference().capabilities
    index: dict[str, list[Pledge]] = defaultdict(list)
    for pledge in pledges:
        offered = capabilities.get(pledge.capability or "")
        for provided in offered.provides if offered else ():
            index[provided].append(pledge)
    return index


def _declaring(pledges: Iterable[Pledge]) -> dict[str, list[Pledge]]:
    index: dict[str, list[Pledge]] = defaultdict(list)
    for pledge in pledges:
        for gap in pledge.responds_to:
            index[gap].append(pledge)
    return index


def _bearing(able: list[Pledge], declaring: list[Pledge]) -> list[Pledge]:
    if not declaring:
        return able
    return sorted(
        {pledge.id: pledge for pledge in [*able, *declaring]}.values(), key=lambda pledge: pledge.id
    )


def _candidate(pledge: Pledge, gap: CapabilityGap, offers: PledgeFacts, needs: GapFacts) -> Candidate:
    verdict = judge_facts(offers, needs)
    declared = gap.id in pledge.responds_to
    if pledge.responds_to and not declared:
        reason = "declared for other gaps: " + ", ".join(pledge.responds_to)
        verdict = Verdict((*verdict.blockers, reason), verdict.broken, verdict.flags)
    return Candidate(pledge, verdict, declared)


def _capacities(pledges: Iterable[Pledge]) -> dict[str, int]:
    return {pledge.id: pledge.quantity or 1 for pledge in pledges if pledge_counts(pledge) is None}


def _demands(gaps: Iterable[CapabilityGap]) -> list[Demand]:
    return [Demand(gap.id, gap.quantity, PRIORITY_TIER[gap.priority]) for gap in gaps]


def _edges(matches: Iterable[GapMatch]) -> dict[str, list[str]]:
    """For each pledge, the gaps it may fill, in gap order."""
    edges: dict[str, list[str]] = defaultdict(list)
    for item in matches:
        for pledge in sorted(item.eligible):
            edges[pledge].append(item.gap.id)
    return edges


def _ordered(flow: dict[str, int], pledges: list[Pledge]) -> dict[str, int]:
    return {pledge.id: flow[pledge.id] for pledge in pledges if pledge.id in flow}


def _link_warnings(matches: Iterable[GapMatch], declaring: dict[str, list[Pledge]]) -> list[str]:
    """A declared `responds_to` link that breaks a rule, named."""
    warnings = []
    for item in matches:
        needs = gap_facts(item.gap)
        for pledge in declaring.get(item.gap.id, []):
            broken = judge_facts(item.facts[pledge.id], needs).broken
            if broken:
                warnings.append(f"{pledge.id} answers {item.gap.id} but breaks a rule: " + "; ".join(broken))
    return warnings
