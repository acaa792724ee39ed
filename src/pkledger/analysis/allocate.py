"""Optimal allocation of pledged units to gaps.

Units are indivisible; a pledge of quantity q gives at most q units in all; a gap takes at most
its required quantity. The allocation maximises covered units weighted by priority, where
critical >> high >> medium >> low: no number of lower-priority units outweighs one more unit of
a higher priority.

The method is exact, and works on quantities in bulk: a maximum flow from pledges (capacity:
their quantity) to gaps (capacity: what they require), tier by tier. Gaps are taken highest
priority first, and each takes as many units as *any* rearrangement of the units allocated so far
makes room for: first the spare units of the pledges it may take, then, while units are missing,
a breadth-first search for a shortest augmenting path (gap <- pledge already full <- another gap
that pledge serves <- another pledge ... <- a pledge with units to spare) along which as many
units as the path allows move at once. An augmenting path never uncovers a unit covered before,
so a higher tier's flow is never reduced; and once no path reaches a gap none ever will (the
pledges and gaps a spare unit can reach only shrink), so each tier's flow is maximal given the
tiers above: the allocation is priority-lexicographically optimal (the sets of gap units that can
be covered together form a transversal matroid, for which this greedy order is exact). Greedy
assignment without the search is not optimal: it can give a pledge to a gap that others could
fill and leave another gap, which only that pledge could fill, open.

Each augmentation fills the gap, empties a pledge, or empties a link of the path, so the number of
augmentations is bounded by the size of the graph (as in Edmonds and Karp's algorithm), never by
the quantities: pledges of a million units take as long as pledges of one. Moving a path's whole
bottleneck at once gives exactly the allocation that moving its units one by one would.

A pledge from which a search found no spare unit stays unable to lead to one (allocations only
use up capacity), so failed searches mark the pledges they saw as exhausted and later searches
skip them; that keeps the whole allocation close to linear in the number of eligible pairs.

Ties are broken deterministically: gaps are taken in the order given, pledges in the order of
each gap's eligible list.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Demand:
    """A gap as the allocator sees it."""

    gap: str
    quantity: int
    tier: int
    """0 for the highest priority; lower numbers are served first."""


class _Allocation:
    def __init__(self, capacity: Mapping[str, int], eligible: Mapping[str, Sequence[str]]) -> None:
        self.spare = dict(capacity)
        self.eligible = eligible
        self.given: dict[str, dict[str, int]] = {}
        """For each gap, the units each pledge gives it."""
        self.serves: dict[str, dict[str, int]] = {}
        """For each pledge, the units it gives each gap."""
        self.exhausted: set[str] = set()

    def cover(self, gap: str, wanted: int) -> int:
        """Cover up to ``wanted`` more units of a gap, rearranging earlier allocations if that is
        what it takes; return how many were covered."""
        covered = 0
        for pledge in self.eligible.get(gap, ()):
            spare = self.spare.get(pledge, 0)
            if spare > 0 and covered < wanted:
                units = min(spare, wanted - covered)
                self._move(pledge, None, gap, units)
                covered += units
        while covered < wanted:
            path = self._augmenting_path(gap)
            if path is None:
                break  # the remaining units of this gap cannot be covered either
            units = min(wanted - covered, self._bottleneck(path))
            for pledge, taken_from, given_to in path:
                self._move(pledge, taken_from, given_to, units)
            covered += units
        return covered

    def _bottleneck(self, path: list[tuple[str, str | None, str]]) -> int:
        """How many units can move along a path: the last pledge's spare, and each link it reverses."""
        return min(
            self.spare[pledge] if taken_from is None else self.serves[pledge][taken_from]
            for pledge, taken_from, _ in path
        )

    def _augmenting_path(self, start: str) -> list[tuple[str, str | None, str]] | None:
        """Moves (pledge, gap it leaves or None for a spare unit, gap it joins) that free a unit for
        ``start``; None when no rearrangement can."""
        pledge_via: dict[str, str] = {}
        """Each pledge reached, and the gap it would give a unit to."""
        gap_via: dict[str, str] = {}
        """Each gap reached, and the pledge serving it through which it was reached."""
        queue, seen = deque([start]), {start}
        while queue:
            gap = queue.popleft()
            for pledge in self.eligible.get(gap, ()):
                if pledge in pledge_via or pledge in self.exhausted:
                    continue
                pledge_via[pledge] = gap
                if self.spare.get(pledge, 0) > 0:
                    return self._unwind(pledge, pledge_via, gap_via)
                for other in self.serves.get(pledge, {}):
                    if other not in seen:
                        seen.add(other)
                        gap_via[other] = pledge
                        queue.append(other)
        self.exhausted.update(pledge_via)
        return None

    @staticmethod
    def _unwind(
        pledge: str, pledge_via: dict[str, str], gap_via: dict[str, str]
    ) -> list[tuple[str, str | None, str]]:
        moves: list[tuple[str, str | None, str]] = []
        taken_from: str | None = None
        while True:
            gap = pledge_via[pledge]
            moves.append((pledge, taken_from, gap))
            if gap not in gap_via:
                return moves
            taken_from, pledge = gap, gap_via[gap]

    def _move(self, pledge: str, taken_from: str | None, given_to: str, units: int) -> None:
        if taken_from is None:
            self.spare[pledge] -= units
        else:
            self._change(pledge, taken_from, -units)
        self._change(pledge, given_to, +units)

    def _change(self, pledge: str, gap: str, units: int) -> None:
        by_pledge = self.given.setdefault(gap, {})
        by_pledge[pledge] = by_pledge.get(pledge, 0) + units
        by_gap = self.serves.setdefault(pledge, {})
        by_gap[gap] = by_gap.get(gap, 0) + units
        if by_pledge[pledge] == 0:
            del by_pledge[pledge]
            del by_gap[gap]


Exchange = tuple[str, int, int]
"""An offer converted into a gap's measure: (offer, its quantity, the gap's quantity it gives):
``(key, 1, 250)`` for a unit of 250 personnel, ``(key, 3, 1)`` for three aircraft making a unit."""


def allocate(
    capacity: Mapping[str, int],
    demands: Sequence[Demand],
    edges: Mapping[str, Sequence[str]],
    converted: Mapping[str, Sequence[Exchange]] | None = None,
) -> dict[str, dict[str, int]]:
    """What each pledge gives each gap, ``{gap: {pledge: quantity}}``: optimal by tier.

    ``edges`` gives, for each pledge, the gaps it may fill in the gap's own measure: over these the
    allocation is exact. ``converted`` gives, for each gap, the offers that count for it only through
    a unit size: after each tier's exact flow, they fill what that tier still lacks, in order, in
    whole exchanges, from what is spare (so a higher tier is always served first).
    """
    eligible: dict[str, list[str]] = {}
    for pledge, gaps in edges.items():
        for gap in gaps:
            eligible.setdefault(gap, []).append(pledge)
    allocation = _Allocation(capacity, eligible)
    extra: dict[str, dict[str, int]] = {}
    ordered = sorted(demands, key=lambda demand: demand.tier)
    for tier in sorted({demand.tier for demand in ordered}):
        group = [demand for demand in ordered if demand.tier == tier]
        covered = {
            demand.gap: allocation.cover(demand.gap, demand.quantity)
            for demand in group
            if demand.quantity > 0
        }
        for demand in group:
            missing = demand.quantity - covered.get(demand.gap, 0)
            given = _exchange(allocation.spare, missing, (converted or {}).get(demand.gap, ()))
            if given:
                extra[demand.gap] = given
    flows = {gap: dict(units) for gap, units in allocation.given.items() if units}
    for gap, given in extra.items():
        flows.setdefault(gap, {}).update(given)
    return flows


def _exchange(spare: dict[str, int], wanted: int, offers: Sequence[Exchange]) -> dict[str, int]:
    """Whole exchanges from converted offers, in order, until the gap has what it lacks."""
    given: dict[str, int] = {}
    for offer, cost, gain in offers:
        exchanges = min(spare.get(offer, 0) // cost, -(-wanted // gain)) if gain and wanted > 0 else 0
        if exchanges > 0:
            quantity = min(wanted, exchanges * gain)
            spare[offer] -= exchanges * cost
            wanted -= quantity
            given[offer] = quantity
    return given
