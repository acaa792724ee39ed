"""The one place the briefing pack asks the matcher what covers a conference's gaps.

Every use of pkledger.analysis.match in the pack goes through ``coverage_on``, so that matching
"as of a date" (pkledger.analysis.match, the engine `match`, `stats` and `diff` use too) decides
every number the pack shows about gaps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pkledger.analysis.match import GapMatch, match
from pkledger.format.models import CapabilityGap
from pkledger.format.quantities import Amount
from pkledger.ledger.entry import Ledger


@dataclass(frozen=True)
class GapCoverage:
    """One gap on a date: what it needs, what pledges cover, and which pledges answer it."""

    gap: CapabilityGap
    amount: Amount | None
    """What the gap needs, in its measure; its value is None when not published."""
    covered: int
    announced: int
    """The part of ``covered`` that pledges only announced give."""
    approximate: bool
    """True when the need is not an exact figure ("about", "at least", "up to")."""
    answered_by: tuple[tuple[str, str, int], ...]
    """(pledge id, offer label, units) of each allocation, in the matcher's order."""
    declared: tuple[tuple[str, str], ...] = ()
    """(offer label, the rules it fails) of each offer whose pledge names this gap in
    `responds_to` but that counts for nothing here: answered, never "nobody answered"."""

    @property
    def required(self) -> int | None:
        return self.amount.value if self.amount else None

    @property
    def shortfall(self) -> int:
        return max((self.required or 0) - self.covered, 0)


@dataclass(frozen=True)
class Coverage:
    """Every gap's coverage on a date, and the pledges answering none."""

    on: date
    gaps: list[GapCoverage]
    unmatched: list[str]
    """Ids of the pledges with offers but none allocated to any gap."""


def coverage_on(ledger: Ledger, on: date, *, needs_on: date | None = None) -> Coverage:
    """The gaps' coverage on a date, as `pkledger match --as-of` computes it: the gaps taking units
    that day and the offers available then. ``needs_on`` takes the gaps' needs of another day (the
    conference's last day, for the coverage on the day before it opened)."""
    result = match(ledger, as_of=on, needs_on=needs_on)
    gaps = [_gap_coverage(item) for item in result.gaps]
    return Coverage(on, gaps, sorted(pledge.id for pledge in result.unmatched_pledges))


def _gap_coverage(item: GapMatch) -> GapCoverage:
    amount = item.amount
    return GapCoverage(
        gap=item.gap,
        amount=amount,
        covered=item.covered,
        announced=item.covered_by(firm=False),
        approximate=amount is not None and amount.qualifier != "exact",
        answered_by=tuple(
            (supply.pledge.id, supply.label, units) for supply, units in item.allocations.items()
        ),
        declared=tuple(
            (candidate.supply.label, "; ".join(candidate.reasons()))
            for candidate in item.candidates
            if candidate.declared and candidate.supply not in item.allocations
        ),
    )
